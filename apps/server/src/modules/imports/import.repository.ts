/**
 * The import's SQL: what the estate holds (buildings, units, ID numbers, names with phones), units of
 * the company's other estates a file names, and the batched inserts of a checked plan.
 */
import { sql } from 'drizzle-orm';
import { type Db, rows, textArray } from '../../platform/db.ts';
import { buildings, units } from '../organisation/organisation.table.ts';
import { residents, residentUnits } from '../residents/residents.table.ts';
import { type EstateFacts, personKey, unitKey } from './import.check.ts';

export async function estateFacts(
  db: Db,
  estateId: string,
): Promise<Omit<EstateFacts, 'estateName' | 'today' | 'elsewhere'>> {
  const bs = await rows<{ id: string; name: string; floors: number }>(
    db,
    sql`select id, name, floors from buildings where estate_id = ${estateId}`,
  );
  const rs = await rows<{ name: string; id_number: string | null; phones: string[] }>(
    db,
    sql`select name, id_number, phones from residents where estate_id = ${estateId}`,
  );
  const idNumbers = new Map<string, string>();
  const namePhones = new Set<string>();
  for (const r of rs) {
    if (r.id_number) idNumbers.set(r.id_number, r.name);
    for (const p of r.phones) namePhones.add(personKey(r.name, p));
  }
  return {
    buildings: new Map(bs.map((b) => [b.name, { id: b.id, floors: b.floors }])),
    units: await unitsByKey(db, estateId),
    idNumbers,
    namePhones,
  };
}

/** The estate's units by `unitKey(building, number)` → unit id. */
export async function unitsByKey(db: Db, estateId: string): Promise<Map<string, string>> {
  const us = await rows<{ id: string; building: string; number: string }>(
    db,
    sql`select u.id, b.name as building, u.number from units u join buildings b on b.id = u.building_id
        where u.estate_id = ${estateId}`,
  );
  return new Map(us.map((u) => [unitKey(u.building, u.number), u.id]));
}

/** Of these (building, number) pairs, those in another estate of the company, with its name. */
export async function unitsElsewhere(
  db: Db,
  companyId: string,
  estateId: string,
  pairs: { building: string; number: string }[],
): Promise<Map<string, string>> {
  if (pairs.length === 0) return new Map();
  const found = await rows<{ building: string; number: string; estate: string }>(
    db,
    sql`select b.name as building, u.number, e.name as estate
        from unnest(${textArray(pairs.map((p) => p.building))}, ${textArray(pairs.map((p) => p.number))}) as x(b, n)
        join buildings b on b.name = x.b and b.company_id = ${companyId} and b.estate_id <> ${estateId}
        join units u on u.building_id = b.id and u.number = x.n
        join estates e on e.id = b.estate_id`,
  );
  return new Map(found.map((f) => [unitKey(f.building, f.number), f.estate]));
}

/** Multi-row inserts of `size` rows: a few dozen statements for 50 000 rows, never one per row. */
export async function insertChunks<T>(list: T[], size: number, insert: (chunk: T[]) => Promise<unknown>) {
  for (let i = 0; i < list.length; i += size) await insert(list.slice(i, i + size));
}

export async function insertBuildingRows(db: Db, list: (typeof buildings.$inferInsert)[]) {
  await insertChunks(list, 1000, (c) => db.insert(buildings).values(c));
}
export async function insertUnitRows(db: Db, list: (typeof units.$inferInsert)[]) {
  await insertChunks(list, 2000, (c) => db.insert(units).values(c));
}
export async function insertResidentRows(db: Db, list: (typeof residents.$inferInsert)[]) {
  await insertChunks(list, 2000, (c) => db.insert(residents).values(c));
}
export async function insertRelationRows(db: Db, list: (typeof residentUnits.$inferInsert)[]) {
  await insertChunks(list, 3000, (c) => db.insert(residentUnits).values(c));
}

export async function nextBuildingSort(db: Db, estateId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    db,
    sql`select coalesce(max(sort) + 1, 0)::int as n from buildings where estate_id = ${estateId}`,
  );
  return r?.n ?? 0;
}
