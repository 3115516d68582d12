/**
 * The monthly complaint analysis (spec 02 §5, seed 004: 对反复出现的问题…防止重复发生): the month's
 * complaints by class and grade, and the problems that keep coming back with what was done about them.
 *
 * A problem is a category at a place: the building of the complaint's unit, or its public location (by
 * name, so a location picked from the list and the same place written by hand are one). It *recurs* in a
 * month when it has ≥ 2 complaints in that month, or ≥ 3 in the 90 days up to the month's end with at
 * least one in the month — a problem that comes back once a month is as recurrent as one that comes twice
 * in a week. Cancelled complaints and complaints without a category are left out. Each problem lists the
 * complaints of its 90-day window, whether it recurred the month before by the same rule, and its
 * preventive actions: the root cause and corrective action recorded when its complaints of the window
 * were closed.
 */
import {
  COMPLAINT_GRADES,
  type ComplaintAnalysis,
  type ComplaintAnalysisQuery,
  type ComplaintGrade,
  type ComplaintValidity,
  type RecurringProblem,
} from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { rows } from '../../platform/db.ts';
import { zonedInstant } from '../../platform/sla-time.ts';
import { addMonths, type KpiDeps, scopeEstates } from './kpis.usecases.ts';

const DAY_MS = 86_400_000;
/** The look-back of the slower recurrence rule. */
export const RECURRENCE_WINDOW_DAYS = 90;
/** Complaints in the month that make a problem recurrent. */
export const RECURRING_IN_MONTH = 2;
/** …or complaints in the 90-day window (with one in the month). */
export const RECURRING_IN_WINDOW = 3;

interface CellRow {
  validity: ComplaintValidity | null;
  grade: ComplaintGrade;
  n: number;
}

interface GroupRow {
  estate_id: string;
  estate_name: string;
  category_id: string;
  category_name: string;
  location_kind: 'building' | 'location';
  location_label: string | null;
  month_count: number;
  window_count: number;
  prev_count: number;
  prev_window_count: number;
  households: number;
  requests: {
    id: string;
    number: string;
    receivedAt: string;
    state: string;
    unitLabel: string | null;
    description: string;
    inMonth: boolean;
  }[];
  actions:
    | {
        requestId: string;
        number: string;
        closedAt: string | null;
        rootCause: string | null;
        correctiveAction: string | null;
      }[]
    | null;
}

const iso = (d: string | null) => (d === null ? null : new Date(d).toISOString());

