/**
 * Complaints (spec 02, contract 09 "Complaints"): the extra structure of a `complaint` request — the
 * complaint record (投诉记录表), the validity class set by the supervisor, the grade (automatic rules
 * plus the supervisor's override, with its history), same-issue links and collective events.
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';

const Instant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);

export const COMPLAINT_VALIDITIES = ['effective', 'assisted', 'invalid'] as const;
export const ComplaintValidity = z.enum(COMPLAINT_VALIDITIES);
export type ComplaintValidity = z.infer<typeof ComplaintValidity>;

/** Lowest first: rule grades only ever go up this list. */
export const COMPLAINT_GRADES = ['general', 'important', 'hot', 'major'] as const;
export const ComplaintGrade = z.enum(COMPLAINT_GRADES);
export type ComplaintGrade = z.infer<typeof ComplaintGrade>;

export const COMPLAINT_FLAGS = ['lawsuit', 'media', 'legal_risk'] as const;
export const ComplaintFlag = z.enum(COMPLAINT_FLAGS);
export type ComplaintFlag = z.infer<typeof ComplaintFlag>;

export const COMPLAINT_MOODS = ['calm', 'upset', 'angry'] as const;
export const ComplaintMood = z.enum(COMPLAINT_MOODS);
export type ComplaintMood = z.infer<typeof ComplaintMood>;

/** The complaint record's own fields, given at intake (`POST /api/requests` with `type: complaint`). */
export const ComplaintIntake = z.strictObject({
  /** When and where what the resident complains about happened (may differ from the call). */
  eventAt: Instant.optional(),
  eventPlace: Text(200).optional(),
  /** The person complained about (a name or a description: 保安、3号岗) and their department. */
  subjectPerson: Text(100).optional(),
  subjectDepartmentId: Id.optional(),
  /** What the resident wants (诉求). */
  residentWants: Text(1000).optional(),
  mood: ComplaintMood.optional(),
});
export type ComplaintIntake = z.infer<typeof ComplaintIntake>;

/**
 * PATCH /api/requests/:id/complaint — the supervisor's classification and grading (contract), plus the
 * record's fields and the handling steps that meet the complaint clocks.
 */
export const ComplaintPatchBody = ComplaintIntake.extend({
  /** The request's version (optimistic concurrency, as transitions). */
  version: z.number().int().min(1),
  validity: ComplaintValidity.optional(),
  /** invalid: the explanation given to the resident; assisted: the written report to the solving party. */
  validityNote: Text(2000).optional(),
  /** assisted: who must solve it (发展商, 市政, 供电局 …). */
  solvingParty: Text(100).optional(),
  grade: ComplaintGrade.optional(),
  flags: z.array(ComplaintFlag).max(3).optional(),
  /** Needed with a manual grade: why the supervisor overrides the rules. */
  gradeReason: Text(500).optional(),
  /** The resident was contacted and a reply time agreed (effective complaints, within 2 h). */
  agreedReplyAt: Instant.optional(),
  /** The clear answer given to the resident (meets the 2-day reply clock of major/hot complaints). */
  answer: z.strictObject({ method: z.enum(['oral', 'written']), text: Text(2000) }).optional(),
  /** Progress of the solving party on an assisted complaint. */
  progressNote: Text(1000).optional(),
});
export type ComplaintPatchBody = z.infer<typeof ComplaintPatchBody>;

export const GradeChange = z.object({
  at: z.string(),
  from: ComplaintGrade.nullable(),
  to: ComplaintGrade,
  /** The rule that fired (`hot.complainants` …) or null for a person's change. */
  rule: z.string().nullable(),
  byId: Id.nullable(),
  byName: z.string().nullable(),
  reason: z.string().nullable(),
});
export type GradeChange = z.infer<typeof GradeChange>;

