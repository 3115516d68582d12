/**
 * The server under test, in its own process (so its RSS is its own and the load generator does not
 * share its event loop): opens the database the parent prepared, builds the real app with
 * buildApp(), listens on 127.0.0.1 on a free port, and answers the parent's commands — RSS sampling
 * during a load, and for PGlite (one connection, owned by this process) the raw-SQL side.
 * With `workers` above one (PostgreSQL), this process is a cluster primary instead, as `WORKERS` runs
 * the product: it starts that many copies of itself on one port and relays the parent's commands.
 */
import cluster, { type Worker } from 'node:cluster';
import { readFileSync } from 'node:fs';
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
  if (cfg.workers > 1 && cluster.isPrimary) return supervise(cfg);

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

  answerParent(handle, {
    type: 'ready',
    port,
    pid: process.pid,
    pids: [process.pid],
    rssMb: mb(process.memoryUsage().rss),
  });
}

/** A process's resident set in bytes, from /proc (Linux). */
function rssOf(pid: number): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return 0;
  }
}

/**
 * The cluster primary: forks the workers (this file again, in cluster mode), waits until each listens,
 * and answers the parent — RSS as the sum over all its processes, `idle` and `stop` from every worker,
 * the sweep from the first.
 */
async function supervise(cfg: ServerConfig) {
  if (cfg.kind !== 'postgres') throw new Error('several workers need PostgreSQL');
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  let nextId = 1;
  const workers: Worker[] = [];
  const ready: Promise<Extract<FromServer, { type: 'ready' }>>[] = [];
  for (let i = 0; i < cfg.workers; i++) {
    const w = cluster.fork();
    workers.push(w);
    ready.push(
      new Promise((resolve, reject) => {
        w.on('message', (m: FromServer) => {
          if (m.type === 'ready') resolve(m);
          else if (m.type === 'fatal') reject(new Error(m.error));
          else {
            const p = pending.get(m.id);
            pending.delete(m.id);
            if (m.ok) p?.resolve(m.value);
            else p?.reject(new Error(m.error));
          }
        });
        w.on('exit', (code) => reject(new Error(`a worker exited (${code})`)));
      }),
    );
  }
  const started = await Promise.all(ready);
  const pids = [process.pid, ...started.map((r) => r.pid)];
  const total = () => pids.reduce((sum, pid) => sum + rssOf(pid), 0);
  const ask = (w: Worker, m: ToServer) =>
    new Promise<unknown>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      w.send({ ...m, id });
    });

  let sampler: NodeJS.Timeout | null = null;
  let samples: number[] = [];
  const handle = async (m: ToServer): Promise<unknown> => {
    switch (m.cmd) {
      case 'rss-start':
        samples = [total()];
        if (sampler) clearInterval(sampler);
        sampler = setInterval(() => samples.push(total()), 100);
        return null;
      case 'rss-stop': {
        if (sampler) clearInterval(sampler);
        sampler = null;
        samples.push(total());
        const stats: RssStats = {
          samples: samples.length,
          peakMb: mb(Math.max(...samples)),
          meanMb: mb(samples.reduce((a, b) => a + b, 0) / samples.length),
        };
        return stats;
      }
      case 'idle':
        await Promise.all(workers.map((w) => ask(w, m)));
        return null;
      case 'stop':
        if (sampler) clearInterval(sampler);
        await Promise.all(workers.map((w) => ask(w, m).catch(() => undefined)));
        setImmediate(() => process.exit(0));
        return null;
      default:
        return ask(workers[0] as Worker, m);
    }
  };
  answerParent(handle, {
    type: 'ready',
    port: started[0]?.port ?? 0,
    pid: process.pid,
    pids,
    rssMb: mb(total()),
  });
}

/** Answers the parent's commands with `handle`, leaves when the parent goes away, and says it is ready. */
function answerParent(
  handle: (m: ToServer) => Promise<unknown>,
  ready: Extract<FromServer, { type: 'ready' }>,
) {
  process.on('message', (m: ToServer) => {
    handle(m).then(
      (value) => send({ type: 'reply', id: m.id, ok: true, value }),
      (err: unknown) =>
        send({ type: 'reply', id: m.id, ok: false, error: err instanceof Error ? err.message : String(err) }),
    );
  });
  // The parent went away: do not linger.
  process.on('disconnect', () => process.exit(0));
  send(ready);
}

main().catch((err: unknown) => {
  send({ type: 'fatal', error: err instanceof Error ? (err.stack ?? err.message) : String(err) });
  setImmediate(() => process.exit(1));
});
