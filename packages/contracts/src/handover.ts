/**
 * Night requests at the morning hand-over (spec 01 §7, 04 §4): what the night shift took (18:30–08:30)
 * and older night requests still undispatched, and the record of who handed over what to whom.
 */
import { z } from 'zod';
import { Id } from './api.ts';
import { Channel, RequestState, RequestType } from './enums.ts';
import { Urgency } from './requests.ts';

export const NightShiftQuery = z.object({
  estateId: Id,
  /** The morning the night ends on (local day); the current or last night by default. */
  date: z.iso.date().optional(),
});

export const NightRequest = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  type: RequestType,
  state: RequestState,
  channel: Channel,
  urgency: Urgency,
  description: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string().nullable(),
  receivedAt: z.string(),
  receivedByName: z.string().nullable(),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  vip: z.boolean(),
  repeatOf: Id.nullable(),
  reworkOf: Id.nullable(),
  /** Taken on an earlier night and still undispatched. */
  carriedOver: z.boolean(),
  version: z.number().int(),
});
export type NightRequest = z.infer<typeof NightRequest>;

export const NightHandover = z.object({
  id: Id,
  estateId: Id,
  shiftDate: z.string(),
  handedOverById: Id,
  handedOverByName: z.string(),
  receivedById: Id,
  receivedByName: z.string(),
  at: z.string(),
  requestIds: z.array(Id),
  notes: z.string().nullable(),
  recordedById: Id,
});
export type NightHandover = z.infer<typeof NightHandover>;

export const NightShift = z.object({
  estateId: Id,
  shiftDate: z.string(),
  /** The night window: from 18:30 the evening before to 08:30 on the shift date (local time). */
  from: z.string(),
  to: z.string(),
  items: z.array(NightRequest),
  handover: NightHandover.nullable(),
});
export type NightShift = z.infer<typeof NightShift>;

export const CreateHandoverBody = z.strictObject({
  estateId: Id,
  shiftDate: z.iso.date(),
  handedOverById: Id,
  receivedById: Id,
  requestIds: z.array(Id).max(500),
  notes: z.string().trim().max(2000).optional(),
});
export type CreateHandoverBody = z.infer<typeof CreateHandoverBody>;
