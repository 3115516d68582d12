/**
 * The front desk's one-call look-up (spec 01 §1) and the live events of GET /api/stream — shapes
 * shared by the server and the web app.
 */
import { z } from 'zod';
import { Id, ResidentUnit } from './api.ts';
import { ArrearsFlag } from './arrears.ts';
import { Grade, RequestState, RequestType } from './enums.ts';

export const LookupQuery = z
  .object({
    estateId: Id,
    /** All of a number or part of it (3–20 digits; spaces, + and - are ignored). */
    phone: z
      .string()
      .trim()
      .regex(/^[0-9+\- ]{3,20}$/)
      .optional(),
    unitId: Id.optional(),
  })
  .refine((q) => Boolean(q.phone) !== Boolean(q.unitId), {
    path: ['phone'],
    message: 'validation.lookupOneOf',
  });
export type LookupQuery = z.infer<typeof LookupQuery>;

export const LookupRequest = z.object({
  id: Id,
  number: z.string(),
  type: RequestType,
  state: RequestState,
  description: z.string(),
  unitLabel: z.string().nullable(),
  emergency: z.boolean(),
  /** A clock past due (open requests only). */
  overdue: z.boolean(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type LookupRequest = z.infer<typeof LookupRequest>;

export const LookupResident = z.object({
  id: Id,
  estateId: Id,
  name: z.string(),
  /** Masked (138****8000); revealing one is an audited act. */
  phones: z.array(z.string()),
  grade: Grade,
  /** A-grade customers are VIPs (优先处理). */
  vip: z.boolean(),
  notes: z.string().nullable(),
  units: z.array(ResidentUnit),
  /**
   * Fees owed on the resident's units, from the estate's latest arrears list (as of `asOf`); null means
   * "unknown" — the estate has loaded no list — so the desk says so instead of showing "no arrears".
   */
  arrears: ArrearsFlag.nullable(),
  /** Open requests, newest first (at most 20; `openTotal` counts them all). */
  openRequests: z.array(LookupRequest),
  openTotal: z.number().int(),
  /** The last 5 closed or cancelled requests, most recently closed first. */
  recentClosed: z.array(LookupRequest),
});
export type LookupResident = z.infer<typeof LookupResident>;

export const LookupResponse = z.object({
  residents: z.array(LookupResident),
  /** More residents matched than are shown (type more digits). */
  more: z.boolean(),
});
export type LookupResponse = z.infer<typeof LookupResponse>;

// ---- live events (GET /api/stream, text/event-stream) ------------------------------------------

/** `event: request.changed` — after the commit of an intake, a transition or a callback. */
export const RequestChangedEvent = z.object({
  id: Id,
  estateId: Id,
  number: z.string(),
  state: RequestState,
  version: z.number().int(),
});
export type RequestChangedEvent = z.infer<typeof RequestChangedEvent>;

/** `event: alert.raised` — the clock sweeper raised a warning, a miss or an escalation. */
export const AlertRaisedEvent = z.object({
  id: Id,
  estateId: Id,
  requestId: Id,
  requestNumber: z.string(),
  deadlineKind: z.string(),
  kind: z.enum(['warning', 'missed', 'escalation']),
  level: z.number().int(),
  recipientUserId: Id.nullable(),
  recipientRole: z.string().nullable(),
  raisedAt: z.string(),
});
export type AlertRaisedEvent = z.infer<typeof AlertRaisedEvent>;

/** `event: complaint.collective` — linked complaints of ≥5 households formed or grew a collective event. */
export const ComplaintCollectiveEvent = z.object({
  eventId: Id,
  estateId: Id,
  households: z.number().int(),
  people: z.number().int(),
});
export type ComplaintCollectiveEvent = z.infer<typeof ComplaintCollectiveEvent>;

export type LiveEvent =
  | { type: 'request.changed'; data: RequestChangedEvent }
  | { type: 'complaint.collective'; data: ComplaintCollectiveEvent }
  | { type: 'alert.raised'; data: AlertRaisedEvent };