export const ComplaintLink = z.object({
  requestId: Id,
  number: z.string(),
  status: z.enum(['linked', 'proposed']),
  /** How alike the descriptions are (0–1), null for a link made by hand. */
  score: z.number().nullable(),
  how: z.enum(['auto', 'manual']),
  unitLabel: z.string().nullable(),
  description: z.string(),
  receivedAt: z.string(),
  state: z.string(),
});
export type ComplaintLink = z.infer<typeof ComplaintLink>;

/** The `complaint` block of GET /api/requests/:id for a complaint. */
export const ComplaintView = z.object({
  eventAt: z.string().nullable(),
  eventPlace: z.string().nullable(),
  subjectPerson: z.string().nullable(),
  subjectDepartmentId: Id.nullable(),
  subjectDepartmentName: z.string().nullable(),
  residentWants: z.string().nullable(),
  mood: ComplaintMood.nullable(),
  validity: ComplaintValidity.nullable(),
  validityNote: z.string().nullable(),
  solvingParty: z.string().nullable(),
  classifiedAt: z.string().nullable(),
  classifiedById: Id.nullable(),
  grade: ComplaintGrade,
  /** `rule` when the rules set it, `manual` when a person did (holds until a new rule fires). */
  gradeSource: z.enum(['rule', 'manual']),
  flags: z.array(ComplaintFlag),
  gradeHistory: z.array(GradeChange),
  agreedReplyAt: z.string().nullable(),
  answer: z.object({ method: z.enum(['oral', 'written']), text: z.string(), at: z.string() }).nullable(),
  responsibleUserId: Id.nullable(),
  responsibleName: z.string().nullable(),
  supervisorUserId: Id.nullable(),
  supervisorName: z.string().nullable(),
  collectiveEventId: Id.nullable(),
  /** Confirmed same-issue links (both directions). */
  linkedRequestIds: z.array(Id),
  /** Links confirmed and proposed, with what the supervisor needs to decide. */
  links: z.array(ComplaintLink),
  /** The escalation memos (工作传签单), in order. */
  memos: z.array(z.lazy(() => ComplaintMemo)),
  result: z
    .object({
      method: z.enum(['oral', 'written']),
      text: z.string(),
      residentOpinion: z.string().nullable(),
      rootCause: z.string().nullable(),
      correctiveAction: z.string().nullable(),
    })
    .nullable(),
  /**
   * The company-level callback (公司回访, seed 004 第四十二条): owed once the complaint is handled, made
   * by hq_cs or gm; null until a company callback reached the resident.
   */
  companyCallback: z
    .object({ callbackId: Id, at: z.string(), byId: Id, byName: z.string().nullable() })
    .nullable(),
});
export type ComplaintView = z.infer<typeof ComplaintView>;

/** POST /api/requests/:id/complaint/links — link (or confirm a proposal) by hand. */
export const ComplaintLinkBody = z.strictObject({ otherId: Id, reason: Text(500).optional() });
export type ComplaintLinkBody = z.infer<typeof ComplaintLinkBody>;

export const ComplaintEventHousehold = z.object({
  unitId: Id,
  unitLabel: z.string(),
  buildingName: z.string(),
  floor: z.number().int().nullable(),
});

/** GET /api/complaint-events?estateId= — collective complaint events (集体投诉事件). */
export const ComplaintEventItem = z.object({
  id: Id,
  estateId: Id,
  requestIds: z.array(Id),
  /** The same complaints with their numbers, in the order they came. */
  requests: z.array(z.object({ id: Id, number: z.string() })),
  households: z.array(ComplaintEventHousehold),
  peopleCount: z.number().int(),
  createdAt: z.string(),
  /** The first complaint's description: what the event is about. */
  summary: z.string(),
  grade: ComplaintGrade,
});
export type ComplaintEventItem = z.infer<typeof ComplaintEventItem>;
export const ComplaintEventList = z.object({ items: z.array(ComplaintEventItem) });
export type ComplaintEventList = z.infer<typeof ComplaintEventList>;
export const ComplaintEventsQuery = z.object({ estateId: Id.optional() });

