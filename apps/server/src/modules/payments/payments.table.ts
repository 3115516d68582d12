/**
 * Repair fees (spec 01 §3): one payment per request, collected (by the technician on site, or at the
 * office or in the portal) and then confirmed by the cashier with a receipt number. The request's
 * timeline carries an event for each step.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { requests } from '../requests/requests.table.ts';

export const requestPayments = pgTable(
  'request_payments',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    amountFen: integer().notNull(),
    /** The fee recorded at completion when the money was taken (a different amount carries a note). */
    expectedFen: integer(),
    method: text().notNull(),
    status: text().notNull().default('collected'),
    collectedById: text()
      .notNull()
      .references(() => users.id),
    collectedAt: timestamp({ withTimezone: true }).notNull(),
    receiptNo: text(),
    note: text(),
    confirmedById: text().references(() => users.id),
    confirmedAt: timestamp({ withTimezone: true }),
    confirmNote: text(),
  },
  (t) => [
    uniqueIndex('request_payments_request_uq').on(t.requestId),
    /** The cashier's list: an estate's payments by status, newest first. */
    index('request_payments_estate_status_idx').on(t.estateId, t.status, t.collectedAt),
    index('request_payments_estate_confirmed_idx')
      .on(t.estateId, t.confirmedAt)
      .where(sql`${t.confirmedAt} is not null`),
    check(
      'request_payments_method_ck',
      sql`${t.method} in ('technician_cash','technician_scan','office','portal')`,
    ),
    check('request_payments_status_ck', sql`${t.status} in ('collected','confirmed')`),
    check('request_payments_amount_ck', sql`${t.amountFen} > 0`),
    check(
      'request_payments_confirmed_ck',
      sql`(${t.status} = 'confirmed') = (${t.confirmedAt} is not null and ${t.confirmedById} is not null)`,
    ),
  ],
);
