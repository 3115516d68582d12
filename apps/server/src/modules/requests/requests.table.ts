/**
 * Requests (工单): every word from a resident. This is the first form (intake fields, owner, state);
 * the service-desk module adds deadlines, callbacks and the lifecycle around it.
 */
import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
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
    /** The state to return to on `resume`. */
    stateBeforeHold: text(),
    holdReasonCode: text(),
    quoteMaterialsFen: integer(),
    quoteLabourFen: integer(),
    quoteNeedsApproval: boolean().notNull().default(false),
    quoteOutsidePriceList: boolean().notNull().default(false),
    /** The resident's signed agreement to a quote above the approval threshold (a file of this request). */
    quoteAgreementFileId: text(),
    quotedById: text(),
    quoteApprovedAt: timestamp({ withTimezone: true }),
    quoteApprovedById: text(),
    completion: jsonb().$type<Record<string, unknown>>(),
    reworkOf: text(),
    repeatOf: text(),
    /** 紧急: flagged at intake, or the category is an emergency one (电梯困人, 燃气 …); first in the queue. */
    emergency: boolean().notNull().default(false),
    /**
     * The searchable fields normalised and their character n-grams (requests.search.ts), written with
     * the fields; null until computed (rows from before the column, or written by code that does not
     * know it): the start-up and periodic backfill fills them.
     */
    searchText: text(),
    searchTokens: text().array(),
    version: integer().notNull().default(1),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    closedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('requests_company_number_uq').on(t.companyId, t.number),
    index('requests_estate_state_idx').on(t.estateId, t.state),
    index('requests_estate_received_idx').on(t.estateId, t.receivedAt),
    /** A company-wide list newest first (company roles, 全部项目) walks this instead of sorting every row. */
    index('requests_company_received_idx').on(t.companyId, t.receivedAt),
    /** A resident's requests, newest first (the desk's look-up). */
    index('requests_resident_idx').on(t.residentId, t.receivedAt),
    index('requests_unit_idx').on(t.unitId),
    index('requests_owner_idx').on(t.ownerId, t.state),
    index('requests_rework_of_idx').on(t.reworkOf),
    /** The open requests of an estate (queues, home counts): small and hot, whatever the history's size. */
    index('requests_open_idx')
      .on(t.estateId, t.type, t.state)
      .where(sql`${t.state} not in ('closed','cancelled')`),
    /**
     * An estate's complaints of a category, newest first: the candidates a new complaint is compared
     * with (same-issue detection at every complaint intake), without walking the estate's other requests.
     */
    index('requests_complaints_idx')
      .on(t.estateId, t.categoryId, t.receivedAt)
      .where(sql`${t.type} = 'complaint'`),
    /** Free-text search: the query's n-grams with `@>` (decision: Chinese search with n-grams). */
    index('requests_search_gin').using('gin', t.searchTokens),
    /** Rows whose search document is still to be computed (the backfill's queue). */
    index('requests_search_pending_idx').on(t.id).where(sql`${t.searchTokens} is null`),
    /** The reporter's phone by its last digits: `reverse(phone) like '0008%'` (byte order, any locale). */
    index('requests_phone_suffix_idx').using('btree', sql`reverse(${t.reporterPhone}) text_pattern_ops`),
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

/**
 * The clocks of a request (spec 01 §4): one row per clock, created when the event that starts it
 * happens. Stored and indexed so the sweeper can claim due rows in batches.
 */
export const requestDeadlines = pgTable(
  'request_deadlines',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    kind: text().notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    dueAt: timestamp({ withTimezone: true }).notNull(),
    status: text().notNull().default('pending'),
    metAt: timestamp({ withTimezone: true }),
    /** While paused (request on hold): when it paused, so resume can shift dueAt by the pause. */
    pausedAt: timestamp({ withTimezone: true }),
    /** 75% of the window (amber); stored so the sweeper finds due warnings by index. */
    warnAt: timestamp({ withTimezone: true }),
    warnedAt: timestamp({ withTimezone: true }),
    alertedAt: timestamp({ withTimezone: true }),
    escalationLevel: smallint().notNull().default(0),
    /** When a missed clock climbs to the next level of the ladder (one window later each time). */
    nextEscalationAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('request_deadlines_request_idx').on(t.requestId),
    index('request_deadlines_due_idx').on(t.dueAt).where(sql`${t.status} = 'pending'`),
    index('request_deadlines_warn_idx')
      .on(t.warnAt)
      .where(sql`${t.status} = 'pending' and ${t.warnedAt} is null`),
    index('request_deadlines_escalation_idx')
      .on(t.nextEscalationAt)
      .where(sql`${t.nextEscalationAt} is not null`),
    check('request_deadlines_status_ck', sql`${t.status} in ('pending','met','missed','paused','cancelled')`),
  ],
);

/** Callbacks (回访): each try, reached or not, with the resident's satisfaction. */
export const callbacks = pgTable(
  'callbacks',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    byId: text()
      .notNull()
      .references(() => users.id),
    at: timestamp({ withTimezone: true }).notNull(),
    method: text().notNull(),
    reached: boolean().notNull(),
    satisfaction: text(),
    stars: smallint(),
    comment: text(),
    problemFound: boolean().notNull().default(false),
    feeChecked: boolean(),
    reworkRequestId: text(),
  },
  (t) => [
    index('callbacks_request_idx').on(t.requestId, t.at),
    index('callbacks_estate_at_idx').on(t.estateId, t.at),
    check(
      'callbacks_satisfaction_ck',
      sql`${t.satisfaction} is null or ${t.satisfaction} in ('satisfied','fair','dissatisfied')`,
    ),
  ],
);

/** Idempotent intake: a retried POST with the same key returns the first answer. */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    userId: text().notNull(),
    key: text().notNull(),
    requestHash: text().notNull(),
    status: integer().notNull(),
    body: jsonb().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.key] })],
);

/**
 * Alerts raised by the clock sweeper: a warning at 75%, the miss, and each step up the escalation
 * ladder. Unique per clock, kind and level, so an alert exists at most once whatever the race.
 */
export const requestAlerts = pgTable(
  'request_alerts',
  {
    id: text().primaryKey(),
    companyId: text().notNull(),
    estateId: text().notNull(),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    deadlineId: text()
      .notNull()
      .references(() => requestDeadlines.id),
    deadlineKind: text().notNull(),
    kind: text().notNull(),
    level: smallint().notNull(),
    /** Who must acknowledge: a user (the owner) or a role at the estate (the ladder above the owner). */
    recipientUserId: text(),
    recipientRole: text(),
    raisedAt: timestamp({ withTimezone: true }).notNull(),
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedById: text(),
  },
  (t) => [
    uniqueIndex('request_alerts_once_uq').on(t.deadlineId, t.kind, t.level),
    index('request_alerts_estate_open_idx')
      .on(t.estateId, t.raisedAt)
      .where(sql`${t.acknowledgedAt} is null`),
    index('request_alerts_request_idx').on(t.requestId),
    check('request_alerts_kind_ck', sql`${t.kind} in ('warning','missed','escalation')`),
  ],
);
