/**
 * Backups of both database modes (08-non-functional §3), as a directory:
 *
 *   manifest.json   what it holds: the mode, when, how much, the migrations applied
 *   database.tar.gz the embedded PGlite's data directory (PGlite's own dumpDataDir), or
 *   database.dump   PostgreSQL's pg_dump in its custom format
 *   files/          the attachments (content-addressed, so copying them is enough)
 *
 * Restore puts a backup back into the same mode. An embedded database being replaced is moved aside
 * (`db.before-restore-<time>`), never deleted; PostgreSQL's is replaced by pg_restore --clean in one
 * transaction. The server migrates a restored older database forward when it starts.
 */
import { execFile } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';

const run = promisify(execFile);

export const BACKUP_FORMAT = 'wuye-desk-backup';
const PGLITE_FILE = 'database.tar.gz';
const PG_FILE = 'database.dump';

export interface BackupSource {
  /** PostgreSQL's connection string, or null for the embedded database in `dataDir/db`. */
  databaseUrl: string | null;
  dataDir: string;
  filesDir: string;
}

export interface Manifest {
  format: typeof BACKUP_FORMAT;
  version: 1;
  kind: 'pglite' | 'postgres';
  createdAt: string;
  database: { file: string; bytes: number };
  files: { count: number; bytes: number };
  /** How many migrations the database had applied (the server migrates forward from there). */
  migrations: number;
}

export class BackupError extends Error {}

/** The embedded database's directory. */
export const pgliteDir = (dataDir: string) => path.join(dataDir, 'db');

/**
 * PGlite leaves `postmaster.pid` in its directory while a process has it open (and after a crash). It
 * does not lock the directory: a second process opening it would corrupt it.
 */
function assertNotInUse(dir: string, force: boolean): void {
  if (!force && existsSync(path.join(dir, 'postmaster.pid')))
    throw new BackupError(
      `the embedded database in ${dir} is open (postmaster.pid): stop Wuye Desk first. ` +
        'If it is not running (it stopped abruptly), pass --force.',
    );
}

/** pg_dump / pg_restore: on PATH, or the newest under /usr/lib/postgresql (Debian). */
export function pgTool(name: 'pg_dump' | 'pg_restore'): string {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((v) => /^\d+$/.test(v) && existsSync(path.join(root, v, 'bin', name)))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return path.join(root, versions[0], 'bin', name);
  }
  return name;
}

function tree(dir: string): { count: number; bytes: number } {
  let count = 0;
  let bytes = 0;
  if (!existsSync(dir)) return { count, bytes };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    count++;
    bytes += statSync(path.join(entry.parentPath, entry.name)).size;
  }
  return { count, bytes };
}

async function migrationCount(query: (sql: string) => Promise<{ rows: { n: number }[] }>): Promise<number> {
  try {
    const { rows } = await query('select count(*)::int as n from drizzle.__drizzle_migrations');
    return Number(rows[0]?.n ?? 0);
  } catch {
    return 0; // never migrated
  }
}

