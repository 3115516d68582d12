/**
 * The property structure: company → estates → buildings → units, public locations, and the
 * departments that do the work. Every table carries company_id (and estate_id below the estate)
 * so queries are scoped and the data can be distributed by company/estate later.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';

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
    version: integer().notNull().default(1),
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
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('buildings_estate_name_uq').on(t.estateId, t.name),
    /** The target of units' (building, estate) key: a unit is in its building's estate, never another. */
    uniqueIndex('buildings_id_estate_uq').on(t.id, t.estateId),
    check('buildings_floors_ck', sql`${t.floors} between 1 and 200`),
  ],
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
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('units_building_number_uq').on(t.buildingId, t.number),
    /** The target of the unit file's (unit, estate) keys. */
    uniqueIndex('units_id_estate_uq').on(t.id, t.estateId),
    foreignKey({
      name: 'units_building_estate_fk',
      columns: [t.buildingId, t.estateId],
      foreignColumns: [buildings.id, buildings.estateId],
    }),
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
    /** Retired (停用): no longer offered at intake, kept for the requests that name it. */
    retiredAt: timestamp({ withTimezone: true }),
    version: integer().notNull().default(1),
  },
  (t) => [
    uniqueIndex('locations_estate_name_uq').on(t.estateId, t.name),
    check(
      'locations_kind_ck',
      sql`${t.kind} in ('lobby','car_park','lift','garden','corridor','plant_room','gate','other')`,
    ),
  ],
);

/**
 * A unit's status history (空置 → 自住 → 出租 …): one row per change, who made it and why. A unit's
 * first status is its creation (an event of the estate), not a row here.
 */
export const unitStatusChanges = pgTable(
  'unit_status_changes',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    unitId: text().notNull(),
    fromStatus: text().notNull(),
    toStatus: text().notNull(),
    at: timestamp({ withTimezone: true }).notNull(),
    /** The staff member (users.id); no foreign key, as users' table refers to this module's. */
    byId: text(),
    note: text(),
  },
  (t) => [
    index('unit_status_changes_unit_idx').on(t.unitId, t.at),
    foreignKey({
      name: 'unit_status_changes_unit_fk',
      columns: [t.unitId, t.estateId],
      foreignColumns: [units.id, units.estateId],
    }),
  ],
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
