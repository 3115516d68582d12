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
import { DEMO_PASSWORD } from '../../apps/server/src/demo/demo.data.ts';
import { hashToken } from '../../apps/server/src/modules/auth/auth.usecases.ts';
import { AdjustableClock } from '../../apps/server/src/platform/clock.ts';
import { type Database, openPglite, openPostgres, rows, sql } from '../../apps/server/src/platform/db.ts';
import { generateDataset, residentPhone, specForScale } from './dataset.ts';
import { closedLoop, cpuWatch, httpLoad, type LoadStats, postgresPids, waitForQuiet } from './load.ts';
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
  scaleLabel,
} from './report.ts';
import {
  type BenchContext,
  type Input,
  inputStream,
  type RawDb,
  SCENARIOS,
  type Scenario,
} from './scenarios.ts';

const benchDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(benchDir, '..');

/** The instant the dataset and the demo seed are stamped relative to (the same on every run). */
const BENCH_NOW = new Date('2026-03-02T02:00:00.000Z');
const SECRET = 'bench-secret-bench-secret-bench-secret-0123456789';
const APP_POOL_MAX = 20; // openPostgres' default, as `npm run start:prod` runs it
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
  quietWaitS: number;
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
                              default 50000, 2000 with --smoke
  --smoke                     tiny scale and short runs (CI); results go to bench/results/smoke/
  --duration S                seconds per measured run (default 10, 2 with --smoke)
  --warmup S                  seconds of warm-up before each measured run (default 2, 1 with --smoke)
  --connections N             concurrent connections / callers (default 50)
  --only a,b                  only these benchmarks (${SCENARIOS.map((s) => s.name).join(', ')})
  --out FILE                  write the report (all databases) to FILE and FILE's .json twin
  --quiet-wait S              before each benchmark, wait up to S seconds for other processes to leave
                              the CPU idle (default 60, 0 with --smoke)
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
  const only = values.only
    ? values.only.split(',').map((name) => {
        const s = SCENARIOS.find((x) => x.name === name.trim());
        if (!s) throw new UsageError(`--only: unknown benchmark ${name}`);
        return s;
      })
    : [...SCENARIOS];
  return {
    dbs,
    scale: Math.floor(positive('scale', values.scale, smoke ? 2_000 : 50_000, 100)),
    smoke,
    durationS: Math.round(positive('duration', values.duration, smoke ? 2 : 10)),
    warmupS: Math.round(positive('warmup', values.warmup, smoke ? 1 : 2)),
    connections: Math.floor(positive('connections', values.connections, 50)),
    out: values.out ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out) : null,
    only,
    quietWaitS: positive('quiet-wait', values['quiet-wait'], smoke ? 0 : 60, 0),
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
  get pid(): number {
    return this.child.pid ?? 0;
  }
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

  static start(cfg: ServerConfig): Promise<ServerProcess> {
    const t0 = performance.now();
    const child = fork(path.join(benchDir, 'src/server.ts'), [JSON.stringify(cfg)], {
      cwd: benchDir,
      execArgv: ['--import', 'tsx'],
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

/** Problems a scenario's answer shows by itself (an empty answer would make a fast, meaningless benchmark). */
function sanity(scenario: Scenario, ctx: BenchContext, summary: unknown): string | null {
  const s = summary as { total?: number; items?: unknown[]; estates?: unknown[] };
  if (scenario.name === 'lookup_phone' && s.total !== 1) return `expected exactly 1 resident, got ${s.total}`;
  if (scenario.name === 'units_page' && !s.items?.length) return 'an empty page of units';
  if (scenario.name === 'home' && s.estates?.length !== ctx.estateIds.length)
    return `expected ${ctx.estateIds.length} estates, got ${s.estates?.length}`;
  return null;
}

async function runOne(kind: DbKind, o: Options, pgTemp: () => Promise<TempPostgres>): Promise<DbRun> {
  const started = performance.now();
  const startedAt = new Date();
  const problems: string[] = [];
  const spec = specForScale(o.scale);
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
    url = u.toString();
    database = await openPostgres(url, { max: 4 });
    dbNotes =
      'throwaway server from scripts/pg-temp.mjs on 127.0.0.1 (TCP), fsync=off, synchronous_commit=off, full_page_writes=off, max_connections=200, other settings default';
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
  const { report: dataset, state } = await generateDataset(database, spec, { now: BENCH_NOW, log });
  const [info] = await rows<{ version: string; collation: string }>(
    database.db,
    sql`select current_setting('server_version') as version, datcollate as collation from pg_database where datname = current_database()`,
  );
  await database.close();
  const version = info?.version ?? '?';
  const label =
    kind === 'postgres'
      ? `PostgreSQL ${version}`
      : `PGlite ${pgliteVersion()} (PostgreSQL ${version}, WebAssembly)`;

  // The server.
  const server = await ServerProcess.start({
    kind,
    url,
    dataDir,
    poolMax: APP_POOL_MAX,
    secret: SECRET,
    logLevel: 'warn',
  });
  cleanups.push(() => server.kill());
  const base = `http://127.0.0.1:${server.port}`;
  // The benchmark's own processes: everything else using CPU during a run is interference.
  const ours = () => [process.pid, server.pid, ...(pgDataDir ? postgresPids(pgDataDir) : [])];
  log(
    `  server on ${base} (pid started in ${(server.startMs / 1000).toFixed(1)} s, RSS ${Math.round(server.idleRssMb)} MB)`,
  );

  let rawPool: pg.Pool | null = null;
  const scenarios: ScenarioResult[] = [];
  try {
    const { token } = await httpJson<{ token: string }>(base, '/api/auth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: DEMO_USER, password: DEMO_PASSWORD }),
    });
    const auth = { authorization: `Bearer ${token}` };
    const estateList = await httpJson<{ items: { id: string }[] }>(base, '/api/estates', { headers: auth });
    const phoneRng = Rng.derive(spec.seed, 'bench:phones');
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
    };

    // The raw side: a pool of `connections` for PostgreSQL; PGlite's one instance lives in the server process.
    let rawOnce: (s: Scenario, input: Input) => Promise<unknown>;
    let rawLoad: (s: Scenario) => Promise<LoadStats>;
    const loadTimeout = (o.durationS + o.warmupS) * 1000 + 120_000;
    if (kind === 'postgres') {
      const pool = new pg.Pool({ connectionString: url, max: o.connections });
      pool.on('error', () => {});
      rawPool = pool;
      const db: RawDb = {
        query: async <T>(text: string, params?: unknown[]) => (await pool.query(text, params)).rows as T[],
      };
      rawOnce = (s, input) => s.raw(db, ctx, input);
      rawLoad = async (s) => {
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
      };
    } else {
      rawOnce = (s, input) => server.call({ cmd: 'raw-once', scenario: s.name, ctx, input }, 60_000);
      rawLoad = (s) =>
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
        );
    }

    for (const scenario of o.only) {
      log(`  ${scenario.name}: ${scenario.title}`);
      // Pre-flight: the app and the raw SQL give the same answer, and the answer is not empty.
      const pre = inputStream(scenario, ctx, 'preflight');
      let checked = 0;
      for (let i = 0; i < 3; i++) {
        const input = pre();
        const body = await httpJson<unknown>(base, scenario.path(input), { headers: auth });
        const fromApp = scenario.summarize(body);
        const fromRaw = await rawOnce(scenario, input);
        if (JSON.stringify(fromApp) !== JSON.stringify(fromRaw)) {
          problems.push(
            `${scenario.name}: the raw SQL answers differently from the app for ${JSON.stringify(input)}: app ${JSON.stringify(fromApp).slice(0, 300)} raw ${JSON.stringify(fromRaw).slice(0, 300)}`,
          );
          break;
        }
        const bad = sanity(scenario, ctx, fromApp);
        if (bad) {
          problems.push(`${scenario.name}: ${bad} for ${JSON.stringify(input)}`);
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
      const warm = inputStream(scenario, ctx, 'warmup');
      await httpLoad({
        baseUrl: base,
        token,
        connections: o.connections,
        durationS: o.warmupS,
        nextPath: () => scenario.path(warm()),
      });
      await idle();
      await server.call({ cmd: 'rss-start' }, 10_000);
      const next = inputStream(scenario, ctx);
      const appWatch = cpuWatch(ours);
      const app = await httpLoad({
        baseUrl: base,
        token,
        connections: o.connections,
        durationS: o.durationS,
        nextPath: () => scenario.path(next()),
      });
      const appCpu = appWatch.stop();
      const rss = await server.call<RssStats>({ cmd: 'rss-stop' }, 10_000);
      await idle();
      // The same requests one at a time: the service time, without queueing behind 49 others.
      const single = inputStream(scenario, ctx, 'single');
      const app1 = await httpLoad({
        baseUrl: base,
        token,
        connections: 1,
        durationS: o.smoke ? 1 : Math.min(5, o.durationS),
        nextPath: () => scenario.path(single()),
      });
      await idle();
      await waitForQuiet(o.quietWaitS * 1000);
      const rawWatch = cpuWatch(ours);
      const raw = await rawLoad(scenario);
      const rawCpu = rawWatch.stop();
      const ratio = raw.rps > 0 ? app.rps / raw.rps : 0;
      for (const [side, stats] of [
        ['app', app],
        ['app, 1 connection', app1],
        ['raw', raw],
      ] as const) {
        if (stats.failed > 0)
          problems.push(`${scenario.name} (${side}): ${stats.failed} failed — ${stats.firstError}`);
        if (stats.ok === 0) problems.push(`${scenario.name} (${side}): nothing succeeded`);
      }
      log(
        `    app ${Math.round(app.rps)} req/s p50 ${fmtMs(app.p50Ms)} p95 ${fmtMs(app.p95Ms)} p99 ${fmtMs(app.p99Ms)} ms · raw ${Math.round(raw.rps)} req/s p95 ${fmtMs(raw.p95Ms)} ms (1 connection: p95 ${fmtMs(app1.p95Ms)} ms) · app/raw ${(ratio * 100).toFixed(0)}% · RSS peak ${Math.round(rss.peakMb)} MB · others' CPU ${pct(appCpu?.others)}/${pct(rawCpu?.others)}`,
      );
      scenarios.push({
        name: scenario.name,
        title: scenario.title,
        app,
        raw,
        ratio,
        rss,
        app1,
        preflightChecked: checked,
        quietBefore: quiet,
        othersCpu: { app: appCpu?.others ?? null, raw: rawCpu?.others ?? null },
      });
    }
  } catch (err) {
    problems.push(`${kind}: ${describe(err)}`);
    log(`  FAILED: ${describe(err)}`);
  } finally {
    await rawPool?.end().catch(() => undefined);
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
      appPool:
        kind === 'postgres'
          ? `node-postgres pool of ${APP_POOL_MAX} (openPostgres default)`
          : 'PGlite, one connection (in the server process)',
      rawSide:
        kind === 'postgres'
          ? `node-postgres pool of ${o.connections} in the load-generator process, ${o.connections} concurrent callers`
          : `${o.connections} concurrent callers on the PGlite instance, inside the server process`,
    },
    prepareMs,
    dataset,
    server: { startMs: server.startMs, idleRssMb: server.idleRssMb },
    scenarios,
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
  const perDb = o.only.length * 2 * (o.durationS + o.warmupS) + 300;
  const limitS = o.smoke ? 115 : Math.min(3 * 3600, o.dbs.length * perDb * 2 + 600);
  const watchdog = setTimeout(() => {
    log(`bench: still running after ${limitS} s — giving up`);
    process.exit(1);
  }, limitS * 1000);
  watchdog.unref();

  const wall = performance.now();
  let temp: TempPostgres | null = null;
  const pgTemp = async () => {
    if (!temp) {
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
  return problems.length === 0 && runs.every((r) => r.scenarios.length === o.only.length) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    log(`bench failed: ${describe(err)}`);
    if (err instanceof Error && err.stack) log(err.stack.split('\n').slice(1, 8).join('\n'));
    process.exit(1);
  },
);
