/**
 * Requests (工单): every word from a resident. This is the first form (intake fields, owner, state);
 * the service-desk module adds deadlines, callbacks and the lifecycle around it.
 */
import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { companies, estates } from '../organisation/organisation.table.ts';

export const requests = pgTable(
  'requests',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    number: text().notNull(),
    type: text().notNull(),
    subtype: text(),
    channel: text().notNull(),
    state: text().notNull().default('new'),
    categoryId: text(),
    unitId: text(),
    locationId: text(),
    locationText: text(),
    residentId: text(),
    reporterName: text(),
    reporterPhone: text(),
    description: text().notNull(),
    urgency: text().notNull().default('immediate'),
    appointmentAt: timestamp({ withTimezone: true }),
    size: text(),
    ownerId: text()
      .notNull()
      .references(() => users.id),
    receivedById: text()
      .notNull()
      .references(() => users.id),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    departmentId: text(),
    assigneeId: text(),
    night: boolean().notNull().default(false),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('requests_company_number_uq').on(t.companyId, t.number),
    index('requests_estate_state_idx').on(t.estateId, t.state),
    index('requests_estate_received_idx').on(t.estateId, t.receivedAt),
    index('requests_resident_idx').on(t.residentId),
    index('requests_unit_idx').on(t.unitId),
    index('requests_owner_idx').on(t.ownerId, t.state),
    check(
      'requests_type_ck',
      sql`${t.type} in ('repair','complaint','enquiry','help','suggestion','praise','paid_service')`,
    ),
    check(
      'requests_state_ck',
      sql`${t.state} in ('new','dispatched','accepted','on_site','in_progress','done','confirmed','callback_done','closed','on_hold','cancelled')`,
    ),
  ],
);

/** Per company, prefix and local day: the last sequence number handed out (BX20261122 → 0001, 0002 …). */
export const requestCounters = pgTable(
  'request_counters',
  {
    companyId: text().notNull(),
    prefix: text().notNull(),
    day: text().notNull(),
    last: integer().notNull(),
  },
  (t) => [uniqueIndex('request_counters_uq').on(t.companyId, t.prefix, t.day)],
);
