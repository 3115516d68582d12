/**
 * Residents (客户): the person record of one estate, their current relations to units, and the
 * owners' authorisation letters of tenants. Ended relations, grade changes and every view of a
 * personal number are events (platform/events.table.ts), written in the transaction of the change.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { files } from '../files/files.table.ts';
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
    /** Normalised digits (contracts `normalisePhone`): mobiles 11 digits, landlines with area code. */
    phones: text().array().notNull(),
    /** 18 characters with a valid check character (contracts `idNumberProblem`). Never leaves unmasked but by a reveal. */
    idNumber: text(),
    birthday: date(),
    grade: text().notNull().default('C'),
    /** Household structure (seed 004 第六条), contracts HOUSEHOLD_SEGMENTS. */
    segment: text(),
    /** Plate numbers, normalised (粤B12345). */
    vehicles: text().array().notNull().default(sql`'{}'::text[]`),
    emergencyName: text(),
    emergencyPhone: text(),
    emergencyRelation: text(),
    moveInDate: date(),
    /** Staff notes (never shown to the resident). */
    notes: text(),
    /** Optimistic concurrency of PATCH /api/residents/:id. */
    version: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('residents_estate_name_idx').on(t.estateId, t.name),
    index('residents_phones_gin').using('gin', t.phones),
    index('residents_estate_id_number_idx').on(t.estateId, t.idNumber),
    check('residents_grade_ck', sql`${t.grade} in ('A','B','C','D')`),
    check('residents_gender_ck', sql`${t.gender} in ('male','female')`),
    check(
      'residents_segment_ck',
      sql`${t.segment} in ('single_dink','couple_dink','couple_with_children','single_parent','mature_family','empty_nest','older_single','active_senior')`,
    ),
    check('residents_id_number_ck', sql`${t.idNumber} ~ '^[0-9]{17}[0-9X]$'`),
    check(
      'residents_emergency_ck',
      sql`(${t.emergencyName} is null) = (${t.emergencyPhone} is null) and (${t.emergencyRelation} is null or ${t.emergencyName} is not null)`,
    ),
  ],
);

/** Current relations only: ending one deletes the row and records a `relation_ended` event. */
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
    check(
      'resident_units_relation_ck',
      sql`${t.relation} in ('owner','co_owner','tenant','member','decoration_lead','agent')`,
    ),
  ],
);

/**
 * 业主委托书: an owner authorises a tenant or agent of a unit (for network or utility applications …)
 * for a period, with the signed letter as an attachment.
 */
export const residentAuthorisations = pgTable(
  'resident_authorisations',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    /** The tenant or agent authorised. */
    residentId: text()
      .notNull()
      .references(() => residents.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    /** The owner on file who signed, if they are on file. */
    ownerResidentId: text().references(() => residents.id),
    ownerName: text().notNull(),
    fileId: text()
      .notNull()
      .references(() => files.id),
    validFrom: date().notNull(),
    validUntil: date().notNull(),
    note: text(),
    createdById: text().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('resident_authorisations_resident_idx').on(t.residentId, t.validUntil),
    uniqueIndex('resident_authorisations_file_uq').on(t.fileId),
    check('resident_authorisations_period_ck', sql`${t.validUntil} >= ${t.validFrom}`),
  ],
);
