/**
 * The records only a unit's file (一户一档) has: key hand-overs, meters, move-ins, decorations and the
 * documents attached to the unit. Each row carries the unit's estate, and a (unit, estate) foreign key
 * makes a record of one estate's unit under another estate impossible.
 */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  date,
  foreignKey,
  index,
  integer,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { files } from '../files/files.table.ts';
import { units } from '../organisation/organisation.table.ts';
import { residents } from '../residents/residents.table.ts';

const unitKey = (name: string, t: { unitId: AnyPgColumn; estateId: AnyPgColumn }) =>
  foreignKey({ name, columns: [t.unitId, t.estateId], foreignColumns: [units.id, units.estateId] });

/** 钥匙: who was handed which keys of the unit, when, and when they came back. */
export const unitKeys = pgTable(
  'unit_keys',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    unitId: text().notNull(),
    keyName: text().notNull(),
    copies: integer().notNull().default(1),
    holderName: text().notNull(),
    holderResidentId: text().references(() => residents.id),
    handedAt: timestamp({ withTimezone: true }).notNull(),
    handedById: text()
      .notNull()
      .references(() => users.id),
    returnedAt: timestamp({ withTimezone: true }),
    returnedToId: text().references(() => users.id),
    note: text(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('unit_keys_unit_idx').on(t.unitId, t.handedAt),
    unitKey('unit_keys_unit_fk', t),
    check('unit_keys_copies_ck', sql`${t.copies} between 1 and 20`),
    check('unit_keys_returned_ck', sql`${t.returnedAt} is null or ${t.returnedAt} >= ${t.handedAt}`),
  ],
);

/** 表具: the unit's water, electricity and gas meters by number (readings come with the fees module). */
export const unitMeters = pgTable(
  'unit_meters',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    unitId: text().notNull(),
    kind: text().notNull(),
    number: text().notNull(),
    position: text(),
    installedOn: date({ mode: 'string' }),
    removedOn: date({ mode: 'string' }),
    note: text(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('unit_meters_unit_idx').on(t.unitId),
    unitKey('unit_meters_unit_fk', t),
    /** A meter number names one meter of its kind in the estate (the utility's number). */
    uniqueIndex('unit_meters_estate_number_uq').on(t.estateId, t.kind, t.number),
    check('unit_meters_kind_ck', sql`${t.kind} in ('water','electricity','gas')`),
  ],
);

/** 入住: a move-in, the day, who moved in, who handled it and which documents were checked. */
export const unitMoveIns = pgTable(
  'unit_move_ins',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    unitId: text().notNull(),
    movedInOn: date({ mode: 'string' }).notNull(),
    residentId: text().references(() => residents.id),
    residentName: text().notNull(),
    handledById: text()
      .notNull()
      .references(() => users.id),
    documentsChecked: text().array().notNull().default(sql`'{}'::text[]`),
    note: text(),
    version: integer().notNull().default(1),
  },
  (t) => [index('unit_move_ins_unit_idx').on(t.unitId, t.movedInOn), unitKey('unit_move_ins_unit_fk', t)],
);

/** 装修: a decoration's period, contractor, permit number and where it stands. */
export const unitDecorations = pgTable(
  'unit_decorations',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    unitId: text().notNull(),
    startsOn: date({ mode: 'string' }).notNull(),
    endsOn: date({ mode: 'string' }).notNull(),
    contractor: text().notNull(),
    permitNo: text(),
    status: text().notNull().default('applied'),
    note: text(),
    createdById: text()
      .notNull()
      .references(() => users.id),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('unit_decorations_unit_idx').on(t.unitId, t.startsOn),
    unitKey('unit_decorations_unit_fk', t),
    check('unit_decorations_period_ck', sql`${t.endsOn} >= ${t.startsOn}`),
    check(
      'unit_decorations_status_ck',
      sql`${t.status} in ('applied','in_progress','completed','inspected','cancelled')`,
    ),
  ],
);

/** Documents attached to the unit (a file belongs to one unit, and then to no request). */
export const unitDocuments = pgTable(
  'unit_documents',
  {
    fileId: text()
      .primaryKey()
      .references(() => files.id),
    companyId: text().notNull(),
    estateId: text().notNull(),
    unitId: text().notNull(),
    title: text(),
    attachedById: text()
      .notNull()
      .references(() => users.id),
    attachedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('unit_documents_unit_idx').on(t.unitId, t.attachedAt), unitKey('unit_documents_unit_fk', t)],
);
