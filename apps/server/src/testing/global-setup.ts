/**
 * Runs once per test run: builds a migrated database with the demo company in it, which every test
 * file then copies (a PGlite data-directory dump, or a PostgreSQL template database).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { prepareDatabase } from '../bootstrap.ts';
import { AdjustableClock } from '../platform/clock.ts';
import { openPglite, openPostgres } from '../platform/db.ts';
import { TEST_NOW } from './test-clock.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDb: { kind: 'pglite'; dumpPath: string } | { kind: 'postgres'; adminUrl: string; template: string };
  }
}

export default async function setup(project: TestProject) {
  const kind = process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite';
  const clock = new AdjustableClock(TEST_NOW);
  if (kind === 'pglite') {
    const database = await openPglite();
    await prepareDatabase(database, clock, { demo: true, initialAdmin: null });
    const dump = await database.pglite!.dumpDataDir('none');
    const dir = path.resolve('.tmp');
    mkdirSync(dir, { recursive: true });
    const dumpPath = path.join(dir, `pglite-template-${process.pid}.tar`);
    writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
    await database.close();
    project.provide('testDb', { kind: 'pglite', dumpPath });
    return;
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl)
    throw new Error('TEST_DB=postgres needs TEST_DATABASE_URL (an admin connection to a throwaway server)');
  const template = `wuye_template_${process.pid}`;
  const admin = await openPostgres(adminUrl, { max: 1 });
  await admin.pool!.query(`drop database if exists ${template}`);
  await admin.pool!.query(`create database ${template}`);
  const database = await openPostgres(withDatabase(adminUrl, template), { max: 2 });
  await prepareDatabase(database, clock, { demo: true, initialAdmin: null });
  await database.close();
  project.provide('testDb', { kind: 'postgres', adminUrl, template });
  return async () => {
    await admin.pool!.query(`drop database if exists ${template} with (force)`).catch(() => undefined);
    await admin.close();
  };
}

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}
