/**
 * The front desk's look-up (spec 01 §1) in one statement: the residents matching a phone number or
 * living in a unit, each with their units, open requests and last five closed ones. Phones leave this
 * file masked. Indexes: residents_phones_gin (a whole number), residents_estate_name_idx (part of one),
 * resident_units_unit_idx (a unit), requests_resident_idx (resident_id, received_at).
 */
import type { Grade, LookupRequest, LookupResident, ResidentRelation } from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, preparedRows } from '../../platform/db.ts';
import { maskPhone } from '../../platform/mask.ts';
import { arrearsFlagJson, toFlag } from '../arrears/arrears.repository.ts';
import { escapeLike } from '../organisation/organisation.repository.ts';

/** Residents shown at most; the answer says when there are more (type more digits). */
export const LOOKUP_LIMIT = 10;
const OPEN_SHOWN = 20;
const CLOSED_SHOWN = 5;

export type LookupBy = { phone: string } | { unitId: string };

interface Row {
  id: string;
  estate_id: string;
  name: string;
  phones: string[];
  grade: Grade;
  notes: string | null;
  units: { unitId: string; unitLabel: string; relation: ResidentRelation }[];
  open_requests: RequestJson[];
  open_total: number;
  recent_closed: RequestJson[];
  arrears: { amountFen: number; months: number; asOf: string } | null;
}

interface RequestJson {
  id: string;
  number: string;
  type: LookupRequest['type'];
  state: LookupRequest['state'];
  description: string;
  unit_label: string | null;
  emergency: boolean;
  overdue: boolean;
  received_at: string;
  closed_at: string | null;
}

/** One request of a resident as JSON (the columns of LookupRequest). */
function requestJson(now: Date): SQL {
  return sql`json_build_object('id', q.id, 'number', q.number, 'type', q.type, 'state', q.state,
      'description', q.description,
      'unit_label', case when u.id is null then q.location_text else b.name || '-' || u.number end,
      'emergency', q.emergency,
      'overdue', q.state not in ('closed','cancelled') and exists (select 1 from request_deadlines od
          where od.request_id = q.id and (od.status = 'missed' or (od.status = 'pending' and od.due_at < ${now}))),
      'received_at', q.received_at, 'closed_at', q.closed_at)`;
}

function matching(by: LookupBy): SQL {
  if ('unitId' in by)
    return sql`r.id in (select ru.resident_id from resident_units ru where ru.unit_id = ${by.unitId})`;
  const digits = by.phone.replace(/\D/g, '');
  // A whole mobile number by the GIN index; part of one (the last digits a caller reads out) by a scan
  // of the estate's residents.
  return digits.length >= 11
    ? sql`r.phones @> array[${digits}]::text[]`
    : sql`array_to_string(r.phones, ',') like ${`%${escapeLike(digits)}%`}`;
}

export async function lookUp(
  db: Db,
  estateId: string,
  by: LookupBy,
  now: Date,
): Promise<{ residents: LookupResident[]; more: boolean }> {
  // Prepared: planning its subqueries cost ten times more than running them.
  const list = await preparedRows<Row>(db, 'lookup', lookUpQuery(estateId, by, now));
  return {
    residents: list.slice(0, LOOKUP_LIMIT).map((r) => ({
      id: r.id,
      estateId: r.estate_id,
      name: r.name,
      phones: r.phones.map(maskPhone),
      grade: r.grade,
      vip: r.grade === 'A',
      notes: r.notes,
      units: r.units,
      // The estate's latest arrears list; null (unknown, not "nothing owed") when it has loaded none.
      arrears: toFlag(r.arrears),
      openRequests: r.open_requests.map(toRequest),
      openTotal: r.open_total,
      recentClosed: r.recent_closed.map(toRequest),
    })),
    more: list.length > LOOKUP_LIMIT,
  };
}

/** The statement of `lookUp` (the benchmark sends it through the bare driver as the raw ceiling). */
export function lookUpQuery(estateId: string, by: LookupBy, now: Date): SQL {
  return sql`select r.id, r.estate_id, r.name, r.phones, r.grade, r.notes,
          coalesce((select json_agg(json_build_object('unitId', u.id, 'unitLabel', b.name || '-' || u.number,
                                                      'relation', ru.relation) order by b.sort, b.name, u.number)
                    from resident_units ru join units u on u.id = ru.unit_id join buildings b on b.id = u.building_id
                    where ru.resident_id = r.id), '[]') as units,
          coalesce((select json_agg(o.j order by o.received_at desc) from (
                      select ${requestJson(now)} as j, q.received_at
                      from requests q left join units u on u.id = q.unit_id left join buildings b on b.id = u.building_id
                      where q.resident_id = r.id and q.state not in ('closed','cancelled')
                      order by q.received_at desc limit ${OPEN_SHOWN}) o), '[]') as open_requests,
          (select count(*)::int from requests q
            where q.resident_id = r.id and q.state not in ('closed','cancelled')) as open_total,
          coalesce((select json_agg(c.j order by c.at desc) from (
                      select ${requestJson(now)} as j, coalesce(q.closed_at, q.received_at) as at
                      from requests q left join units u on u.id = q.unit_id left join buildings b on b.id = u.building_id
                      where q.resident_id = r.id and q.state in ('closed','cancelled')
                      order by coalesce(q.closed_at, q.received_at) desc limit ${CLOSED_SHOWN}) c), '[]') as recent_closed,
          ${arrearsFlagJson(sql`r.id`, sql`r.estate_id`)} as arrears
        from residents r
        where r.estate_id = ${estateId} and ${matching(by)}
        order by r.name, r.id
        limit ${LOOKUP_LIMIT + 1}`;
}

function toRequest(j: RequestJson): LookupRequest {
  return {
    id: j.id,
    number: j.number,
    type: j.type,
    state: j.state,
    description: j.description,
    unitLabel: j.unit_label,
    emergency: j.emergency,
    overdue: j.overdue,
    receivedAt: new Date(j.received_at).toISOString(),
    closedAt: j.closed_at ? new Date(j.closed_at).toISOString() : null,
  };
}
