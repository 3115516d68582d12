/**
 * Relationship work (客户关系维护, spec 03 §6): the stewards' monthly visit plans and visit records
 * (业户访问记录) with the 85% coverage target, the manager's reception days (经理接待日) and mailbox
 * (经理信箱), the owners' committee (业委会) and developer (发展商) logs, notices (通知/公告) and the
 * greeting calendar (节日/生日问候).
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import { RequestType } from './enums.ts';

const Instant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);
const OptText = (max: number) => z.string().trim().max(max).optional();
const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'validation.format');
const CivilDate = z.iso.date();

/** Seed 004 (东科): visit or call back 85% of the households every month. */
export const VISIT_COVERAGE_TARGET = 0.85;
/** Seed 004: the reception day is announced to all residents at least one week ahead. */
export const RECEPTION_NOTICE_DAYS = 7;
/** Spec 03 §6: the manager's mailbox is opened weekly. */
export const MAILBOX_OPENING_DAYS = 7;
/** Spec 03 §6: the owners' committee meets at least twice a year. */
export const COMMITTEE_MEETINGS_PER_YEAR = 2;

export const VISIT_TOPICS = [
  'security',
  'cleaning',
  'repairs',
  'greening',
  'fees',
  'other_services',
] as const;
export const VisitTopic = z.enum(VISIT_TOPICS);
export type VisitTopic = z.infer<typeof VisitTopic>;
export const VisitWay = z.enum(['visit', 'phone']);
export type VisitWay = z.infer<typeof VisitWay>;

/** A follow-up request taken from a visit, a reception or a letter: through the real intake. */
export const FollowUp = z.strictObject({
  type: RequestType,
  description: Text(2000),
  categoryId: Id.optional(),
});
export type FollowUp = z.infer<typeof FollowUp>;

export const LinkedRequest = z.object({ id: Id, number: z.string(), type: RequestType, state: z.string() });
export type LinkedRequest = z.infer<typeof LinkedRequest>;

// ---- visit plans ----------------------------------------------------------------------------------

export const VisitPlansQuery = z.object({
  estateId: Id.optional(),
  month: Month.optional(),
  stewardId: Id.optional(),
});
export const CreateVisitPlanBody = z.strictObject({
  estateId: Id,
  stewardId: Id,
  month: Month,
  /** Every occupied household of these buildings (the steward's patch). */
  buildingIds: z.array(Id).max(50).default([]),
  /** Households picked one by one. */
  unitIds: z.array(Id).max(2000).default([]),
  /** Bring over the households of the steward's previous plan not yet visited (default yes). */
  carryOver: z.boolean().default(true),
});
export type CreateVisitPlanBody = z.input<typeof CreateVisitPlanBody>;

export const VisitPlanSummary = z.object({
  id: Id,
  estateId: Id,
  stewardId: Id,
  stewardName: z.string(),
  month: z.string(),
  buildingIds: z.array(Id),
  planned: z.number().int(),
  visited: z.number().int(),
  carried: z.number().int(),
  rate: z.number().nullable(),
  createdAt: z.string(),
});
export type VisitPlanSummary = z.infer<typeof VisitPlanSummary>;
export const VisitPlanList = z.object({ items: z.array(VisitPlanSummary) });

export const VisitPlanUnit = z.object({
  unitId: Id,
  unitLabel: z.string(),
  buildingName: z.string(),
  carried: z.boolean(),
  residentName: z.string().nullable(),
  lastVisitAt: z.string().nullable(),
  lastVisitWay: VisitWay.nullable(),
});
export type VisitPlanUnit = z.infer<typeof VisitPlanUnit>;
export const VisitPlanDetail = VisitPlanSummary.extend({ units: z.array(VisitPlanUnit) });
export type VisitPlanDetail = z.infer<typeof VisitPlanDetail>;

// ---- visit records --------------------------------------------------------------------------------

