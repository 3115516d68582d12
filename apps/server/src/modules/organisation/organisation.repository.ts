/** Reads of the property structure and the organisation, always within the caller's estates. */
import type { DepartmentKind, EstateType, LocationKind, Role, UnitStatus, UnitUse } from '@wuye/contracts';
import { and, asc, count, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { users } from '../auth/auth.table.ts';
import { buildings, departments, estates, locations, units } from './organisation.table.ts';

export function listEstates(db: Db, estateIds: string[]) {
  if (estateIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: estates.id,
      name: estates.name,
      type: sql<EstateType>`${estates.type}`,
      code: estates.code,
      address: estates.address,
      timeZone: estates.timeZone,
      version: estates.version,
    })
    .from(estates)
    .where(inArray(estates.id, estateIds))
    .orderBy(asc(estates.code));
}

export function listBuildings(db: Db, estateId: string) {
  return db
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
    .where(eq(buildings.estateId, estateId))
    .orderBy(asc(buildings.sort), asc(buildings.name));
}

export async function listUnits(
  db: Db,
  estateId: string,
  q: { q?: string; buildingId?: string; status?: UnitStatus; page: number; pageSize: number },
) {
  const conds = [eq(units.estateId, estateId)];
  if (q.buildingId) conds.push(eq(units.buildingId, q.buildingId));
  if (q.status) conds.push(eq(units.status, q.status));
  if (q.q) {
    // 1栋-1301, 1栋 1301, 1栋1301 and 1301 all find the same unit.
    const like = `%${escapeLike(q.q.replace(/[\s-]/g, ''))}%`;
    conds.push(sql`(${units.number} ilike ${like} or ${buildings.name} || ${units.number} ilike ${like})`);
  }
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: units.id,
        estateId: units.estateId,
        buildingId: units.buildingId,
        buildingName: buildings.name,
        number: units.number,
        floor: units.floor,
        areaM2: sql<number | null>`${units.areaM2}::float8`,
        use: sql<UnitUse>`${units.use}`,
        status: sql<UnitStatus>`${units.status}`,
        residentCount: sql<number>`(select count(*)::int from resident_units ru where ru.unit_id = "units"."id")`,
        version: units.version,
      })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(where)
      .orderBy(asc(buildings.sort), asc(buildings.name), asc(units.floor), asc(units.number))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db
      .select({ n: count() })
      .from(units)
      .innerJoin(buildings, eq(buildings.id, units.buildingId))
      .where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

/** The estate's public locations: those in use (intake's pick list), or every one for the settings page. */
export async function listLocations(db: Db, estateId: string, opts: { includeRetired?: boolean } = {}) {
  const list = await db
    .select({
      id: locations.id,
      estateId: locations.estateId,
      name: locations.name,
      kind: sql<LocationKind>`${locations.kind}`,
      retiredAt: locations.retiredAt,
      version: locations.version,
    })
    .from(locations)
    .where(
      opts.includeRetired
        ? eq(locations.estateId, estateId)
        : and(eq(locations.estateId, estateId), isNull(locations.retiredAt)),
    )
    .orderBy(asc(locations.name));
  return list.map((l) => ({ ...l, retiredAt: l.retiredAt?.toISOString() ?? null }));
}

export function listDepartments(db: Db, estateIds: string[]) {
  if (estateIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      id: departments.id,
      estateId: departments.estateId,
      name: departments.name,
      kind: sql<DepartmentKind>`${departments.kind}`,
      staffCount: sql<number>`(select count(*)::int from users su where su.department_id = "departments"."id" and su.active)`,
    })
    .from(departments)
    .where(inArray(departments.estateId, estateIds))
    .orderBy(asc(departments.estateId), asc(departments.kind));
}

export async function listStaff(
  db: Db,
  companyId: string,
  estateIds: string[],
  q: { role?: Role; page: number; pageSize: number; includeCompanyWide: boolean },
) {
  const assigned = estateIds.length
    ? sql`exists (select 1 from user_estates ue where ue.user_id = "users"."id" and ue.estate_id in ${estateIds})`
    : sql`false`;
  const companyWide = q.includeCompanyWide
    ? sql`${users.roles} && array['gm','hq_cs','quality']::text[]`
    : sql`false`;
  const conds = [eq(users.companyId, companyId), sql`(${assigned} or ${companyWide})`];
  if (q.role) conds.push(sql`${users.roles} @> array[${q.role}]::text[]`);
  const where = and(...conds);
  const [items, [total]] = await Promise.all([
    db
      .select({
        id: users.id,
        username: users.username,
        name: users.name,
        roles: sql<Role[]>`${users.roles}`,
        departmentId: users.departmentId,
        departmentName: departments.name,
        estateIds: sql<
          string[]
        >`coalesce((select array_agg(ue.estate_id) from user_estates ue where ue.user_id = "users"."id"), '{}')`,
        active: users.active,
      })
      .from(users)
      .leftJoin(departments, eq(departments.id, users.departmentId))
      .where(where)
      .orderBy(asc(users.username))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: total?.n ?? 0 };
}

export function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}
