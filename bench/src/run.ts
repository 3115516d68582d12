/**
 * `npm run bench` — the performance benchmark of 08-non-functional §5.
 *
 *   npm run bench                                  PostgreSQL (when its binaries exist) and PGlite
 *   npm run bench -- --db postgres --scale 200000  one database, another scale
 *   npm run bench -- --smoke                       a tiny run for CI (well under 2 minutes)
 *
 * For each database: a fresh database (a throwaway PostgreSQL on 127.0.0.1, or PGlite in a temp
 * directory) is migrated and seeded by prepareDatabase, the deterministic dataset is bulk-loaded,
 * the real app is started in a child process, and each scenario runs twice — HTTP through the app
 * with autocannon, and the same SQL straight through the driver (the raw ceiling) — at the same
 * concurrency and for the same time. Results go to stdout and bench/results/ (Markdown + JSON).
 * See bench/README.md.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { prepareDatabase } from '../../apps/server/src/bootstrap.ts';
import { DEMO_PASSWORD, LOCATIONS } from '../../apps/server/src/demo/demo.data.ts';
import { hashToken } from '../../apps/server/src/modules/auth/auth.usecases.ts';
import { type SweepResult, sweepClocks } from '../../apps/server/src/modules/requests/requests.sweeper.ts';
import { AdjustableClock } from '../../apps/server/src/platform/clock.ts';
import { type Database, openPglite, openPostgres, rows, sql } from '../../apps/server/src/platform/db.ts';
import {
  BASE_STAGES,
  generateDataset,
  mergeReports,
  REQUEST_STAGES,
  residentPhone,
  specForScale,
} from './dataset.ts';
import {
  closedLoop,
  cpuWatch,
  httpLoad,
  type LoadCall,
  type LoadStats,
  postgresPids,
  waitForQuiet,
} from './load.ts';
import { Rng } from './prng.ts';
import type { Command, FromServer, RssStats, ServerConfig, ToServer } from './protocol.ts';
import {
  type DbRun,
  evaluateTargets,
  fmtMs,
  type Machine,
  pct,
  renderMarkdown,
  type ScenarioResult,
  type SweepRun,
  scaleLabel,
} from './report.ts';
import {
  type BenchContext,
  type Input,
  type IntakeAgent,
  type IntakeContext,
  inputStream,
  type RawDb,
  SCENARIOS,
  type Scenario,
  scenarioByName,
} from './scenarios.ts';
import {
  checkSweep,
  injectSql,
  rawSweep,
  SWEEP_BATCH,
  type SweepCheck,
  sweepInProcesses,
  verifySql,
} from './sweep.ts';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(benchDir, '..');

/** The instant the dataset and the demo seed are stamped relative to (the same on every run). */
const BENCH_NOW = new Date('2026-03-02T02:00:00.000Z');
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
/** The benchmark server's shared_buffers (a quarter of this machine's memory would be 6 GB; the data is 13 GB). */
const PG_SHARED_BUFFERS = '2GB';
const APP_POOL_MAX = Number(process.env.BENCH_POOL_MAX ?? 20); // openPostgres' default, as `npm run start:prod` runs it
const DEMO_USER = 'admin'; // company-wide: sees every estate, the heaviest scope

type DbKind = 'postgres' | 'pglite';

interface Options {
  dbs: DbKind[];
  scale: number;
  smoke: boolean;
  durationS: number;
  warmupS: number;
  connections: number;
  out: string | null;
  only: Scenario[];
  /** Whether the SLA sweep runs (it is not an HTTP scenario: `sla_sweep` in --only). */
  sweep: boolean;
  sweepDeadlines: number;
  quietWaitS: number;
  /** Where the server writes its V8 CPU profile (`--profile`), or null. */
  profileDir: string | null;
  /** PostgreSQL: app and raw side connect over the server's Unix socket (`--pg-socket`), not TCP. */
  pgSocket: boolean;
  /** `--workers N`: server processes sharing the port under a cluster primary (PostgreSQL). */
  workers: number;
  /** `--estates N`: the extra units spread over N estates instead of one per 1 000. */
  estates: number | null;
  command: string;
}

interface TempPostgres {
  url: string;
  version: string;
  dataDir: string;
  stop(): Promise<void>;
}
interface PgTempModule {
  findPostgresBin(): string | null;
  startTempPostgres(options?: { log?: (m: string) => void }): Promise<TempPostgres>;
}

const log = (message: string) => process.stderr.write(`${message}\n`);

/** An error in a few lines: Drizzle puts the whole statement and its parameters in the message. */
function describe(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` — ${err.cause.message}` : '';
  const message = err.message.length > 400 ? `${err.message.slice(0, 400)}…` : err.message;
  return `${message}${cause}`;
}

class UsageError extends Error {}

// ---- command line --------------------------------------------------------------------------------------

const HELP = `npm run bench -- [options]

  --db pglite|postgres|both   default: both when PostgreSQL binaries exist, else pglite
  --scale N                   extra units to generate (1.5 residents each, 1 estate per 1 000 units);
                              default 50000, 500 with --smoke
  --smoke                     tiny scale and short runs (CI); results go to bench/results/smoke/
  --duration S                seconds per measured run (default 10, 1 with --smoke)
  --warmup S                  seconds of warm-up before each measured run (default 2, 0 with --smoke)
  --connections N             concurrent connections / callers (default 50)
  --only a,b                  only these benchmarks (${SCENARIOS.map((s) => s.name).join(', ')}, sla_sweep)
  --sweep-deadlines N         clocks falling due at once in sla_sweep (default 100000, 2000 with --smoke)
  --out FILE                  write the report (all databases) to FILE and FILE's .json twin
  --quiet-wait S              before each benchmark, wait up to S seconds for other processes to leave
                              the CPU idle (default 60, 0 with --smoke)
  --estates N                 spread the extra units over N estates (default one per 1 000 units); with
                              --db pglite --scale 5000 --estates 1, the embedded-mode row's one estate
                              with 50 000 requests
  --pg-socket                 PostgreSQL: the app and the raw side connect over the server's Unix socket,
                              as an install with the database on the same host would, instead of TCP
                              on 127.0.0.1 (on this VM each TCP round trip costs the app process dearly)
  --workers N                 PostgreSQL: N server processes on one port under a cluster primary, as
                              WORKERS=N runs the product (default 1); RSS is then the sum of them all
  --profile DIR               the server process writes a V8 CPU profile (.cpuprofile) to DIR when it
                              stops (open it in Chrome DevTools or speedscope)
`;

