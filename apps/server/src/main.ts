/**
 * Starts Wuye Desk: one Node process serving the API and the built web app — or, with WORKERS above
 * one (PostgreSQL only), a primary that migrates once and then keeps that many such processes running
 * on one port (decision 0027).
 * `npm start` — embedded PGlite in ./data with demo data; `npm run start:prod` — production rules.
 */
import cluster, { type Worker } from 'node:cluster';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ROLE_LABELS } from '@wuye/contracts';
import { buildApp } from './app.ts';
import { type PrepareResult, prepareDatabase } from './bootstrap.ts';
import { DEMO_PASSWORD, USERS } from './demo/demo.data.ts';
import { startComplaintAgeSweep } from './modules/complaints/complaints.ages.ts';
import { startSearchBackfill } from './modules/requests/requests.jobs.ts';
import { startClockSweeper } from './modules/requests/requests.sweeper.ts';
import { startVipReminders } from './modules/vip/vip.reminders.ts';
import { AdjustableClock, systemClock } from './platform/clock.ts';
import { type Config, ConfigError, loadConfig } from './platform/config.ts';
import { type DbKind, openDatabase } from './platform/db.ts';
import { alertEvents, createLiveBus } from './platform/live.ts';

const here = path.dirname(fileURLToPath(import.meta.url));
const webDist = path.resolve(here, '../../web/dist');

async function main() {
  let cfg: Config;
  try {
    cfg = loadConfig(process.env, webDist);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(1);
    }
    throw err;
  }
  // A worker's primary has migrated already and prints the banner once all workers listen.
  if (cluster.isWorker) return serve(cfg, false);
  if (cfg.workers > 1) return supervise(cfg);
  return serve(cfg, true);
}

/** One server process: the app, its sweepers and jobs, and a clean shutdown on SIGINT/SIGTERM. */
async function serve(cfg: Config, standalone: boolean) {
  const clock = cfg.demo && !cfg.production ? new AdjustableClock() : systemClock;
  const database = await openDatabase(cfg);
  const prepared = standalone ? await prepareDatabase(database, clock, cfg) : null;
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
  if (prepared?.searchBackfillPending)
    app.log.warn({ rows: prepared.searchBackfillPending }, BACKFILL_WARNING);
  const stopBackfill = startSearchBackfill(database.db, {
    onError: (err) => app.log.error({ err }, 'search backfill failed'),
    onFilled: (rows) => app.log.info({ rows }, 'search documents filled'),
  });
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
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
  if (prepared) {
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : cfg.port;
    console.log(bannerText(cfg, database.kind, prepared, port));
  }
}

const BACKFILL_WARNING =
  'search documents are being filled in the background; free-text search misses those rows until then';

/** A worker that stops this many times within CRASH_WINDOW_MS means a fault a restart will not cure. */
const CRASH_LIMIT = 5;
const CRASH_WINDOW_MS = 60_000;
const RESTART_DELAY_MS = 1_000;
/** How long workers get to finish their requests after SIGTERM before they are killed. */
const STOP_GRACE_MS = 15_000;

/**
 * The primary of WORKERS processes: migrates once (under the start-up lock, as every process would),
 * starts the workers — Node's cluster hands each new connection to the next one — and starts a new
 * worker when one stops, unless they keep stopping. SIGINT/SIGTERM stops the workers, then itself.
 */
async function supervise(cfg: Config) {
  const database = await openDatabase(cfg);
  const prepared = await prepareDatabase(database, systemClock, cfg);
  await database.close();
  if (prepared.searchBackfillPending)
    console.warn(`${BACKFILL_WARNING} (${prepared.searchBackfillPending} rows)`);

  let stopping = false;
  let exitCode = 0;
  let announced = false;
  const listening = new Set<number>();
  const stops: number[] = [];
  const fork = () => cluster.fork();

  cluster.on('listening', (worker: Worker, address) => {
    listening.add(worker.id);
    if (!announced && listening.size === cfg.workers) {
      announced = true;
      console.log(
        bannerText(cfg, database.kind, prepared, address.port, `Processes: ${cfg.workers} workers (WORKERS)`),
      );
    }
  });
  cluster.on('exit', (worker: Worker, code, signal) => {
    listening.delete(worker.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(exitCode);
      return;
    }
    const now = Date.now();
    stops.push(now);
    while (stops.length && (stops[0] ?? 0) < now - CRASH_WINDOW_MS) stops.shift();
    if (stops.length >= CRASH_LIMIT) {
      console.error(`workers stopped ${stops.length} times within a minute; giving up`);
      stopAll(1);
      return;
    }
    console.error(
      `worker ${worker.process.pid} stopped (${signal ?? `exit code ${code}`}); starting another`,
    );
    setTimeout(() => {
      if (!stopping) fork();
    }, RESTART_DELAY_MS);
  });

  const stopAll = (code: number) => {
    stopping = true;
    exitCode = code;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
    if (workers.length === 0) process.exit(code);
    for (const w of workers) w.process.kill('SIGTERM');
    setTimeout(() => {
      for (const w of Object.values(cluster.workers ?? {})) w?.process.kill('SIGKILL');
      process.exit(code);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', () => stopAll(0));
  process.on('SIGTERM', () => stopAll(0));

  for (let i = 0; i < cfg.workers; i++) fork();
}

function bannerText(cfg: Config, kind: DbKind, prepared: PrepareResult, port: number, processes?: string) {
  const shownHost = ['0.0.0.0', '::', '127.0.0.1', 'localhost'].includes(cfg.host) ? 'localhost' : cfg.host;
  const lines = [
    '',
    `  物业客服台 Wuye Desk is running at http://${shownHost}:${port}`,
    `  Database: ${kind === 'pglite' ? `embedded PGlite in ${path.join(cfg.dataDir, 'db')}` : 'PostgreSQL (DATABASE_URL)'}`,
  ];
  if (processes) lines.push(`  ${processes}`);
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
  return `${lines.join('\n')}\n`;
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