// ---- grade rules (spec 02 §2): names, numbers and labels; the rules themselves run on the server ----

/** The numbers of the rules (spec 02 §2 defaults), configurable per company or estate. */
export interface GradeRuleConfig {
  /** Households of one issue within the collective window that form a collective complaint (seed 000: 5). */
  collectiveHouseholds: number;
  /** The collective window, in hours (48); applied when counting `householdsInWindow`. */
  collectiveWindowHours: number;
  /** The same-issue window, in days (30); applied when counting `complainantsIn30Days` and linking. */
  sameIssueDays: number;
  /** Distinct complainants of one issue within the same-issue window that make it hot (3). */
  hotComplainants: number;
  /** People of a collective complaint that make it hot (3). */
  hotCollectivePeople: number;
  /** People of a collective complaint, or distinct complainants of one issue, that make it major (10). */
  majorPeople: number;
  /** Days unresolved (off hold) after which it is hot (7). */
  hotAfterDays: number;
  /** Days unresolved (off hold) after which it is major (30). */
  majorAfterDays: number;
}

export const DEFAULT_GRADE_RULES: Readonly<GradeRuleConfig> = Object.freeze({
  collectiveHouseholds: 5,
  collectiveWindowHours: 48,
  sameIssueDays: 30,
  hotComplainants: 3,
  hotCollectivePeople: 3,
  majorPeople: 10,
  hotAfterDays: 7,
  majorAfterDays: 30,
});

/** Every rule, highest grade first; within a grade, the one named as the reason when several apply. */
export const GRADE_RULES = [
  'major.lawsuit',
  'major.media',
  'major.people',
  'major.complainants',
  'major.age',
  'hot.legal_risk',
  'hot.collective',
  'hot.complainants',
  'hot.age',
  'important.re_complaint',
  'important.other_departments',
] as const;
export type GradeRule = (typeof GRADE_RULES)[number];

type Label = { 'zh-CN': string; en: string };

/** Display names of the complaint grades (seed 004). Not `GRADE_LABELS`: that is the residents' A–D. */
export const COMPLAINT_GRADE_LABELS: Readonly<Record<ComplaintGrade, Label>> = Object.freeze({
  major: { 'zh-CN': '重大投诉', en: 'Major complaint' },
  hot: { 'zh-CN': '热点投诉', en: 'Hot complaint' },
  important: { 'zh-CN': '重要投诉', en: 'Important complaint' },
  general: { 'zh-CN': '一般投诉', en: 'General complaint' },
});

/** Display names of the validity classes (seed 000). */
export const COMPLAINT_VALIDITY_LABELS: Readonly<Record<ComplaintValidity, Label>> = Object.freeze({
  effective: { 'zh-CN': '有效投诉', en: 'Effective' },
  assisted: { 'zh-CN': '协助处理投诉', en: 'Assisted' },
  invalid: { 'zh-CN': '无效投诉', en: 'Invalid' },
});

export const COMPLAINT_FLAG_LABELS: Readonly<Record<ComplaintFlag, Label>> = Object.freeze({
  lawsuit: { 'zh-CN': '已诉讼', en: 'Lawsuit' },
  media: { 'zh-CN': '媒体曝光', en: 'Media' },
  legal_risk: { 'zh-CN': '可能诉讼/曝光', en: 'Legal risk' },
});

