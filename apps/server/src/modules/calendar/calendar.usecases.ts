/**
 * The working calendar of a company: the shipped national calendar (calendar.data.ts) under the
 * company's own entries. It answers "is this a working day?" for the SLA clocks (platform/sla-time.ts)
 * and lists days for the calendar page; hq_cs and gm edit single days or load a whole new year.
 */
import type { Actor } from '../../platform/access.ts';
import { recordEvent } from '../../platform/audit.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, fieldError, notFound } from '../../platform/errors.ts';
import type { Message } from '../../platform/i18n.ts';
import {
  addCivilDays,
  type CivilDate,
  isCivilDate,
  isWeekend,
  type WorkCalendar,
  yearOf,
} from '../../platform/sla-time.ts';
import { SHIPPED_DAYS, SHIPPED_YEARS, type SpecialDay } from './calendar.data.ts';
import {
  type CompanyDayRow,
  type CompanyYearRow,
  deleteCompanyDay,
  loadCompanyCalendar,
  replaceCompanyYear,
  upsertCompanyDay,
} from './calendar.repository.ts';
import type {
  CalendarDay,
  CalendarDayBody,
  CalendarDayKind,
  CalendarImportBody,
} from './calendar.schemas.ts';

/** A company's calendar, resolved: what every day is, and which years nobody has loaded. */
export interface CompanyCalendar extends WorkCalendar {
  day(date: CivilDate): CalendarDay;
}

/**
 * What a day is, first match wins: the company's own entry; in a year the company loaded itself
 * (imported or manual), an ordinary weekday or weekend; the shipped entry; an ordinary weekday or weekend.
 */
export function buildCompanyCalendar(
  own: { days: CompanyDayRow[]; years: CompanyYearRow[] },
  shipped: { days: readonly SpecialDay[]; years: readonly number[] } = {
    days: SHIPPED_DAYS,
    years: SHIPPED_YEARS,
  },
): CompanyCalendar {
  const ownDays = new Map(own.days.map((d) => [d.date, d]));
  const shippedDays = new Map(shipped.days.map((d) => [d.date, d]));
  const loaded = new Set([...shipped.years, ...own.years.map((y) => y.year)]);
  const ownYears = new Set(own.years.filter((y) => y.source !== 'shipped').map((y) => y.year));

  const day = (date: CivilDate): CalendarDay => {
    const entry = ownDays.get(date) ?? (ownYears.has(yearOf(date)) ? undefined : shippedDays.get(date));
    const kind: CalendarDayKind = entry?.kind ?? (isWeekend(date) ? 'weekend' : 'workday');
    const result: CalendarDay = { date, workday: kind === 'workday' || kind === 'makeup_workday', kind };
    if (entry?.name) result.name = entry.name;
    return result;
  };
  return {
    day,
    isWorkday: (date) => day(date).workday,
    isProvisional: (year) => !loaded.has(year),
  };
}

// ---- the per-company cache --------------------------------------------------------------------------

/** Company calendars, loaded once and kept in memory; every edit here invalidates its company's entry. */
export interface CalendarStore {
  /**
   * `db` is what a miss loads with: pass the caller's transaction when inside one (PGlite has a single
   * connection, so a load through the store's own handle would wait for that transaction to end).
   */
  forCompany(companyId: string, db?: Db): Promise<CompanyCalendar>;
  invalidate(companyId: string): void;
}

/**
 * `ttlMs` bounds how long an edit made through another server process goes unseen here (edits in this
 * process are seen at once). Entries hold the loading promise, set before the load starts, so a load
 * that raced an edit is dropped by the edit's invalidation rather than cached after it.
 */
export function createCalendarStore(db: Db, options: { ttlMs?: number } = {}): CalendarStore {
  const ttlMs = options.ttlMs ?? 60_000;
  const entries = new Map<string, { calendar: Promise<CompanyCalendar>; loadedAt: number }>();
  return {
    forCompany(companyId, via = db) {
      const hit = entries.get(companyId);
      if (hit && performance.now() - hit.loadedAt < ttlMs) return hit.calendar;
      const calendar = loadCompanyCalendar(via, companyId).then((own) => buildCompanyCalendar(own));
      entries.set(companyId, { calendar, loadedAt: performance.now() });
      calendar.catch(() => {
        if (entries.get(companyId)?.calendar === calendar) entries.delete(companyId);
      });
      return calendar;
    },
    invalidate(companyId) {
      entries.delete(companyId);
    },
  };
}

// ---- use cases --------------------------------------------------------------------------------------

export interface CalendarDeps {
  db: Db;
  clock: Clock;
  calendars: CalendarStore;
}

/** The kinds a date may take: a weekend day is worked only as a make-up day, a weekday is never "weekend". */
export function kindsAllowedOn(date: CivilDate): readonly CalendarDayKind[] {
  return isWeekend(date) ? ['weekend', 'holiday', 'makeup_workday'] : ['workday', 'holiday'];
}

function kindMessage(date: CivilDate): Message {
  return { key: 'validation.enum', params: { values: kindsAllowedOn(date).join(', ') } };
}