function positive(name: string, value: string | undefined, fallback: number, min = 1): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min)
    throw new UsageError(`--${name} must be a number ≥ ${min} (got ${value})`);
  return n;
}

function parseOptions(argv: string[], pgAvailable: boolean): Options | null {
  const { values } = parseArgs({
    args: argv,
    options: {
      db: { type: 'string' },
      scale: { type: 'string' },
      smoke: { type: 'boolean', default: false },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      only: { type: 'string' },
      out: { type: 'string' },
      'quiet-wait': { type: 'string' },
      'sweep-deadlines': { type: 'string' },
      profile: { type: 'string' },
      'pg-socket': { type: 'boolean', default: false },
      workers: { type: 'string' },
      estates: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help) return null;
  const smoke = values.smoke ?? false;
  const db = values.db ?? (pgAvailable ? 'both' : 'pglite');
  if (!['pglite', 'postgres', 'both'].includes(db))
    throw new UsageError(`--db must be pglite, postgres or both`);
  const dbs: DbKind[] = db === 'both' ? ['postgres', 'pglite'] : [db as DbKind];
  if (dbs.includes('postgres') && !pgAvailable) {
    throw new UsageError(
      'no PostgreSQL binaries found (see scripts/pg-temp.mjs: $PG_BIN, /usr/lib/postgresql/*/bin, PATH); use --db pglite',
    );
  }
  const names = values.only ? values.only.split(',').map((n) => n.trim()) : null;
  for (const name of names ?? [])
    if (name !== 'sla_sweep' && !SCENARIOS.some((x) => x.name === name))
      throw new UsageError(`--only: unknown benchmark ${name}`);
  // Always in SCENARIOS' order: intake_empty before the requests are loaded, intake after the reads.
  const only = names ? SCENARIOS.filter((s) => names.includes(s.name)) : [...SCENARIOS];
  return {
    dbs,
    scale: Math.floor(positive('scale', values.scale, smoke ? 500 : 50_000, 100)),
    smoke,
    durationS: Math.round(positive('duration', values.duration, smoke ? 1 : 10)),
    warmupS: Math.round(positive('warmup', values.warmup, smoke ? 0 : 2, 0)),
    connections: Math.floor(positive('connections', values.connections, 50)),
    out: values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : null,
    only,
    sweep: !names || names.includes('sla_sweep'),
    sweepDeadlines: Math.floor(
      positive('sweep-deadlines', values['sweep-deadlines'], smoke ? 2_000 : 100_000),
    ),
    quietWaitS: positive('quiet-wait', values['quiet-wait'], smoke ? 0 : 60, 0),
    estates: values.estates === undefined ? null : Math.floor(positive('estates', values.estates, 1)),
    profileDir: values.profile ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.profile) : null,
    pgSocket: values['pg-socket'] === true,
    workers: Math.floor(positive('workers', values.workers, 1)),
    command: ['npm run bench', ...(argv.length ? ['--', ...argv] : [])].join(' '),
  };
}

// ---- the machine -----------------------------------------------------------------------------------------

function machine(): Machine {
  const cpus = os.cpus();
  let autocannonVersion = '?';
  try {
    const pkg = JSON.parse(
      readFileSync(path.join(repoRoot, 'node_modules/autocannon/package.json'), 'utf8'),
    ) as { version: string };
    autocannonVersion = pkg.version;
  } catch {
    // not where we expect it: leave the question mark
  }
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown CPU',
    cores: cpus.length,
    memoryGiB: os.totalmem() / 1024 ** 3,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    autocannon: autocannonVersion,
  };
}

