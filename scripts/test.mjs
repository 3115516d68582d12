#!/usr/bin/env node
// `npm test`: runs the Vitest suite against every database this machine can offer.
//
//   1. PGlite (embedded)              TEST_DB=pglite
//   2. a throwaway real PostgreSQL    TEST_DB=postgres TEST_DATABASE_URL=<admin url>
//      (only when PostgreSQL binaries are installed; see scripts/pg-temp.mjs), or the server named
//      by TEST_DATABASE_URL when that is set in the environment
//
// Extra arguments go to vitest:  npm test -- apps/server/src/modules/auth
// One database only:             TEST_ONLY=pglite npm test   /   TEST_ONLY=postgres npm test
//
// The last line printed is exactly "N passed, N failed" (", N skipped" when N > 0): CI reads it.
// Exits non-zero when a run fails, a run executes no test, or PostgreSQL binaries exist but the
// server could not be started.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findPostgresBin, startTempPostgres } from './pg-temp.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmpDir = path.join(root, '.tmp');
const vitestArgs = process.argv.slice(2);

const only = (process.env.TEST_ONLY ?? '').trim().toLowerCase();
if (only && only !== 'pglite' && only !== 'postgres') {
  console.error(`TEST_ONLY must be 'pglite' or 'postgres' (got '${process.env.TEST_ONLY}')`);
  process.exit(2);
}
// A TEST_DATABASE_URL from the environment means: use that server instead of a throwaway one.
const externalUrl = process.env.TEST_DATABASE_URL?.trim() || '';

// Ctrl-C / SIGTERM: let the running vitest stop, then run nothing more.
let interrupted = null;
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    interrupted ??= signal;
  });
}

function fmtDuration(ms) {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)} min ${s % 60} s`;
}

function banner(text) {
  const line = '─'.repeat(Math.max(20, Math.min(100, text.length + 4)));
  console.log(`\n${line}\n  ${text}\n${line}`);
}

/** "PGlite 0.5.16 (embedded, PostgreSQL 18.6 wasm)", read from the installed package. */
function pgliteLabel() {
  const candidates = [
    path.join(root, 'node_modules/@electric-sql/pglite'),
    path.join(root, 'apps/server/node_modules/@electric-sql/pglite'),
  ];
  for (const dir of candidates) {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
      let pgVersion = '';
      try {
        const wasm = fs.readFileSync(path.join(dir, 'dist/pglite.wasm')).toString('latin1');
        pgVersion = /PostgreSQL (\d+\.\d+)/.exec(wasm)?.[1] ?? '';
      } catch {
        // layout changed: fall back to the generic label
      }
      return `PGlite ${pkg.version} (embedded, PostgreSQL ${pgVersion || '(wasm)'}${pgVersion ? ' wasm' : ''})`;
    } catch {
      // try the next place
    }
  }
  return 'PGlite (embedded, wasm)';
}

/** Best effort: the server version of an external database, through psql when it is installed. */
function externalVersion(url) {
  const r = spawnSync('psql', [url, '-AtXc', 'show server_version'], {
    encoding: 'utf8',
    timeout: 10_000,
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  return r.status === 0 ? r.stdout.trim().split(/\s/)[0] : '';
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return '(TEST_DATABASE_URL)';
  }
}

function spawnVitest(extraEnv, outputFile) {
  const args = [
    'vitest',
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${outputFile}`,
    ...vitestArgs,
  ];
  const env = { ...process.env, ...extraEnv };
  for (const [k, v] of Object.entries(extraEnv)) if (v === undefined) delete env[k];
  return new Promise((resolve) => {
    const child = spawn('npx', args, { cwd: root, env, stdio: 'inherit' });
    // Ctrl-C in a terminal reaches vitest directly (same process group); pass SIGINT on only when
    // it did not stop by itself (a second SIGINT would make vitest quit without cleaning up).
    let timer;
    const onInt = () => {
      timer ??= setTimeout(() => child.kill('SIGINT'), 2000);
    };
    const onTerm = () => child.kill('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    child.on('error', (err) => resolve({ code: 1, error: err.message }));
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve({ code: code ?? 1, signal });
    });
  });
}

/**
 * Runs vitest once and counts its results from the JSON report.
 * @returns {Promise<{ passed: number, failed: number, skipped: number, total: number, ok: boolean,
 *   problems: string[], ms: number }>}
 */
