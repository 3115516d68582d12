/**
 * The callback centre (spec 01 §5–6): the list of requests waiting for a callback, with the callback
 * clock, unreached tries and the sampled quota callbacks (回访抽查), and the quota progress per role.
 */
import { z } from 'zod';
import { Id, PageQuery } from './api.ts';
import { RequestState, RequestType } from './enums.ts';

/** Roles with a minimum share of a month's repair callbacks (seed 004: 10% / 30% / 60%). */
export const QUOTA_ROLES = ['manager', 'cs_supervisor', 'dept_lead'] as const;
export type QuotaRole = (typeof QUOTA_ROLES)[number];
/** Who a repair's callback is assigned to: a quota role, or the agents (every repair not sampled). */
export const CALLBACK_ASSIGNMENT_ROLES = [...QUOTA_ROLES, 'cs_agent'] as const;
export const CallbackAssignmentRole = z.enum(CALLBACK_ASSIGNMENT_ROLES);
export type CallbackAssignmentRole = z.infer<typeof CallbackAssignmentRole>;
/** `skipped`: the request closed (e.g. as unreachable) before this callback was made. */
export const CallbackAssignmentStatus = z.enum(['pending', 'done', 'skipped']);

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');

export const CallbacksDueQuery = PageQuery.extend({
  estateId: Id.optional(),
  /** Only the callbacks assigned to me (or to the pool of a role I hold). */
  mine: Flag.optional(),
  /** Only those whose callback clock has run out. */
  overdue: Flag.optional(),
  /** Only those with at least one unreached try (the redial list). */
  retrying: Flag.optional(),
});

/** GET /api/callbacks/due/export: the due list's filters, without paging (the file holds them all, capped). */
export const CallbacksDueExportQuery = CallbacksDueQuery.omit({ page: true, pageSize: true });

export const CallbackAssignment = z.object({
  role: CallbackAssignmentRole,
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  status: CallbackAssignmentStatus,
});
export type CallbackAssignment = z.infer<typeof CallbackAssignment>;

export const CallbackDueItem = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  type: RequestType,
  state: RequestState,
  description: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  completedAt: z.string().nullable(),
  chargeable: z.boolean(),
  feeFen: z.number().int().nullable(),
  /** The callback clock (spec 01 §4: 2 days, leaks 3 days from the leak test, paid services same day). */
  clock: z
    .object({ startedAt: z.string(), dueAt: z.string(), status: z.string(), metAt: z.string().nullable() })
    .nullable(),
  overdue: z.boolean(),
  /** Unreached tries since the completion, out of `maxTries`. */
  tries: z.number().int(),
  maxTries: z.number().int(),
  lastTryAt: z.string().nullable(),
  /** When the next try is due: the tries are spread over the retry window (3 tries over 2 days). */
  nextTryAt: z.string().nullable(),
  /** Every try failed: the request may be closed as unreachable (not counted as satisfied). */
  closableAsUnreachable: z.boolean(),
  assignments: z.array(CallbackAssignment),
  /** A callback assigned to me (or to my role's pool) is still to be made. */
  mine: z.boolean(),
});
export type CallbackDueItem = z.infer<typeof CallbackDueItem>;

export const CallbackDueList = z.object({
  items: z.array(CallbackDueItem),
  total: z.number().int(),
  page: z.number().int(),
  pageSize: z.number().int(),
  /** How many each tab of the callback page holds (same estate scope). */
  counts: z.object({
    all: z.number().int(),
    mine: z.number().int(),
    overdue: z.number().int(),
    retrying: z.number().int(),
  }),
});
export type CallbackDueList = z.infer<typeof CallbackDueList>;

export const CallbackQuotasQuery = z.object({
  estateId: Id.optional(),
  /** A month in the estate's time zone; this month when omitted. */
  month: z
    .string()
    .refine((v) => /^\d{4}-(0[1-9]|1[0-2])$/.test(v), { message: 'validation.month' })
    .optional(),
});

const Person = z.object({
  userId: Id,
  name: z.string(),
  assigned: z.number().int(),
  done: z.number().int(),
});

export const QuotaProgress = z.object({
  role: z.enum(QUOTA_ROLES),
  /** The minimum share (0.1 = 10%). */
  quota: z.number(),
  completedRepairs: z.number().int(),
  /** Repairs sampled for this role this month. */
  assigned: z.number().int(),
  /** Of those, called back (reached) by someone holding the role. */
  done: z.number().int(),
  /** The callbacks the quota asks for: ⌈quota × completed repairs⌉ per estate, summed over the estates. */
  required: z.number().int(),
  /** done / completed repairs (null when nothing was completed). */
  share: z.number().nullable(),
  assignedShare: z.number().nullable(),
  met: z.boolean(),
  people: z.array(Person),
});
export type QuotaProgress = z.infer<typeof QuotaProgress>;

export const CallbackQuotas = z.object({
  estateId: Id.nullable(),
  month: z.string(),
  completedRepairs: z.number().int(),
  roles: z.array(QuotaProgress),
  /** The agents' share: every repair not sampled for a quota role. */
  agents: z.object({
    completedRepairs: z.number().int(),
    assigned: z.number().int(),
    done: z.number().int(),
    share: z.number().nullable(),
  }),
  /** The repair callback rate (KPI, target 100%): repairs of the month called back with the resident reached. */
  callbackRate: z.object({
    called: z.number().int(),
    completed: z.number().int(),
    rate: z.number().nullable(),
    target: z.number(),
  }),
  /** The caller's own callback assignments this month. */
  mine: z.object({ assigned: z.number().int(), done: z.number().int() }),
});
export type CallbackQuotas = z.infer<typeof CallbackQuotas>;