export const VisitsQuery = PageQuery.extend({
  estateId: Id.optional(),
  month: Month.optional(),
  unitId: Id.optional(),
  visitedById: Id.optional(),
});
export const CreateVisitBody = z.strictObject({
  estateId: Id,
  unitId: Id,
  residentId: Id.optional(),
  /** Who was met or called (the resident's name when residentId is given and this is empty). */
  metName: OptText(50),
  way: VisitWay,
  /** When the visit or call happened; now by default. Not in the future. */
  visitedAt: Instant.optional(),
  topics: z.array(VisitTopic).min(1).max(VISIT_TOPICS.length),
  opinions: OptText(2000),
  /** The resident's signature drawn on screen (a `signature` file); a visit in person only. */
  signatureFileId: Id.optional(),
  followUps: z.array(FollowUp).max(10).default([]),
});
export type CreateVisitBody = z.input<typeof CreateVisitBody>;

export const Visit = z.object({
  id: Id,
  estateId: Id,
  unitId: Id,
  unitLabel: z.string(),
  residentId: Id.nullable(),
  metName: z.string().nullable(),
  way: VisitWay,
  visitedAt: z.string(),
  month: z.string(),
  visitedById: Id,
  visitedByName: z.string(),
  topics: z.array(VisitTopic),
  opinions: z.string().nullable(),
  signatureFileId: Id.nullable(),
  signatureUrl: z.string().nullable(),
  requests: z.array(LinkedRequest),
  createdAt: z.string(),
});
export type Visit = z.infer<typeof Visit>;
export const VisitList = paged(Visit);

export const CoverageQuery = z.object({ estateId: Id.optional(), month: Month.optional() });
export const CoverageRow = z.object({
  /** Households visited or called in the month. */
  visited: z.number().int(),
  /** Occupied (or rented) households: the denominator. */
  households: z.number().int(),
  rate: z.number().nullable(),
  belowTarget: z.boolean(),
});
export const VisitCoverage = z.object({
  month: z.string(),
  target: z.number(),
  estates: z.array(CoverageRow.extend({ estateId: Id, estateName: z.string() })),
  stewards: z.array(
    CoverageRow.extend({ estateId: Id, stewardId: Id, stewardName: z.string(), planId: Id.nullable() }),
  ),
});
export type VisitCoverage = z.infer<typeof VisitCoverage>;

// ---- manager reception days -----------------------------------------------------------------------

export const ReceptionDaysQuery = z.object({
  estateId: Id.optional(),
  year: z.coerce.number().int().optional(),
});
export const CreateReceptionDayBody = z.strictObject({
  estateId: Id,
  /** The day (a weekend or a holiday), local to the estate. */
  date: CivilDate,
  startTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.format'),
  endTime: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'validation.format'),
  place: Text(100),
  /** The notice's text (a default is written when empty). */
  noticeTitle: OptText(100),
  noticeBody: OptText(4000),
});
export type CreateReceptionDayBody = z.infer<typeof CreateReceptionDayBody>;

export const ReceptionEntry = z.object({
  id: Id,
  visitorName: z.string(),
  unitId: Id.nullable(),
  unitLabel: z.string().nullable(),
  residentId: Id.nullable(),
  issue: z.string(),
  answer: z.string().nullable(),
  request: LinkedRequest.nullable(),
  createdAt: z.string(),
});
export type ReceptionEntry = z.infer<typeof ReceptionEntry>;
export const ReceptionDay = z.object({
  id: Id,
  estateId: Id,
  estateName: z.string(),
  hostId: Id,
  hostName: z.string(),
  date: z.string(),
  startTime: z.string(),
  endTime: z.string(),
  place: z.string(),
  startsAt: z.string(),
  noticeId: Id,
  noticePublishedAt: z.string().nullable(),
  entries: z.array(ReceptionEntry),
  createdAt: z.string(),
});
export type ReceptionDay = z.infer<typeof ReceptionDay>;
export const ReceptionDayList = z.object({ items: z.array(ReceptionDay) });
export const CreateReceptionEntryBody = z.strictObject({
  visitorName: Text(50),
  unitId: Id.optional(),
  residentId: Id.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'validation.format')
    .optional(),
  issue: Text(2000),
  answer: OptText(2000),
  /** Take the issue as a request owned by the manager (of this type). */
  followUp: z.strictObject({ type: RequestType, categoryId: Id.optional() }).optional(),
});
export type CreateReceptionEntryBody = z.infer<typeof CreateReceptionEntryBody>;

// ---- manager mailbox ------------------------------------------------------------------------------

