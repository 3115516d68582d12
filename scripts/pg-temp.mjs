#!/usr/bin/env node
// A throwaway real PostgreSQL server for tests and local development.
//
//   import { startTempPostgres } from './pg-temp.mjs';
//   const pg = await startTempPostgres();          // { url, version, port, dataDir, stop() }
//   ... use pg.url (postgres://postgres@127.0.0.1:PORT/postgres, trust auth) ...
//   await pg.stop();                               // pg_ctl stop -m fast + remove the temp dir
//
// `node scripts/pg-temp.mjs [--locale=C]` starts one, prints its URL and waits for Ctrl-C.
//
// Binaries: $PG_BIN (a directory holding initdb + pg_ctl), else the highest
// /usr/lib/postgresql/<version>/bin, else initdb + pg_ctl on PATH.
// As root (CI), initdb and pg_ctl refuse to run, so they run as the `postgres` user via runuser.
// The cluster is UTF8 with the C.UTF-8 locale by default (see STACK-NOTES gotcha 12); pass
// { locale: 'C' } to get a server whose pg_trgm ignores CJK, to prove the app does not rely on it.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PG_USER = 'postgres';

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function hasBinaries(dir) {
  return isExecutable(path.join(dir, 'initdb')) && isExecutable(path.join(dir, 'pg_ctl'));
}

/** Compares version-like directory names numerically, highest first ("16" > "15" > "9.6"). */
function compareVersionsDesc(a, b) {
  const pa = a.split('.').map((n) => Number.parseInt(n, 10) || 0);
  const pb = b.split('.').map((n) => Number.parseInt(n, 10) || 0);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pb[i] ?? 0) - (pa[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * Returns the directory holding `initdb` and `pg_ctl`, or null when PostgreSQL is not installed.
 * Honours PG_BIN; then /usr/lib/postgresql/<highest version>/bin; then PATH.
 */
export function findPostgresBin() {
  const fromEnv = process.env.PG_BIN;
  if (fromEnv) return hasBinaries(fromEnv) ? path.resolve(fromEnv) : null;

  const root = '/usr/lib/postgresql';
  let versions = [];
  try {
    versions = fs.readdirSync(root).sort(compareVersionsDesc);
  } catch {
    // not a Debian-style install
  }
  for (const v of versions) {
    const dir = path.join(root, v, 'bin');
    if (hasBinaries(dir)) return dir;
  }

  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && hasBinaries(dir)) return dir;
  }
  return null;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Builds argv so that a PostgreSQL tool runs as `postgres` when we are root. */
function asPgUser(bin, args) {
  if (!isRoot) return { cmd: bin, args };
  return { cmd: 'runuser', args: ['-u', PG_USER, '--', bin, ...args] };
}

function run(bin, args, { timeoutMs = 120_000 } = {}) {
  const { cmd, args: argv } = asPgUser(bin, args);
  const r = spawnSync(cmd, argv, { encoding: 'utf8', timeout: timeoutMs, stdio: ['ignore', 'pipe', 'pipe'] });
  if (r.error) throw new Error(`${path.basename(bin)} could not run: ${r.error.message}`);
  if (r.status !== 0) {
    const out = `${r.stdout ?? ''}${r.stderr ?? ''}`.trim();
    const what = path.basename(bin) === 'pg_ctl' ? `pg_ctl ${args.at(-1)}` : path.basename(bin);
    throw new Error(`${what} exited with ${r.status ?? r.signal}${out ? `:\n${out}` : ''}`);
  }
  return r.stdout ?? '';
}

function postgresUserIds() {
  const r = spawnSync('id', ['-u', PG_USER], { encoding: 'utf8' });
  const g = spawnSync('id', ['-g', PG_USER], { encoding: 'utf8' });
  if (r.status !== 0 || g.status !== 0) {
    throw new Error(
      `running as root, but there is no '${PG_USER}' user to run PostgreSQL as (initdb refuses root). ` +
        `Create one (useradd -r ${PG_USER}) or run as a normal user.`,
    );
  }
  return { uid: Number(r.stdout.trim()), gid: Number(g.stdout.trim()) };
}

function chownRecursive(dir, uid, gid) {
  fs.chownSync(dir, uid, gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) chownRecursive(p, uid, gid);
    else fs.chownSync(p, uid, gid);
  }
}

