/**
 * The service desk's request shapes (spec 01, contract 09 "Requests"): intake, the request with its
 * timeline and clocks, transitions and callbacks.
 */
import { z } from 'zod';
import { Id } from './api.ts';
import { ComplaintIntake, ComplaintView } from './complaints.ts';
import { Channel, REPAIR_SUBTYPES, RequestState, RequestType } from './enums.ts';
import { RequestPayment } from './payments.ts';
import type { SlaSettings } from './sla-settings.ts';

export const REQUEST_ACTIONS = [
  'dispatch',
  'accept',
  'arrive',
  'start',
  'quote',
  'approve_quote',
  'hold',
  'resume',
  'complete',
  'confirm',
  'cancel',
  'reopen',
  'close',
  'transfer_owner',
] as const;
export const RequestAction = z.enum(REQUEST_ACTIONS);
export type RequestAction = z.infer<typeof RequestAction>;

export const DEADLINE_KINDS = [
  'reply',
  'on_site',
  'fix',
  'booking_confirm',
  'callback',
  'rework',
  'forward',
  'complaint_contact',
  'complaint_report',
  'complaint_reply',
  'complaint_resolve',
] as const;
export const DeadlineKind = z.enum(DEADLINE_KINDS);
export type DeadlineKind = z.infer<typeof DeadlineKind>;

export const DEADLINE_STATUSES = ['pending', 'met', 'missed', 'paused', 'cancelled'] as const;
export const DeadlineStatus = z.enum(DEADLINE_STATUSES);
export type DeadlineStatus = z.infer<typeof DeadlineStatus>;

export const HOLD_REASONS = ['waiting_resident', 'waiting_parts', 'waiting_third_party', 'other'] as const;
export const HoldReason = z.enum(HOLD_REASONS);

export const SIZES = ['minor', 'medium', 'major'] as const;
export const RequestSize = z.enum(SIZES);
export const URGENCIES = ['immediate', 'scheduled'] as const;
export const Urgency = z.enum(URGENCIES);

const Instant = z.iso.datetime({ offset: true });
const Text = (max: number) => z.string().trim().min(1).max(max);
const Phone = z
  .string()
  .trim()
  .regex(/^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$/);
const Fen = z.number().int().min(0).max(100_000_000);

export const CreateRequestBody = z
  .strictObject({
    estateId: Id,
    unitId: Id.optional(),
    locationId: Id.optional(),
    locationText: Text(100).optional(),
    residentId: Id.optional(),
    reporter: z.strictObject({ name: Text(50), phone: Phone }).optional(),
    channel: Channel,
    type: RequestType,
    subtype: z.enum(REPAIR_SUBTYPES).optional(),
    categoryId: Id.optional(),
    size: RequestSize.optional(),
    description: Text(2000),
    urgency: Urgency.optional(),
    appointmentAt: Instant.optional(),
    /** An enquiry the agent could not answer at once starts the 5-minute reply clock. */
    needsReply: z.boolean().optional(),
    /** 紧急 (e.g. 电梯困人, 水管爆裂, 燃气味): first in every queue. An emergency category sets it too. */
    emergency: z.boolean().optional(),
    attachments: z.array(Id).max(20).optional(),
    /** The complaint record's own fields (type `complaint` only). */
    complaint: ComplaintIntake.optional(),
  })
  .refine((b) => b.unitId || b.locationId || b.locationText, {
    path: ['unitId'],
    message: 'validation.unitOrLocation',
  })
  .refine((b) => !b.complaint || b.type === 'complaint', {
    path: ['complaint'],
    message: 'validation.complaintOnly',
  });
export type CreateRequestBody = z.infer<typeof CreateRequestBody>;

const Confirmation = z.strictObject({
  method: z.enum(['signature', 'portal', 'phone']),
  signatureFileId: Id.optional(),
  note: z.string().trim().max(500).optional(),
});