export const MailboxQuery = z.object({ estateId: Id.optional() });
export const MailboxLetterInput = z.strictObject({
  writerName: OptText(50),
  unitId: Id.optional(),
  residentId: Id.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$|^0\d{2,3}-?\d{7,8}$/, 'validation.format')
    .optional(),
  type: RequestType,
  content: Text(2000),
});
export const CreateMailboxOpeningBody = z.strictObject({
  estateId: Id,
  /** When the box was opened; now by default. */
  openedAt: Instant.optional(),
  witnessName: Text(50),
  letters: z.array(MailboxLetterInput).max(50).default([]),
  notes: OptText(1000),
});
export type CreateMailboxOpeningBody = z.input<typeof CreateMailboxOpeningBody>;
export const MailboxLetter = z.object({
  id: Id,
  openingId: Id,
  writerName: z.string().nullable(),
  unitLabel: z.string().nullable(),
  content: z.string(),
  request: LinkedRequest,
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
  repliedByName: z.string().nullable(),
  version: z.number().int(),
});
export type MailboxLetter = z.infer<typeof MailboxLetter>;
export const MailboxOpening = z.object({
  id: Id,
  estateId: Id,
  openedById: Id,
  openedByName: z.string(),
  openedAt: z.string(),
  witnessName: z.string(),
  letterCount: z.number().int(),
  notes: z.string().nullable(),
  letters: z.array(MailboxLetter),
});
export type MailboxOpening = z.infer<typeof MailboxOpening>;
export const MailboxState = z.object({
  estateId: Id,
  estateName: z.string(),
  lastOpenedAt: z.string().nullable(),
  /** The next opening is due by then (7 days after the last; now when never opened). */
  dueAt: z.string(),
  overdue: z.boolean(),
});
export type MailboxState = z.infer<typeof MailboxState>;
export const Mailbox = z.object({ estates: z.array(MailboxState), openings: z.array(MailboxOpening) });
export type Mailbox = z.infer<typeof Mailbox>;
export const ReplyLetterBody = z.strictObject({ reply: Text(2000), version: z.number().int().min(1) });

// ---- owners' committee and developer ---------------------------------------------------------------

