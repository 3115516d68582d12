/**
 * Who calls back which repair (回访抽查, seed 004): decided when the repair is completed, one row per
 * role that must call it back — the quota roles sampled for it (manager, cs_supervisor, dept_lead), or
 * the agents' pool when it was sampled for none. So every completed repair of a month has at least one
 * row, and the rows of an (estate, month) are the quota's whole arithmetic.
 */
import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { users } from '../auth/auth.table.ts';
import { estates } from '../organisation/organisation.table.ts';
import { callbacks, requests } from '../requests/requests.table.ts';

export const callbackAssignments = pgTable(
  'callback_assignments',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    role: text().notNull(),
    /** The person asked to call back; null = anyone holding the role at the estate (the agents' pool). */
    assigneeId: text().references(() => users.id),
    /** The month of the completion in the estate's time zone (YYYY-MM). */
    month: text().notNull(),
    /**
     * pending or done. "Skipped" is not stored: it is a pending row whose request was closed or
     * cancelled, so a reopened request's callback is owed again without anyone rewriting rows.
     */
    status: text().notNull().default('pending'),
    assignedAt: timestamp({ withTimezone: true }).notNull(),
    doneAt: timestamp({ withTimezone: true }),
    doneById: text().references(() => users.id),
    doneByCallbackId: text().references(() => callbacks.id),
  },
  (t) => [
    uniqueIndex('callback_assignments_request_role_uq').on(t.requestId, t.role),
    index('callback_assignments_month_idx').on(t.estateId, t.month, t.role),
    index('callback_assignments_assignee_idx')
      .on(t.assigneeId, t.requestId)
      .where(sql`${t.status} = 'pending'`),
    check(
      'callback_assignments_role_ck',
      sql`${t.role} in ('manager','cs_supervisor','dept_lead','cs_agent')`,
    ),
    check('callback_assignments_status_ck', sql`${t.status} in ('pending','done')`),
    check('callback_assignments_month_ck', sql`${t.month} ~ '^[0-9]{4}-[0-9]{2}$'`),
  ],
);
