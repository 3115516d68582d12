#!/usr/bin/env node
// `npm run db:check`: fails when the Drizzle schema (src/**/*.table.ts) would generate a new
// migration that is not committed in drizzle/, and runs `drizzle-kit check` on drizzle/.
//
// How: copy drizzle/ to a temp dir, run `drizzle-kit generate` with a temporary config (written
// next to drizzle.config.ts so the schema glob resolves the same, deleted afterwards) whose `out`
// is the copy, and see whether a new .sql file appeared. The real drizzle/ is never written to
// (and is hashed before and after to prove it).
//
// Options: --dir <server dir> (default: the folder above this script), --config <file> (default:
// drizzle.config.ts), --keep (keep the temp copy and print where it is, to look at the new SQL).

import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { stripVTControlCharacters } from 'node:util';

const GENERATE_TIMEOUT_MS = 180_000;

function parseArgs(argv) {
  const opts = { dir: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..') };
  opts.config = 'drizzle.config.ts';
  opts.keep = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--dir') opts.dir = path.resolve(argv[++i]);
    else if (a.startsWith('--dir=')) opts.dir = path.resolve(a.slice(6));
    else if (a === '--config') opts.config = argv[++i];
    else if (a.startsWith('--config=')) opts.config = a.slice(9);
    else if (a === '--keep') opts.keep = true;
    else {
      console.error(`unknown argument: ${a}`);
      process.exit(2);
    }
  }
  return opts;
}

/** Finds drizzle-kit's bin.cjs in the nearest node_modules up from `dir`. */
function findDrizzleKit(dir) {
  let d = dir;
  for (;;) {
    const bin = path.join(d, 'node_modules', 'drizzle-kit', 'bin.cjs');
    if (fs.existsSync(bin)) return bin;
    const parent = path.dirname(d);
    if (parent === d) return null;
    d = parent;
  }
}

/** Runs drizzle-kit with no stdin (it cannot prompt) and captures its output. */
function drizzleKit(bin, args, cwd) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    });
    let out = '';
    child.stdout.on('data', (b) => {
      out += b;
    });
    child.stderr.on('data', (b) => {
      out += b;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), GENERATE_TIMEOUT_MS);
    child.on('error', (err) => {
      clearTimeout(timer);
      resolve({ code: 1, out: `${out}\n${err.message}`, timedOut: false });
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? 1, out, timedOut: signal === 'SIGKILL' });
    });
  });
}

/** A hash of every file under `dir` (names and contents), or 'absent'. */
function hashTree(dir) {
  if (!fs.existsSync(dir)) return 'absent';
  const h = crypto.createHash('sha256');
  const walk = (d) => {
    for (const name of fs.readdirSync(d).sort()) {
      const p = path.join(d, name);
      const st = fs.statSync(p);
      h.update(`${path.relative(dir, p)}\0`);
      if (st.isDirectory()) walk(p);
      else h.update(fs.readFileSync(p));
    }
  };
  walk(dir);
  return h.digest('hex');
}

/** A path as the developer sees it: relative to where they ran npm (INIT_CWD), usually the repo root. */
function shown(p) {
  return path.relative(process.env.INIT_CWD || process.cwd(), p) || p;
}

function sqlFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort();
}

