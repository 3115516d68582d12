/**
 * The customer-service KPIs (spec 06 §3, contract 09 "KPIs"), each a numerator over a denominator for a
 * period of local days in the estates' time zones, against the seeds' targets (KPI_TARGETS in the
 * contracts). What each one counts:
 *
 * | key                              | numerator ÷ denominator |
 * |----------------------------------|-------------------------|
 * | `complaint_handling_rate`        | of the complaints received in the period, those handled ÷ the complaints received |
 * | `complaint_callback_rate`        | of those handled, the ones with a reached callback since their completion ÷ handled |
 * | `complaint_timeliness_rate`      | of those handled, the ones none of whose complaint clocks (report, contact, reply, resolve) was missed ÷ handled |
 * | `effective_complaint_rate`       | effective complaints received in the period ÷ (occupied households × months) |
 * | `repair_callback_rate`           | repairs completed in the period with a reached callback since ÷ repairs completed |
 * | `paid_service_satisfaction_rate` | paid services whose last reached callback in the period was satisfied ÷ paid services called back (reached) in the period |
 * | `satisfaction_rate`              | surveys do not exist yet: 0 ÷ 0 |
 * | `fee_collection_rate`            | fees do not exist yet: 0 ÷ 0 |
 *
 * Decisions, so the numbers mean one thing:
 * - The complaint KPIs follow one cohort, the complaints *received* in the period, so each numerator is
 *   part of its denominator and the drill-down can mark every record in or out. A complaint received late
 *   in a month and handled early in the next counts as handled for the month it was received in — a past
 *   month's handling rate rises as its last complaints are handled.
 * - Cancelled complaints (taken in error, withdrawn) are left out: there was nothing to handle.
 * - Handled = completed and not reopened since: the request is in done, confirmed, callback_done or
 *   closed (`complete` records `completion.completedAt`; a reopened complaint goes back to work).
 * - A clock is missed when the sweeper marked it so, when it was met after its due time, or when it is
 *   still running past its due time (the sweeper has not come by yet). Clocks the system cancelled (no
 *   longer wanted after a re-class) do not count.
 * - Households are the units in scope whose status is occupied or rented (today's status: unit status has
 *   no history). The seed's rate is monthly (< 2% a month): over a longer period the denominator is
 *   households × months, months being the period's days ÷ 30.44 rounded (at least 1), so the value is the
 *   monthly average and stays comparable with the 2% target.
 * - A repair is completed in the period by its `completion.completedAt`, and counts only while it stays
 *   completed (a reopened repair is back at work).
 */
import {
  KPI_KEYS,
  KPI_TARGETS,
  type KpiItem,
  type KpiKey,
  type KpiList,
  type KpiQuery,
  type KpiRecordList,
  type KpiRecordsQuery,
} from '@wuye/contracts';
import type { Actor } from '../../platform/access.ts';
import { estateScope } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { fieldError } from '../../platform/errors.ts';
import {
  addCivilDays,
  type CivilDate,
  civilDaysBetween,
  wallTime,
  zonedInstant,
} from '../../platform/sla-time.ts';
import { listEstates } from '../organisation/organisation.repository.ts';
import {
  type EstateWindow,
  type KpiCounts,
  type KpiScope,
  kpiCounts,
  kpiRecords,
  RECORD_POPULATIONS,
} from './kpis.repository.ts';

export interface KpiDeps {
  db: Db;
  clock: Clock;
}

/** The average length of a month in days (365.25 ÷ 12). */
const MONTH_DAYS = 30.4375;

/** The first day of a date's month. */
export function monthStart(date: CivilDate): CivilDate {
  return `${date.slice(0, 7)}-01`;
}

/** The last day of a date's month. */
export function monthEnd(date: CivilDate): CivilDate {
  const [y, m] = date.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
  return addCivilDays(next, -1);
}

/** A month (YYYY-MM) moved by `n` months. */
export function addMonths(month: string, n: number): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const i = y * 12 + (m - 1) + n;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
}

/**
 * The period asked for: both days given, or the month of the one given, or the current month (`today`
 * in the first estate's time zone). `from` after `to` is a field error.
 */
export function resolvePeriod(
  q: { from?: CivilDate; to?: CivilDate },
  today: CivilDate,
): { from: CivilDate; to: CivilDate; months: number } {
  const from = q.from ?? monthStart(q.to ?? today);
  const to = q.to ?? monthEnd(q.from ?? today);
  if (from > to) throw fieldError('from', 'validation.dateRange');
  const days = civilDaysBetween(from, to) + 1;
  return { from, to, months: Math.max(1, Math.round(days / MONTH_DAYS)) };
}