function gitCommit(): string {
  try {
    const head = execFileSync('git', ['rev-parse', '--short', 'HEAD'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    return dirty ? `${head} (with uncommitted changes)` : head;
  } catch {
    return 'unknown';
  }
}

function pgliteVersion(): string {
  try {
    return (
      JSON.parse(
        readFileSync(path.join(repoRoot, 'node_modules/@electric-sql/pglite/package.json'), 'utf8'),
      ) as {
        version: string;
      }
    ).version;
  } catch {
    return '?';
  }
}

// ---- the server child process -------------------------------------------------------------------------

class ServerProcess {
  private nextId = 1;
  private pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private tail: string[] = [];
  private exited = false;
  port = 0;
  idleRssMb = 0;
  /** Every server process: the child, and its workers when it is a cluster primary. */
  pids: number[] = [];
  startMs = 0;

  private constructor(private child: ChildProcess) {
    const keep = (chunk: Buffer) => {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) this.tail.push(line);
      if (this.tail.length > 40) this.tail.splice(0, this.tail.length - 40);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    child.on('message', (m: FromServer) => {
      if (m.type !== 'reply') return;
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.ok) p.resolve(m.value);
      else p.reject(new Error(m.error));
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      for (const p of this.pending.values()) {
        p.reject(new Error(`the server process exited (${code ?? signal})\n${this.logTail()}`));
      }
      this.pending.clear();
    });
  }

  logTail(): string {
    return this.tail.slice(-20).join('\n');
  }

  static start(cfg: ServerConfig, profileDir: string | null): Promise<ServerProcess> {
    const t0 = performance.now();
    const child = fork(path.join(benchDir, 'src/server.ts'), [JSON.stringify(cfg)], {
      cwd: benchDir,
      execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, NODE_ENV: 'production' },
    });
    const server = new ServerProcess(child);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`the server did not start within 120 s\n${server.logTail()}`));
      }, 120_000);
      child.on('message', (m: FromServer) => {
        if (m.type === 'ready') {
          clearTimeout(timer);
          server.port = m.port;
          server.pids = m.pids;
          server.idleRssMb = m.rssMb;
          server.startMs = performance.now() - t0;
          resolve(server);
        } else if (m.type === 'fatal') {
          clearTimeout(timer);
          reject(new Error(`the server failed to start: ${m.error}\n${server.logTail()}`));
        }
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`the server exited (${code}) before it was ready\n${server.logTail()}`));
      });
    });
  }

  call<T>(message: Command, timeoutMs: number): Promise<T> {
    if (this.exited) return Promise.reject(new Error(`the server process is gone\n${this.logTail()}`));
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the server did not answer ${message.cmd} within ${timeoutMs / 1000} s`));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (v) => {
          clearTimeout(timer);
          resolve(v as T);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.child.send({ ...message, id } as ToServer);
    });
  }

  async stop(): Promise<void> {
    if (this.exited) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    await this.call({ cmd: 'stop' }, 15_000).catch(() => undefined);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }
}

// ---- one database --------------------------------------------------------------------------------------

const cleanups: (() => void)[] = [];
process.on('exit', () => {
  for (const fn of cleanups.splice(0)) {
    try {
      fn();
    } catch {
      // best effort
    }
  }
});

async function httpJson<T>(base: string, url: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${base}${url}`, { ...init, signal: AbortSignal.timeout(30_000) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: HTTP ${res.status} ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

/** Scenarios that need the requests loaded. */
const REQUEST_SCENARIOS = new Set([
  'intake_empty',
  'intake',
  'lookup_number',
  'desk_lookup',
  'queue_page',
  'search',
]);

/** Problems a scenario's answer shows by itself (an empty answer would make a fast, meaningless benchmark). */
function sanity(scenario: Scenario, ctx: BenchContext, summary: unknown): string | null {
  const s = summary as {
    total?: number;
    items?: unknown[];
    estates?: unknown[];
    numberDay?: string;
    events?: string[];
  };
  switch (scenario.name) {
    case 'lookup_phone':
    case 'lookup_number':
      return s.total === 1 ? null : `expected exactly 1 match, got ${s.total}`;
    case 'lookup_unit':
      return (s.total ?? 0) >= 1 ? null : 'nobody lives in the unit';
    case 'desk_lookup':
      return (summary as { residents?: unknown[] }).residents?.length ? null : 'nobody lives in the unit';
    case 'units_page':
    case 'queue_page':
    case 'search':
      return s.items?.length ? null : 'an empty page';
    case 'home':
      return s.estates?.length === ctx.estateIds.length
        ? null
        : `expected ${ctx.estateIds.length} estates, got ${s.estates?.length}`;
    case 'intake':
    case 'intake_empty':
      return /^[A-Z]{2}\d{8}$/.test(s.numberDay ?? '') && s.events?.includes('created')
        ? null
        : `no numbered request with its created event: ${JSON.stringify(s).slice(0, 200)}`;
    default:
      return null;
  }
}

interface RawSide {
  once(s: Scenario, input: Input): Promise<unknown>;
  load(s: Scenario): Promise<LoadStats>;
  /** PostgreSQL: the raw side's pool (the sweep runs its raw callers on it). */
  pool?: pg.Pool;
  close(): Promise<void>;
}

/** The raw side's statements on a node-postgres pool; a transaction holds one connection. */
function pgRawDb(pool: pg.Pool, autonomous?: pg.Pool): RawDb {
  return {
    autonomous: autonomous
      ? async <T>(text: string, params?: unknown[]) => (await autonomous.query(text, params)).rows as T[]
      : undefined,
    query: async <T>(text: string, params?: unknown[], name?: string) =>
      (await pool.query(name ? { name, text, values: params } : { text, values: params })).rows as T[],
    async transaction<T>(fn: (tx: RawDb) => Promise<T>): Promise<T> {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await fn({
          query: async <R>(text: string, params?: unknown[], name?: string) =>
            (await client.query(name ? { name, text, values: params } : { text, values: params }))
              .rows as R[],
          transaction: () => Promise.reject(new Error('nested transaction')),
        });
        await client.query('commit');
        return result;
      } catch (err) {
        await client.query('rollback').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
  };
}

function pgRawSide(pool: pg.Pool, o: Options, ctx: BenchContext): RawSide {
  // The app's second pool for request numbers (platform/db.ts openPostgres), mirrored.
  const numbers = new pg.Pool({
    connectionString: pool.options.connectionString,
    max: 4,
    options: '-c synchronous_commit=off',
  });
  numbers.on('error', () => {});
  const db = pgRawDb(pool, numbers);
  return {
    once: (s, input) => s.raw(db, ctx, input),
    async load(s) {
      const warm = inputStream(s, ctx, 'warmup');
      await closedLoop({
        connections: o.connections,
        durationMs: o.warmupS * 1000,
        op: () => s.raw(db, ctx, warm()),
      });
      const next = inputStream(s, ctx);
      return closedLoop({
        connections: o.connections,
        durationMs: o.durationS * 1000,
        op: () => s.raw(db, ctx, next()),
      });
    },
    close: () =>
      Promise.all([pool.end(), numbers.end()]).then(
        () => undefined,
        () => undefined,
      ),
  };
}

function pgliteRawSide(server: ServerProcess, o: Options, ctx: BenchContext): RawSide {
  const loadTimeout = (o.durationS + o.warmupS) * 1000 + 120_000;
  return {
    once: (s, input) => server.call({ cmd: 'raw-once', scenario: s.name, ctx, input }, 60_000),
    load: (s) =>
      server.call<LoadStats>(
        {
          cmd: 'raw-load',
          scenario: s.name,
          ctx,
          connections: o.connections,
          warmupMs: o.warmupS * 1000,
          durationMs: o.durationS * 1000,
        },
        loadTimeout,
      ),
    close: async () => {},
  };
}

/** The HTTP request of a scenario's input: a GET of its path, or its own call (writes). */
function callOf(scenario: Scenario, ctx: BenchContext, input: Input): LoadCall {
  return scenario.call ? scenario.call(input, ctx) : { path: scenario.path(input) };
}

/** One benchmark: pre-flight, app load, app with one connection, raw load. */
async function runScenario(a: {
  scenario: Scenario;
  ctx: BenchContext;
  server: ServerProcess;
  baseUrl: string;
  token: string;
  raw: RawSide;
  o: Options;
  ours: () => number[];
  problems: string[];
  /** Called between the app's loads and the raw side's (BENCH_PG_STATS: the app's statements). */
  beforeRaw?: () => Promise<void>;
}): Promise<ScenarioResult> {
  const { scenario, ctx, server, baseUrl, token, raw, o, ours, problems } = a;
  log(`  ${scenario.name}: ${scenario.title}`);
  // Pre-flight: the app and the raw SQL give the same answer, and the answer is not empty.
  const pre = inputStream(scenario, ctx, 'preflight');
  let checked = 0;
  for (let i = 0; i < 3; i++) {
    const input = pre();
    const call = callOf(scenario, ctx, input);
    const body = await httpJson<unknown>(baseUrl, call.path, {
      method: call.method ?? 'GET',
      headers: { authorization: `Bearer ${token}`, ...call.headers },
      ...(call.body !== undefined ? { body: call.body } : {}),
    });
    const fromApp = scenario.summarize(body);
    const fromRaw = await raw.once(scenario, input);
    if (JSON.stringify(fromApp) !== JSON.stringify(fromRaw)) {
      problems.push(
        `${scenario.name}: the raw SQL answers differently from the app for ${JSON.stringify(input).slice(0, 300)}: app ${JSON.stringify(fromApp).slice(0, 400)} raw ${JSON.stringify(fromRaw).slice(0, 400)}`,
      );
      break;
    }
    const bad = sanity(scenario, ctx, fromApp);
    if (bad) {
      problems.push(`${scenario.name}: ${bad} for ${JSON.stringify(input).slice(0, 300)}`);
      break;
    }
    checked++;
  }

  // Between loads: until the server has been idle for a moment (see server.ts).
  const idle = () =>
    server.call({ cmd: 'idle', quietMs: o.smoke ? 300 : 1_000, timeoutMs: 120_000 }, 130_000);
  const quiet = await waitForQuiet(o.quietWaitS * 1000);
  if (quiet.waitedS > 2)
    log(`    waited ${quiet.waitedS.toFixed(0)} s for a quiet machine (others' CPU ${pct(quiet.busy)})`);
  const load = (label: string, connections: number, durationS: number) => {
    const stream = inputStream(scenario, ctx, label);
    return httpLoad({
      baseUrl,
      token,
      connections,
      durationS,
      next: () => callOf(scenario, ctx, stream()),
    });
  };
  if (o.warmupS > 0) await load('warmup', o.connections, o.warmupS);
  await idle();
  await server.call({ cmd: 'rss-start' }, 120_000);
  const appWatch = cpuWatch(ours);
  const app = await load('measure', o.connections, o.durationS);
  const appCpu = appWatch.stop();
  const rss = await server.call<RssStats>({ cmd: 'rss-stop' }, 120_000);
  await idle();
  // The same requests one at a time: the service time, without queueing behind 49 others.
  const app1 = await load('single', 1, o.smoke ? 0.5 : Math.min(5, o.durationS));
  await idle();
  await a.beforeRaw?.();
  await waitForQuiet(o.quietWaitS * 1000);
  const rawWatch = cpuWatch(ours);
  const rawStats = await raw.load(scenario);
  const rawCpu = rawWatch.stop();
  const ratio = rawStats.rps > 0 ? app.rps / rawStats.rps : 0;
  for (const [side, stats] of [
    ['app', app],
    ['app, 1 connection', app1],
    ['raw', rawStats],
  ] as const) {
    if (stats.failed > 0)
      problems.push(`${scenario.name} (${side}): ${stats.failed} failed — ${stats.firstError}`);
    // A smoke run's second-long loads on a busy machine may see no answer in time (slow, not broken:
    // the pre-flight has checked the answers); the report warns. A full run fails.
    if (stats.ok === 0 && !(o.smoke && stats.failed === 0))
      problems.push(`${scenario.name} (${side}): nothing succeeded`);
  }
  log(
    `    app ${Math.round(app.rps)} req/s p50 ${fmtMs(app.p50Ms)} p95 ${fmtMs(app.p95Ms)} p99 ${fmtMs(app.p99Ms)} ms · raw ${Math.round(rawStats.rps)} req/s p95 ${fmtMs(rawStats.p95Ms)} ms (1 connection: p95 ${fmtMs(app1.p95Ms)} ms) · app/raw ${(ratio * 100).toFixed(0)}% · RSS peak ${Math.round(rss.peakMb)} MB · others' CPU ${pct(appCpu?.others)}/${pct(rawCpu?.others)}`,
  );
  return {
    name: scenario.name,
    title: scenario.title,
    app,
    raw: rawStats,
    ratio,
    rss,
    app1,
    preflightChecked: checked,
    quietBefore: quiet,
    othersCpu: { app: appCpu?.others ?? null, raw: rawCpu?.others ?? null },
  };
}

/**
 * Takes away what intake_empty wrote (its requests — received at or after the dataset's instant —
 * with their events, clocks and idempotency records) and puts the number counters back as they were,
 * so the requests load onto the same database, row for row, as without that run.
 */
async function removeIntakeRows(
  database: Database,
  counters: { company_id: string; prefix: string; day: string; last: number }[],
): Promise<void> {
  const at = BENCH_NOW;
  await database.db.transaction(async (tx) => {
    await tx.execute(sql`delete from events where entity_type = 'request'
      and entity_id in (select id from requests where received_at >= ${at})`);
    await tx.execute(
      sql`delete from request_deadlines where request_id in (select id from requests where received_at >= ${at})`,
    );
    // Complaints' rows beside their requests (a demo complaint an intake linked to keeps its grade).
    const fresh = sql`(select id from requests where received_at >= ${at})`;
    await tx.execute(sql`delete from complaint_links where a in ${fresh} or b in ${fresh}`);
    await tx.execute(sql`delete from complaints where request_id in ${fresh}`);
    await tx.execute(sql`delete from complaint_events where created_at >= ${at}`);
    await tx.execute(sql`delete from notifications where created_at >= ${at} or request_id in ${fresh}`);
    await tx.execute(sql`delete from requests where received_at >= ${at}`);
    await tx.execute(sql`delete from idempotency_keys where created_at >= ${at}`);
    await tx.execute(sql`delete from request_counters`);
    for (let k = 0; k < counters.length; k += 500) {
      const chunk = counters.slice(k, k + 500);
      await tx.execute(
        sql`insert into request_counters (company_id, prefix, day, last) values ${sql.join(
          chunk.map((c) => sql`(${c.company_id}, ${c.prefix}, ${c.day}, ${c.last})`),
          sql`, `,
        )}`,
      );
    }
  });
}

/** The SLA sweep, app side (2 processes; PGlite 1) and raw side, each checked. */
async function runSweepBenchmark(a: {
  kind: DbKind;
  url: string | undefined;
  server: ServerProcess;
  raw: RawSide;
  n: number;
  at: Date;
}): Promise<SweepRun> {
  const { kind, server, n, at } = a;
  const problems: string[] = [];
  const exec = async <T>(q: { text: string; params: unknown[] }): Promise<T[]> => {
    if (kind === 'postgres') return (await (a.raw.pool as pg.Pool).query(q.text, q.params)).rows as T[];
    return server.call<T[]>({ cmd: 'sql', text: q.text, params: q.params }, 600_000);
  };
  // What the demo seed left due is settled first, as a running sweeper would have done.
  let settled: SweepResult;
  if (kind === 'postgres') {
    const db = await openPostgres(a.url as string, { max: 2 });
    try {
      settled = await sweepClocks(db.db, at);
    } finally {
      await db.close();
    }
  } else
    settled = (
      await server.call<{ result: SweepResult }>(
        { cmd: 'sweep', at: at.toISOString(), batchSize: SWEEP_BATCH },
        600_000,
      )
    ).result;

  const processes = kind === 'postgres' ? 2 : 1;
  await exec(injectSql('bench-sweep-app-', n, at));
  await exec({ text: 'analyze request_deadlines', params: [] });
  let appMs: number;
  let claimed: number[];
  let others = 0;
  if (kind === 'postgres') {
    const r = await sweepInProcesses(a.url as string, at, processes, SWEEP_BATCH);
    appMs = r.ms;
    claimed = r.results.map((x) => x.missed);
    others = r.results.reduce((s, x) => s + x.warnings + x.escalations, 0);
  } else {
    const r = await server.call<{ result: SweepResult; ms: number }>(
      { cmd: 'sweep', at: at.toISOString(), batchSize: SWEEP_BATCH },
      600_000,
    );
    appMs = r.ms;
    claimed = [r.result.missed];
    others = r.result.warnings + r.result.escalations;
  }
  const [appCheck] = await exec<SweepCheck>(verifySql('bench-sweep-app-'));
  problems.push(...checkSweep(n, claimed, appCheck as SweepCheck).map((p) => `app: ${p}`));

  await exec(injectSql('bench-sweep-raw-', n, at));
  await exec({ text: 'analyze request_deadlines', params: [] });
  let rawMs: number;
  let rawClaimed: number[];
  if (kind === 'postgres') {
    const pool = a.raw.pool as pg.Pool;
    const db = pgRawDb(pool);
    const t0 = performance.now();
    rawClaimed = await rawSweep(db, at, SWEEP_BATCH, processes);
    rawMs = performance.now() - t0;
  } else {
    const r = await server.call<{ claimed: number[]; ms: number }>(
      { cmd: 'raw-sweep', at: at.toISOString(), batchSize: SWEEP_BATCH, callers: processes },
      600_000,
    );
    rawMs = r.ms;
    rawClaimed = r.claimed;
  }
  const [rawCheck] = await exec<SweepCheck>(verifySql('bench-sweep-raw-'));
  problems.push(...checkSweep(n, rawClaimed, rawCheck as SweepCheck).map((p) => `raw: ${p}`));
  log(
    `    app: ${n.toLocaleString('en-US')} alerts in ${(appMs / 1000).toFixed(2)} s by ${processes} process(es) (claimed ${claimed.join(' + ')}) · raw: ${(rawMs / 1000).toFixed(2)} s (${rawClaimed.join(' + ')})${problems.length ? ` · ${problems.join('; ')}` : ' · each clock alerted exactly once'}`,
  );
  return {
    deadlines: n,
    processes,
    batchSize: SWEEP_BATCH,
    appMs,
    claimed,
    appCheck: appCheck as SweepCheck,
    otherAlerts: others,
    settledBefore: settled.missed + settled.warnings + settled.escalations,
    rawMs,
    rawClaimed,
    rawCheck: rawCheck as SweepCheck,
    problems,
  };
}

async function runOne(kind: DbKind, o: Options, pgTemp: () => Promise<TempPostgres>): Promise<DbRun> {
  const started = performance.now();
  const startedAt = new Date();
  const problems: string[] = [];
  const spec = { ...specForScale(o.scale), ...(o.estates ? { estates: o.estates } : {}) };
  log(
    `\n== ${kind}: ${spec.units.toLocaleString('en-US')} units, ${spec.residents.toLocaleString('en-US')} residents, ${spec.estates} estates ==`,
  );

  // A fresh database.
  let database: Database;
  let url: string | undefined;
  let dataDir: string | undefined;
  let dbNotes: string;
  let pgDataDir: string | undefined;
  if (kind === 'postgres') {
    const server = await pgTemp();
    pgDataDir = server.dataDir;
    const name = `wuye_bench_${process.pid}_${Date.now() % 100_000}`;
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(server.url);
    u.pathname = `/${name}`;
    // The socket directory scripts/pg-temp.mjs gives the server (`-k`), beside its data directory.
    const socketDir = path.join(path.dirname(server.dataDir), 'sock');
    url = o.pgSocket
      ? `postgres://postgres@localhost:${u.port}/${name}?host=${encodeURIComponent(socketDir)}`
      : u.toString();
    database = await openPostgres(url, { max: 4 });
    dbNotes = `throwaway server from scripts/pg-temp.mjs, ${o.pgSocket ? 'reached over its Unix socket' : 'on 127.0.0.1 (TCP)'}, fsync=off, synchronous_commit=off, full_page_writes=off, max_connections=200${process.env.PG_TEMP_OPTIONS ? `, ${process.env.PG_TEMP_OPTIONS.replaceAll('-c ', '')}` : ''}, other settings default`;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'wuye-bench-pglite-'));
    const dir = dataDir;
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    database = await openPglite({ dataDir });
    dbNotes = `PGlite ${pgliteVersion()} (WebAssembly) in the server process, data directory on disk (${os.tmpdir()})`;
  }

  const t0 = performance.now();
  await prepareDatabase(database, new AdjustableClock(BENCH_NOW), { demo: true, initialAdmin: null });
  const prepareMs = performance.now() - t0;
  log(`  prepareDatabase (migrate + demo seed): ${(prepareMs / 1000).toFixed(1)} s`);
  const wantsRequests = spec.requests > 0;
  const base0 = await generateDataset(database, spec, { now: BENCH_NOW, log, stages: BASE_STAGES });
  let dataset = base0.report;
  const state = base0.state;
  const [info] = await rows<{ version: string; collation: string }>(
    database.db,
    sql`select current_setting('server_version') as version, datcollate as collation from pg_database where datname = current_database()`,
  );
  // What intake_empty will add, to be taken away again before the requests are loaded.
  const counterSnapshot = await rows<{ company_id: string; prefix: string; day: string; last: number }>(
    database.db,
    sql`select company_id, prefix, day, last from request_counters`,
  );
  const categoryRows = await rows<{ id: string; type: string; code: string; parent_id: string | null }>(
    database.db,
    sql`select c.id, c.type, c.code, c.parent_id from categories c where c.company_id = ${state.companyId}
        and not exists (select 1 from categories k where k.parent_id = c.id)`,
  );
  await database.close();
  const version = info?.version ?? '?';
  const label =
    kind === 'postgres'
      ? `PostgreSQL ${version}`
      : `PGlite ${pgliteVersion()} (PostgreSQL ${version}, WebAssembly)`;
  const reopen = () =>
    kind === 'postgres'
      ? openPostgres(url as string, { max: 4 })
      : openPglite({ dataDir: dataDir as string });

  // The app lives at the dataset's instant (BENCH_NOW), its clock running on from there.
  const clockOffsetMs = BENCH_NOW.getTime() - Date.now();
  const startServer = async () => {
    const s = await ServerProcess.start(
      {
        kind,
        url,
        dataDir,
        poolMax: APP_POOL_MAX,
        secret: SECRET,
        logLevel: 'warn',
        clockOffsetMs,
        workers: kind === 'postgres' ? o.workers : 1,
      },
      o.profileDir,
    );
    cleanups.push(() => s.kill());
    log(
      `  server on 127.0.0.1:${s.port} (started in ${(s.startMs / 1000).toFixed(1)} s, RSS ${Math.round(s.idleRssMb)} MB)`,
    );
    return s;
  };

  let server = await startServer();
  let rawOpen: RawSide | null = null;
  const scenarios: ScenarioResult[] = [];
  const sweeps: SweepRun[] = [];
  let serverInfo = { startMs: server.startMs, idleRssMb: server.idleRssMb };
  try {
    let baseUrl = `http://127.0.0.1:${server.port}`;
    const signIn = async (username: string) =>
      (
        await httpJson<{ token: string; userId?: string }>(baseUrl, '/api/auth/token', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password: DEMO_PASSWORD }),
        })
      ).token;
    const token = await signIn(DEMO_USER);
    const auth = { authorization: `Bearer ${token}` };
    const estateList = await httpJson<{ items: { id: string }[] }>(baseUrl, '/api/estates', {
      headers: auth,
    });
    const phoneRng = Rng.derive(spec.seed, 'bench:phones');
    const placeRng = Rng.derive(spec.seed, 'bench:places');

    // Intake: the first desk agent of up to 20 estates spread over the company, each with a token.
    const staffed = state.estates.filter((e) => e.staff && e.unitCount > 0);
    const step = Math.max(1, Math.floor(staffed.length / 20));
    const agentEstates = staffed.filter((_, i) => i % step === 0).slice(0, 20);
    const agents: IntakeAgent[] = [];
    for (const e of agentEstates) {
      const t = await signIn(e.staff!.agentUsername);
      agents.push({
        userId: e.staff!.agents[0] as string,
        estateId: e.id,
        token: t,
        tokenHash: hashToken(SECRET, t),
      });
    }
    const places: IntakeContext['places'] = {};
    for (const e of agentEstates) {
      const homes: IntakeContext['places'][string]['homes'] = [];
      for (let k = 0; k < Math.min(200, e.unitCount); k++) {
        const u = e.unitStart + placeRng.int(0, e.unitCount - 1);
        const r = state.unitMainResident[u] ?? -1;
        if (r < 0) continue;
        homes.push({
          unitId: state.unitIds[u] as string,
          residentId: state.residentIds[r] as string,
          name: state.residentNames[r] as string,
          phone: residentPhone(r),
        });
      }
      places[e.id] = {
        homes,
        locations: e.locationIds.map((id, i) => ({ id, name: LOCATIONS.ygh[i]?.name ?? '' })),
      };
    }
    const categories: IntakeContext['categories'] = {};
    for (const c of categoryRows) {
      const list = categories[c.type] ?? [];
      list.push({ id: c.id, code: c.code });
      categories[c.type] = list;
    }
    for (const list of Object.values(categories)) list.sort((a, b) => a.code.localeCompare(b.code));

    const unitsWithResidents: BenchContext['units'] = [];
    for (let k = 0; k < Math.min(10_000, state.unitIds.length); k++) {
      const u = placeRng.int(0, state.unitIds.length - 1);
      if ((state.unitMainResident[u] ?? -1) < 0) continue;
      unitsWithResidents.push({
        estateId: (state.estates[state.unitEstate[u] as number] as { id: string }).id,
        unitId: state.unitIds[u] as string,
      });
    }
    const ctx: BenchContext = {
      seed: spec.seed,
      tokenHash: hashToken(SECRET, token),
      estateIds: estateList.items.map((e) => e.id),
      unitEstates: state.estates
        .filter((e) => e.unitCount > 0)
        .map((e) => ({ id: e.id, units: e.unitCount })),
      phones: Array.from({ length: Math.min(10_000, spec.residents) }, () =>
        residentPhone(phoneRng.int(0, spec.residents - 1)),
      ),
      clockOffsetMs,
      requestEstates: [],
      numbers: [],
      units: unitsWithResidents,
      intake: { companyId: state.companyId, timeZone: 'Asia/Shanghai', agents, places, categories },
    };

    // The raw side: a pool of `connections` for PostgreSQL; PGlite's one instance lives in the server process.
    const rawFor = (srv: ServerProcess): RawSide => {
      if (kind === 'postgres') {
        const pool = new pg.Pool({ connectionString: url, max: o.connections });
        pool.on('error', () => {});
        rawOpen = { ...pgRawSide(pool, o, ctx), pool };
        return rawOpen;
      }
      return pgliteRawSide(srv, o, ctx);
    };
    const ours = () => [process.pid, ...server.pids, ...(pgDataDir ? postgresPids(pgDataDir) : [])];
    const measure = async (scenario: Scenario, raw: RawSide) => {
      try {
        const stats = kind === 'postgres' && url ? await statementStats(url) : null;
        const r = await runScenario({
          scenario,
          ctx,
          server,
          baseUrl,
          token,
          raw,
          o,
          ours,
          problems,
          beforeRaw: stats ? () => stats(`${scenario.name}.app`) : undefined,
        });
        await stats?.(`${scenario.name}.raw`);
        scenarios.push(r);
      } catch (err) {
        // One benchmark that cannot finish (e.g. a page too slow for this machine) is reported, and
        // the others still run.
        problems.push(`${scenario.name}: ${describe(err)}`);
        log(`  ${scenario.name} FAILED: ${describe(err)}`);
      }
    };

    // 1. Intake on the dataset without its requests.
    const selected = new Set(o.only.map((s) => s.name));
    let raw = rawFor(server);
    if (selected.has('intake_empty') && wantsRequests) await measure(scenarioByName('intake_empty'), raw);

    // 2. The requests: the server stops (PGlite has one owner), intake_empty's rows go, the requests come
    // (not when intake_empty is the only benchmark asked for).
    const loadRequests = wantsRequests && (o.sweep || o.only.some((s) => s.name !== 'intake_empty'));
    if (loadRequests) {
      await raw.close();
      rawOpen = null;
      await server.stop();
      const db2 = await reopen();
      try {
        await removeIntakeRows(db2, counterSnapshot);
        const more = await generateDataset(db2, spec, {
          now: BENCH_NOW,
          log,
          stages: REQUEST_STAGES,
          state,
        });
        dataset = mergeReports(dataset, more.report);
      } finally {
        await db2.close();
      }
      server = await startServer();
      serverInfo = { startMs: server.startMs, idleRssMb: server.idleRssMb };
      baseUrl = `http://127.0.0.1:${server.port}`;
      raw = rawFor(server);
    }
    if (loadRequests) {
      ctx.requestEstates = state.estates
        .filter((_, i) => (state.requests.openPerEstate[i] ?? 0) > 0)
        .map((e) => e.id);
      ctx.numbers = state.requests.numbers;
    }

    // 3. The reads, then intake with the requests stored.
    for (const scenario of o.only) {
      if (scenario.name === 'intake_empty') continue;
      if (!wantsRequests && REQUEST_SCENARIOS.has(scenario.name)) {
        problems.push(`${scenario.name}: the dataset has no requests (scale ${o.scale})`);
        continue;
      }
      await measure(scenario, raw);
    }

    // 4. The SLA sweep (it changes clocks: last).
    if (o.sweep && wantsRequests) {
      log(`  sla_sweep: ${o.sweepDeadlines.toLocaleString('en-US')} clocks falling due at once`);
      const r = await runSweepBenchmark({ kind, url, server, raw, n: o.sweepDeadlines, at: BENCH_NOW });
      sweeps.push(r);
      problems.push(...r.problems.map((p: string) => `sla_sweep: ${p}`));
    }
    await raw.close();
    rawOpen = null;
  } catch (err) {
    problems.push(`${kind}: ${describe(err)}`);
    log(`  FAILED: ${describe(err)}\n${server.logTail()}`);
  } finally {
    await (rawOpen as RawSide | null)?.close();
    await server.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }

  const partial: Omit<DbRun, 'targets'> = {
    kind,
    startedAt: startedAt.toISOString(),
    commit: gitCommit(),
    command: o.command,
    smoke: o.smoke,
    machine: machine(),
    database: { label, version, collation: info?.collation ?? '?', notes: dbNotes },
    settings: {
      scale: o.scale,
      connections: o.connections,
      durationS: o.durationS,
      warmupS: o.warmupS,
      workers: kind === 'postgres' ? o.workers : 1,
      appPool:
        kind === 'postgres'
          ? `node-postgres pool of ${APP_POOL_MAX} (openPostgres default)${o.workers > 1 ? ` in each of the ${o.workers} workers` : ''}`
          : 'PGlite, one connection (in the server process)',
      rawSide:
        kind === 'postgres'
          ? `node-postgres pool of ${o.connections} in the load-generator process, ${o.connections} concurrent callers`
          : `${o.connections} concurrent callers on the PGlite instance, inside the server process`,
    },
    prepareMs,
    dataset,
    server: serverInfo,
    scenarios,
    sweeps,
    problems,
    wallS: (performance.now() - started) / 1000,
  };
  return { ...partial, targets: evaluateTargets(partial) };
}