function indent(text) {
  return stripVTControlCharacters(text)
    .trim()
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const serverDir = opts.dir;
  const configPath = path.resolve(serverDir, opts.config);
  if (!fs.existsSync(configPath)) {
    console.error(`db:check: no drizzle config at ${configPath}`);
    return 1;
  }
  const bin = findDrizzleKit(serverDir);
  if (!bin) {
    console.error('db:check: drizzle-kit is not installed (run npm ci)');
    return 1;
  }

  // The real migrations folder: `out` of the real config, './drizzle' by convention.
  const configText = fs.readFileSync(configPath, 'utf8');
  const outMatch = /\bout\s*:\s*['"`]([^'"`]+)['"`]/.exec(configText);
  const realOut = path.resolve(serverDir, outMatch ? outMatch[1] : './drizzle');
  const realHashBefore = hashTree(realOut);

  const tempRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-db-check-'));
  const tempOut = path.join(tempRoot, 'drizzle');
  if (fs.existsSync(realOut)) fs.cpSync(realOut, tempOut, { recursive: true });
  else fs.mkdirSync(tempOut);

  // Temp config next to the real one: same cwd, same schema glob, same options; only `out` differs.
  const tempConfig = path.join(serverDir, `.drizzle-check-${process.pid}.config.ts`);
  // drizzle-kit reads snapshots from './' + out, so `out` must be relative to the server dir.
  const tempOutRel = path.relative(serverDir, tempOut).replace(/\\/g, '/');
  const importPath = `./${path.relative(serverDir, configPath).replace(/\\/g, '/').replace(/\.ts$/, '')}`;
  fs.writeFileSync(
    tempConfig,
    `// Temporary file written by scripts/check-migrations.mjs; safe to delete.\n` +
      `import base from '${importPath}';\n` +
      `export default { ...base, out: ${JSON.stringify(tempOutRel)} };\n`,
  );
  const cleanup = () => {
    fs.rmSync(tempConfig, { force: true });
    if (!opts.keep) fs.rmSync(tempRoot, { recursive: true, force: true });
  };
  const onSignal = (signal) => {
    cleanup();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  let failed = false;
  try {
    const before = sqlFiles(tempOut);
    const t0 = performance.now();
    const gen = await drizzleKit(bin, ['generate', `--config=${path.basename(tempConfig)}`], serverDir);
    fs.rmSync(tempConfig, { force: true });
    const after = sqlFiles(tempOut);
    const added = after.filter((f) => !before.includes(f));
    const secs = ((performance.now() - t0) / 1000).toFixed(1);

    if (gen.timedOut || /Interactive prompts require a TTY|isTTY/i.test(gen.out)) {
      failed = true;
      console.error(
        '✗ The Drizzle schema does not match the committed migrations: drizzle-kit generate wants to ask ' +
          'whether a table or column was renamed (it cannot ask here, without a terminal).\n' +
          '  Run `npm run db:generate`, answer its questions, and commit the new migration in ' +
          `${shown(realOut)}/.`,
      );
      if (gen.out.trim()) console.error(indent(gen.out.slice(-3000)));
    } else if (gen.code !== 0 || (added.length === 0 && !/No schema changes/i.test(gen.out))) {
      // drizzle-kit exits 0 on some errors: without its "No schema changes" the check has not run.
      failed = true;
      console.error(`✗ drizzle-kit generate failed (exit ${gen.code}):`);
      console.error(indent(gen.out));
    } else if (added.length > 0) {
      failed = true;
      console.error(
        `✗ The Drizzle schema does not match the committed migrations: drizzle-kit would generate ` +
          `${added.join(', ')}.`,
      );
      for (const f of added) {
        const sql = fs.readFileSync(path.join(tempOut, f), 'utf8').trim();
        const lines = sql.split('\n');
        console.error(`\n  --- ${f} (would be generated) ---`);
        console.error(indent(lines.slice(0, 60).join('\n')));
        if (lines.length > 60) console.error(`    … ${lines.length - 60} more lines`);
      }
      console.error(
        '\n  Run `npm run db:generate` and commit the new files in ' +
          `${shown(realOut)}/ together with the schema change.`,
      );
      if (opts.keep) console.error(`  (temp copy kept at ${tempOut})`);
    } else {
      console.log(`✓ drizzle-kit generate: no schema changes (${secs} s)`);
    }

    // drizzle-kit check: snapshot consistency and collisions in the real folder (read-only).
    if (fs.existsSync(realOut)) {
      const check = await drizzleKit(bin, ['check', `--config=${path.basename(configPath)}`], serverDir);
      const text = stripVTControlCharacters(check.out);
      if (check.code !== 0 || check.timedOut || /error|collision|non-commutative/i.test(text)) {
        failed = true;
        console.error(`✗ drizzle-kit check reported a problem (exit ${check.code}):`);
        console.error(indent(check.out));
      } else {
        console.log('✓ drizzle-kit check: migrations folder is consistent');
      }
    } else {
      failed = true;
      console.error(
        `✗ There is no migrations folder at ${realOut}: run \`npm run db:generate\` and commit it.`,
      );
    }
  } finally {
    cleanup();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }

  if (hashTree(realOut) !== realHashBefore) {
    // Should never happen; if it does, someone else changed the folder meanwhile, or drizzle-kit
    // wrote to it despite the config: say so rather than pass silently.
    console.error(`! ${realOut} changed while the check ran (another process, or a bug in this check).`);
  }

  if (failed) return 1;
  console.log('migrations match the schema');
  return 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.error(err?.stack ?? err);
    process.exit(1);
  },
);