/** The caller's estates (or the one asked for, checked) with their time zones, and today in the first one. */
export async function scopeEstates(db: Db, actor: Actor, now: Date, estateId?: string) {
  const estates = await listEstates(db, estateScope(actor, estateId));
  const today = wallTime(now, estates[0]?.timeZone ?? 'Asia/Shanghai').date;
  return { estates, today };
}

/** Each estate's period as instants: from local midnight of `from` to local midnight after `to`. */
export function estateWindows(
  estates: { id: string; timeZone: string }[],
  from: CivilDate,
  to: CivilDate,
): EstateWindow[] {
  return estates.map((e) => ({
    estateId: e.id,
    t0: zonedInstant(from, 0, e.timeZone),
    t1: zonedInstant(addCivilDays(to, 1), 0, e.timeZone),
  }));
}

function item(key: KpiKey, numerator: number, denominator: number): KpiItem {
  const { target, direction } = KPI_TARGETS[key];
  return {
    key,
    value: denominator ? numerator / denominator : null,
    target,
    direction,
    numerator,
    denominator,
  };
}

/** The KPIs from the counts, in the contract's order. */
export function kpiItems(c: KpiCounts, months: number): KpiItem[] {
  const fractions: Record<KpiKey, [number, number]> = {
    satisfaction_rate: [0, 0],
    complaint_callback_rate: [c.handled_called, c.handled],
    fee_collection_rate: [0, 0],
    paid_service_satisfaction_rate: [c.paid_satisfied, c.paid_called],
    complaint_handling_rate: [c.handled, c.complaints],
    effective_complaint_rate: [c.effective, c.households * months],
    repair_callback_rate: [c.repairs_called, c.repairs],
    complaint_timeliness_rate: [c.handled_timely, c.handled],
  };
  return KPI_KEYS.map((key) => item(key, ...fractions[key]));
}

export async function getKpis(deps: KpiDeps, actor: Actor, q: KpiQuery): Promise<KpiList> {
  const now = deps.clock.now();
  const { estates, today } = await scopeEstates(deps.db, actor, now, q.estateId);
  const period = resolvePeriod(q, today);
  const scope: KpiScope = {
    companyId: actor.companyId,
    windows: estateWindows(estates, period.from, period.to),
    now,
  };
  const counts = await kpiCounts(deps.db, scope);
  return {
    estateIds: estates.map((e) => e.id),
    from: period.from,
    to: period.to,
    items: kpiItems(counts, period.months),
  };
}

const iso = (d: Date | string | null) => (d === null ? null : new Date(d).toISOString());

/** The requests behind one KPI: its denominator, each marked when it is in the numerator too. */
export async function getKpiRecords(
  deps: KpiDeps,
  actor: Actor,
  key: KpiKey,
  q: KpiRecordsQuery,
): Promise<KpiRecordList> {
  const now = deps.clock.now();
  const { estates, today } = await scopeEstates(deps.db, actor, now, q.estateId);
  const period = resolvePeriod(q, today);
  const population = RECORD_POPULATIONS[key];
  const base = { key, from: period.from, to: period.to, page: q.page, pageSize: q.pageSize };
  // Surveys and fees do not exist yet: nothing behind those numbers.
  if (!population) return { ...base, items: [], total: 0 };
  const list = await kpiRecords(
    deps.db,
    { companyId: actor.companyId, windows: estateWindows(estates, period.from, period.to), now },
    population,
    {
      inNumerator: q.inNumerator === undefined ? undefined : q.inNumerator === 'true',
      badFirst: KPI_TARGETS[key].direction === 'min' ? 'out' : 'in',
      limit: q.pageSize,
      offset: (q.page - 1) * q.pageSize,
    },
  );
  return {
    ...base,
    total: list[0]?.total ?? 0,
    items: list.map((r) => ({
      id: r.id,
      number: r.number,
      estateId: r.estate_id,
      estateName: r.estate_name,
      type: r.type,
      state: r.state,
      unitLabel: r.unit_label,
      description: r.description,
      receivedAt: iso(r.received_at)!,
      completedAt: iso(r.completed_at),
      inNumerator: r.in_numerator,
    })),
  };
}
