/** All SQL of the working calendar: a company's own days and loaded years. */
import { and, asc, between, eq, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db.ts';
import type { CivilDate } from '../../platform/sla-time.ts';
import type { CalendarDayKind, CalendarYearSource } from './calendar.schemas.ts';
import { calendarDays, calendarYears } from './calendar.table.ts';

export interface CompanyDayRow {
  date: CivilDate;
  kind: CalendarDayKind;
  name: string | null;
}

export interface CompanyYearRow {
  year: number;
  source: CalendarYearSource;
}

export async function loadCompanyCalendar(
  db: Db,
  companyId: string,
): Promise<{ days: CompanyDayRow[]; years: CompanyYearRow[] }> {
  // One after the other: `db` may be a transaction's single client, which must not run two at once.
  const days = await db
    .select({
      date: calendarDays.date,
      kind: sql<CalendarDayKind>`${calendarDays.kind}`,
      name: calendarDays.name,
    })
    .from(calendarDays)
    .where(eq(calendarDays.companyId, companyId))
    .orderBy(asc(calendarDays.date));
  const years = await db
    .select({ year: calendarYears.year, source: sql<CalendarYearSource>`${calendarYears.source}` })
    .from(calendarYears)
    .where(eq(calendarYears.companyId, companyId));
  return { days, years };
}

export async function upsertCompanyDay(db: Db, companyId: string, day: CompanyDayRow): Promise<void> {
  await db
    .insert(calendarDays)
    .values({ companyId, ...day })
    .onConflictDoUpdate({
      target: [calendarDays.companyId, calendarDays.date],
      set: { kind: day.kind, name: day.name },
    });
}

/** Removes the company's own entry for a day; false when it had none. */
export async function deleteCompanyDay(db: Db, companyId: string, date: CivilDate): Promise<boolean> {
  const deleted = await db
    .delete(calendarDays)
    .where(and(eq(calendarDays.companyId, companyId), eq(calendarDays.date, date)))
    .returning({ date: calendarDays.date });
  return deleted.length > 0;
}

/** Replaces everything the company has in one year with `days` and records the year as loaded. */
export async function replaceCompanyYear(
  db: Db,
  companyId: string,
  year: number,
  days: CompanyDayRow[],
  source: CalendarYearSource,
  at: Date,
): Promise<void> {
  await db
    .delete(calendarDays)
    .where(
      and(
        eq(calendarDays.companyId, companyId),
        between(calendarDays.date, `${year}-01-01`, `${year}-12-31`),
      ),
    );
  if (days.length > 0) await db.insert(calendarDays).values(days.map((d) => ({ companyId, ...d })));
  await db
    .insert(calendarYears)
    .values({ companyId, year, source, loadedAt: at })
    .onConflictDoUpdate({
      target: [calendarYears.companyId, calendarYears.year],
      set: { source, loadedAt: at },
    });
}
