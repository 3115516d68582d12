/** Residents (客户) and their relation to units — a first form that the customer module deepens. */
import { sql } from 'drizzle-orm';
import { check, date, index, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';
import { companies, estates, units } from '../organisation/organisation.table.ts';

export const residents = pgTable(
  'residents',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    name: text().notNull(),
    gender: text(),
    phones: text().array().notNull(),
    idNumber: text(),
    birthday: date(),
    grade: text().notNull().default('C'),
    notes: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('residents_estate_name_idx').on(t.estateId, t.name),
    index('residents_phones_gin').using('gin', t.phones),
    check('residents_grade_ck', sql`${t.grade} in ('A','B','C','D')`),
  ],
);

export const residentUnits = pgTable(
  'resident_units',
  {
    residentId: text()
      .notNull()
      .references(() => residents.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    companyId: text().notNull(),
    estateId: text().notNull(),
    relation: text().notNull(),
    since: date(),
  },
  (t) => [
    primaryKey({ columns: [t.residentId, t.unitId] }),
    index('resident_units_unit_idx').on(t.unitId),
    check('resident_units_relation_ck', sql`${t.relation} in ('owner','tenant','member')`),
  ],
);