/** Why a rule fired, with the numbers it fired at, for the grade history. */
export function ruleLabels(config: GradeRuleConfig = DEFAULT_GRADE_RULES): Record<GradeRule, Label> {
  const { sameIssueDays: days, majorPeople, hotComplainants, hotCollectivePeople } = config;
  return {
    'major.lawsuit': { 'zh-CN': '已引起诉讼', en: 'Led to a lawsuit' },
    'major.media': { 'zh-CN': '已被媒体曝光', en: 'Exposed by the media' },
    'major.people': {
      'zh-CN': `集体投诉达 ${majorPeople} 人`,
      en: `Collective complaint of ${majorPeople} or more people`,
    },
    'major.complainants': {
      'zh-CN': `${days} 天内 ${majorPeople} 位不同投诉人投诉同一问题`,
      en: `${majorPeople} or more different complainants about the same issue within ${days} days`,
    },
    'major.age': {
      'zh-CN': `投诉 ${config.majorAfterDays} 天仍未解决（不计等待住户的时间）`,
      en: `Not resolved ${config.majorAfterDays} days after it was made (time waiting for the resident excluded)`,
    },
    'hot.legal_risk': { 'zh-CN': '可能引起诉讼或媒体曝光', en: 'May lead to a lawsuit or media exposure' },
    'hot.collective': {
      'zh-CN': `集体投诉达 ${hotCollectivePeople} 人`,
      en: `Collective complaint of ${hotCollectivePeople} or more people`,
    },
    'hot.complainants': {
      'zh-CN': `${days} 天内 ${hotComplainants} 位不同投诉人投诉同一问题`,
      en: `${hotComplainants} or more different complainants about the same issue within ${days} days`,
    },
    'hot.age': {
      'zh-CN': `投诉 ${config.hotAfterDays} 天仍未解决（不计等待住户的时间）`,
      en: `Not resolved ${config.hotAfterDays} days after it was made (time waiting for the resident excluded)`,
    },
    'important.re_complaint': {
      'zh-CN': '二次投诉（处理完毕后再次投诉）',
      en: 'Complained again after the first complaint was handled',
    },
    'important.other_departments': {
      'zh-CN': '需要其他专业部门协同处理',
      en: 'Needs other specialised departments',
    },
  };
}

/** {@link ruleLabels} at the default numbers. */
export const COMPLAINT_RULE_LABELS: Readonly<Record<GradeRule, Label>> = Object.freeze(ruleLabels());

// ---- the register (投诉记录表 as a list): the supervisor's workbench and its xlsx export ---------------

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const ComplaintRegisterQuery = PageQuery.extend({
  estateId: Id.optional(),
  grade: ComplaintGrade.optional(),
  /** `none`: not classed yet. */
  validity: z.enum([...COMPLAINT_VALIDITIES, 'none']).optional(),
  /** Open complaints only (not closed or cancelled). */
  open: Flag.optional(),
  /** Only complaints with same-issue proposals waiting for the supervisor. */
  proposals: Flag.optional(),
  /** Received from / before (instants). */
  from: Instant.optional(),
  to: Instant.optional(),
});
export type ComplaintRegisterQuery = z.infer<typeof ComplaintRegisterQuery>;

export const ComplaintRegisterItem = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  state: z.string(),
  receivedAt: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string().nullable(),
  /** Masked (138****5678). */
  reporterPhone: z.string().nullable(),
  description: z.string(),
  categoryName: z.string().nullable(),
  validity: ComplaintValidity.nullable(),
  grade: ComplaintGrade,
  gradeSource: z.enum(['rule', 'manual']),
  flags: z.array(ComplaintFlag),
  collectiveEventId: Id.nullable(),
  ownerName: z.string(),
  responsibleName: z.string().nullable(),
  linked: z.number().int(),
  proposals: z.number().int(),
  /** The nearest complaint clock still running (or missed and not yet met). */
  nextKind: z.string().nullable(),
  nextStartedAt: z.string().nullable(),
  nextDueAt: z.string().nullable(),
  nextWarnAt: z.string().nullable(),
  /** pending | paused | missed */
  nextStatus: z.string().nullable(),
  overdue: z.boolean(),
  closedAt: z.string().nullable(),
  resultText: z.string().nullable(),
  rootCause: z.string().nullable(),
});
export type ComplaintRegisterItem = z.infer<typeof ComplaintRegisterItem>;
export const ComplaintRegister = paged(ComplaintRegisterItem);
export type ComplaintRegister = z.infer<typeof ComplaintRegister>;

