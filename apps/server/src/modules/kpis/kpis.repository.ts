/**
 * The SQL of the KPIs: each measured KPI is a population of requests (its denominator) with a flag for
 * those in its numerator. The counts and the drill-down read the same population, so the records a
 * supervisor opens are exactly the ones behind the number. The definitions are in kpis.usecases.ts.
 */
import type { KpiKey } from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import { type Db, rows, textArray } from '../../platform/db.ts';

/** The instants an estate's period runs between: [t0, t1). */
export interface EstateWindow {
  estateId: string;
  t0: Date;
  t1: Date;
}

export interface KpiScope {
  companyId: string;
  windows: EstateWindow[];
  now: Date;
}

/** The complaint clocks whose miss makes a handled complaint late (spec 02 §3). */
export const COMPLAINT_CLOCK_KINDS = [
  'complaint_report',
  'complaint_contact',
  'complaint_reply',
  'complaint_resolve',
] as const;

/** States of a request that has been completed and not reopened since. */
const HANDLED_STATES = sql`('done', 'confirmed', 'callback_done', 'closed')`;

/** A reached callback since the (last) completion: a callback of an earlier, reopened handling does not count. */
const CALLED_BACK = sql`exists (select 1 from callbacks cb where cb.request_id = q.id and cb.reached
  and cb.at >= coalesce((q.completion->>'completedAt')::timestamptz, q.received_at))`;

function windowValues(windows: EstateWindow[]): SQL {
  return sql.join(
    windows.map((w) => sql`(${w.estateId}::text, ${w.t0}::timestamptz, ${w.t1}::timestamptz)`),
    sql`, `,
  );
}

/**
 * The populations as CTEs over the estates' windows `w`:
 * - `cq`: complaints received in the period, cancelled ones left out, with whether each is handled,
 *   called back, timely and effective;
 * - `rq`: repairs completed in the period (and not reopened since), with whether each was called back;
 * - `pq`: paid services with a reached callback in the period, with whether the last of them was satisfied.
 */
function populations(s: KpiScope): SQL {
  return sql`w(estate_id, t0, t1) as (values ${windowValues(s.windows)}),
    cq as (
      select q.id,
        q.state in ${HANDLED_STATES} as handled,
        coalesce(cp.validity = 'effective', false) as effective,
        ${CALLED_BACK} as called,
        not exists (select 1 from request_deadlines d where d.request_id = q.id
          and d.kind = any(${textArray(COMPLAINT_CLOCK_KINDS)})
          and (d.status = 'missed' or d.met_at > d.due_at or (d.status = 'pending' and d.due_at < ${s.now}))) as timely
      from requests q join w on w.estate_id = q.estate_id
      left join complaints cp on cp.request_id = q.id
      where q.company_id = ${s.companyId} and q.type = 'complaint' and q.state <> 'cancelled'
        and q.received_at >= w.t0 and q.received_at < w.t1),
    rq as (
      select q.id, ${CALLED_BACK} as called
      from requests q join w on w.estate_id = q.estate_id
      where q.company_id = ${s.companyId} and q.type = 'repair' and q.state in ${HANDLED_STATES}
        and (q.completion->>'completedAt')::timestamptz >= w.t0
        and (q.completion->>'completedAt')::timestamptz < w.t1),
    pq as (
      select distinct on (cb.request_id) cb.request_id as id, cb.satisfaction = 'satisfied' as satisfied
      from callbacks cb join w on w.estate_id = cb.estate_id
      join requests q on q.id = cb.request_id and q.type = 'paid_service'
      where cb.company_id = ${s.companyId} and cb.reached and cb.at >= w.t0 and cb.at < w.t1
      order by cb.request_id, cb.at desc, cb.id desc)`;
}

export interface KpiCounts {
  complaints: number;
  handled: number;
  handled_called: number;
  handled_timely: number;
  effective: number;
  households: number;
  repairs: number;
  repairs_called: number;
  paid_called: number;
  paid_satisfied: number;
}

