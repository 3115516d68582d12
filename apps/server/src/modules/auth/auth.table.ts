/** Staff accounts, their estate assignments, sessions/tokens and the login throttle. */
import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { companies, departments, estates } from '../organisation/organisation.table.ts';
import { COMPANY_WIDE } from './auth.staff.ts';

export const users = pgTable(
  'users',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    username: text().notNull(),
    name: text().notNull(),
    passwordHash: text().notNull(),
    roles: text().array().notNull(),
    departmentId: text().references(() => departments.id),
    phone: text(),
    locale: text().notNull().default('zh-CN'),
    active: boolean().notNull().default(true),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('users_username_uq').on(sql`lower(${t.username})`),
    // The company-wide staff (gm, hq_cs, quality: COMPANY_WIDE_ROLES) of a company, for staffAtEstate:
    // a company's other staff are found through their estates (user_estates_estate_idx).
    index('users_company_wide_idx')
      .on(t.companyId)
      .where(sql`${t.roles} && ${sql.raw(COMPANY_WIDE)}`),
  ],
);

export const userEstates = pgTable(
  'user_estates',
  {
    userId: text()
      .notNull()
      .references(() => users.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    companyId: text().notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.estateId] }), index('user_estates_estate_idx').on(t.estateId)],
);

/** A browser session (cookie) or an integration's bearer token; only the SHA-256 of the secret is kept. */
export const sessions = pgTable(
  'sessions',
  {
    id: text().primaryKey(),
    tokenHash: text().notNull(),
    kind: text().notNull(),
    userId: text()
      .notNull()
      .references(() => users.id),
    csrfToken: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    revokedAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex('sessions_token_hash_uq').on(t.tokenHash), index('sessions_user_idx').on(t.userId)],
);

/** Failed-login counters per user name and per client address (stateless app processes share them). */
export const loginThrottle = pgTable('login_throttle', {
  key: text().primaryKey(),
  failures: integer().notNull(),
  windowStart: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});