export async function complaintAnalysis(
  deps: KpiDeps,
  actor: Actor,
  q: ComplaintAnalysisQuery,
): Promise<ComplaintAnalysis> {
  const { estates, today } = await scopeEstates(deps.db, actor, deps.clock.now(), q.estateId);
  const month = q.month ?? today.slice(0, 7);
  const empty: ComplaintAnalysis = {
    month,
    estateIds: [],
    total: 0,
    byValidity: { effective: 0, assisted: 0, invalid: 0, none: 0 },
    byGrade: { major: 0, hot: 0, important: 0, general: 0 },
    cells: [],
    recurring: [],
  };
  if (estates.length === 0) return empty;
  // Per estate: the previous month's start, the month's start and the next month's start (local midnights).
  const windows = sql.join(
    estates.map((e) => {
      const m0 = zonedInstant(`${month}-01`, 0, e.timeZone);
      const m1 = zonedInstant(`${addMonths(month, 1)}-01`, 0, e.timeZone);
      const p0 = zonedInstant(`${addMonths(month, -1)}-01`, 0, e.timeZone);
      const w0 = new Date(m1.getTime() - RECURRENCE_WINDOW_DAYS * DAY_MS);
      const pw0 = new Date(m0.getTime() - RECURRENCE_WINDOW_DAYS * DAY_MS);
      const since = new Date(Math.min(p0.getTime(), pw0.getTime()));
      return sql`(${e.id}::text, ${e.name}::text, ${since}::timestamptz, ${pw0}::timestamptz, ${p0}::timestamptz,
                  ${w0}::timestamptz, ${m0}::timestamptz, ${m1}::timestamptz)`;
    }),
    sql`, `,
  );
  const w = sql`w(estate_id, estate_name, since, pw0, p0, w0, m0, m1) as (values ${windows})`;

  const cells = await rows<CellRow>(
    deps.db,
    sql`with ${w}
        select cp.validity, coalesce(cp.grade, 'general') as grade, count(*)::int as n
        from requests q join w on w.estate_id = q.estate_id
        left join complaints cp on cp.request_id = q.id
        where q.company_id = ${actor.companyId} and q.type = 'complaint' and q.state <> 'cancelled'
          and q.received_at >= w.m0 and q.received_at < w.m1
        group by 1, 2`,
  );

  const groups = await rows<GroupRow>(
    deps.db,
    sql`with ${w},
        c as (
          select q.id, q.number, q.estate_id, w.estate_name, q.state, q.received_at, q.closed_at, q.description,
            q.category_id, cp.root_cause, cp.corrective_action,
            -- A household is the unit; a complaint naming no unit stands for its complainant.
            coalesce('u:' || q.unit_id, 'r:' || q.resident_id, 'p:' || q.reporter_phone, 'q:' || q.id) as household,
            case when q.unit_id is not null then 'building' else 'location' end as location_kind,
            case when q.unit_id is not null then 'b:' || u.building_id
                 else 'l:' || coalesce(l.name, nullif(btrim(q.location_text), ''), '') end as location_key,
            case when q.unit_id is not null then b.name
                 else coalesce(l.name, nullif(btrim(q.location_text), '')) end as location_label,
            case when q.unit_id is not null then b.name || '-' || u.number
                 else coalesce(l.name, q.location_text) end as unit_label,
            q.received_at >= w.m0 as in_month,
            q.received_at >= w.w0 as in_window,
            q.received_at >= w.p0 and q.received_at < w.m0 as in_prev_month,
            q.received_at >= w.pw0 and q.received_at < w.m0 as in_prev_window
          from requests q join w on w.estate_id = q.estate_id
          left join units u on u.id = q.unit_id
          left join buildings b on b.id = u.building_id
          left join locations l on l.id = q.location_id
          left join complaints cp on cp.request_id = q.id
          where q.company_id = ${actor.companyId} and q.type = 'complaint' and q.state <> 'cancelled'
            and q.category_id is not null and q.received_at >= w.since and q.received_at < w.m1),
        g as (
          select estate_id, category_id, location_key,
            min(estate_name) as estate_name, min(location_kind) as location_kind, min(location_label) as location_label,
            count(*) filter (where in_month)::int as month_count,
            count(*) filter (where in_window)::int as window_count,
            count(*) filter (where in_prev_month)::int as prev_count,
            count(*) filter (where in_prev_window)::int as prev_window_count,
            count(distinct household) filter (where in_month)::int as households
          from c group by estate_id, category_id, location_key)
        select g.estate_id, g.estate_name, g.category_id, g.location_kind, g.location_label,
          g.month_count, g.window_count, g.prev_count, g.prev_window_count, g.households,
          coalesce((select p.name || ' / ' from categories p where p.id = cat.parent_id), '') || cat.name as category_name,
          (select json_agg(json_build_object('id', c.id, 'number', c.number, 'receivedAt', c.received_at,
                    'state', c.state, 'unitLabel', c.unit_label, 'description', c.description, 'inMonth', c.in_month)
                  order by c.received_at desc, c.number desc)
             from c where c.estate_id = g.estate_id and c.category_id = g.category_id
               and c.location_key = g.location_key and c.in_window) as requests,
          (select json_agg(json_build_object('requestId', c.id, 'number', c.number, 'closedAt', c.closed_at,
                    'rootCause', c.root_cause, 'correctiveAction', c.corrective_action)
                  order by c.closed_at desc nulls last, c.id)
             from c where c.estate_id = g.estate_id and c.category_id = g.category_id
               and c.location_key = g.location_key and c.in_window and c.state = 'closed'
               and (c.root_cause is not null or c.corrective_action is not null)) as actions
        from g join categories cat on cat.id = g.category_id
        where g.month_count >= ${RECURRING_IN_MONTH}
           or (g.month_count >= 1 and g.window_count >= ${RECURRING_IN_WINDOW})
        order by g.month_count desc, g.window_count desc, g.households desc, category_name, g.location_label`,
  );

  const byValidity = { ...empty.byValidity };
  const byGrade = { ...empty.byGrade };
  let total = 0;
  for (const c of cells) {
    total += c.n;
    byValidity[c.validity ?? 'none'] += c.n;
    byGrade[c.grade] += c.n;
  }
  const recurring: RecurringProblem[] = groups.map((g) => ({
    estateId: g.estate_id,
    estateName: g.estate_name,
    categoryId: g.category_id,
    categoryName: g.category_name,
    locationKind: g.location_kind,
    locationLabel: g.location_label,
    count: g.month_count,
    countLast90Days: g.window_count,
    households: g.households,
    recurredLastMonth:
      g.prev_count >= RECURRING_IN_MONTH || (g.prev_count >= 1 && g.prev_window_count >= RECURRING_IN_WINDOW),
    previousMonthCount: g.prev_count,
    requests: g.requests.map((r) => ({ ...r, receivedAt: iso(r.receivedAt)! })),
    preventiveActions: (g.actions ?? []).map((a) => ({ ...a, closedAt: iso(a.closedAt) })),
  }));
  return {
    month,
    estateIds: estates.map((e) => e.id),
    total,
    byValidity,
    byGrade,
    cells: cells
      .sort(
        (a, b) =>
          COMPLAINT_GRADES.indexOf(b.grade) - COMPLAINT_GRADES.indexOf(a.grade) ||
          String(a.validity).localeCompare(String(b.validity)),
      )
      .map((c) => ({ validity: c.validity, grade: c.grade, count: c.n })),
    recurring,
  };
}