const ZERO: KpiCounts = {
  complaints: 0,
  handled: 0,
  handled_called: 0,
  handled_timely: 0,
  effective: 0,
  households: 0,
  repairs: 0,
  repairs_called: 0,
  paid_called: 0,
  paid_satisfied: 0,
};

/** Every count the KPIs need, in one statement. */
export async function kpiCounts(db: Db, s: KpiScope): Promise<KpiCounts> {
  if (s.windows.length === 0) return ZERO;
  const [row] = await rows<KpiCounts>(
    db,
    sql`with ${populations(s)}
        select
          (select count(*)::int from cq) as complaints,
          (select count(*)::int from cq where handled) as handled,
          (select count(*)::int from cq where handled and called) as handled_called,
          (select count(*)::int from cq where handled and timely) as handled_timely,
          (select count(*)::int from cq where effective) as effective,
          (select count(*)::int from units u join w on w.estate_id = u.estate_id
            where u.company_id = ${s.companyId} and u.status in ('occupied', 'rented')) as households,
          (select count(*)::int from rq) as repairs,
          (select count(*)::int from rq where called) as repairs_called,
          (select count(*)::int from pq) as paid_called,
          (select count(*)::int from pq where satisfied) as paid_satisfied`,
  );
  return row ?? ZERO;
}

/** The KPIs whose records can be listed, and the population behind each. */
export const RECORD_POPULATIONS: Partial<Record<KpiKey, SQL>> = {
  complaint_handling_rate: sql`select id, handled as in_numerator from cq`,
  complaint_callback_rate: sql`select id, called as in_numerator from cq where handled`,
  complaint_timeliness_rate: sql`select id, timely as in_numerator from cq where handled`,
  // The denominator is households, not requests: the records are the period's complaints, the
  // effective ones in the numerator.
  effective_complaint_rate: sql`select id, effective as in_numerator from cq`,
  repair_callback_rate: sql`select id, called as in_numerator from rq`,
  paid_service_satisfaction_rate: sql`select id, satisfied as in_numerator from pq`,
};

export interface KpiRecordRow {
  id: string;
  number: string;
  estate_id: string;
  estate_name: string;
  type: string;
  state: string;
  unit_label: string | null;
  description: string;
  received_at: Date | string;
  completed_at: string | null;
  in_numerator: boolean;
  total: number;
}

/**
 * One page of a KPI's records: those that keep the KPI off its target first (outside the numerator of
 * a `min` KPI, inside it for a `max` one), then the newest.
 */
export async function kpiRecords(
  db: Db,
  s: KpiScope,
  population: SQL,
  o: { inNumerator?: boolean; badFirst: 'in' | 'out'; limit: number; offset: number },
): Promise<KpiRecordRow[]> {
  if (s.windows.length === 0) return [];
  const filter = o.inNumerator === undefined ? sql`true` : sql`p.in_numerator = ${o.inNumerator}`;
  const order = o.badFirst === 'out' ? sql`p.in_numerator` : sql`p.in_numerator desc`;
  return rows<KpiRecordRow>(
    db,
    sql`with ${populations(s)}, p as (${population})
        select q.id, q.number, q.estate_id, e.name as estate_name, q.type, q.state, q.description,
          q.received_at, q.completion->>'completedAt' as completed_at, p.in_numerator,
          case when q.unit_id is null
            then coalesce((select l.name from locations l where l.id = q.location_id), q.location_text)
            else (select b.name || '-' || u.number from units u join buildings b on b.id = u.building_id
                  where u.id = q.unit_id) end as unit_label,
          count(*) over ()::int as total
        from p join requests q on q.id = p.id join estates e on e.id = q.estate_id
        where ${filter}
        order by ${order}, q.received_at desc, q.id
        limit ${o.limit} offset ${o.offset}`,
  );
}
