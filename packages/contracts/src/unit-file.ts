/**
 * One file per unit (一户一档, spec 03 §1): everything the office keeps about one unit, read in one
 * call (`GET /api/units/:id/file`), and the records that only the file has — key hand-overs (钥匙),
 * meters (表具), move-ins (入住) and decorations (装修) — with the bodies that write them.
 */
import { z } from 'zod';
import { Id } from './api.ts';
import { UnitArrears } from './arrears.ts';
import { Grade, RequestState, RequestType, ResidentRelation } from './enums.ts';
import { Visit } from './relations.ts';
import { UnitDetail } from './structure.ts';
import { DECORATION_STATUSES, METER_KINDS, MOVE_IN_DOCUMENTS } from './units.ts';

const Version = z.number().int().min(1);
const Instant = z.iso.datetime({ offset: true });
const Day = z.iso.date();
const Note = z.string().trim().max(500);
const PersonName = z.string().trim().min(1).max(30);

// ---- keys ---------------------------------------------------------------------------------------

export const UnitKeyBody = z.strictObject({
  keyName: z.string().trim().min(1).max(30),
  copies: z.number().int().min(1).max(20).default(1),
  holderName: PersonName,
  /** The holder when they are a resident of this unit. */
  holderResidentId: Id.optional(),
  handedAt: Instant,
  note: Note.optional(),
});
export type UnitKeyBody = z.input<typeof UnitKeyBody>;

export const UnitKeyPatch = z.strictObject({
  version: Version,
  keyName: z.string().trim().min(1).max(30).optional(),
  copies: z.number().int().min(1).max(20).optional(),
  holderName: PersonName.optional(),
  holderResidentId: Id.nullable().optional(),
  handedAt: Instant.optional(),
  /** When the keys came back to the office (null takes a return back). */
  returnedAt: Instant.nullable().optional(),
  note: Note.nullable().optional(),
});
export type UnitKeyPatch = z.infer<typeof UnitKeyPatch>;