/** Asks the kernel for a free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function makeTempDir() {
  // Unix socket paths are limited to ~107 bytes: fall back to /tmp when TMPDIR is deep.
  let base = os.tmpdir();
  if (base.length > 60) base = '/tmp';
  return fs.mkdtempSync(path.join(base, 'wuye-pg-'));
}

function readTail(file, max = 4000) {
  try {
    const text = fs.readFileSync(file, 'utf8');
    return text.length > max ? text.slice(-max) : text;
  } catch {
    return '(no log)';
  }
}

// Servers started by this process, stopped on exit / SIGINT / SIGTERM.
const live = new Set();
let hooksInstalled = false;

function stopAllSync() {
  for (const server of live) server.stopSync();
}

function installExitHooks() {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on('exit', stopAllSync);
  for (const [signal, code] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ]) {
    process.on(signal, () => {
      stopAllSync();
      process.exit(code);
    });
  }
}

/**
 * A watchdog shell that stops the server if this Node process dies without running its exit
 * hooks (SIGKILL, OOM): no orphaned postmaster is left behind on a CI machine.
 */
function startWatchdog({ pgCtl, dataDir, tempDir }) {
  const stopCmd = isRoot
    ? `runuser -u ${PG_USER} -- '${pgCtl}' -D '${dataDir}' stop -m immediate`
    : `'${pgCtl}' -D '${dataDir}' stop -m immediate`;
  const script = `while kill -0 ${process.pid} 2>/dev/null; do sleep 2; done; ${stopCmd} >/dev/null 2>&1; rm -rf '${tempDir}'`;
  try {
    const child = spawn('sh', ['-c', script], { detached: true, stdio: 'ignore' });
    child.unref();
    return child;
  } catch {
    return null;
  }
}

/**
 * Starts a fresh PostgreSQL cluster in a temp dir on a free 127.0.0.1 port.
 * @param {{ locale?: string, bin?: string, log?: (msg: string) => void }} [options]
 * @returns {Promise<{ url: string, version: string, port: number, dataDir: string, logFile: string,
 *   timings: { initdbMs: number, startMs: number }, stop(): Promise<void> }>}
 */
