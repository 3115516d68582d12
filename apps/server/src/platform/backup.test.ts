/**
 * Backups by a round trip (08-non-functional §3), in the database mode of the run: a seeded database
 * and its attachments are backed up, changed, and restored — the requests and the files come back as
 * they were, an embedded database being replaced is kept aside, and bad input changes nothing.
 */
import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { onPostgres, openTestDatabase } from '../testing/harness.ts';
import { urlOf } from '../testing/server-process.ts';
import { BackupError, backup, type Manifest, pgliteDir, readManifest, restore } from './backup.ts';
import { type Database, openPglite, openPostgres, rows, sql } from './db.ts';

const tmp = mkdtempSync(path.join(tmpdir(), 'wuye-backup-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const PHOTO = Buffer.from('照片的字节 — a photo’s bytes');
const PHOTO_PATH = path.join('ab', 'ab'.padEnd(64, '0'));

/** The first request's description, how many requests there are, and how many events it has. */
async function state(database: Database) {
  const [first] = await rows<{ id: string; description: string }>(
    database.db,
    sql`select id, description from requests order by id limit 1`,
  );
  const [counts] = await rows<{ requests: number; events: number }>(
    database.db,
    sql`select (select count(*)::int from requests) as requests,
               (select count(*)::int from events where entity_id = ${first!.id}) as events`,
  );
  return { first: first!, ...counts! };
}

/** What a mistake after the backup might do: a description overwritten, a timeline deleted. */
async function change(database: Database, id: string) {
  await database.db.execute(sql`update requests set description = '备份后改过的描述' where id = ${id}`);
  await database.db.execute(sql`delete from events where entity_id = ${id}`);
  expect(await state(database)).toMatchObject({ first: { description: '备份后改过的描述' }, events: 0 });
}

/** A backup directory with a manifest of `kind` and an empty database file: enough to be read. */
function fakeBackup(name: string, kind: Manifest['kind']): string {
  const dir = path.join(tmp, name);
  mkdirSync(dir);
  const file = kind === 'pglite' ? 'database.tar.gz' : 'database.dump';
  writeFileSync(path.join(dir, file), '');
  const manifest: Manifest = {
    format: 'wuye-desk-backup',
    version: 1,
    kind,
    createdAt: '2026-12-04T10:00:00.000Z',
    database: { file, bytes: 0 },
    files: { count: 0, bytes: 0 },
    migrations: 30,
  };
  writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest));
  return dir;
}

describe.runIf(!onPostgres())('backup and restore of the embedded database', () => {
  it('brings the database and the attachments back, keeping the replaced database aside', async () => {
    const dataDir = path.join(tmp, 'data');
    const filesDir = path.join(dataDir, 'files');
    const cfg = inject('testDb') as { dumpPath: string };
    let database = await openPglite({
      dataDir: pgliteDir(dataDir),
      loadDataDir: new Blob([readFileSync(cfg.dumpPath)]),
    });
    const before = await state(database);
    expect(before.requests).toBeGreaterThan(100);
    expect(before.events).toBeGreaterThan(0);
    mkdirSync(path.join(filesDir, 'ab'), { recursive: true });
    writeFileSync(path.join(filesDir, PHOTO_PATH), PHOTO);

    // While the server has it open, neither backup nor restore touches it.
    const out = path.join(tmp, 'backup-1');
    const source = { databaseUrl: null, dataDir, filesDir };
    await expect(backup(source, out)).rejects.toThrow(/stop Wuye Desk first/);
    await database.close();

    const manifest = await backup(source, out);
    expect(manifest).toMatchObject({ kind: 'pglite', files: { count: 1, bytes: PHOTO.length } });
    expect(manifest.migrations).toBeGreaterThan(20);
    expect(readManifest(out)).toEqual(manifest);
    await expect(backup(source, out)).rejects.toThrow(/not empty/);

    database = await openPglite({ dataDir: pgliteDir(dataDir) });
    await change(database, before.first.id);
    await database.close();
    rmSync(path.join(filesDir, PHOTO_PATH));

    const { movedAside } = await restore(out, source, { now: new Date('2026-12-04T10:00:00Z') });
    expect(movedAside).toBe(`${pgliteDir(dataDir)}.before-restore-2026-12-04T10-00-00-000Z`);
    expect(existsSync(path.join(movedAside!, 'PG_VERSION'))).toBe(true);
    expect(readFileSync(path.join(filesDir, PHOTO_PATH))).toEqual(PHOTO);

    database = await openPglite({ dataDir: pgliteDir(dataDir) });
    try {
      expect(await state(database)).toEqual(before);
    } finally {
      await database.close();
    }
  }, 120_000);

  it('refuses what is not a backup, or a backup of the other mode, and changes nothing', async () => {
    const empty = path.join(tmp, 'not-a-backup');
    mkdirSync(empty);
    const target = { databaseUrl: null, dataDir: path.join(tmp, 'untouched'), filesDir: path.join(tmp, 'f') };
    await expect(restore(empty, target)).rejects.toThrow(/no manifest\.json/);
    const other = fakeBackup('other-mode', 'postgres');
    await expect(restore(other, target)).rejects.toThrow(BackupError);
    await expect(restore(other, target)).rejects.toThrow(/DATABASE_URL set/);
    expect(existsSync(target.dataDir)).toBe(false);
  });
});

describe.runIf(onPostgres())('backup and restore of PostgreSQL', () => {
  it('pg_dump and pg_restore bring the data and the attachments back', async () => {
    const { database, drop } = await openTestDatabase();
    const url = urlOf(database);
    await database.close();
    try {
      const filesDir = path.join(tmp, 'pg-files');
      mkdirSync(path.join(filesDir, 'ab'), { recursive: true });
      writeFileSync(path.join(filesDir, PHOTO_PATH), PHOTO);
      const source = { databaseUrl: url, dataDir: path.join(tmp, 'pg-data'), filesDir };
      let db = await openPostgres(url);
      const before = await state(db);
      await db.close();

      const out = path.join(tmp, 'pg-backup');
      const manifest = await backup(source, out);
      expect(manifest).toMatchObject({ kind: 'postgres', files: { count: 1 } });
      expect(manifest.migrations).toBeGreaterThan(20);

      db = await openPostgres(url);
      await change(db, before.first.id);
      await db.close();
      rmSync(path.join(filesDir, PHOTO_PATH));

      await expect(restore(out, { ...source, databaseUrl: null })).rejects.toThrow(/DATABASE_URL set/);
      await restore(out, source);
      db = await openPostgres(url);
      try {
        expect(await state(db)).toEqual(before);
      } finally {
        await db.close();
      }
      expect(readFileSync(path.join(filesDir, PHOTO_PATH))).toEqual(PHOTO);
    } finally {
      await drop();
    }
  }, 120_000);
});

describe('npm run backup / restore', () => {
  const cli = path.join(path.dirname(fileURLToPath(import.meta.url)), '../backup.ts');
  it('asks for --yes before a restore and explains the commands', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, DATA_DIR: path.join(tmp, 'cli-data'), DATABASE_URL: '' };
    const help = await run(process.execPath, ['--import', 'tsx', cli, '--help'], { env });
    expect(help.stdout).toContain('npm run restore -- DIR --yes');
    const dir = fakeBackup('cli-backup', 'pglite');
    const refused = await run(process.execPath, ['--import', 'tsx', cli, 'restore', dir], { env }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(refused).toMatchObject({ code: 2 });
    expect((refused as { stderr: string }).stderr).toMatch(/run again with --yes/);
    expect(readdirSync(tmp)).not.toContain('cli-data');
  });
});