/** Writes a backup of `source` into `outDir` (which must not exist yet); returns its manifest. */
export async function backup(
  source: BackupSource,
  outDir: string,
  options: { force?: boolean } = {},
): Promise<Manifest> {
  if (existsSync(outDir) && readdirSync(outDir).length > 0)
    throw new BackupError(`${outDir} exists and is not empty: choose a new directory`);
  mkdirSync(outDir, { recursive: true });
  let kind: Manifest['kind'];
  let file: string;
  let migrations: number;
  if (source.databaseUrl) {
    kind = 'postgres';
    file = PG_FILE;
    const client = new pg.Client({ connectionString: source.databaseUrl });
    await client.connect();
    try {
      migrations = await migrationCount((sql) => client.query(sql));
    } finally {
      await client.end();
    }
    await runTool(pgTool('pg_dump'), [
      '--format=custom',
      '--no-owner',
      '--no-privileges',
      `--file=${path.join(outDir, file)}`,
      `--dbname=${source.databaseUrl}`,
    ]);
  } else {
    kind = 'pglite';
    file = PGLITE_FILE;
    const dir = pgliteDir(source.dataDir);
    if (!existsSync(dir)) throw new BackupError(`no embedded database in ${dir}`);
    assertNotInUse(dir, options.force ?? false);
    const db = await PGlite.create({ dataDir: dir });
    try {
      migrations = await migrationCount((sql) => db.query<{ n: number }>(sql));
      const dump = await db.dumpDataDir('gzip');
      writeFileSync(path.join(outDir, file), Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  }
  if (existsSync(source.filesDir)) cpSync(source.filesDir, path.join(outDir, 'files'), { recursive: true });
  else mkdirSync(path.join(outDir, 'files'));
  const manifest: Manifest = {
    format: BACKUP_FORMAT,
    version: 1,
    kind,
    createdAt: new Date().toISOString(),
    database: { file, bytes: statSync(path.join(outDir, file)).size },
    files: tree(path.join(outDir, 'files')),
    migrations,
  };
  writeFileSync(path.join(outDir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/** Reads and checks a backup directory's manifest. */
export function readManifest(dir: string): Manifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw new BackupError(`${dir} is not a Wuye Desk backup (no manifest.json)`);
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
  if (manifest.format !== BACKUP_FORMAT || manifest.version !== 1)
    throw new BackupError(`${dir} is not a Wuye Desk backup of a format this version reads`);
  if (!existsSync(path.join(dir, manifest.database.file)))
    throw new BackupError(`${dir} is incomplete: ${manifest.database.file} is missing`);
  return manifest;
}

/**
 * Puts the backup in `dir` back into `target`: the database (same mode as the backup's) and the
 * attachments (merged into filesDir: content-addressed, so nothing there is overwritten by other bytes).
 * Returns where the replaced embedded database was moved, if any.
 */
export async function restore(
  dir: string,
  target: BackupSource,
  options: { force?: boolean; now?: Date } = {},
): Promise<{ manifest: Manifest; movedAside: string | null }> {
  const manifest = readManifest(dir);
  const kind = target.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.kind !== kind)
    throw new BackupError(
      `this backup is of ${manifest.kind === 'pglite' ? 'the embedded database' : 'PostgreSQL'}; ` +
        `restore it with ${manifest.kind === 'pglite' ? 'DATABASE_URL unset' : 'DATABASE_URL set'}`,
    );
  let movedAside: string | null = null;
  if (target.databaseUrl) {
    await runTool(pgTool('pg_restore'), [
      '--clean',
      '--if-exists',
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${target.databaseUrl}`,
      path.join(dir, manifest.database.file),
    ]);
  } else {
    const db = pgliteDir(target.dataDir);
    if (existsSync(db) && readdirSync(db).length > 0) {
      assertNotInUse(db, options.force ?? false);
      const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-');
      movedAside = `${db}.before-restore-${stamp}`;
      renameSync(db, movedAside);
    }
    mkdirSync(target.dataDir, { recursive: true });
    const dump = new Blob([readFileSync(path.join(dir, manifest.database.file))]);
    const restored = await PGlite.create({ dataDir: db, loadDataDir: dump });
    await restored.query('select 1');
    await restored.close();
  }
  const files = path.join(dir, 'files');
  if (existsSync(files)) {
    mkdirSync(target.filesDir, { recursive: true });
    cpSync(files, target.filesDir, { recursive: true, force: false });
  }
  return { manifest, movedAside };
}

async function runTool(tool: string, args: string[]): Promise<void> {
  try {
    await run(tool, args, { maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const e = err as { code?: string; stderr?: string; message: string };
    if (e.code === 'ENOENT')
      throw new BackupError(`${path.basename(tool)} was not found: install the PostgreSQL client tools`);
    throw new BackupError(`${path.basename(tool)} failed: ${(e.stderr ?? e.message).trim()}`);
  }
}
