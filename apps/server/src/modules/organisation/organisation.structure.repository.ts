/** All SQL of setting up the property structure: estates, buildings, units, locations and unit statuses. */
import type { EstateType, LocationKind, UnitStatus, UnitUse } from '@wuye/contracts';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rows, textArray } from '../../platform/db.ts';
import { buildings, estates, locations, unitStatusChanges, units } from './organisation.table.ts';

export type EstateRow = typeof estates.$inferSelect;
export type BuildingRow = typeof buildings.$inferSelect;
export type UnitRow = typeof units.$inferSelect;
export type LocationRow = typeof locations.$inferSelect;

const lockIf = <T extends { for(s: 'update'): T }>(q: T, lock: boolean | undefined): T =>
  lock ? q.for('update') : q;

export async function findEstate(db: Db, companyId: string, id: string, lock?: boolean) {
  const [row] = await lockIf(
    db
      .select()
      .from(estates)
      .where(and(eq(estates.companyId, companyId), eq(estates.id, id)))
      .limit(1)
      .$dynamic(),
    lock,
  );
  return row ?? null;
}

export function estateJson(e: EstateRow) {
  return {
    id: e.id,
    name: e.name,
    type: e.type as EstateType,
    code: e.code,
    address: e.address,
    timeZone: e.timeZone,
    version: e.version,
  };
}