export const UnitKey = z.object({
  id: Id,
  keyName: z.string(),
  copies: z.number().int(),
  holderName: z.string(),
  holderResidentId: Id.nullable(),
  handedAt: z.string(),
  handedByName: z.string(),
  returnedAt: z.string().nullable(),
  returnedToName: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type UnitKey = z.infer<typeof UnitKey>;

// ---- meters -------------------------------------------------------------------------------------

export const UnitMeterBody = z.strictObject({
  kind: z.enum(METER_KINDS),
  number: z.string().trim().min(1).max(40).regex(/^\S+$/),
  /** Where it is (表位置): 厨房, 管道井 … */
  position: z.string().trim().max(50).optional(),
  installedOn: Day.optional(),
  note: Note.optional(),
});
export type UnitMeterBody = z.infer<typeof UnitMeterBody>;

export const UnitMeterPatch = z.strictObject({
  version: Version,
  number: z.string().trim().min(1).max(40).regex(/^\S+$/).optional(),
  position: z.string().trim().max(50).nullable().optional(),
  installedOn: Day.nullable().optional(),
  /** The day the meter was taken out (replaced); null puts it back in service. */
  removedOn: Day.nullable().optional(),
  note: Note.nullable().optional(),
});
export type UnitMeterPatch = z.infer<typeof UnitMeterPatch>;

export const UnitMeter = z.object({
  id: Id,
  kind: z.enum(METER_KINDS),
  number: z.string(),
  position: z.string().nullable(),
  installedOn: z.string().nullable(),
  removedOn: z.string().nullable(),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type UnitMeter = z.infer<typeof UnitMeter>;

// ---- move-ins -----------------------------------------------------------------------------------

export const UnitMoveInBody = z.strictObject({
  movedInOn: Day,
  /** Who moved in: a resident of this unit, or just a name. */
  residentId: Id.optional(),
  residentName: PersonName,
  documentsChecked: z.array(z.enum(MOVE_IN_DOCUMENTS)).max(MOVE_IN_DOCUMENTS.length).default([]),
  note: Note.optional(),
});
export type UnitMoveInBody = z.input<typeof UnitMoveInBody>;

export const UnitMoveInPatch = z.strictObject({
  version: Version,
  movedInOn: Day.optional(),
  residentId: Id.nullable().optional(),
  residentName: PersonName.optional(),
  documentsChecked: z.array(z.enum(MOVE_IN_DOCUMENTS)).max(MOVE_IN_DOCUMENTS.length).optional(),
  note: Note.nullable().optional(),
});
export type UnitMoveInPatch = z.infer<typeof UnitMoveInPatch>;

export const UnitMoveIn = z.object({
  id: Id,
  movedInOn: z.string(),
  residentId: Id.nullable(),
  residentName: z.string(),
  handledByName: z.string(),
  documentsChecked: z.array(z.enum(MOVE_IN_DOCUMENTS)),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type UnitMoveIn = z.infer<typeof UnitMoveIn>;

// ---- decorations --------------------------------------------------------------------------------

export const UnitDecorationBody = z
  .strictObject({
    startsOn: Day,
    endsOn: Day,
    contractor: z.string().trim().min(1).max(60),
    /** The permit's number as written on the paper permit (装修许可证), until permits are a module. */
    permitNo: z.string().trim().max(40).optional(),
    status: z.enum(DECORATION_STATUSES).default('applied'),
    note: Note.optional(),
  })
  .refine((d) => d.endsOn >= d.startsOn, { path: ['endsOn'], message: 'validation.dateRange' });
export type UnitDecorationBody = z.input<typeof UnitDecorationBody>;

export const UnitDecorationPatch = z.strictObject({
  version: Version,
  startsOn: Day.optional(),
  endsOn: Day.optional(),
  contractor: z.string().trim().min(1).max(60).optional(),
  permitNo: z.string().trim().max(40).nullable().optional(),
  status: z.enum(DECORATION_STATUSES).optional(),
  note: Note.nullable().optional(),
});
export type UnitDecorationPatch = z.infer<typeof UnitDecorationPatch>;

export const UnitDecoration = z.object({
  id: Id,
  startsOn: z.string(),
  endsOn: z.string(),
  contractor: z.string(),
  permitNo: z.string().nullable(),
  status: z.enum(DECORATION_STATUSES),
  note: z.string().nullable(),
  version: z.number().int(),
});
export type UnitDecoration = z.infer<typeof UnitDecoration>;

/** DELETE of a record names the version it read too (a record someone just changed is not removed blind). */
export const UnitRecordDeleteQuery = z.object({ version: z.coerce.number().int().min(1) });

// ---- documents ----------------------------------------------------------------------------------

export const UnitDocumentBody = z.strictObject({
  /** A file uploaded with POST /api/files to the unit's estate, not yet attached to anything. */
  fileId: Id,
  title: z.string().trim().max(60).optional(),
});
export type UnitDocumentBody = z.infer<typeof UnitDocumentBody>;

export const UnitDocument = z.object({
  fileId: Id,
  name: z.string(),
  title: z.string().nullable(),
  contentType: z.string(),
  size: z.number().int(),
  kind: z.string(),
  url: z.string(),
  attachedAt: z.string(),
  attachedByName: z.string(),
});
export type UnitDocument = z.infer<typeof UnitDocument>;

// ---- the file -----------------------------------------------------------------------------------

export const UnitStatusChange = z.object({
  at: z.string(),
  byName: z.string().nullable(),
  from: z.string().nullable(),
  to: z.string(),
  note: z.string().nullable(),
});
export type UnitStatusChange = z.infer<typeof UnitStatusChange>;

export const UnitPerson = z.object({
  residentId: Id,
  name: z.string(),
  /** Masked (138****8000): the file never shows a full number. */
  phones: z.array(z.string()),
  grade: Grade,
  relation: ResidentRelation,
  since: z.string().nullable(),
});
export type UnitPerson = z.infer<typeof UnitPerson>;

export const UnitFileRequest = z.object({
  id: Id,
  number: z.string(),
  type: RequestType,
  state: RequestState,
  description: z.string(),
  receivedAt: z.string(),
  closedAt: z.string().nullable(),
});
export type UnitFileRequest = z.infer<typeof UnitFileRequest>;

export const UnitFileCallback = z.object({
  id: Id,
  requestId: Id,
  requestNumber: z.string(),
  at: z.string(),
  byName: z.string(),
  method: z.string(),
  reached: z.boolean(),
  satisfaction: z.enum(['satisfied', 'fair', 'dissatisfied']).nullable(),
  comment: z.string().nullable(),
});
export type UnitFileCallback = z.infer<typeof UnitFileCallback>;

export const UnitFile = z.object({
  unit: UnitDetail,
  timeZone: z.string(),
  statusHistory: z.array(UnitStatusChange),
  people: z.array(UnitPerson),
  keys: z.array(UnitKey),
  meters: z.array(UnitMeter),
  moveIns: z.array(UnitMoveIn),
  decorations: z.array(UnitDecoration),
  requests: z.object({
    items: z.array(UnitFileRequest),
    total: z.number().int(),
    open: z.number().int(),
    complaints: z.number().int(),
  }),
  callbacks: z.object({ items: z.array(UnitFileCallback), total: z.number().int() }),
  /** Stewards' visits and calls to the household (走访), newest first. */
  visits: z.object({ items: z.array(Visit), total: z.number().int() }),
  documents: z.array(UnitDocument),
  /** What the unit owes on the estate's latest arrears list; null when the estate has loaded none. */
  arrears: UnitArrears.nullable(),
});
export type UnitFile = z.infer<typeof UnitFile>;
