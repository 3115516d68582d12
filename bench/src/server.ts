/**
 * The server under test, in its own process (so its RSS is its own and the load generator does not
 * share its event loop): opens the database the parent prepared, builds the real app with
 * buildApp(), listens on 127.0.0.1 on a free port, and answers the parent's commands — RSS sampling
 * during a load, and for PGlite (one connection, owned by this process) the raw-SQL side.
 */
import { buildApp } from '../../apps/server/src/app.ts';
import { sweepClocks } from '../../apps/server/src/modules/requests/requests.sweeper.ts';
import { type Database, openPglite, openPostgres } from '../../apps/server/src/platform/db.ts';
import { closedLoop } from './load.ts';
import type { FromServer, RssStats, ServerConfig, ToServer } from './protocol.ts';
import { inputStream, type RawDb, scenarioByName } from './scenarios.ts';
import { rawSweep } from './sweep.ts';

const mb = (bytes: number) => bytes / (1024 * 1024);

function send(message: FromServer): void {
  process.send?.(message);
}

async function main() {
  const cfg = JSON.parse(process.argv[2] ?? '{}') as ServerConfig;
  if (!process.send) throw new Error('server.ts runs as a child of run.ts (it needs the IPC channel)');

  let database: Database;
  if (cfg.kind === 'pglite') {
    if (!cfg.dataDir) throw new Error('pglite needs dataDir');
    database = await openPglite({ dataDir: cfg.dataDir });
  } else {
    if (!cfg.url) throw new Error('postgres needs url');
    database = await openPostgres(cfg.url, { max: cfg.poolMax });
  }
  const app = await buildApp({
    database,
    // The dataset's instant, running on: open clocks, today's counts and numbers are as the data has them.
    clock: { now: () => new Date(Date.now() + cfg.clockOffsetMs) },
    secret: cfg.secret,
    demo: false,
    production: false,
    logLevel: cfg.logLevel,
  });
  // Requests being handled, including those whose client has given up (a timed-out request still
  // runs to its end), and the last time one started or ended: between loads the parent waits until
  // none has for a moment, so one load's backlog never runs into the next measurement. (On PGlite a
  // request runs from its first byte to its answer in one turn of the event loop — the database
  // works synchronously — so the backlog waits in socket buffers, unseen by the counter: only a
  // quiet moment shows it is gone.)
  let inFlight = 0;
  let lastActivity = performance.now();
  const counted = new WeakSet<object>();
  app.server.on('connection', () => {
    lastActivity = performance.now();
  });
  app.addHook('onRequest', async (req) => {
    counted.add(req);
    inFlight++;
    lastActivity = performance.now();
  });
  app.addHook('onSend', async (req, _reply, payload) => {
    if (counted.delete(req)) inFlight--;
    lastActivity = performance.now();
    return payload;
  });
  // A request whose client went away before its answer (the end of a load) gets no onSend.
  app.addHook('onRequestAbort', async (req) => {
    if (counted.delete(req)) inFlight--;
    lastActivity = performance.now();
  });
  app.addHook('onResponse', async (req) => {
    if (counted.delete(req)) inFlight--;
    lastActivity = performance.now();
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  const lite = database.pglite;
  const rawDb: RawDb | null = lite
    ? {
        query: async <T>(text: string, params?: unknown[]) =>
          (await lite.query<T>(text, params as unknown[])).rows,
        transaction: <T>(fn: (tx: RawDb) => Promise<T>) =>
          lite.transaction((tx) =>
            fn({
              query: async <R>(text: string, params?: unknown[]) =>
                (await tx.query<R>(text, params as unknown[])).rows,
              transaction: () => Promise.reject(new Error('nested transaction')),
            }),
          ),
      }
    : null;

  let sampler: NodeJS.Timeout | null = null;
  let samples: number[] = [];
  const sample = () => samples.push(process.memoryUsage().rss);

  const handle = async (m: ToServer): Promise<unknown> => {
    switch (m.cmd) {
      case 'rss-start':
        samples = [];
        sample();
        if (sampler) clearInterval(sampler);
        sampler = setInterval(sample, 100);
        return null;
      case 'rss-stop': {
        if (sampler) clearInterval(sampler);
        sampler = null;
        sample();
        const stats: RssStats = {
          samples: samples.length,
          peakMb: mb(Math.max(...samples)),
          meanMb: mb(samples.reduce((a, b) => a + b, 0) / samples.length),
        };
        return stats;
      }
      case 'raw-once': {
        if (!rawDb) throw new Error('the raw side runs in the server process only for PGlite');
        return scenarioByName(m.scenario).raw(rawDb, m.ctx, m.input);
      }
      case 'raw-load': {
        if (!rawDb) throw new Error('the raw side runs in the server process only for PGlite');
        const scenario = scenarioByName(m.scenario);
        const db = rawDb;
        const warm = inputStream(scenario, m.ctx, 'warmup');
        await closedLoop({
          connections: m.connections,
          durationMs: m.warmupMs,
          op: () => scenario.raw(db, m.ctx, warm()),
        });
        const next = inputStream(scenario, m.ctx);
        return closedLoop({
          connections: m.connections,
          durationMs: m.durationMs,
          op: () => scenario.raw(db, m.ctx, next()),
        });
      }
      case 'idle': {
        const deadline = performance.now() + m.timeoutMs;
        // A request with no progress for 15 s is taken as abandoned (a POST whose body stopped
        // arriving when its load ended stays open in Fastify, which sets no request timeout).
        const quiet = () => {
          const still = performance.now() - lastActivity;
          return (inFlight === 0 || still >= 15_000) && still >= m.quietMs;
        };
        while (!quiet() && performance.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        if (!quiet())
          throw new Error(
            `the server was still busy after ${m.timeoutMs / 1000} s (${inFlight} requests in flight, last activity ${Math.round(performance.now() - lastActivity)} ms ago${
              database.pool
                ? `; pool ${database.pool.totalCount} connections, ${database.pool.idleCount} idle, ${database.pool.waitingCount} waiting`
                : ''
            })`,
          );
        return null;
      }
      case 'sql': {
        if (!rawDb) throw new Error('sql runs in the server process only for PGlite');
        return rawDb.query(m.text, m.params);
      }
      case 'sweep': {
        const t0 = performance.now();
        const result = await sweepClocks(database.db, new Date(m.at), { batchSize: m.batchSize });
        return { result, ms: performance.now() - t0 };
      }
      case 'raw-sweep': {
        if (!rawDb) throw new Error('the raw side runs in the server process only for PGlite');
        const t0 = performance.now();
        const claimed = await rawSweep(rawDb, new Date(m.at), m.batchSize, m.callers);
        return { claimed, ms: performance.now() - t0 };
      }
      case 'stop':
        if (sampler) clearInterval(sampler);
        await app.close();
        await database.close();
        setImmediate(() => process.exit(0));
        return null;
    }
  };

  process.on('message', (m: ToServer) => {
    handle(m).then(
      (value) => send({ type: 'reply', id: m.id, ok: true, value }),
      (err: unknown) =>
        send({ type: 'reply', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  // The parent went away: do not linger.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', port, pid: process.pid, rssMb: mb(process.memoryUsage().rss) });
}

main().catch((err: unknown) => {
  send({ type: 'fatal', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  setImmediate(() => process.exit(1));
});
