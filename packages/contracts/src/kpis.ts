/**
 * KPIs (spec 06 §3, contract 09 "KPIs") and the monthly complaint analysis (spec 02 §5): the quality
 * targets of the customer-service centre (客服部质量目标, seeds 003/004) with their numerators and
 * denominators, the records behind each number, and the recurring problems of a month.
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import { ComplaintGrade, ComplaintValidity } from './complaints.ts';
import type { Role } from './enums.ts';

type Label = { 'zh-CN': string; en: string };

/** Who reads KPIs and the complaint analysis (contract 09, "Who may call what"). */
export const KPI_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'quality', 'hq_cs', 'gm'];

export const KPI_KEYS = [
  'satisfaction_rate',
  'complaint_callback_rate',
  'fee_collection_rate',
  'paid_service_satisfaction_rate',
  'complaint_handling_rate',
  'effective_complaint_rate',
  'repair_callback_rate',
  'complaint_timeliness_rate',
] as const;
export const KpiKey = z.enum(KPI_KEYS);
export type KpiKey = z.infer<typeof KpiKey>;

/** `min`: the value must reach the target (≥); `max`: it must stay below it (the effective complaint rate). */
export const KpiDirection = z.enum(['min', 'max']);
export type KpiDirection = z.infer<typeof KpiDirection>;

/**
 * The seeds' targets as fractions (0.9 = 90%). Constants for now; a per-estate setting can replace them
 * (spec 06 §3: "all configurable, defaults below").
 */
export const KPI_TARGETS: Readonly<Record<KpiKey, { target: number; direction: KpiDirection }>> =
  Object.freeze({
    satisfaction_rate: { target: 0.9, direction: 'min' },
    complaint_callback_rate: { target: 0.5, direction: 'min' },
    fee_collection_rate: { target: 0.95, direction: 'min' },
    paid_service_satisfaction_rate: { target: 0.98, direction: 'min' },
    complaint_handling_rate: { target: 1, direction: 'min' },
    effective_complaint_rate: { target: 0.02, direction: 'max' },
    repair_callback_rate: { target: 1, direction: 'min' },
    complaint_timeliness_rate: { target: 1, direction: 'min' },
  });

export const KPI_LABELS: Readonly<Record<KpiKey, Label>> = Object.freeze({
  satisfaction_rate: { 'zh-CN': '客户服务满意率', en: 'Customer satisfaction' },
  complaint_callback_rate: { 'zh-CN': '投诉处理回访率', en: 'Complaint callback rate' },
  fee_collection_rate: { 'zh-CN': '管理费收缴率', en: 'Fee collection rate' },
  paid_service_satisfaction_rate: { 'zh-CN': '有偿服务满意率', en: 'Paid-service satisfaction' },
  complaint_handling_rate: { 'zh-CN': '投诉处理率', en: 'Complaint handling rate' },
  effective_complaint_rate: { 'zh-CN': '月有效投诉率', en: 'Monthly effective complaint rate' },
  repair_callback_rate: { 'zh-CN': '维修回访率', en: 'Repair callback rate' },
  complaint_timeliness_rate: { 'zh-CN': '投诉处理及时率', en: 'Complaint timeliness' },
});

/** Whether a value meets its target (null — nothing to measure — is not off target). */
export function kpiMet(value: number | null, target: number, direction: KpiDirection): boolean {
  if (value === null) return true;
  return direction === 'min' ? value >= target : value < target;
}

const LocalDate = z.iso.date();
const Month = z.string().refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { message: 'validation.month' });

/**
 * GET /api/kpis. `from`/`to` are days in the estate's time zone, both included; without them the
 * current month (`from` alone: to the end of its month; `to` alone: from the start of its month).
 */
export const KpiQuery = z.object({
  estateId: Id.optional(),
  from: LocalDate.optional(),
  to: LocalDate.optional(),
});
export type KpiQuery = z.infer<typeof KpiQuery>;

export const KpiItem = z.object({
  key: KpiKey,
  /** numerator ÷ denominator; null when the denominator is 0. */
  value: z.number().nullable(),
  target: z.number(),
  direction: KpiDirection,
  numerator: z.number().int(),
  denominator: z.number().int(),
});
export type KpiItem = z.infer<typeof KpiItem>;

