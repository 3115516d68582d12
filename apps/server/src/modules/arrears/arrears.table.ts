/**
 * Arrears lists (欠费明细) loaded from the fee system, one per import, and their lines per unit. The
 * estate's current list is its newest; older ones stay as history. A (unit, estate) foreign key keeps a
 * line of one estate's list from naming another estate's unit. See decision 0024.
 */
import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { estates, units } from '../organisation/organisation.table.ts';

export const arrearsLists = pgTable(
  'arrears_lists',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    /** The date the fee system drew the list up (截止日期). */
    asOf: date({ mode: 'string' }).notNull(),
    fileName: text(),
    unitCount: integer().notNull(),
    totalFen: bigint({ mode: 'number' }).notNull(),
    importedById: text()
      .notNull()
      .references(() => users.id),
    importedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    /** The current list of an estate: its newest. */
    index('arrears_lists_estate_idx').on(t.estateId, t.importedAt.desc()),
    check('arrears_lists_counts_ck', sql`${t.unitCount} >= 0 and ${t.totalFen} >= 0`),
  ],
);

export const unitArrears = pgTable(
  'unit_arrears',
  {
    listId: text()
      .notNull()
      .references(() => arrearsLists.id),
    companyId: text().notNull(),
    estateId: text().notNull(),
    unitId: text().notNull(),
    amountFen: integer().notNull(),
    months: integer().notNull(),
    /** The first month owed (YYYY-MM), when the list gives it. */
    since: text(),
    note: text(),
  },
  (t) => [
    primaryKey({ name: 'unit_arrears_pk', columns: [t.listId, t.unitId] }),
    foreignKey({
      name: 'unit_arrears_unit_fk',
      columns: [t.unitId, t.estateId],
      foreignColumns: [units.id, units.estateId],
    }),
    /** A unit's lines over the lists (its history). */
    index('unit_arrears_unit_idx').on(t.unitId),
    check('unit_arrears_amount_ck', sql`${t.amountFen} > 0`),
    check('unit_arrears_months_ck', sql`${t.months} between 1 and 600`),
    check('unit_arrears_since_ck', sql`${t.since} is null or ${t.since} ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'`),
  ],
);