// ---- the company-level callback (公司回访, seed 004 第四十二条) --------------------------------------

/** GET /api/complaints/company-callbacks — handled complaints the company still owes a callback, or made. */
export const CompanyCallbackQuery = PageQuery.extend({
  estateId: Id.optional(),
  /** `due`: handled, no company callback reached the resident yet (oldest handled first); `done`: made (newest first). */
  status: z.enum(['due', 'done']).default('due'),
});
export type CompanyCallbackQuery = z.infer<typeof CompanyCallbackQuery>;

export const CompanyCallbackItem = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  estateName: z.string(),
  state: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string().nullable(),
  description: z.string(),
  validity: ComplaintValidity.nullable(),
  grade: ComplaintGrade,
  ownerName: z.string(),
  /** When the complaint was handled (completed). */
  handledAt: z.string(),
  /** The result given to the resident, when closed. */
  resultText: z.string().nullable(),
  /** Company callback tries that did not reach the resident. */
  tries: z.number().int(),
  lastTryAt: z.string().nullable(),
  companyCallback: z
    .object({
      at: z.string(),
      byName: z.string().nullable(),
      satisfaction: z.enum(['satisfied', 'fair', 'dissatisfied']).nullable(),
      comment: z.string().nullable(),
    })
    .nullable(),
});
export type CompanyCallbackItem = z.infer<typeof CompanyCallbackItem>;
export const CompanyCallbackList = paged(CompanyCallbackItem).extend({
  counts: z.object({ due: z.number().int(), done: z.number().int() }),
});
export type CompanyCallbackList = z.infer<typeof CompanyCallbackList>;

// ---- escalation memos (工作传签单, spec 02 §4) --------------------------------------------------------

/** Level n of the chain is sent to MEMO_LEVELS[n - 1]. */
export const MEMO_LEVELS = ['cs_supervisor', 'manager', 'hq_cs', 'gm'] as const;

const Remedy = z.strictObject({
  remedy: Text(300),
  /** The remedy's cost in fen, where it has one. */
  costFen: z.number().int().min(0).max(100_000_000).optional(),
});

/** POST /api/requests/:id/complaint/memos — send the complaint up as a memo (to the next level). */
export const MemoBody = z.strictObject({
  question: Text(2000),
  proposals: z.array(Remedy).min(1).max(10),
});
export type MemoBody = z.infer<typeof MemoBody>;

/** POST /api/complaint-memos/:id/decision */
export const MemoDecisionBody = z.strictObject({
  decision: Text(2000),
  /** The final answer to the resident, recorded as the complaint's answer (meets the reply clock). */
  answerToResident: z.strictObject({ method: z.enum(['oral', 'written']), text: Text(2000) }).optional(),
});
export type MemoDecisionBody = z.infer<typeof MemoDecisionBody>;

/** POST /api/complaint-memos/:id/escalate — this level cannot decide: on to the next, with its own note. */
export const MemoEscalateBody = z.strictObject({
  question: Text(2000).optional(),
  proposals: z.array(Remedy).min(1).max(10).optional(),
});
export type MemoEscalateBody = z.infer<typeof MemoEscalateBody>;

export const ComplaintMemo = z.object({
  id: Id,
  level: z.number().int(),
  toRole: z.string(),
  question: z.string(),
  proposals: z.array(z.object({ remedy: z.string(), costFen: z.number().int().nullable() })),
  createdById: Id,
  createdByName: z.string(),
  createdAt: z.string(),
  status: z.enum(['open', 'decided', 'escalated']),
  decision: z.string().nullable(),
  decidedByName: z.string().nullable(),
  decidedAt: z.string().nullable(),
});
export type ComplaintMemo = z.infer<typeof ComplaintMemo>;
