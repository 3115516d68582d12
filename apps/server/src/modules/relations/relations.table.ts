/**
 * Relationship work (spec 03 §6): visit plans and records, manager reception days and their records,
 * mailbox openings and letters, owners' committee meetings, developer logs, notices and greetings.
 * Follow-up requests are ordinary requests (taken through the intake); these rows keep their ids.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
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
import { estates, units } from '../organisation/organisation.table.ts';
import { requests } from '../requests/requests.table.ts';
import { residents } from '../residents/residents.table.ts';

const at = () => timestamp({ withTimezone: true });

/** A steward's households to visit or call in one month (local month of the estate, `YYYY-MM`). */
export const visitPlans = pgTable(
  'visit_plans',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    stewardId: text()
      .notNull()
      .references(() => users.id),
    month: text().notNull(),
    /** The buildings the plan was generated from (the steward's patch, offered again next month). */
    buildingIds: text().array().notNull(),
    createdById: text()
      .notNull()
      .references(() => users.id),
    createdAt: at().notNull(),
  },
  (t) => [
    uniqueIndex('visit_plans_steward_month_uq').on(t.estateId, t.stewardId, t.month),
    check('visit_plans_month_ck', sql`${t.month} ~ '^[0-9]{4}-[0-9]{2}$'`),
  ],
);

export const visitPlanUnits = pgTable(
  'visit_plan_units',
  {
    planId: text()
      .notNull()
      .references(() => visitPlans.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    /** Brought over from the previous month's plan, not visited then. */
    carried: boolean().notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.planId, t.unitId] })],
);

/** 业户访问记录: one visit or call of a household. */
export const visits = pgTable(
  'visits',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    unitId: text()
      .notNull()
      .references(() => units.id),
    residentId: text().references(() => residents.id),
    metName: text(),
    way: text().notNull(),
    visitedAt: at().notNull(),
    /** The estate's local month of visitedAt (what coverage counts by). */
    month: text().notNull(),
    visitedById: text()
      .notNull()
      .references(() => users.id),
    topics: text().array().notNull(),
    opinions: text(),
    signatureFileId: text().references(() => files.id),
    requestIds: text().array().notNull(),
    createdAt: at().notNull(),
  },
  (t) => [
    index('visits_estate_month_idx').on(t.estateId, t.month, t.unitId),
    check('visits_way_ck', sql`${t.way} in ('visit','phone')`),
    check('visits_signature_in_person_ck', sql`${t.signatureFileId} is null or ${t.way} = 'visit'`),
  ],
);

/** 经理接待日: announced by a notice at least 7 days ahead. */
export const receptionDays = pgTable(
  'reception_days',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    hostId: text()
      .notNull()
      .references(() => users.id),
    date: date().notNull(),
    startTime: text().notNull(),
    endTime: text().notNull(),
    place: text().notNull(),
    startsAt: at().notNull(),
    noticeId: text().notNull(),
    createdById: text()
      .notNull()
      .references(() => users.id),
    createdAt: at().notNull(),
  },
  (t) => [
    index('reception_days_estate_idx').on(t.estateId, t.date),
    check('reception_days_times_ck', sql`${t.startTime} < ${t.endTime}`),
  ],
);

/** One line of the 经理接待记录表: who came, what they raised, what they were told. */
export const receptionEntries = pgTable(
  'reception_entries',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    receptionDayId: text()
      .notNull()
      .references(() => receptionDays.id),
    visitorName: text().notNull(),
    unitId: text().references(() => units.id),
    residentId: text().references(() => residents.id),
    issue: text().notNull(),
    answer: text(),
    requestId: text().references(() => requests.id),
    recordedById: text()
      .notNull()
      .references(() => users.id),
    createdAt: at().notNull(),
  },
  (t) => [index('reception_entries_day_idx').on(t.receptionDayId)],
);

/** 经理信箱开启记录. */
export const mailboxOpenings = pgTable(
  'mailbox_openings',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    openedById: text()
      .notNull()
      .references(() => users.id),
    openedAt: at().notNull(),
    witnessName: text().notNull(),
    letterCount: integer().notNull(),
    notes: text(),
    createdAt: at().notNull(),
  },
  (t) => [index('mailbox_openings_estate_idx').on(t.estateId, t.openedAt)],
);

/** A letter found in the box: a request owned by the manager, and the reply (回函). */
export const mailboxLetters = pgTable(
  'mailbox_letters',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    openingId: text()
      .notNull()
      .references(() => mailboxOpenings.id),
    writerName: text(),
    unitId: text().references(() => units.id),
    content: text().notNull(),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    reply: text(),
    repliedAt: at(),
    repliedById: text().references(() => users.id),
    version: integer().notNull().default(1),
  },
  (t) => [index('mailbox_letters_opening_idx').on(t.openingId)],
);

/** 业委会 meetings (at least two a year), planned or held. */
export const committeeMeetings = pgTable(
  'committee_meetings',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    date: date().notNull(),
    status: text().notNull(),
    attendees: text(),
    topics: text().notNull(),
    minutes: text(),
    followUps: text(),
    recordedById: text()
      .notNull()
      .references(() => users.id),
    createdAt: at().notNull(),
    updatedAt: at().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('committee_meetings_estate_idx').on(t.estateId, t.date),
    check('committee_meetings_status_ck', sql`${t.status} in ('planned','held')`),
  ],
);

/** Communication with the developer (发展商): the year's plan and the log. */
export const developerLogs = pgTable(
  'developer_logs',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    date: date().notNull(),
    status: text().notNull(),
    contact: text().notNull(),
    topic: text().notNull(),
    outcome: text(),
    requestIds: text().array().notNull(),
    recordedById: text()
      .notNull()
      .references(() => users.id),
    createdAt: at().notNull(),
  },
  (t) => [
    index('developer_logs_estate_idx').on(t.estateId, t.date),
    check('developer_logs_status_ck', sql`${t.status} in ('planned','held')`),
  ],
);

/** 通知/公告 to an estate or some of its buildings (the resident portal reads the audience later). */
export const notices = pgTable(
  'notices',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    /** Empty: the whole estate. */
    buildingIds: text().array().notNull(),
    title: text().notNull(),
    body: text().notNull(),
    publishFrom: at().notNull(),
    publishUntil: at(),
    status: text().notNull(),
    publishedAt: at(),
    receptionDayId: text(),
    createdById: text()
      .notNull()
      .references(() => users.id),
    createdAt: at().notNull(),
    updatedAt: at().notNull(),
    version: integer().notNull().default(1),
  },
  (t) => [
    index('notices_estate_idx').on(t.estateId, t.publishFrom),
    check('notices_status_ck', sql`${t.status} in ('draft','published','withdrawn')`),
    check('notices_window_ck', sql`${t.publishUntil} is null or ${t.publishUntil} > ${t.publishFrom}`),
  ],
);

/** A festival or birthday greeting done (one per resident, occasion and year). */
export const greetings = pgTable(
  'greetings',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    residentId: text()
      .notNull()
      .references(() => residents.id),
    occasion: text().notNull(),
    year: integer().notNull(),
    method: text().notNull(),
    note: text(),
    greetedById: text()
      .notNull()
      .references(() => users.id),
    greetedAt: at().notNull(),
  },
  (t) => [
    uniqueIndex('greetings_resident_occasion_uq').on(t.residentId, t.occasion, t.year),
    check('greetings_method_ck', sql`${t.method} in ('phone','visit','sms','wechat','card')`),
  ],
);