const versioned = { version: z.number().int().min(1) };
export const TransitionBody = z.discriminatedUnion('action', [
  z.strictObject({
    action: z.literal('dispatch'),
    ...versioned,
    departmentId: Id,
    assigneeId: Id.optional(),
    appointmentAt: Instant.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  z.strictObject({ action: z.literal('accept'), ...versioned }),
  z.strictObject({ action: z.literal('arrive'), ...versioned }),
  z.strictObject({ action: z.literal('start'), ...versioned }),
  z.strictObject({
    action: z.literal('quote'),
    ...versioned,
    materialsFen: Fen,
    labourFen: Fen,
    /** A repair not on the paid-repair price list: the department lead assesses it and sets the fee. */
    outsidePriceList: z.boolean().optional(),
    /** The agreement the resident signed (signature, photo or scan; POST /api/files), needed above the approval threshold. */
    agreementFileId: Id.optional(),
    note: z.string().trim().max(500).optional(),
  }),
  z.strictObject({
    action: z.literal('approve_quote'),
    ...versioned,
    note: z.string().trim().max(500).optional(),
  }),
  z.strictObject({
    action: z.literal('hold'),
    ...versioned,
    reasonCode: HoldReason,
    reason: Text(500),
    resumeAt: Instant.optional(),
  }),
  z.strictObject({ action: z.literal('resume'), ...versioned }),
  z.strictObject({
    action: z.literal('complete'),
    ...versioned,
    workDone: Text(2000),
    materials: z
      .array(
        z.strictObject({
          name: Text(100),
          quantity: z.number().positive().max(100_000),
          unit: z.string().max(10).optional(),
          suppliedByResident: z.boolean().optional(),
          passedInspection: z.boolean().optional(),
        }),
      )
      .max(50)
      .optional(),
    chargeable: z.boolean(),
    feeFen: Fen.optional(),
    leakTestAt: Instant.optional(),
    /** Before/after photos (uploaded with POST /api/files, kind photo). */
    photos: z.array(Id).max(20).optional(),
    residentConfirmation: Confirmation,
  }),
  z.strictObject({ action: z.literal('confirm'), ...versioned, note: z.string().trim().max(500).optional() }),
  z.strictObject({ action: z.literal('cancel'), ...versioned, reason: Text(500) }),
  z.strictObject({ action: z.literal('reopen'), ...versioned, reason: Text(500) }),
  z.strictObject({
    action: z.literal('close'),
    ...versioned,
    resultGiven: z.strictObject({ method: z.enum(['oral', 'written']), text: Text(2000) }).optional(),
    residentOpinion: z.string().trim().max(2000).optional(),
    rootCause: z.string().trim().max(2000).optional(),
    correctiveAction: z.string().trim().max(2000).optional(),
    unreachable: z.boolean().optional(),
  }),
  z.strictObject({ action: z.literal('transfer_owner'), ...versioned, ownerId: Id, reason: Text(500) }),
]);
export type TransitionBody = z.infer<typeof TransitionBody>;

export const CallbackBody = z.strictObject({
  method: z.enum(['phone', 'visit', 'portal']),
  reached: z.boolean(),
  satisfaction: z.enum(['satisfied', 'fair', 'dissatisfied']).optional(),
  stars: z.number().int().min(1).max(5).optional(),
  comment: z.string().trim().max(2000).optional(),
  problemFound: z.boolean().optional(),
  feeChecked: z.boolean().optional(),
});
export type CallbackBody = z.infer<typeof CallbackBody>;

export const Deadline = z.object({
  id: Id,
  kind: DeadlineKind,
  startedAt: z.string(),
  dueAt: z.string(),
  /** When the owner is warned: the estate's warning share of the window (optional: older stored answers lack it). */
  warnAt: z.string().nullable().optional(),
  status: DeadlineStatus,
  metAt: z.string().nullable(),
});
export type Deadline = z.infer<typeof Deadline>;

export const RequestEvent = z.object({
  id: Id,
  action: z.string(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  data: z.record(z.string(), z.unknown()).nullable(),
});

export const CallbackRecord = z.object({
  id: Id,
  at: z.string(),
  byId: Id,
  byName: z.string(),
  method: z.enum(['phone', 'visit', 'portal']),
  reached: z.boolean(),
  satisfaction: z.enum(['satisfied', 'fair', 'dissatisfied']).nullable(),
  stars: z.number().int().nullable(),
  comment: z.string().nullable(),
  problemFound: z.boolean(),
  reworkRequestId: Id.nullable(),
});

export const RequestDetail = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  type: RequestType,
  subtype: z.string().nullable(),
  channel: Channel,
  state: RequestState,
  stateBeforeHold: RequestState.nullable(),
  categoryId: Id.nullable(),
  categoryName: z.string().nullable(),
  unitId: Id.nullable(),
  unitLabel: z.string().nullable(),
  locationId: Id.nullable(),
  locationText: z.string().nullable(),
  residentId: Id.nullable(),
  reporterName: z.string().nullable(),
  reporterPhone: z.string().nullable(),
  description: z.string(),
  urgency: Urgency,
  size: RequestSize.nullable(),
  appointmentAt: z.string().nullable(),
  night: z.boolean(),
  /** 紧急: flagged at intake or of an emergency category (absent in answers stored before it existed). */
  emergency: z.boolean().default(false),
  ownerId: Id,
  ownerName: z.string(),
  receivedById: Id,
  receivedAt: z.string(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  quote: z
    .object({
      materialsFen: z.number().int(),
      labourFen: z.number().int(),
      needsApproval: z.boolean(),
      approvedAt: z.string().nullable(),
      approvedById: Id.nullable(),
      outsidePriceList: z.boolean(),
      agreementFileId: Id.nullable(),
      quotedById: Id.nullable(),
    })
    .nullable(),
  completion: z.record(z.string(), z.unknown()).nullable(),
  reworkOf: Id.nullable(),
  repeatOf: Id.nullable(),
  version: z.number().int(),
  closedAt: z.string().nullable(),
  deadlines: z.array(Deadline),
  /** Photos, documents and the resident's signature attached at intake or completion. */
  attachments: z.array(
    z.object({
      id: Id,
      kind: z.enum(['photo', 'signature', 'document']),
      contentType: z.string(),
      size: z.number().int(),
      name: z.string().nullable(),
      url: z.string(),
    }),
  ),
  events: z.array(RequestEvent),
  callbacks: z.array(CallbackRecord),
  /** The repair fee as collected and confirmed by the cashier (spec 01 §3). */
  payments: z.array(RequestPayment),
  /** A complaint's record, class, grade and links (spec 02); null for other types. */
  complaint: ComplaintView.nullable(),
});
export type RequestDetail = z.infer<typeof RequestDetail>;

/**
 * The seeds' numbers (spec 01 §4): every estate's clocks use these until the estate sets its own
 * (时限设置, `sla-settings.ts`); an estate stores only the values that differ from them.
 */
export const SLA_DEFAULTS = {
  replyMinutes: 5,
  onSiteMinutes: 15,
  fixHours: 8,
  publicFixDays: { medium: 3, major: 5 },
  bookingConfirmMinutes: 120,
  callbackDays: 2,
  leakCallbackDays: 3,
  reworkHours: 24,
  forwardDays: 2,
  warningFraction: 0.75,
  night: { start: '18:30', end: '08:30' },
  /** Material cost above which the estate manager must approve the quote (fen). */
  quoteApprovalAboveFen: 10_000,
  callbackRetries: 3,
  callbackRetryWindowDays: 2,
  /**
   * Minimum shares of a month's repairs that these roles call back themselves (seed 004: the estate
   * manager 10%, the customer-service supervisor 30%, the repair lead 60%); the rest go to the agents.
   */
  callbackQuotas: { manager: 0.1, cs_supervisor: 0.3, dept_lead: 0.6 },
  /** Seed 000/002: the office within 1 h, contact within 2 h, answer in 2 days, resolved in 10/3/2 days. */
  complaintReportMinutes: 60,
  complaintContactMinutes: 120,
  complaintReplyDays: 2,
  complaintResolveDays: { major: 10, important: 3, general: 2 },
  /** The seeds say 天/日: every day rule counts calendar days until an estate switches it to working days. */
  dayCounting: {
    publicFixMedium: 'calendar',
    publicFixMajor: 'calendar',
    callback: 'calendar',
    leakCallback: 'calendar',
    forward: 'calendar',
  },
} as const satisfies SlaSettings;