async function runSuite(db, extraEnv) {
  fs.mkdirSync(tmpDir, { recursive: true });
  // A per-process file, so two people running `npm test` in one checkout do not read each
  // other's report; it is renamed to .tmp/vitest-<db>.json afterwards for inspection.
  const privateFile = path.join(tmpDir, `vitest-${db}.${process.pid}.json`);
  const publicFile = path.join(tmpDir, `vitest-${db}.json`);
  fs.rmSync(privateFile, { force: true });

  const t0 = performance.now();
  const { code, signal, error } = await spawnVitest(extraEnv, privateFile);
  const ms = performance.now() - t0;

  const result = { passed: 0, failed: 0, skipped: 0, total: 0, ok: true, problems: [], ms };
  let report = null;
  try {
    report = JSON.parse(fs.readFileSync(privateFile, 'utf8'));
    fs.renameSync(privateFile, publicFile);
    console.log(`(report kept as ${path.relative(root, publicFile)})`);
  } catch {
    fs.rmSync(privateFile, { force: true });
  }

  if (report) {
    result.passed = report.numPassedTests ?? 0;
    result.failed = report.numFailedTests ?? 0;
    result.skipped = (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0);
    result.total = report.numTotalTests ?? result.passed + result.failed + result.skipped;
    // Files that failed as a whole (import error, failing beforeAll) with no failed test in them.
    const brokenFiles = (report.testResults ?? []).filter(
      (f) => f.status === 'failed' && !(f.assertionResults ?? []).some((a) => a.status === 'failed'),
    );
    if (brokenFiles.length > 0) {
      result.failed += brokenFiles.length;
      for (const f of brokenFiles) {
        const msg = String(f.message ?? '')
          .split('\n')[0]
          .slice(0, 200);
        result.problems.push(`${path.relative(root, f.name ?? '?')} failed to run${msg ? `: ${msg}` : ''}`);
      }
    }
  } else {
    result.problems.push(
      error ? `vitest could not start: ${error}` : 'vitest wrote no JSON report (it crashed or was stopped)',
    );
  }

  if (signal) result.problems.push(`vitest was stopped by ${signal}`);
  else if (code !== 0 && result.failed === 0 && report) {
    result.problems.push(`vitest exited with code ${code} (unhandled error or no test files?)`);
  }
  if (report && result.passed + result.failed === 0) {
    result.problems.push('no test was executed');
  }
  result.ok = code === 0 && !signal && result.failed === 0 && result.problems.length === 0;
  // A run that went wrong without a failed test still counts as one failure in the totals,
  // so the closing line never reads "0 failed" for a red run.
  if (!result.ok && result.failed === 0) result.failed = 1;
  return result;
}

function describe(r) {
  const parts = [`${r.passed} passed`];
  if (r.failed) parts.push(`${r.failed} failed`);
  if (r.skipped) parts.push(`${r.skipped} skipped`);
  return `${parts.join(', ')} in ${fmtDuration(r.ms)}`;
}

async function main() {
  const runs = []; // { label, result?, skippedReason?, error? }
  let exitCode = 0;

  // --- Run 1: PGlite -------------------------------------------------------------------------
  if (only !== 'postgres') {
    const label = pgliteLabel();
    banner(`Run 1 · ${label} · TEST_DB=pglite`);
    const result = await runSuite('pglite', { TEST_DB: 'pglite', TEST_DATABASE_URL: undefined });
    runs.push({ label, result });
  }
  if (interrupted) {
    console.log(`\nInterrupted (${interrupted}): stopping.`);
    return 130;
  }

  // --- Run 2: real PostgreSQL ------------------------------------------------------------------
  if (only !== 'pglite') {
    if (externalUrl) {
      const version = externalVersion(externalUrl);
      const label = `PostgreSQL${version ? ` ${version}` : ''} (external, ${redact(externalUrl)})`;
      banner(`Run 2 · ${label} · TEST_DB=postgres`);
      const result = await runSuite('postgres', { TEST_DB: 'postgres', TEST_DATABASE_URL: externalUrl });
      runs.push({ label, result });
    } else {
      const bin = findPostgresBin();
      if (!bin) {
        const reason =
          'no PostgreSQL binaries found (looked at $PG_BIN, /usr/lib/postgresql/*/bin and PATH); ' +
          'install PostgreSQL (apt-get install postgresql) or set TEST_DATABASE_URL to run it';
        if (only === 'postgres') runs.push({ label: 'PostgreSQL', error: reason });
        else runs.push({ label: 'PostgreSQL', skippedReason: reason });
      } else {
        let pg;
        try {
          pg = await startTempPostgres();
        } catch (err) {
          runs.push({ label: `PostgreSQL (${bin})`, error: `could not start: ${err.message}` });
        }
        if (pg) {
          const label = `PostgreSQL ${pg.version} (throwaway, 127.0.0.1:${pg.port}, ${pg.locale})`;
          banner(
            `Run 2 · ${label} · TEST_DB=postgres · initdb ${fmtDuration(pg.timings.initdbMs)}, ` +
              `start ${fmtDuration(pg.timings.startMs)}`,
          );
          try {
            const result = await runSuite('postgres', { TEST_DB: 'postgres', TEST_DATABASE_URL: pg.url });
            runs.push({ label, result });
          } finally {
            const t = performance.now();
            await pg.stop();
            console.log(`Stopped the throwaway PostgreSQL (${fmtDuration(performance.now() - t)}).`);
          }
        }
      }
    }
  }

  // --- Summary -------------------------------------------------------------------------------
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const dbParts = [];
  const notes = [];
  for (const run of runs) {
    if (run.result) {
      const r = run.result;
      passed += r.passed;
      failed += r.failed;
      skipped += r.skipped;
      dbParts.push(`${run.label} — ${describe(r)}`);
      if (!r.ok) exitCode = 1;
      for (const p of r.problems) notes.push(`${run.label}: ${p}`);
    } else if (run.error) {
      failed += 1;
      exitCode = 1;
      dbParts.push(`${run.label} — did not run`);
      notes.push(`${run.label}: ${run.error}`);
    } else if (run.skippedReason) {
      dbParts.push(`${run.label} — skipped`);
      notes.push(`Real-PostgreSQL run skipped: ${run.skippedReason}.`);
    }
  }

  banner('Summary');
  console.log(`Databases: ${dbParts.join('; ')}`);
  if (only) console.log(`(TEST_ONLY=${only}: the other database was not run)`);
  if (vitestArgs.length) console.log(`(vitest arguments: ${vitestArgs.join(' ')})`);
  for (const n of notes) console.log(`  ! ${n}`);
  console.log(exitCode === 0 ? 'Result: all runs passed.' : 'Result: FAILED.');
  console.log(`${passed} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}`);
  return exitCode;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.stack ?? err);
    console.log('0 passed, 1 failed');
    process.exit(1);
  },
);
