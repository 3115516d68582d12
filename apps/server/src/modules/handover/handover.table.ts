/**
 * The morning hand-over of the night shift (spec 01 §7, 04 §4): per estate and morning, who handed
 * over to whom, when, which night requests, and the notes — so the day shift sees who handed over what.
 */

import { sql } from 'drizzle-orm';
import { check, date, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { estates } from '../organisation/organisation.table.ts';

export const nightHandovers = pgTable(
  'night_handovers',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    /** The morning the night ends on, in the estate's time zone. */
    shiftDate: date().notNull(),
    handedOverById: text()
      .notNull()
      .references(() => users.id),
    receivedById: text()
      .notNull()
      .references(() => users.id),
    /** Who entered it: one of the two. */
    recordedById: text()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull(),
    requestIds: text().array().notNull(),
    notes: text(),
  },
  (t) => [
    uniqueIndex('night_handovers_estate_date_uq').on(t.estateId, t.shiftDate),
    check('night_handovers_two_people_ck', sql`${t.handedOverById} <> ${t.receivedById}`),
  ],
);
