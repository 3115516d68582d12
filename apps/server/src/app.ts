/**
 * Composition root: builds the HTTP app from a database, a clock and the configuration, and registers
 * every module's routes. Tests build it the same way with a test clock and a throwaway database.
 */

import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { HealthResponse } from '@wuye/contracts';
import { storeDemoFiles } from './demo/demo.residents.ts';
import { arrearsRoutes } from './modules/arrears/arrears.routes.ts';
import { authRoutes } from './modules/auth/auth.routes.ts';
import { resolveActor } from './modules/auth/auth.usecases.ts';
import { boardRoutes } from './modules/board/board.routes.ts';
import { calendarRoutes } from './modules/calendar/calendar.routes.ts';
import { createCalendarStore } from './modules/calendar/calendar.usecases.ts';
import { callbackRoutes } from './modules/callbacks/callbacks.routes.ts';
import { categoryRoutes } from './modules/categories/categories.routes.ts';
import { sweepComplaintAges } from './modules/complaints/complaints.ages.ts';
import { complaintCaseRoutes } from './modules/complaints/complaints.cases.routes.ts';
import { complaintMemoRoutes } from './modules/complaints/complaints.memos.routes.ts';
import { complaintRoutes } from './modules/complaints/complaints.routes.ts';
import { devRoutes } from './modules/dev/dev.routes.ts';
import { fileRoutes } from './modules/files/files.routes.ts';
import { FileStore } from './modules/files/files.store.ts';
import { handoverRoutes } from './modules/handover/handover.routes.ts';
import { homeRoutes } from './modules/home/home.routes.ts';
import { importRoutes } from './modules/imports/import.routes.ts';
import { kpiRoutes } from './modules/kpis/kpis.routes.ts';
import { liveRoutes, type StreamOptions } from './modules/live/live.routes.ts';
import { lookupRoutes } from './modules/lookup/lookup.routes.ts';
import { notificationRoutes } from './modules/notifications/notifications.routes.ts';
import { organisationRoutes } from './modules/organisation/organisation.routes.ts';
import { structureRoutes } from './modules/organisation/organisation.structure.routes.ts';
import { paymentRoutes } from './modules/payments/payments.routes.ts';
import { relationsRoutes } from './modules/relations/relations.routes.ts';
import { alertRoutes } from './modules/requests/requests.alerts.ts';
import { requestRoutes } from './modules/requests/requests.routes.ts';
import { clockMathsFor, usesWorkingDays } from './modules/requests/requests.sla.ts';
import { sweepClocks } from './modules/requests/requests.sweeper.ts';
import type { RequestDeps } from './modules/requests/requests.usecases.ts';
import { residentRoutes } from './modules/residents/residents.routes.ts';
import { settingsRoutes } from './modules/settings/settings.routes.ts';
import { effectiveSlaSettings, slaSettingsOf } from './modules/settings/settings.usecases.ts';
import { unitFileRoutes } from './modules/units/units.routes.ts';
import { vipRoutes } from './modules/vip/vip.routes.ts';
import { PUBLIC } from './platform/access.ts';
import { AdjustableClock, type Clock } from './platform/clock.ts';
import { type Database, sql } from './platform/db.ts';
import { AppError } from './platform/errors.ts';
import { type App, createHttp, errorBody } from './platform/http.ts';
import { alertEvents, createLiveBus, type LiveBus } from './platform/live.ts';

