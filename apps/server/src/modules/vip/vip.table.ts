/**
 * VIP cards (VIP客户卡, spec 03 §4): cards with their company-wide numbers, the per-level number
 * counter, the estates' applications (with the VIP registration form), each estate's VIP assistant
 * and the log of VIP services given. Changes are events (entity `vip_card` / `vip_application`).
 */
import { sql } from 'drizzle-orm';
import {
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { companies, estates } from '../organisation/organisation.table.ts';
import { residents } from '../residents/residents.table.ts';

/**
 * Per company and level: the last sequence handed out (JK1 → 001, 002 … 999). Bumped with one
 * `insert … on conflict do update … returning` inside the issuing transaction: concurrent issues
 * queue on the row, and a failed issue rolls its number back (no gaps).
 */
export const vipCardCounters = pgTable(
  'vip_card_counters',
  {
    companyId: text()
      .notNull()
      .references(() => companies.id),
    level: integer().notNull(),
    last: integer().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.companyId, t.level] }),
    check('vip_card_counters_last_ck', sql`${t.last} between 1 and 999`),
  ],
);

export const vipApplications = pgTable(
  'vip_applications',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    residentId: text()
      .notNull()
      .references(() => residents.id),
    level: integer().notNull(),
    /** 《VIP 客户登记表》 (contracts VipRegistrationForm). */
    form: jsonb().$type<Record<string, unknown>>().notNull(),
    status: text().notNull().default('pending'),
    requestedById: text().references(() => users.id),
    requestedAt: timestamp({ withTimezone: true }).notNull(),
    decidedById: text().references(() => users.id),
    decidedAt: timestamp({ withTimezone: true }),
    rejectReason: text(),
  },
  (t) => [
    index('vip_applications_company_status_idx').on(t.companyId, t.status, t.requestedAt),
    // One open application per resident.
    uniqueIndex('vip_applications_pending_uq').on(t.residentId).where(sql`${t.status} = 'pending'`),
    check('vip_applications_level_ck', sql`${t.level} in (0, 1, 2)`),
    check('vip_applications_status_ck', sql`${t.status} in ('pending','approved','rejected')`),
  ],
);

export const vipCards = pgTable(
  'vip_cards',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    residentId: text()
      .notNull()
      .references(() => residents.id),
    /** JK + level + 001–999, unique in the company for ever (a revoked number is not handed out again). */
    number: text().notNull(),
    level: integer().notNull(),
    /** Stored: active, revoked, replaced. `expired` is computed on read (valid_until before today). */
    status: text().notNull().default('active'),
    validFrom: date({ mode: 'string' }).notNull(),
    validUntil: date({ mode: 'string' }).notNull(),
    applicationId: text().references(() => vipApplications.id),
    issuedById: text().references(() => users.id),
    issuedAt: timestamp({ withTimezone: true }).notNull(),
    /** The lost card's successor. */
    replacedById: text(),
    revokedReason: text(),
    endedById: text().references(() => users.id),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('vip_cards_number_uq').on(t.companyId, t.number),
    // A resident holds at most one card that has not ended (an expired one until renewed or revoked).
    uniqueIndex('vip_cards_current_uq').on(t.residentId).where(sql`${t.status} = 'active'`),
    index('vip_cards_estate_until_idx').on(t.estateId, t.validUntil),
    check('vip_cards_level_ck', sql`${t.level} in (0, 1, 2)`),
    check('vip_cards_status_ck', sql`${t.status} in ('active','revoked','replaced')`),
    check('vip_cards_number_ck', sql`${t.number} ~ '^JK[012][0-9]{3}$'`),
    check('vip_cards_period_ck', sql`${t.validUntil} > ${t.validFrom}`),
  ],
);

/** 客户助理: one per estate (第三十五条). */
export const vipAssistants = pgTable('vip_assistants', {
  estateId: text()
    .primaryKey()
    .references(() => estates.id),
  companyId: text()
    .notNull()
    .references(() => companies.id),
  userId: text()
    .notNull()
    .references(() => users.id),
  setById: text().references(() => users.id),
  setAt: timestamp({ withTimezone: true }).notNull(),
});

/** The VIP services given (第三十一–三十三条): what, when, by whom. */
export const vipServices = pgTable(
  'vip_services',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    residentId: text()
      .notNull()
      .references(() => residents.id),
    cardId: text().references(() => vipCards.id),
    date: date({ mode: 'string' }).notNull(),
    serviceType: text().notNull(),
    note: text(),
    byId: text().references(() => users.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    index('vip_services_estate_date_idx').on(t.estateId, t.date),
    index('vip_services_resident_idx').on(t.residentId, t.date),
  ],
);

/**
 * The birthday and festival reminders already sent to an estate's assistant (one row per occurrence:
 * `birthday:<resident>:<date>` or `festival:<name>:<date>`), so the reminder sweep, run in every
 * process and every few minutes, tells the assistant once.
 */
export const vipReminderNotices = pgTable(
  'vip_reminder_notices',
  {
    estateId: text()
      .notNull()
      .references(() => estates.id),
    key: text().notNull(),
    date: date().notNull(),
    sentAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.estateId, t.key] })],
);
