/** All SQL of the night hand-over: the night's requests, the hand-over record, the people who sign it. */
import type { NightHandover, NightRequest } from '@wuye/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { nightHandovers } from './handover.table.ts';

const NIGHT_LIMIT = 300;
const iso = (d: Date | string) => new Date(d).toISOString();

interface NightRow {
  id: string;
  number: string;
  estate_id: string;
  type: NightRequest['type'];
  state: NightRequest['state'];
  channel: NightRequest['channel'];
  urgency: NightRequest['urgency'];
  description: string;
  unit_label: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  received_at: Date;
  received_by_name: string | null;
  department_id: string | null;
  department_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  vip: boolean;
  repeat_of: string | null;
  rework_of: string | null;
  carried_over: boolean;
  version: number;
}

/**
 * The requests taken in the night window [from, to), and older night requests that were still
 * undispatched when the night began (carried over: still new, or first dispatched since), those
 * first, then in the order they came in. A carried-over request dispatched at this morning's
 * hand-over stays in this morning's list, so the hand-over record can name it.
 */
export async function nightRequests(db: Db, estateId: string, from: Date, to: Date): Promise<NightRequest[]> {
  const list = await nightRequestsWithPhones(db, estateId, from, to);
  // The phones are for the export only (masked there).
  return list.map(({ reporterPhone: _, ...r }) => r);
}

/** A night request with the reporter's phone, for the export (which masks it). */
export type NightRequestWithPhone = NightRequest & { reporterPhone: string | null };

/** The night's requests as the hand-over shows them, with the phones the export needs. */
export async function nightRequestsWithPhones(
  db: Db,
  estateId: string,
  from: Date,
  to: Date,
): Promise<NightRequestWithPhone[]> {
  const firstDispatch = sql`(select min(e.at) from events e
    where e.entity_type = 'request' and e.entity_id = q.id and e.action = 'dispatch')`;
  const list = await rows<NightRow>(
    db,
    sql`select q.id, q.number, q.estate_id, q.type, q.state, q.channel, q.urgency, q.description,
          case when u.id is null then coalesce(l.name, q.location_text) else b.name || '-' || u.number end as unit_label,
          q.reporter_name, q.reporter_phone, q.received_at, rb.name as received_by_name, q.department_id, d.name as department_name,
          q.assignee_id, a.name as assignee_name, coalesce(r.grade = 'A', false) as vip, q.repeat_of, q.rework_of,
          (q.received_at < ${from}) as carried_over, q.version
        from requests q
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join locations l on l.id = q.location_id
        left join users rb on rb.id = q.received_by_id
        left join departments d on d.id = q.department_id
        left join users a on a.id = q.assignee_id
        left join residents r on r.id = q.resident_id
        where q.estate_id = ${estateId} and q.night
          and ((q.received_at >= ${from} and q.received_at < ${to})
               or (q.received_at < ${from} and (q.state = 'new' or (${firstDispatch} >= ${from}))))
        order by (q.received_at < ${from}) desc, q.received_at, q.id
        limit ${NIGHT_LIMIT}`,
  );
  return list.map((r) => ({
    id: r.id,
    number: r.number,
    estateId: r.estate_id,
    type: r.type,
    state: r.state,
    channel: r.channel,
    urgency: r.urgency,
    description: r.description,
    unitLabel: r.unit_label,
    reporterName: r.reporter_name,
    receivedAt: iso(r.received_at),
    receivedByName: r.received_by_name,
    departmentId: r.department_id,
    departmentName: r.department_name,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    vip: r.vip,
    repeatOf: r.repeat_of,
    reworkOf: r.rework_of,
    carriedOver: r.carried_over,
    version: r.version,
    reporterPhone: r.reporter_phone,
  }));
}

export async function findHandover(
  db: Db,
  estateId: string,
  shiftDate: string,
): Promise<NightHandover | null> {
  const [row] = await rows<{
    id: string;
    estate_id: string;
    shift_date: string;
    handed_over_by_id: string;
    handed_over_by_name: string;
    received_by_id: string;
    received_by_name: string;
    recorded_by_id: string;
    at: Date;
    request_ids: string[];
    notes: string | null;
  }>(
    db,
    sql`select h.id, h.estate_id, h.shift_date::text as shift_date, h.handed_over_by_id, hb.name as handed_over_by_name,
          h.received_by_id, rb.name as received_by_name, h.recorded_by_id, h.at, h.request_ids, h.notes
        from night_handovers h
        join users hb on hb.id = h.handed_over_by_id
        join users rb on rb.id = h.received_by_id
        where h.estate_id = ${estateId} and h.shift_date = ${shiftDate}::date`,
  );
  if (!row) return null;
  return {
    id: row.id,
    estateId: row.estate_id,
    shiftDate: row.shift_date,
    handedOverById: row.handed_over_by_id,
    handedOverByName: row.handed_over_by_name,
    receivedById: row.received_by_id,
    receivedByName: row.received_by_name,
    recordedById: row.recorded_by_id,
    at: iso(row.at),
    requestIds: row.request_ids,
    notes: row.notes,
  };
}

export async function handoverExists(db: Db, estateId: string, shiftDate: string): Promise<boolean> {
  const [row] = await db
    .select({ id: nightHandovers.id })
    .from(nightHandovers)
    .where(and(eq(nightHandovers.estateId, estateId), eq(nightHandovers.shiftDate, shiftDate)));
  return Boolean(row);
}

/** Active staff of the estate among the ids (assigned to it, or company-wide), by id. */
export async function estateStaff(
  db: Db,
  companyId: string,
  estateId: string,
  ids: string[],
): Promise<Map<string, { id: string; name: string }>> {
  const list = await rows<{ id: string; name: string }>(
    db,
    sql`select u.id, u.name from users u
        where u.id in ${ids} and u.company_id = ${companyId} and u.active
          and not (u.roles @> array['resident']::text[])
          and (u.roles && array['gm','hq_cs','quality']::text[]
               or exists (select 1 from user_estates ue where ue.user_id = u.id and ue.estate_id = ${estateId}))`,
  );
  return new Map(list.map((u) => [u.id, u]));
}

/** Which of the ids are night requests of the estate. */
export async function nightRequestIds(db: Db, estateId: string, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const list = await rows<{ id: string }>(
    db,
    sql`select q.id from requests q where q.id in ${ids} and q.estate_id = ${estateId} and q.night`,
  );
  return new Set(list.map((r) => r.id));
}

export async function insertHandover(db: Db, values: typeof nightHandovers.$inferInsert): Promise<void> {
  await db.insert(nightHandovers).values(values);
}