// ---- main ----------------------------------------------------------------------------------------------

function localDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}

async function main(): Promise<number> {
  const pgTempUrl = new URL('../../scripts/pg-temp.mjs', import.meta.url).href;
  const pgTempModule = (await import(pgTempUrl)) as PgTempModule;
  const pgAvailable = pgTempModule.findPostgresBin() !== null;
  let o: Options | null;
  try {
    o = parseOptions(process.argv.slice(2), pgAvailable);
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      process.stderr.write(`${(err as Error).message}\n\n${HELP}`);
      return 2;
    }
    throw err;
  }
  if (!o) {
    process.stdout.write(HELP);
    return 0;
  }
  if (!pgAvailable && !process.argv.some((a) => a.startsWith('--db')))
    log('No PostgreSQL binaries on this machine: PGlite only.');

  // Every run stops by itself: a hard limit well above the expected time.
  // Per database: each benchmark's loads, the dataset (about 10 ms per unit on PostgreSQL with its
  // requests, measured on the 2-core machine; PGlite some 4 times that) and the sweep; then twice that.
  const perScenario = 2 * (o.durationS + o.warmupS) + Math.min(5, o.durationS) + 20;
  const perDb = (kind: DbKind) =>
    o.only.length * perScenario +
    (o.scale / 100) * (kind === 'pglite' ? 4 : 1) +
    o.sweepDeadlines / 500 +
    300;
  const limitS = o.smoke ? 420 : Math.min(8 * 3600, 2 * o.dbs.reduce((a, k) => a + perDb(k), 0) + 600);
  const watchdog = setTimeout(() => {
    log(`bench: still running after ${limitS} s — giving up`);
    process.exit(1);
  }, limitS * 1000);
  watchdog.unref();

  const wall = performance.now();
  let temp: TempPostgres | null = null;
  const pgTemp = async () => {
    if (!temp) {
      // A server's buffers sized for its data as a production one would be (PostgreSQL's default is
      // 128 MB: at the reference scale most index pages then come from the OS's cache, a syscall each).
      process.env.PG_TEMP_OPTIONS ??= [
        `-c shared_buffers=${PG_SHARED_BUFFERS}`,
        ...(process.env.BENCH_PG_STATS
          ? ['-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_planning=on']
          : []),
      ].join(' ');
      temp = await pgTempModule.startTempPostgres({ log: (m) => log(`  ${m}`) });
    }
    return temp;
  };
  const runs: DbRun[] = [];
  try {
    for (const kind of o.dbs) runs.push(await runOne(kind, o, pgTemp));
  } finally {
    const t = temp as TempPostgres | null;
    await t?.stop();
  }

  const date = localDate(new Date());
  const dir = path.join(benchDir, 'results', ...(o.smoke ? ['smoke'] : []));
  const written: string[] = [];
  const markdowns = runs.map(renderMarkdown);
  if (o.out) {
    mkdirSync(path.dirname(o.out), { recursive: true });
    writeFileSync(o.out, markdowns.join('\n---\n\n'));
    const json = `${o.out.replace(/\.md$/i, '')}.json`;
    writeFileSync(json, `${JSON.stringify(runs.length === 1 ? runs[0] : runs, null, 2)}\n`);
    written.push(o.out, json);
  } else {
    mkdirSync(dir, { recursive: true });
    for (const [i, run] of runs.entries()) {
      const stem = path.join(dir, `${date}-${run.kind}-${scaleLabel(o.scale)}`);
      writeFileSync(`${stem}.md`, markdowns[i] as string);
      writeFileSync(`${stem}.json`, `${JSON.stringify(run, null, 2)}\n`);
      written.push(`${stem}.md`, `${stem}.json`);
    }
  }
  process.stdout.write(`${markdowns.join('\n---\n\n')}\n`);
  const problems = runs.flatMap((r) => r.problems);
  log(
    `bench: ${runs.length} database(s), ${runs.reduce((a, r) => a + r.scenarios.length, 0)} benchmark(s), ${problems.length} problem(s) in ${((performance.now() - wall) / 1000).toFixed(0)} s`,
  );
  for (const f of written) log(`  wrote ${path.relative(process.env.INIT_CWD ?? process.cwd(), f)}`);
  const complete = (r: DbRun) =>
    r.scenarios.length === o.only.length && r.sweeps.length === (o.sweep ? 1 : 0);
  return problems.length === 0 && runs.every(complete) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`bench failed: ${describe(err)}`);
    if (err instanceof Error && err.stack) log(err.stack.split('\n').slice(1, 8).join('\n'));
    process.exit(1);
  },
);

