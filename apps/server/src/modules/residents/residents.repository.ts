/**
 * All SQL of the residents module: look-ups (by estate, phone, unit, name), one resident's record
 * with its relations, letters and history. Rows come back unmasked; the use cases mask what leaves.
 */
import type { Grade, ResidentRelation } from '@wuye/contracts';
import { and, asc, count, eq, inArray, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
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

// ---- one resident's record -------------------------------------------------------------------------

/** A resident's row with their estate's name and time zone (unmasked: stays on the server). */
export interface ResidentRow {
  id: string;
  company_id: string;
  estate_id: string;
  estate_name: string;
  time_zone: string;
  name: string;
  gender: string | null;
  phones: string[];
  id_number: string | null;
  birthday: string | null;
  grade: string;
  segment: string | null;
  vehicles: string[];
  emergency_name: string | null;
  emergency_phone: string | null;
  emergency_relation: string | null;
  move_in_date: string | null;
  notes: string | null;
  version: number;
  created_at: Date | string;
  updated_at: Date | string | null;
}

/** The resident of the company (any estate: the caller checks the scope), optionally locked. */
export async function findResident(
  db: Db,
  companyId: string,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<ResidentRow | null> {
  const [row] = await rows<ResidentRow>(
    db,
    sql`select r.id, r.company_id, r.estate_id, e.name as estate_name, e.time_zone, r.name, r.gender,
          r.phones, r.id_number, r.birthday::text as birthday, r.grade, r.segment, r.vehicles,
          r.emergency_name, r.emergency_phone, r.emergency_relation, r.move_in_date::text as move_in_date,
          r.notes, r.version, r.created_at, r.updated_at
        from residents r join estates e on e.id = r.estate_id
        where r.id = ${id} and r.company_id = ${companyId}
        ${options.forUpdate ? sql`for update of r` : sql``}`,
  );
  return row ?? null;
}

export interface RelationJson {
  unitId: string;
  unitLabel: string;
  relation: string;
  since: string | null;
}

export interface AuthorisationJson {
  id: string;
  unitId: string;
  unitLabel: string;
  ownerResidentId: string | null;
  ownerName: string;
  validFrom: string;
  validUntil: string;
  note: string | null;
  fileId: string;
  fileName: string;
  contentType: string;
  size: number;
  createdAt: string;
  createdByName: string | null;
}

/** The resident's current card (or the last one that ended); `expired` is computed by the caller. */
export interface VipCardJson {
  number: string;
  level: number;
  validUntil: string;
  status: string;
}

export interface ResidentEventJson {
  at: string;
  action: string;
  data: Record<string, unknown> | null;
  actorId: string | null;
  actorName: string | null;
}

/** What the record shows beside the row: current relations, letters, grade changes and ended relations. */
export async function residentRecordParts(
  db: Db,
  id: string,
): Promise<{
  units: RelationJson[];
  authorisations: AuthorisationJson[];
  history: ResidentEventJson[];
  vipCard: VipCardJson | null;
}> {
  const [row] = await rows<{
    vipCard: VipCardJson | null;
    units: RelationJson[];
    authorisations: AuthorisationJson[];
    history: ResidentEventJson[];
  }>(
    db,
    sql`select
          coalesce((select json_agg(json_build_object('unitId', u.id, 'unitLabel', b.name || '-' || u.number,
                      'relation', ru.relation, 'since', ru.since) order by b.sort, b.name, u.number)
                    from resident_units ru join units u on u.id = ru.unit_id join buildings b on b.id = u.building_id
                    where ru.resident_id = ${id}), '[]') as units,
          coalesce((select json_agg(json_build_object('id', a.id, 'unitId', a.unit_id,
                      'unitLabel', b.name || '-' || u.number, 'ownerResidentId', a.owner_resident_id,
                      'ownerName', a.owner_name, 'validFrom', a.valid_from, 'validUntil', a.valid_until,
                      'note', a.note, 'fileId', f.id, 'fileName', f.original_name, 'contentType', f.content_type,
                      'size', f.size, 'createdAt', a.created_at, 'createdByName', cu.name)
                      order by a.valid_until desc, a.id desc)
                    from resident_authorisations a join units u on u.id = a.unit_id
                      join buildings b on b.id = u.building_id join files f on f.id = a.file_id
                      left join users cu on cu.id = a.created_by_id
                    where a.resident_id = ${id}), '[]') as authorisations,
          coalesce((select json_agg(json_build_object('at', ev.at, 'action', ev.action, 'data', ev.data,
                      'actorId', ev.actor_id, 'actorName', eu.name) order by ev.at, ev.id)
                    from events ev left join users eu on eu.id = ev.actor_id
                    where ev.entity_type = 'resident' and ev.entity_id = ${id}
                      and ev.action in ('grade_changed', 'relation_ended')), '[]') as history,
          (select json_build_object('number', c.number, 'level', c.level, 'validUntil', c.valid_until,
                    'status', c.status)
             from vip_cards c where c.resident_id = ${id}
             order by (c.status = 'active') desc, c.issued_at desc, c.id desc limit 1) as "vipCard"`,
  );
  return row ?? { units: [], authorisations: [], history: [], vipCard: null };
}

/** Another resident of the estate with this ID number, if any. */
export async function residentWithIdNumber(
  db: Db,
  estateId: string,
  idNumber: string,
  exceptId: string | null,
): Promise<{ id: string; name: string } | null> {
  const [row] = await rows<{ id: string; name: string }>(
    db,
    sql`select id, name from residents where estate_id = ${estateId} and id_number = ${idNumber}
          ${exceptId ? sql`and id <> ${exceptId}` : sql``} limit 1`,
  );
  return row ?? null;
}

/** Units by id with their estate and label (to check a body's units against the resident's estate). */
export async function unitsByIds(
  db: Db,
  companyId: string,
  ids: readonly string[],
): Promise<Map<string, { estateId: string; label: string }>> {
  if (ids.length === 0) return new Map();
  const list = await db
    .select({ id: units.id, estateId: units.estateId, buildingName: buildings.name, number: units.number })
    .from(units)
    .innerJoin(buildings, eq(buildings.id, units.buildingId))
    .where(and(eq(units.companyId, companyId), inArray(units.id, [...ids])));
  return new Map(
    list.map((u) => [u.id, { estateId: u.estateId, label: unitLabel(u.buildingName, u.number) }]),
  );
}

export async function findRelation(
  db: Db,
  residentId: string,
  unitId: string,
): Promise<{ relation: string; since: string | null } | null> {
  const [row] = await rows<{ relation: string; since: string | null }>(
    db,
    sql`select relation, since::text as since from resident_units
        where resident_id = ${residentId} and unit_id = ${unitId}`,
  );
  return row ?? null;
}
