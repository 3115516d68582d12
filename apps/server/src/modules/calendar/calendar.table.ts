/**
 * A company's own working-calendar entries, over the shipped national calendar (calendar.data.ts):
 * single days it edited, and the years it loaded itself (imported or entered by hand).
 */
import { sql } from 'drizzle-orm';
import { check, date, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { companies } from '../organisation/organisation.table.ts';

export const calendarDays = pgTable(
  'calendar_days',
  {
    companyId: text()
      .notNull()
      .references(() => companies.id),
    date: date({ mode: 'string' }).notNull(),
    kind: text().notNull(),
    name: text(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.date] }),
    check('calendar_days_kind_ck', sql`${t.kind} in ('workday','weekend','holiday','makeup_workday')`),
  ],
);

/**
 * The years a company loaded. `imported` and `manual` years are the company's own list: the shipped
 * data of that year no longer applies to it. A year that is neither shipped nor here is provisional.
 */
export const calendarYears = pgTable(
  'calendar_years',
  {
    companyId: text()
      .notNull()
      .references(() => companies.id),
    year: integer().notNull(),
    source: text().notNull(),
    loadedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.year] }),
    check('calendar_years_source_ck', sql`${t.source} in ('shipped','imported','manual')`),
  ],
);