/**
 * Diagnostics: with BENCH_PG_STATS=<prefix> (the run sets PG_TEMP_OPTIONS to preload
 * pg_stat_statements), each benchmark's statements — calls, execution and planning time — are written
 * to <prefix>.<benchmark>.app.txt (the app's loads) and <prefix>.<benchmark>.raw.txt (the raw side's),
 * the costliest first.
 */
async function statementStats(url: string): Promise<((name: string) => Promise<void>) | null> {
  const prefix = process.env.BENCH_PG_STATS;
  if (!prefix) return null;
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query('create extension if not exists pg_stat_statements');
  await client.query('select pg_stat_statements_reset()');
  await client.end();
  return async (name) => {
    const c = new pg.Client({ connectionString: url });
    await c.connect();
    const { rows } = await c.query<{ calls: string; exec_ms: number; plan_ms: number; query: string }>(
      `select calls, round(total_exec_time::numeric, 1)::float8 as exec_ms, round(total_plan_time::numeric, 1)::float8 as plan_ms,
              regexp_replace(query, '\\s+', ' ', 'g') as query
       from pg_stat_statements order by total_exec_time + total_plan_time desc limit 40`,
    );
    const [total] = (
      await c.query<{ calls: string; exec_ms: number; plan_ms: number }>(
        `select sum(calls)::text as calls, round(sum(total_exec_time)::numeric, 1)::float8 as exec_ms,
                round(sum(total_plan_time)::numeric, 1)::float8 as plan_ms from pg_stat_statements`,
      )
    ).rows;
    // The next dump counts from here.
    await c.query('select pg_stat_statements_reset()');
    await c.end();
    const { writeFileSync } = await import('node:fs');
    writeFileSync(
      `${prefix}.${name}.txt`,
      [
        `${total?.calls}\t${total?.exec_ms} ms\t${total?.plan_ms} ms plan\t(all statements)`,
        ...rows.map((r) => `${r.calls}\t${r.exec_ms} ms\t${r.plan_ms} ms plan\t${r.query.slice(0, 300)}`),
      ].join('\n'),
    );
  };
}