export async function startTempPostgres(options = {}) {
  const binDir = options.bin ?? findPostgresBin();
  if (!binDir) {
    throw new Error('no PostgreSQL binaries found (looked at $PG_BIN, /usr/lib/postgresql/*/bin, PATH)');
  }
  const locale = options.locale ?? 'C.UTF-8';
  const initdb = path.join(binDir, 'initdb');
  const pgCtl = path.join(binDir, 'pg_ctl');
  const postgresBin = path.join(binDir, 'postgres');

  let version = 'PostgreSQL';
  const v = spawnSync(isExecutable(postgresBin) ? postgresBin : pgCtl, ['--version'], { encoding: 'utf8' });
  const m = /\(PostgreSQL\)\s+([0-9][^\s]*)/.exec(v.stdout ?? '');
  if (m) version = m[1];

  const tempDir = makeTempDir();
  const dataDir = path.join(tempDir, 'data');
  const sockDir = path.join(tempDir, 'sock');
  const logFile = path.join(tempDir, 'postgres.log');
  fs.mkdirSync(sockDir);

  const cleanupDir = () => fs.rmSync(tempDir, { recursive: true, force: true });

  try {
    if (isRoot) {
      const { uid, gid } = postgresUserIds();
      chownRecursive(tempDir, uid, gid);
    }

    const t0 = performance.now();
    run(initdb, [
      '-D',
      dataDir,
      '-E',
      'UTF8',
      `--locale=${locale}`,
      '-A',
      'trust',
      '-U',
      PG_USER,
      '--no-sync',
    ]);
    const initdbMs = performance.now() - t0;

    // The port is free when we ask, but another process could take it before the postmaster
    // binds it: retry a few times with a new port.
    let port = 0;
    let startMs = 0;
    let lastError;
    for (let attempt = 0; attempt < 5; attempt++) {
      port = await freePort();
      const opts = [
        `-p ${port}`,
        `-k ${sockDir}`,
        '-c listen_addresses=127.0.0.1',
        '-c fsync=off',
        '-c synchronous_commit=off',
        '-c full_page_writes=off',
        '-c max_connections=200',
        // Extra server settings for a diagnostic run, e.g. the bench's BENCH_PG_STATS.
        ...(process.env.PG_TEMP_OPTIONS ? [process.env.PG_TEMP_OPTIONS] : []),
      ].join(' ');
      const t1 = performance.now();
      try {
        run(pgCtl, ['-D', dataDir, '-o', opts, '-l', logFile, '-w', '-t', '60', 'start'], {
          timeoutMs: 90_000,
        });
        startMs = performance.now() - t1;
        lastError = undefined;
        break;
      } catch (err) {
        lastError = err;
        const log = readTail(logFile);
        if (!/could not bind|Address already in use/i.test(log)) break;
      }
    }
    if (lastError) {
      throw new Error(`${lastError.message}\n--- server log (${logFile}) ---\n${readTail(logFile)}`);
    }

    let stopped = false;
    const watchdog = startWatchdog({ pgCtl, dataDir, tempDir });
    const server = {
      url: `postgres://${PG_USER}@127.0.0.1:${port}/postgres`,
      version,
      port,
      locale,
      dataDir,
      logFile,
      timings: { initdbMs, startMs },
      stopSync() {
        if (stopped) return;
        stopped = true;
        live.delete(server);
        try {
          const { cmd, args } = asPgUser(pgCtl, ['-D', dataDir, 'stop', '-m', 'fast', '-w', '-t', '60']);
          spawnSync(cmd, args, { stdio: 'ignore', timeout: 70_000 });
        } finally {
          try {
            if (watchdog?.pid) process.kill(-watchdog.pid, 'SIGKILL');
          } catch {
            // already gone
          }
          cleanupDir();
        }
      },
      async stop() {
        if (stopped) return;
        stopped = true;
        live.delete(server);
        try {
          const { cmd, args } = asPgUser(pgCtl, ['-D', dataDir, 'stop', '-m', 'fast', '-w', '-t', '60']);
          await new Promise((resolve) => {
            const child = spawn(cmd, args, { stdio: 'ignore' });
            child.on('error', resolve);
            child.on('exit', resolve);
          });
        } finally {
          try {
            if (watchdog?.pid) process.kill(-watchdog.pid, 'SIGKILL');
          } catch {
            // already gone
          }
          cleanupDir();
        }
      },
    };
    live.add(server);
    installExitHooks();
    options.log?.(
      `PostgreSQL ${version} on 127.0.0.1:${port} (initdb ${fmtMs(initdbMs)}, start ${fmtMs(startMs)})`,
    );
    return server;
  } catch (err) {
    // initdb or start failed: make sure nothing is left running or on disk.
    if (fs.existsSync(path.join(dataDir, 'postmaster.pid'))) {
      try {
        const { cmd, args } = asPgUser(pgCtl, ['-D', dataDir, 'stop', '-m', 'immediate']);
        spawnSync(cmd, args, { stdio: 'ignore', timeout: 30_000 });
      } catch {
        // best effort
      }
    }
    cleanupDir();
    throw err;
  }
}

function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}

// --- CLI: node scripts/pg-temp.mjs [--locale=C] ---
const isMain = process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const localeArg = process.argv.find((a) => a.startsWith('--locale='));
  const locale = localeArg ? localeArg.slice('--locale='.length) : undefined;
  const bin = findPostgresBin();
  if (!bin) {
    console.error('No PostgreSQL binaries found. Install one (apt-get install postgresql) or set PG_BIN.');
    process.exit(1);
  }
  try {
    const pg = await startTempPostgres({ locale });
    console.log(`PostgreSQL ${pg.version} (${bin}), locale ${pg.locale}`);
    console.log(
      `initdb ${fmtMs(pg.timings.initdbMs)}, start ${fmtMs(pg.timings.startMs)}; data ${pg.dataDir}, log ${pg.logFile}`,
    );
    console.log('');
    console.log(pg.url);
    console.log('');
    console.log(`psql ${pg.url}`);
    console.log('Press Ctrl-C to stop it and delete its data.');
    // Keep the event loop alive until a signal arrives (the exit hooks stop the server).
    setInterval(() => {}, 1 << 30);
  } catch (err) {
    console.error(`Could not start PostgreSQL: ${err.message}`);
    process.exit(1);
  }
}
