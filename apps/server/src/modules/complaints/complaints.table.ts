/**
 * Complaints (spec 02): a complaint is a request of type `complaint`; this module adds its record
 * (投诉记录表), class, grade, same-issue links and collective events beside the request, never inside
 * the request table. The grade history is the request's events (`complaint_grade`), the timeline.
 */
import { sql } from 'drizzle-orm';
import {
  check,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { companies, estates } from '../organisation/organisation.table.ts';
import { requests } from '../requests/requests.table.ts';

export const complaints = pgTable(
  'complaints',
  {
    requestId: text()
      .primaryKey()
      .references(() => requests.id),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    eventAt: timestamp({ withTimezone: true }),
    eventPlace: text(),
    subjectPerson: text(),
    subjectDepartmentId: text(),
    residentWants: text(),
    mood: text(),
    validity: text(),
    validityNote: text(),
    solvingParty: text(),
    classifiedAt: timestamp({ withTimezone: true }),
    classifiedById: text(),
    grade: text().notNull().default('general'),
    gradeSource: text().notNull().default('rule'),
    /** Every grade rule that has applied so far: a person's grade holds until a rule not in here fires. */
    firedRules: text().array().notNull().default(sql`'{}'::text[]`),
    flags: text().array().notNull().default(sql`'{}'::text[]`),
    agreedReplyAt: timestamp({ withTimezone: true }),
    answerMethod: text(),
    answerText: text(),
    answeredAt: timestamp({ withTimezone: true }),
    responsibleUserId: text(),
    supervisorUserId: text(),
    collectiveEventId: text(),
    resultMethod: text(),
    resultText: text(),
    residentOpinion: text(),
    rootCause: text(),
    correctiveAction: text(),
    /**
     * The company-level callback (seed 004 第四十二条: 投诉处理完毕后由公司回访): the first callback by a
     * company role (hq_cs, gm) that reached the resident after the complaint was handled. Null: still owed.
     */
    companyCallbackId: text(),
    companyCallbackAt: timestamp({ withTimezone: true }),
    companyCallbackById: text(),
  },
  (t) => [
    index('complaints_estate_idx').on(t.estateId, t.grade),
    index('complaints_company_callback_idx')
      .on(t.companyId, t.estateId)
      .where(sql`${t.companyCallbackId} is null`),
    index('complaints_event_idx').on(t.collectiveEventId),
    check(
      'complaints_validity_ck',
      sql`${t.validity} is null or ${t.validity} in ('effective','assisted','invalid')`,
    ),
    check('complaints_grade_ck', sql`${t.grade} in ('general','important','hot','major')`),
    check('complaints_grade_source_ck', sql`${t.gradeSource} in ('rule','manual')`),
    check('complaints_mood_ck', sql`${t.mood} is null or ${t.mood} in ('calm','upset','angry')`),
  ],
);

/**
 * Same-issue links between two complaints of one estate, stored once per pair (`a` < `b`). A link is
 * `linked` (counted for grades and collective events) or `proposed` (a looser match waiting for the
 * supervisor); an unlinked or rejected pair stays as `rejected` so the rules do not propose it again.
 */
export const complaintLinks = pgTable(
  'complaint_links',
  {
    companyId: text().notNull(),
    estateId: text().notNull(),
    a: text()
      .notNull()
      .references(() => requests.id),
    b: text()
      .notNull()
      .references(() => requests.id),
    status: text().notNull(),
    how: text().notNull(),
    score: real(),
    createdById: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('complaint_links_pair_uq').on(t.a, t.b),
    index('complaint_links_b_idx').on(t.b),
    check('complaint_links_order_ck', sql`${t.a} < ${t.b}`),
    check('complaint_links_status_ck', sql`${t.status} in ('linked','proposed','rejected')`),
    check('complaint_links_how_ck', sql`${t.how} in ('auto','manual')`),
  ],
);

/** 集体投诉事件: ≥5 households of one estate complaining about the same issue within 48 h. */
export const complaintEvents = pgTable(
  'complaint_events',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    households: integer().notNull(),
    people: integer().notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index('complaint_events_estate_idx').on(t.estateId, t.createdAt)],
);

/**
 * 工作传签单 (spec 02 §4): when the owner cannot resolve a complaint it goes up one level at a time —
 * cs_supervisor → manager → hq_cs (vice-president in charge) → gm. Each memo carries the question and
 * the proposed remedies with their costs; the level it was sent to records its decision, or sends a
 * new memo one level up (`parent_id`). The chain is the complaint's memos in order.
 */
export const complaintMemos = pgTable(
  'complaint_memos',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    parentId: text(),
    /** 1 = to the customer-service supervisor … 4 = to the general manager. */
    level: integer().notNull(),
    toRole: text().notNull(),
    question: text().notNull(),
    /** [{ remedy, costFen? }] — the remedies (补救方案) proposed, with costs where relevant. */
    proposals: jsonb().$type<{ remedy: string; costFen?: number | null }[]>().notNull(),
    createdById: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    status: text().notNull().default('open'),
    decision: text(),
    decidedById: text(),
    decidedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('complaint_memos_request_idx').on(t.requestId, t.level),
    index('complaint_memos_open_idx').on(t.estateId, t.toRole).where(sql`${t.status} = 'open'`),
    check('complaint_memos_level_ck', sql`${t.level} between 1 and 4`),
    check('complaint_memos_status_ck', sql`${t.status} in ('open','decided','escalated')`),
  ],
);

/**
 * 案例库: a closed complaint turned into a case for all staff to learn from — anonymised (no resident
 * names or phones: the text is the case writer's, checked on save), tagged, searchable by character
 * n-grams like requests (decision 0011). One case per complaint.
 */
export const complaintCases = pgTable(
  'complaint_cases',
  {
    id: text().primaryKey(),
    companyId: text()
      .notNull()
      .references(() => companies.id),
    estateId: text()
      .notNull()
      .references(() => estates.id),
    requestId: text()
      .notNull()
      .references(() => requests.id),
    title: text().notNull(),
    /** What happened, without names or phone numbers. */
    summary: text().notNull(),
    handling: text().notNull(),
    lesson: text().notNull(),
    tags: text().array().notNull().default(sql`'{}'::text[]`),
    categoryId: text(),
    grade: text().notNull(),
    validity: text(),
    createdById: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    searchText: text().notNull(),
    searchTokens: text().array().notNull(),
  },
  (t) => [
    uniqueIndex('complaint_cases_request_uq').on(t.requestId),
    index('complaint_cases_company_idx').on(t.companyId, t.createdAt),
    index('complaint_cases_search_gin').using('gin', t.searchTokens),
  ],
);