/** The last day of a range starting at `from` that spans at most three years. */
export function lastDayWithinThreeYears(from: CivilDate): CivilDate {
  const sameDay = `${String(yearOf(from) + 3).padStart(4, '0')}${from.slice(4)}`;
  // 29 February three years on does not exist: the three years end on the 28th.
  return isCivilDate(sameDay) ? addCivilDays(sameDay, -1) : sameDay.replace(/-02-29$/, '-02-28');
}

/** Every day from `from` to `to` (at most three years), with the years of the range nobody loaded. */
export async function listCalendarDays(
  deps: Pick<CalendarDeps, 'calendars'>,
  actor: Actor,
  from: CivilDate,
  to: CivilDate,
): Promise<{ items: CalendarDay[]; provisionalYears: number[] }> {
  if (to < from) throw fieldError('to', { key: 'validation.tooSmall', params: { n: from } });
  const last = lastDayWithinThreeYears(from);
  if (to > last) throw fieldError('to', { key: 'validation.tooBig', params: { n: last } });
  const calendar = await deps.calendars.forCompany(actor.companyId);
  const items: CalendarDay[] = [];
  for (let d = from; d <= to; d = addCivilDays(d, 1)) items.push(calendar.day(d));
  const provisionalYears: number[] = [];
  for (let y = yearOf(from); y <= yearOf(to); y++) if (calendar.isProvisional(y)) provisionalYears.push(y);
  return { items, provisionalYears };
}

/** Sets one day of the company's calendar (over the shipped entry, if any). */
export async function setCalendarDay(
  deps: CalendarDeps,
  actor: Actor,
  date: CivilDate,
  body: CalendarDayBody,
): Promise<CalendarDay> {
  if (!kindsAllowedOn(date).includes(body.kind)) throw fieldError('kind', kindMessage(date));
  const before = (await deps.calendars.forCompany(actor.companyId)).day(date);
  await deps.db.transaction(async (tx) => {
    await upsertCompanyDay(tx, actor.companyId, { date, kind: body.kind, name: body.name ?? null });
    await recordEvent(tx, {
      companyId: actor.companyId,
      entityType: 'calendar_day',
      entityId: date,
      action: 'changed',
      actorId: actor.userId,
      at: deps.clock.now(),
      data: {
        kind: body.kind,
        name: body.name ?? null,
        before: { kind: before.kind, name: before.name ?? null },
      },
    });
  });
  deps.calendars.invalidate(actor.companyId);
  return (await deps.calendars.forCompany(actor.companyId)).day(date);
}

/** Removes the company's own entry for a day: the day is again what the shipped calendar says. */
export async function resetCalendarDay(
  deps: CalendarDeps,
  actor: Actor,
  date: CivilDate,
): Promise<CalendarDay> {
  await deps.db.transaction(async (tx) => {
    if (!(await deleteCompanyDay(tx, actor.companyId, date))) throw notFound('notFound.record');
    await recordEvent(tx, {
      companyId: actor.companyId,
      entityType: 'calendar_day',
      entityId: date,
      action: 'reset',
      actorId: actor.userId,
      at: deps.clock.now(),
    });
  });
  deps.calendars.invalidate(actor.companyId);
  return (await deps.calendars.forCompany(actor.companyId)).day(date);
}

/** Field errors of a year's import, keyed like `days.3.date`; empty when every row is fine. */
export function importErrors(year: number, days: CalendarImportBody['days']): Record<string, Message> {
  const fields: Record<string, Message> = {};
  const first = `${year}-01-01`;
  const last = `${year}-12-31`;
  const seen = new Set<CivilDate>();
  days.forEach((row, i) => {
    if (row.date < first) fields[`days.${i}.date`] = { key: 'validation.tooSmall', params: { n: first } };
    else if (row.date > last) fields[`days.${i}.date`] = { key: 'validation.tooBig', params: { n: last } };
    else if (seen.has(row.date)) fields[`days.${i}.date`] = { key: 'validation.invalid' };
    if (!kindsAllowedOn(row.date).includes(row.kind)) fields[`days.${i}.kind`] = kindMessage(row.date);
    seen.add(row.date);
  });
  return fields;
}

/**
 * Loads a whole year for the company, all or nothing: it replaces whatever the company had in that year
 * (single edits included) and the shipped data of that year, and the year stops being provisional.
 */
export async function importCalendarYear(
  deps: CalendarDeps,
  actor: Actor,
  year: number,
  body: CalendarImportBody,
): Promise<{ year: number; source: 'imported'; days: number }> {
  const fields = importErrors(year, body.days);
  if (Object.keys(fields).length > 0) throw new AppError('VALIDATION', 'validation.failed', { fields });
  const now = deps.clock.now();
  const rows = body.days.map((d) => ({ date: d.date, kind: d.kind, name: d.name ?? null }));
  await deps.db.transaction(async (tx) => {
    await replaceCompanyYear(tx, actor.companyId, year, rows, 'imported', now);
    await recordEvent(tx, {
      companyId: actor.companyId,
      entityType: 'calendar_year',
      entityId: String(year),
      action: 'imported',
      actorId: actor.userId,
      at: now,
      data: { days: rows.length },
    });
  });
  deps.calendars.invalidate(actor.companyId);
  return { year, source: 'imported', days: rows.length };
}
