/** All SQL of the clock settings: one row per estate that changed anything, read and written by version. */
import type { SlaOverrides } from '@wuye/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../auth/auth.table.ts';
import { estateSlaSettings } from './settings.table.ts';

export interface EstateSlaRow {
  overrides: SlaOverrides;
  version: number;
  updatedAt: Date;
  updatedByName: string | null;
}

/** The estate's stored settings, or null when it never saved any. `lock` takes the row for an update. */
export async function readEstateSlaRow(
  db: Db,
  estateId: string,
  options: { lock?: boolean } = {},
): Promise<EstateSlaRow | null> {
  const query = db
    .select({
      overrides: estateSlaSettings.overrides,
      version: estateSlaSettings.version,
      updatedAt: estateSlaSettings.updatedAt,
      updatedByName: users.name,
    })
    .from(estateSlaSettings)
    .leftJoin(users, eq(users.id, estateSlaSettings.updatedById))
    .where(eq(estateSlaSettings.estateId, estateId));
  const [row] = options.lock ? await query.for('update', { of: estateSlaSettings }) : await query;
  return row ? { ...row, updatedAt: new Date(row.updatedAt) } : null;
}

/** Only the overrides (what the clocks need): one indexed read by primary key. */
export async function readEstateOverrides(db: Db, estateId: string): Promise<SlaOverrides> {
  const [row] = await db
    .select({ overrides: estateSlaSettings.overrides })
    .from(estateSlaSettings)
    .where(eq(estateSlaSettings.estateId, estateId));
  return row?.overrides ?? {};
}

/** The overrides of several estates in one query (estates without a row have none). */
export async function readOverridesOfEstates(
  db: Db,
  estateIds: string[],
): Promise<Map<string, SlaOverrides>> {
  if (estateIds.length === 0) return new Map();
  const list = await db
    .select({ estateId: estateSlaSettings.estateId, overrides: estateSlaSettings.overrides })
    .from(estateSlaSettings)
    .where(inArray(estateSlaSettings.estateId, estateIds));
  return new Map(list.map((r) => [r.estateId, r.overrides ?? {}]));
}

export interface SlaWrite {
  estateId: string;
  companyId: string;
  overrides: SlaOverrides;
  at: Date;
  byId: string;
}

/**
 * Writes the estate's overrides if its version is still `expected` (0: no row yet); returns the new
 * version, or null when someone else saved first.
 */
export async function writeEstateSla(db: Db, w: SlaWrite, expected: number): Promise<number | null> {
  if (expected === 0) {
    const inserted = await db
      .insert(estateSlaSettings)
      .values({
        estateId: w.estateId,
        companyId: w.companyId,
        overrides: w.overrides,
        version: 1,
        updatedAt: w.at,
        updatedById: w.byId,
      })
      .onConflictDoNothing()
      .returning({ version: estateSlaSettings.version });
    return inserted[0]?.version ?? null;
  }
  const updated = await db
    .update(estateSlaSettings)
    .set({
      overrides: w.overrides,
      version: sql`${estateSlaSettings.version} + 1`,
      updatedAt: w.at,
      updatedById: w.byId,
    })
    .where(and(eq(estateSlaSettings.estateId, w.estateId), eq(estateSlaSettings.version, expected)))
    .returning({ version: estateSlaSettings.version });
  return updated[0]?.version ?? null;
}