/** Whether another estate of the company has this name or code. */
export async function estateTaken(
  db: Db,
  companyId: string,
  field: 'name' | 'code',
  value: string,
  exceptId?: string,
) {
  const col = field === 'name' ? estates.name : estates.code;
  const [row] = await db
    .select({ id: estates.id })
    .from(estates)
    .where(
      and(
        eq(estates.companyId, companyId),
        eq(col, value),
        exceptId ? sql`${estates.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The next free company code P001, P002 … (codes of another shape are left alone). */
export async function nextEstateCode(db: Db, companyId: string): Promise<string> {
  const [row] = await rows<{ n: number | null }>(
    db,
    sql`select max(substring(code from 2)::int) as n from estates where company_id = ${companyId} and code ~ '^P[0-9]{1,9}$'`,
  );
  return `P${String((row?.n ?? 0) + 1).padStart(3, '0')}`;
}

export async function insertEstate(db: Db, row: typeof estates.$inferInsert): Promise<EstateRow> {
  const [inserted] = await db.insert(estates).values(row).returning();
  return inserted!;
}

export async function updateEstateRow(
  db: Db,
  id: string,
  version: number,
  set: Partial<Pick<EstateRow, 'name' | 'type' | 'address' | 'timeZone'>>,
): Promise<EstateRow | null> {
  const [row] = await db
    .update(estates)
    .set({ ...set, version: version + 1 })
    .where(and(eq(estates.id, id), eq(estates.version, version)))
    .returning();
  return row ?? null;
}

// ---- buildings ----------------------------------------------------------------------------------

export async function findBuilding(db: Db, companyId: string, id: string, lock?: boolean) {
  const [row] = await lockIf(
    db
      .select()
      .from(buildings)
      .where(and(eq(buildings.companyId, companyId), eq(buildings.id, id)))
      .limit(1)
      .$dynamic(),
    lock,
  );
  return row ?? null;
}

export async function buildingsByName(db: Db, estateId: string, names: string[]): Promise<BuildingRow[]> {
  if (names.length === 0) return [];
  return db
    .select()
    .from(buildings)
    .where(and(eq(buildings.estateId, estateId), inArray(buildings.name, names)));
}

export async function buildingNameTaken(db: Db, estateId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: buildings.id })
    .from(buildings)
    .where(
      and(
        eq(buildings.estateId, estateId),
        eq(buildings.name, name),
        exceptId ? sql`${buildings.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function nextBuildingSort(db: Db, estateId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select coalesce(max(sort), 0)::int + 1 as n from buildings where estate_id = ${estateId}`,
  );
  return row?.n ?? 1;
}

/** The highest floor a unit of the building is on (0 when it has none). */
export async function topUnitFloor(db: Db, buildingId: string): Promise<number> {
  const [row] = await rows<{ n: number }>(
    db,
    sql`select coalesce(max(floor), 0)::int as n from units where building_id = ${buildingId}`,
  );
  return row?.n ?? 0;
}

export async function insertBuildings(
  db: Db,
  list: (typeof buildings.$inferInsert)[],
): Promise<BuildingRow[]> {
  if (list.length === 0) return [];
  return db.insert(buildings).values(list).returning();
}

export async function updateBuildingRow(
  db: Db,
  id: string,
  version: number,
  set: Partial<Pick<BuildingRow, 'name' | 'floors' | 'sort'>>,
): Promise<BuildingRow | null> {
  const [row] = await db
    .update(buildings)
    .set({ ...set, version: version + 1 })
    .where(and(eq(buildings.id, id), eq(buildings.version, version)))
    .returning();
  return row ?? null;
}

/** One building as the list shows it (with its unit count and top unit floor). */
export async function buildingJson(db: Db, id: string) {
  const [row] = await db
    .select({
      id: buildings.id,
      estateId: buildings.estateId,
      name: buildings.name,
      floors: buildings.floors,
      sort: buildings.sort,
      unitCount: sql<number>`(select count(*)::int from units u where u.building_id = "buildings"."id")`,
      topUnitFloor: sql<number>`(select coalesce(max(u.floor), 0)::int from units u where u.building_id = "buildings"."id")`,
      version: buildings.version,
    })
    .from(buildings)
    .where(eq(buildings.id, id));
  return row!;
}

// ---- units --------------------------------------------------------------------------------------

export async function findUnit(db: Db, companyId: string, id: string, lock?: boolean) {
  const [row] = await lockIf(
    db
      .select()
      .from(units)
      .where(and(eq(units.companyId, companyId), eq(units.id, id)))
      .limit(1)
      .$dynamic(),
    lock,
  );
  return row ?? null;
}

export async function unitNumberTaken(db: Db, buildingId: string, number: string, exceptId?: string) {
  const [row] = await db
    .select({ id: units.id })
    .from(units)
    .where(
      and(
        eq(units.buildingId, buildingId),
        eq(units.number, number),
        exceptId ? sql`${units.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

/** The numbers of these that already exist in the building. */
export async function existingNumbers(db: Db, buildingId: string, numbers: string[]): Promise<string[]> {
  if (numbers.length === 0) return [];
  const found = await rows<{ number: string }>(
    db,
    sql`select number from units where building_id = ${buildingId} and number = any(${textArray(numbers)})`,
  );
  return found.map((r) => r.number);
}

export async function insertUnit(db: Db, row: typeof units.$inferInsert): Promise<void> {
  await db.insert(units).values(row);
}

/** Inserts the units that do not exist yet; returns how many it inserted. */
export async function insertUnitsIfAbsent(db: Db, list: (typeof units.$inferInsert)[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < list.length; i += 500) {
    const done = await db
      .insert(units)
      .values(list.slice(i, i + 500))
      .onConflictDoNothing()
      .returning({ id: units.id });
    inserted += done.length;
  }
  return inserted;
}

export async function updateUnitRow(
  db: Db,
  id: string,
  version: number,
  set: Partial<Pick<UnitRow, 'number' | 'floor' | 'areaM2' | 'use' | 'status'>>,
): Promise<UnitRow | null> {
  const [row] = await db
    .update(units)
    .set({ ...set, version: version + 1 })
    .where(and(eq(units.id, id), eq(units.version, version)))
    .returning();
  return row ?? null;
}

export async function insertStatusChange(db: Db, row: typeof unitStatusChanges.$inferInsert): Promise<void> {
  await db.insert(unitStatusChanges).values(row);
}

/** One unit with its estate and building, as the unit file and the edit forms show it. */
export async function unitDetail(db: Db, id: string) {
  const [row] = await db
    .select({
      id: units.id,
      companyId: units.companyId,
      estateId: units.estateId,
      estateName: estates.name,
      timeZone: estates.timeZone,
      buildingId: units.buildingId,
      buildingName: buildings.name,
      buildingFloors: buildings.floors,
      number: units.number,
      floor: units.floor,
      areaM2: sql<number | null>`${units.areaM2}::float8`,
      use: sql<UnitUse>`${units.use}`,
      status: sql<UnitStatus>`${units.status}`,
      version: units.version,
    })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .innerJoin(estates, eq(estates.id, units.estateId))
    .where(eq(units.id, id));
  return row ?? null;
}

/** A unit's status changes, newest first, with who made them. */
export function statusHistory(db: Db, unitId: string) {
  return rows<{
    at: Date;
    by_name: string | null;
    from_status: string;
    to_status: string;
    note: string | null;
  }>(
    db,
    sql`select c.at, u.name as by_name, c.from_status, c.to_status, c.note
        from unit_status_changes c left join users u on u.id = c.by_id
        where c.unit_id = ${unitId} order by c.at desc, c.id desc`,
  );
}

// ---- locations ----------------------------------------------------------------------------------

export async function findLocation(db: Db, companyId: string, id: string, lock?: boolean) {
  const [row] = await lockIf(
    db
      .select()
      .from(locations)
      .where(and(eq(locations.companyId, companyId), eq(locations.id, id)))
      .limit(1)
      .$dynamic(),
    lock,
  );
  return row ?? null;
}

export async function locationNameTaken(db: Db, estateId: string, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: locations.id })
    .from(locations)
    .where(
      and(
        eq(locations.estateId, estateId),
        eq(locations.name, name),
        exceptId ? sql`${locations.id} <> ${exceptId}` : undefined,
      ),
    )
    .limit(1);
  return Boolean(row);
}

export async function insertLocation(db: Db, row: typeof locations.$inferInsert): Promise<LocationRow> {
  const [inserted] = await db.insert(locations).values(row).returning();
  return inserted!;
}

export async function updateLocationRow(
  db: Db,
  id: string,
  version: number,
  set: Partial<Pick<LocationRow, 'name' | 'kind' | 'retiredAt'>>,
): Promise<LocationRow | null> {
  const [row] = await db
    .update(locations)
    .set({ ...set, version: version + 1 })
    .where(and(eq(locations.id, id), eq(locations.version, version)))
    .returning();
  return row ?? null;
}

export function locationJson(l: LocationRow) {
  return {
    id: l.id,
    estateId: l.estateId,
    name: l.name,
    kind: l.kind as LocationKind,
    retiredAt: l.retiredAt?.toISOString() ?? null,
    version: l.version,
  };
}
