/** Resident look-ups (by estate, phone, unit, name) — phones leave this module masked. */
import type { Grade, ResidentRelation } from '@wuye/contracts';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import { maskPhone } from '../../platform/mask.ts';
import { escapeLike } from '../organisation/organisation.repository.ts';
import { buildings, units } from '../organisation/organisation.table.ts';
import { residents, residentUnits } from './residents.table.ts';

export async function searchResidents(
  db: Db,
  estateIds: string[],
  q: { phone?: string; unitId?: string; q?: string; page: number; pageSize: number },
) {
  if (estateIds.length === 0) return { items: [], total: 0 };
  const conds = [inArray(residents.estateId, estateIds)];
  if (q.phone) {
    const digits = q.phone.replace(/\D/g, '');
    conds.push(
      digits.length >= 11
        ? sql`${residents.phones} @> array[${digits}]::text[]`
        : sql`array_to_string(${residents.phones}, ',') like ${`%${escapeLike(digits)}%`}`,
    );
  }
  if (q.unitId) {
    conds.push(
      sql`exists (select 1 from resident_units ru where ru.resident_id = "residents"."id" and ru.unit_id = ${q.unitId})`,
    );
  }
  if (q.q) {
    // A name, or a unit as staff write it: 1栋-1301, 1栋1301 or 1301.
    const like = `%${escapeLike(q.q)}%`;
    const compact = `%${escapeLike(q.q.replace(/[\s-]/g, ''))}%`;
    conds.push(
      sql`(${residents.name} ilike ${like} or exists (
        select 1 from resident_units ru join units u on u.id = ru.unit_id join buildings b on b.id = u.building_id
        where ru.resident_id = "residents"."id" and (b.name || u.number ilike ${compact} or u.number ilike ${compact})))`,
    );
  }
  const where = and(...conds);
  const [found, [total]] = await Promise.all([
    db
      .select({
        id: residents.id,
        estateId: residents.estateId,
        name: residents.name,
        phones: residents.phones,
        grade: residents.grade,
      })
      .from(residents)
      .where(where)
      .orderBy(asc(residents.name), asc(residents.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(residents).where(where),
  ]);
  const links = found.length
    ? await db
        .select({
          residentId: residentUnits.residentId,
          unitId: residentUnits.unitId,
          relation: residentUnits.relation,
          buildingName: buildings.name,
          number: units.number,
        })
        .from(residentUnits)
        .innerJoin(units, eq(units.id, residentUnits.unitId))
        .innerJoin(buildings, eq(buildings.id, units.buildingId))
        .where(
          inArray(
            residentUnits.residentId,
            found.map((r) => r.id),
          ),
        )
    : [];
  const items = found.map((r) => ({
    id: r.id,
    estateId: r.estateId,
    name: r.name,
    phones: r.phones.map(maskPhone),
    grade: r.grade as Grade,
    units: links
      .filter((l) => l.residentId === r.id)
      .map((l) => ({
        unitId: l.unitId,
        unitLabel: unitLabel(l.buildingName, l.number),
        relation: l.relation as ResidentRelation,
      })),
  }));
  return { items, total: total?.n ?? 0 };
}

export function unitLabel(buildingName: string, number: string): string {
  return `${buildingName}-${number}`;
}
