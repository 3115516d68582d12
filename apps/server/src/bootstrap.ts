/**
 * Start-up work shared by `npm start`, production and tests: migrate, then seed the demo company
 * (demo mode, empty database) or create the first administrator (production, empty database).
 */
import { isEmpty, type SeedSummary, seedDemo } from './demo/demo.seed.ts';
import { userEstates, users } from './modules/auth/auth.table.ts';
import { companies } from './modules/organisation/organisation.table.ts';
import { backfillSearchAtStart } from './modules/requests/requests.jobs.ts';
import type { Clock } from './platform/clock.ts';
import type { Config } from './platform/config.ts';
import { type Database, migrate } from './platform/db.ts';
import { newId } from './platform/ids.ts';
import { hashPassword } from './platform/passwords.ts';

export type PrepareResult = {
  seeded: SeedSummary | null;
  adminCreated: boolean;
  /** Requests whose search document is left to the background backfill (many rows after an upgrade). */
  searchBackfillPending?: number;
};

export async function prepareDatabase(
  database: Database,
  clock: Clock,
  cfg: Pick<Config, 'demo' | 'initialAdmin'>,
): Promise<PrepareResult> {
  return database.withStartupLock(async () => {
    const result = await migrateAndSeed(database, clock, cfg);
    const pending = await backfillSearchAtStart(database.db);
    return pending ? { ...result, searchBackfillPending: pending } : result;
  });
}

async function migrateAndSeed(
  database: Database,
  clock: Clock,
  cfg: Pick<Config, 'demo' | 'initialAdmin'>,
): Promise<PrepareResult> {
  await migrate(database);
  if (!(await isEmpty(database.db))) return { seeded: null, adminCreated: false };
  if (cfg.demo) return { seeded: await seedDemo(database.db, clock), adminCreated: false };
  if (cfg.initialAdmin) {
    const now = clock.now();
    const companyId = newId();
    const admin = cfg.initialAdmin;
    const passwordHash = await hashPassword(admin.password);
    await database.db.transaction(async (tx) => {
      await tx
        .insert(companies)
        .values({ id: companyId, name: admin.companyName, code: 'main', createdAt: now });
      await tx.insert(users).values({
        id: newId(),
        companyId,
        username: admin.username,
        name: '系统管理员',
        passwordHash,
        roles: ['gm', 'hq_cs'],
        createdAt: now,
      });
    });
    return { seeded: null, adminCreated: true };
  }
  return { seeded: null, adminCreated: false };
}

export { userEstates };