export const VERSION = (
  JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

export interface AppOptions {
  database: Database;
  clock: Clock;
  secret: string;
  demo: boolean;
  production: boolean;
  cookieSecure?: boolean;
  logLevel?: string;
  /** The built web app (apps/web/dist) to serve at /, if any. */
  webDist?: string | null;
  /** Where attachments are stored (`<DATA_DIR>/files`); a directory under the system's temp dir if unset. */
  filesDir?: string;
  /** Largest attachment accepted, in bytes (10 MB if unset). */
  maxUploadBytes?: number;
  /** The live-event bus (GET /api/stream); one is made for the database (and closed with the app) if unset. */
  live?: LiveBus;
  /** Live stream timings (tests shorten them). */
  stream?: StreamOptions;
}

export async function buildApp(o: AppOptions): Promise<App> {
  const { db } = o.database;
  const authDeps = { db, clock: o.clock, secret: o.secret };
  const app = await createHttp({
    logLevel: o.logLevel ?? 'info',
    version: VERSION,
    resolveActor: (token, via) => resolveActor(authDeps, token, via),
  });

  app.get(
    '/api/health',
    { config: { access: PUBLIC }, schema: { tags: ['platform'], response: { 200: HealthResponse } } },
    async () => {
      await db.execute(sql`select 1`);
      return { status: 'ok' as const, database: o.database.kind, version: VERSION };
    },
  );

  const live = o.live ?? createLiveBus(o.database, { onError: (err) => app.log.warn({ err }, 'live bus') });
  if (!o.live) app.addHook('onClose', () => live.close());
  await live.ready();
  liveRoutes(app, { live, ...o.stream });

  authRoutes(app, { ...authDeps, cookieSecure: o.cookieSecure ?? false });
  organisationRoutes(app, { db });
  structureRoutes(app, { db, clock: o.clock });
  unitFileRoutes(app, { db, clock: o.clock });
  residentRoutes(app, { db, clock: o.clock });
  vipRoutes(app, { db, clock: o.clock });
  lookupRoutes(app, { db, clock: o.clock });
  categoryRoutes(app, { db });
  const calendars = createCalendarStore(db);
  calendarRoutes(app, { db, clock: o.clock, calendars });
  settingsRoutes(app, { db, clock: o.clock });
  const clockRulesFor: RequestDeps['clockRulesFor'] = async (tx, estate, overrides) => {
    const rules = overrides ? slaSettingsOf(overrides) : await effectiveSlaSettings(tx, estate.id);
    const calendar = usesWorkingDays(rules) ? await calendars.forCompany(estate.companyId, tx) : undefined;
    return { rules, maths: clockMathsFor(estate.timeZone, rules, calendar) };
  };
  requestRoutes(app, {
    db,
    clock: o.clock,
    // The estate's own settings, read with the caller's transaction each time (one row by key: no cache
    // to go stale across processes); the company's working calendar only when a day rule counts working days.
    clockRulesFor,
    live,
    numbers: o.database.autonomous,
  });
  complaintRoutes(app, { db, clock: o.clock, clockRulesFor, live });
  complaintMemoRoutes(app, { db });
  complaintCaseRoutes(app, { db, clock: o.clock });
  const complaintAges = (now: Date) => sweepComplaintAges({ db, clockRulesFor, live }, now);
  app.decorate('sweepComplaintAges', complaintAges);
  notificationRoutes(app, { db, clock: o.clock });
  alertRoutes(app, { db, clock: o.clock });
  boardRoutes(app, { db, clock: o.clock });
  paymentRoutes(app, { db, clock: o.clock });
  handoverRoutes(app, { db, clock: o.clock });
  callbackRoutes(app, { db, clock: o.clock });
  homeRoutes(app, { db, clock: o.clock });
  kpiRoutes(app, { db, clock: o.clock });
  relationsRoutes(app, { db, clock: o.clock, clockRulesFor, calendars, numbers: o.database.autonomous });
  const store = new FileStore(o.filesDir ?? path.join(tmpdir(), 'wuye-desk-files'));
  // The demo's letters are rows from the seed; their bytes go into this app's store.
  if (o.demo) await storeDemoFiles(store);
  await fileRoutes(app, { db, clock: o.clock, store, maxBytes: o.maxUploadBytes });
  await importRoutes(app, { db, clock: o.clock });
  await arrearsRoutes(app, { db, clock: o.clock });
  if (o.demo && !o.production && o.clock instanceof AdjustableClock) {
    devRoutes(app, {
      clock: o.clock,
      sweepers: [
        (now) => sweepClocks(db, now, { onRaised: (alerts) => live.publish(alertEvents(alerts)) }),
        complaintAges,
      ],
    });
  }

  if (o.webDist && existsSync(path.join(o.webDist, 'index.html'))) {
    const webDist = o.webDist;
    // Files are looked up on each request, so a rebuilt web app is served without a restart.
    // Hashed assets are immutable; index.html is revalidated every time.
    await app.register(fastifyStatic, {
      root: webDist,
      wildcard: true,
      index: 'index.html',
      setHeaders: (res, filePath) => {
        res.header(
          'cache-control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    });
    app.setNotFoundHandler((req, reply) => {
      if (req.url.startsWith('/api') || req.url.startsWith('/assets/') || req.method !== 'GET') {
        return reply.status(404).send(errorBody(new AppError('NOT_FOUND', 'notFound.route'), req.locale));
      }
      // Client-side routes (/requests, /units …) get the app's page.
      return reply
        .type('text/html')
        .header('cache-control', 'no-cache')
        .send(readFileSync(path.join(webDist, 'index.html')));
    });
  } else {
    app.setNotFoundHandler((req, reply) =>
      reply.status(404).send(errorBody(new AppError('NOT_FOUND', 'notFound.route'), req.locale)),
    );
  }
  return app;
}