export const YearQuery = z.object({
  estateId: Id.optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const MeetingStatus = z.enum(['planned', 'held']);
export const CommitteeMeetingBody = z.strictObject({
  estateId: Id,
  date: CivilDate,
  status: MeetingStatus,
  attendees: OptText(500),
  topics: Text(1000),
  minutes: OptText(4000),
  followUps: OptText(2000),
});
export type CommitteeMeetingBody = z.infer<typeof CommitteeMeetingBody>;
export const UpdateCommitteeMeetingBody = CommitteeMeetingBody.omit({ estateId: true }).extend({
  version: z.number().int().min(1),
});
export const CommitteeMeeting = z.object({
  id: Id,
  estateId: Id,
  date: z.string(),
  status: MeetingStatus,
  attendees: z.string().nullable(),
  topics: z.string(),
  minutes: z.string().nullable(),
  followUps: z.string().nullable(),
  recordedByName: z.string(),
  version: z.number().int(),
});
export type CommitteeMeeting = z.infer<typeof CommitteeMeeting>;
export const CommitteeMeetingList = z.object({
  items: z.array(CommitteeMeeting),
  /** Meetings held in the year against the two a year (spec 03 §6). */
  held: z.number().int(),
  target: z.number().int(),
});

export const DeveloperLogBody = z.strictObject({
  estateId: Id,
  date: CivilDate,
  status: MeetingStatus,
  contact: Text(100),
  topic: Text(500),
  outcome: OptText(2000),
  /** Requests that need the developer (e.g. defects under warranty). */
  requestIds: z.array(Id).max(20).default([]),
});
export type DeveloperLogBody = z.input<typeof DeveloperLogBody>;
export const DeveloperLog = z.object({
  id: Id,
  estateId: Id,
  date: z.string(),
  status: MeetingStatus,
  contact: z.string(),
  topic: z.string(),
  outcome: z.string().nullable(),
  requests: z.array(LinkedRequest),
  recordedByName: z.string(),
});
export type DeveloperLog = z.infer<typeof DeveloperLog>;
export const DeveloperLogList = z.object({ items: z.array(DeveloperLog) });

// ---- notices --------------------------------------------------------------------------------------

export const NoticeStatus = z.enum(['draft', 'published', 'withdrawn']);
export type NoticeStatus = z.infer<typeof NoticeStatus>;
export const NoticesQuery = PageQuery.extend({ estateId: Id.optional(), status: NoticeStatus.optional() });
export const NoticeBody = z.strictObject({
  estateId: Id,
  /** Empty: every resident of the estate. */
  buildingIds: z.array(Id).max(50).default([]),
  title: Text(100),
  body: Text(4000),
  publishFrom: Instant,
  publishUntil: Instant.optional(),
  /** Publish at once (a draft otherwise). */
  publish: z.boolean().default(false),
});
export type NoticeBody = z.input<typeof NoticeBody>;
export const UpdateNoticeBody = z.strictObject({
  version: z.number().int().min(1),
  buildingIds: z.array(Id).max(50).optional(),
  title: Text(100).optional(),
  body: Text(4000).optional(),
  publishFrom: Instant.optional(),
  publishUntil: Instant.nullable().optional(),
  status: NoticeStatus.optional(),
});
export type UpdateNoticeBody = z.infer<typeof UpdateNoticeBody>;
export const Notice = z.object({
  id: Id,
  estateId: Id,
  estateName: z.string(),
  buildingIds: z.array(Id),
  buildingNames: z.array(z.string()),
  title: z.string(),
  body: z.string(),
  publishFrom: z.string(),
  publishUntil: z.string().nullable(),
  status: NoticeStatus,
  publishedAt: z.string().nullable(),
  receptionDayId: Id.nullable(),
  createdByName: z.string(),
  createdAt: z.string(),
  version: z.number().int(),
});
export type Notice = z.infer<typeof Notice>;
export const NoticeList = paged(Notice);

// ---- greetings ------------------------------------------------------------------------------------

export const FESTIVALS = [
  'spring',
  'lantern',
  'qingming',
  'dragon_boat',
  'mid_autumn',
  'national',
  'double_ninth',
  'new_year',
] as const;
export const Festival = z.enum(FESTIVALS);
export type Festival = z.infer<typeof Festival>;
/** The festivals' dates (lunar ones move): data for 2026 and 2027. */
export const FESTIVAL_DATES: Record<number, Record<Festival, string>> = {
  2026: {
    new_year: '2026-01-01',
    spring: '2026-02-17',
    lantern: '2026-03-03',
    qingming: '2026-04-05',
    dragon_boat: '2026-06-19',
    mid_autumn: '2026-09-25',
    national: '2026-10-01',
    double_ninth: '2026-10-18',
  },
  2027: {
    new_year: '2027-01-01',
    spring: '2027-02-06',
    lantern: '2027-02-20',
    qingming: '2027-04-05',
    dragon_boat: '2027-06-09',
    mid_autumn: '2027-09-15',
    national: '2027-10-01',
    double_ninth: '2027-10-08',
  },
};
export const Occasion = z.union([z.literal('birthday'), Festival]);
export type Occasion = z.infer<typeof Occasion>;
export const GreetingMethod = z.enum(['phone', 'visit', 'sms', 'wechat', 'card']);
export type GreetingMethod = z.infer<typeof GreetingMethod>;
export const GreetingsQuery = z.object({
  estateId: Id.optional(),
  from: CivilDate.optional(),
  days: z.coerce.number().int().min(1).max(62).default(14),
});
export const GreetingDue = z.object({
  residentId: Id,
  residentName: z.string(),
  estateId: Id,
  unitLabel: z.string().nullable(),
  grade: z.string(),
  occasion: Occasion,
  date: z.string(),
  year: z.number().int(),
  greeting: z
    .object({ at: z.string(), byName: z.string(), method: GreetingMethod, note: z.string().nullable() })
    .nullable(),
});
export type GreetingDue = z.infer<typeof GreetingDue>;
export const GreetingCalendar = z.object({
  from: z.string(),
  to: z.string(),
  festivals: z.array(z.object({ festival: Festival, date: z.string() })),
  items: z.array(GreetingDue),
});
export type GreetingCalendar = z.infer<typeof GreetingCalendar>;
export const CreateGreetingBody = z.strictObject({
  residentId: Id,
  occasion: Occasion,
  year: z.number().int().min(2000).max(2100),
  method: GreetingMethod,
  note: OptText(500),
});
export type CreateGreetingBody = z.infer<typeof CreateGreetingBody>;
