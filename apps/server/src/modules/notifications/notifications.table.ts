/**
 * Notifications (站内通知): what a person must know without a clock having run out — a complaint they
 * became responsible for or supervise, a collective complaint at their estate. One row per recipient,
 * read once; the clock sweeper's alerts (超时与升级) stay their own list, with acknowledgement.
 */
import { sql } from 'drizzle-orm';
import { index, jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { companies } from '../organisation/organisation.table.ts';

export const notifications = pgTable(
  'notifications',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text(),
    userId: text()
      .notNull()
      .references(() => users.id),
    /** `complaint_responsible`, `complaint_supervisor`, `complaint_collective` … */
    kind: text().notNull(),
    /** The request it is about, if any (the link in the inbox). */
    requestId: text(),
    title: text().notNull(),
    body: text(),
    data: jsonb().$type<Record<string, unknown>>(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    readAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('notifications_user_idx').on(t.userId, t.createdAt),
    index('notifications_unread_idx').on(t.userId).where(sql`${t.readAt} is null`),
  ],
);
