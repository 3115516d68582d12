/**
 * Starts Wuye Desk: one Node process serving the API and the built web app.
 * `npm start` — embedded PGlite in ./data with demo data; `npm run start:prod` — production rules.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLE_LABELS } from '@wuye/contracts';
import { buildApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { DEMO_PASSWORD, USERS } from './demo/demo.data.ts';
import { startComplaintAgeSweep } from './modules/complaints/complaints.ages.ts';
import { startSearchBackfill } from './modules/requests/requests.jobs.ts';
import { startClockSweeper } from './modules/requests/requests.sweeper.ts';
import { startVipReminders } from './modules/vip/vip.reminders.ts';
import { AdjustableClock, systemClock } from './platform/clock.ts';
import { ConfigError, loadConfig } from './platform/config.ts';
import { openDatabase } from './platform/db.ts';
import { alertEvents, createLiveBus } from './platform/live.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = path.resolve(here, '../../web/dist');

async function main() {
  let cfg: ReturnType<typeof loadConfig>;
  try {
    cfg = loadConfig(process.env, webDist);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  const clock = cfg.demo && !cfg.production ? new AdjustableClock() : systemClock;
  const database = await openDatabase(cfg);
  const prepared = await prepareDatabase(database, clock, cfg);
  const live = createLiveBus(database, { onError: (err) => console.warn('live bus:', err) });
  await live.ready();
  const app = await buildApp({
    live,
    database,
    clock,
    secret: cfg.secret,
    demo: cfg.demo,
    production: cfg.production,
    cookieSecure: cfg.cookieSecure,
    logLevel: cfg.logLevel,
    webDist: cfg.webDist,
    filesDir: cfg.filesDir,
    maxUploadBytes: cfg.maxUploadBytes,
  });

  // The clock sweeper runs in every process; claiming with SKIP LOCKED keeps alerts exactly once.
  const stopSweeper = startClockSweeper(database.db, () => clock.now(), {
    onError: (err) => app.log.error({ err }, 'clock sweep failed'),
    onSwept: (r) => app.log.info(r, 'clock sweep'),
    onRaised: (alerts) => live.publish(alertEvents(alerts)),
  });
  // Complaints that grew old without a change: 7 days unresolved → hot, 30 → major (SKIP LOCKED too).
  const stopAgeSweep = startComplaintAgeSweep(app.sweepComplaintAges, () => clock.now(), {
    onError: (err) => app.log.error({ err }, 'complaint age sweep failed'),
  });
  // VIP birthdays and festivals three days ahead, to the estate's VIP assistant's inbox (once each).
  const stopVipReminders = startVipReminders(
    { db: database.db, clock },
    { onError: (err) => app.log.error({ err }, 'VIP reminders failed') },
  );
  // Search documents the start could not fill at once (a big table after an upgrade) and stragglers.
  if (prepared.searchBackfillPending)
    app.log.warn(
      { rows: prepared.searchBackfillPending },
      'search documents are being filled in the background; free-text search misses those rows until then',
    );
  const stopBackfill = startSearchBackfill(database.db, {
    onError: (err) => app.log.error({ err }, 'search backfill failed'),
    onFilled: (rows) => app.log.info({ rows }, 'search documents filled'),
  });
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    stopSweeper();
    stopAgeSweep();
    stopVipReminders();
    stopBackfill();
    await app.close();
    await live.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: cfg.port, host: cfg.host });
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(cfg.host) ? 'localhost' : cfg.host;
  const url = `http://${shownHost}:${cfg.port}`;
  const lines = [
    '',
    `  物业客服台 Wuye Desk is running at ${url}`,
    `  Database: ${database.kind === 'pglite' ? `embedded PGlite in ${path.join(cfg.dataDir, 'db')}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (prepared.seeded)
    lines.push(
      `  Demo data seeded: ${prepared.seeded.units} units, ${prepared.seeded.residents} residents, ${prepared.seeded.requests} requests`,
    );
  if (prepared.adminCreated)
    lines.push('  First administrator created from WUYE_ADMIN_USERNAME / WUYE_ADMIN_PASSWORD');
  if (cfg.demo) {
    lines.push('', `  Demo accounts (password ${DEMO_PASSWORD}):`);
    for (const u of USERS.filter((x) => x.listed)) {
      lines.push(
        `    ${u.username.padEnd(13)} ${u.name}  ${u.roles.map((r) => ROLE_LABELS[r]['zh-CN']).join('、')}`,
      );
    }
  }
  console.log(`${lines.join('\n')}\n`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