export const KpiList = z.object({
  /** The estates the numbers cover. */
  estateIds: z.array(Id),
  /** The period measured (local days, both included). */
  from: LocalDate,
  to: LocalDate,
  items: z.array(KpiItem),
});
export type KpiList = z.infer<typeof KpiList>;

export const KpiRecordsParams = z.object({ key: KpiKey });

export const KpiRecordsQuery = KpiQuery.extend({
  /** Only the records inside (true) or outside (false) the numerator. */
  inNumerator: z.enum(['true', 'false']).optional(),
}).extend(PageQuery.shape);
export type KpiRecordsQuery = z.infer<typeof KpiRecordsQuery>;

/** One request behind a KPI: in its denominator, and `inNumerator` when it counts in the numerator too. */
export const KpiRecord = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  estateName: z.string(),
  type: z.string(),
  state: z.string(),
  unitLabel: z.string().nullable(),
  description: z.string(),
  receivedAt: z.string(),
  completedAt: z.string().nullable(),
  inNumerator: z.boolean(),
});
export type KpiRecord = z.infer<typeof KpiRecord>;

export const KpiRecordList = paged(KpiRecord).extend({
  key: KpiKey,
  from: LocalDate,
  to: LocalDate,
});
export type KpiRecordList = z.infer<typeof KpiRecordList>;

// ---- the monthly complaint analysis ---------------------------------------------------------------

export const ComplaintAnalysisQuery = z.object({
  estateId: Id.optional(),
  /** A month in the estate's time zone; the current month when omitted. */
  month: Month.optional(),
});
export type ComplaintAnalysisQuery = z.infer<typeof ComplaintAnalysisQuery>;

const AnalysisRequest = z.object({
  id: Id,
  number: z.string(),
  receivedAt: z.string(),
  state: z.string(),
  unitLabel: z.string().nullable(),
  description: z.string(),
  /** Received in the analysed month (the others are earlier ones of the 90-day window). */
  inMonth: z.boolean(),
});

const PreventiveAction = z.object({
  requestId: Id,
  number: z.string(),
  closedAt: z.string().nullable(),
  rootCause: z.string().nullable(),
  correctiveAction: z.string().nullable(),
});

export const RecurringProblem = z.object({
  estateId: Id,
  estateName: z.string(),
  categoryId: Id,
  categoryName: z.string(),
  /** `building` (the units' building), or `location` (a public location, or the place as written). */
  locationKind: z.enum(['building', 'location']),
  locationLabel: z.string().nullable(),
  /** Complaints of the month. */
  count: z.number().int(),
  /** Complaints in the 90 days up to the month's end (the month's included). */
  countLast90Days: z.number().int(),
  /** Distinct households among the month's complaints. */
  households: z.number().int(),
  /** The same problem recurred the month before, by the same rule. */
  recurredLastMonth: z.boolean(),
  previousMonthCount: z.number().int(),
  /** The complaints of the 90-day window, newest first. */
  requests: z.array(AnalysisRequest),
  /** Root cause and corrective action of the group's closed complaints in the window. */
  preventiveActions: z.array(PreventiveAction),
});
export type RecurringProblem = z.infer<typeof RecurringProblem>;

export const ComplaintAnalysis = z.object({
  month: z.string(),
  estateIds: z.array(Id),
  /** Complaints received in the month (cancelled ones left out). */
  total: z.number().int(),
  /** By validity class; `none` = not classed yet. */
  byValidity: z.object({
    effective: z.number().int(),
    assisted: z.number().int(),
    invalid: z.number().int(),
    none: z.number().int(),
  }),
  byGrade: z.object({
    major: z.number().int(),
    hot: z.number().int(),
    important: z.number().int(),
    general: z.number().int(),
  }),
  /** Class × grade counts (cells with complaints only). */
  cells: z.array(
    z.object({ validity: ComplaintValidity.nullable(), grade: ComplaintGrade, count: z.number().int() }),
  ),
  recurring: z.array(RecurringProblem),
});
export type ComplaintAnalysis = z.infer<typeof ComplaintAnalysis>;
