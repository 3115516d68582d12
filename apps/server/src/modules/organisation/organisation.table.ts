/**
 * The property structure: company → estates → buildings → units, public locations, and the
 * departments that do the work. Every table carries company_id (and estate_id below the estate)
 * so queries are scoped and the data can be distributed by company/estate later.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, numeric, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

export const companies = pgTable('companies', {
  id: text().primaryKey(),
  name: text().notNull(),
  code: text().notNull().unique(),
  createdAt: timestamp({ withTimezone: true }).notNull(),
});

export const estates = pgTable(
  'estates',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    name: text().notNull(),
    code: text().notNull(),
    type: text().notNull(),
    address: text(),
    timeZone: text().notNull().default('Asia/Shanghai'),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('estates_company_code_uq').on(t.companyId, t.code),
    uniqueIndex('estates_company_name_uq').on(t.companyId, t.name),
    check('estates_type_ck', sql`${t.type} in ('residential','office','commercial','mixed')`),
  ],
);

export const buildings = pgTable(
  'buildings',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    name: text().notNull(),
    floors: integer().notNull(),
    sort: integer().notNull().default(0),
  },
  (t) => [uniqueIndex('buildings_estate_name_uq').on(t.estateId, t.name)],
);

export const units = pgTable(
  'units',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    buildingId: text()
      .notNull()
      .references(() => buildings.id),
    number: text().notNull(),
    floor: integer().notNull(),
    areaM2: numeric({ precision: 10, scale: 2 }),
    use: text().notNull().default('residence'),
    status: text().notNull().default('vacant'),
  },
  (t) => [
    uniqueIndex('units_building_number_uq').on(t.buildingId, t.number),
    index('units_estate_idx').on(t.estateId, t.buildingId, t.number),
    check('units_use_ck', sql`${t.use} in ('residence','shop','office')`),
    check('units_status_ck', sql`${t.status} in ('vacant','occupied','rented','decorating')`),
  ],
);

export const locations = pgTable(
  'locations',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    name: text().notNull(),
    kind: text().notNull(),
  },
  (t) => [uniqueIndex('locations_estate_name_uq').on(t.estateId, t.name)],
);

export const departments = pgTable(
  'departments',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    name: text().notNull(),
    kind: text().notNull(),
  },
  (t) => [
    uniqueIndex('departments_estate_name_uq').on(t.estateId, t.name),
    check(
      'departments_kind_ck',
      sql`${t.kind} in ('engineering','cleaning','security','greening','customer_service','control_room','external')`,
    ),
  ],
);
