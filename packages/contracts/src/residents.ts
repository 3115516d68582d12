/**
 * Residents (客户, spec 03 §2–3, §5; contract 09 "Residents (privacy and VIP)"): the person record, its
 * relations to units, grading with history, the owner's authorisation letters of tenants, the audited
 * reveal of personal numbers and the audit list.
 *
 * The format rules (phones, ID numbers, plates) and who may do what are in residents.rules.ts (plain
 * functions, no zod: the web app checks its forms with them).
 *
 * Staff-only data: `ResidentDetail` is `ResidentProfile` (what the person may one day see about
 * themselves in the resident portal) plus `ResidentStaffPart` (grade, its history, staff notes, the VIP
 * card). A portal route must answer with `ResidentProfile` — its response schema then strips the
 * staff-only keys, whatever the query read (see docs/decisions/0018-resident-privacy.md).
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import { Gender, Grade, HouseholdSegment, ResidentRelation } from './enums.ts';
import {
  type IdNumberProblem,
  idNumberProblem,
  normaliseIdNumber,
  normalisePhone,
  normalisePlate,
} from './residents.rules.ts';

// ---- request shapes ----------------------------------------------------------------------------

const Text = (max: number) => z.string().trim().min(1).max(max);
const LocalDate = z.iso.date();
const Instant = z.string();

export const PhoneNumber = z
  .string()
  .max(30)
  .superRefine((v, ctx) => {
    if (!normalisePhone(v)) ctx.addIssue({ code: 'custom', message: 'validation.phone' });
  })
  .transform((v) => normalisePhone(v) as string)
  .describe('A mainland mobile (13800138000) or a landline with its area code (0755-88886666).');

export const IdNumber = z
  .string()
  .max(30)
  .transform(normaliseIdNumber)
  .superRefine((v, ctx) => {
    const problem = idNumberProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: ID_PROBLEM_MESSAGES[problem] });
  })
  .describe(
    'An 18-digit resident ID number with a valid check character (GB 11643); 15-digit numbers are refused.',
  );

export const ID_PROBLEM_MESSAGES: Record<IdNumberProblem, string> = {
  format: 'validation.idNumberFormat',
  legacy: 'validation.idNumberLegacy',
  region: 'validation.idNumberRegion',
  birth: 'validation.idNumberBirth',
  checksum: 'validation.idNumberChecksum',
};

export const PlateNumber = z
  .string()
  .max(20)
  .superRefine((v, ctx) => {
    if (!normalisePlate(v)) ctx.addIssue({ code: 'custom', message: 'validation.plate' });
  })
  .transform((v) => normalisePlate(v) as string);

/** Refuses the same phone or plate twice in one list (after normalising). */
function noRepeats<T>(key: (item: T) => string | null) {
  return (list: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    list.forEach((item, i) => {
      const k = key(item);
      if (k === null) return;
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: [i], message: 'validation.repeated' });
      seen.add(k);
    });
  };
}

export const MAX_PHONES = 5;
export const MAX_VEHICLES = 10;

const Phones = z
  .array(PhoneNumber)
  .max(MAX_PHONES)
  .superRefine(noRepeats<string>((p) => p));
const Vehicles = z
  .array(PlateNumber)
  .max(MAX_VEHICLES)
  .superRefine(noRepeats<string>((p) => p));

export const EmergencyContactInput = z.strictObject({
  name: Text(50),
  phone: PhoneNumber,
  /** 配偶 · 子女 · 父母 · 朋友 … */
  relation: Text(20).nullable().optional(),
});

export const UnitRelationInput = z.strictObject({
  unitId: Id,
  relation: ResidentRelation,
  /** Since when (move-in, purchase or lease start). */
  since: LocalDate.nullable().optional(),
});

/** POST /api/residents: a new person record in one estate (grade C, the default for new contracts). */
export const CreateResidentBody = z.strictObject({
  estateId: Id,
  name: Text(50),
  gender: Gender.nullable().optional(),
  birthday: LocalDate.nullable().optional(),
  phones: Phones.optional(),
  idNumber: IdNumber.nullable().optional(),
  segment: HouseholdSegment.nullable().optional(),
  vehicles: Vehicles.optional(),
  emergencyContact: EmergencyContactInput.nullable().optional(),
  moveInDate: LocalDate.nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
  /** Units of the same estate and how the person stands to each (at most 10). */
  units: z
    .array(UnitRelationInput)
    .max(10)
    .superRefine(noRepeats<{ unitId: string }>((u) => u.unitId))
    .optional(),
});
export type CreateResidentBody = z.input<typeof CreateResidentBody>;

/** An existing phone kept in a PATCH by its position in the current list (callers see it masked). */
export const KeptPhone = z.strictObject({
  keep: z
    .number()
    .int()
    .min(0)
    .max(MAX_PHONES - 1),
});
const PhoneEntry = z.union([PhoneNumber, KeptPhone]);

/**
 * PATCH /api/residents/:id — every field optional; `null` clears one. `version` is the record's
 * version as read (a stale one → 409 CONFLICT). `phones` is the new list, in order: a new number as
 * text, an existing one as `{ keep: index }`. `emergencyContact.phone` may be left out to keep the
 * current one. A change of `grade` needs `gradeReason` (cs_supervisor, manager, hq_cs, gm).
 */
export const PatchResidentBody = z.strictObject({
  version: z.number().int().min(1),
  name: Text(50).optional(),
  gender: Gender.nullable().optional(),
  birthday: LocalDate.nullable().optional(),
  phones: z
    .array(PhoneEntry)
    .max(MAX_PHONES)
    .superRefine(noRepeats<string | { keep: number }>((p) => (typeof p === 'string' ? p : `#${p.keep}`)))
    .optional(),
  idNumber: IdNumber.nullable().optional(),
  segment: HouseholdSegment.nullable().optional(),
  vehicles: Vehicles.optional(),
  emergencyContact: EmergencyContactInput.extend({ phone: PhoneNumber.optional() }).nullable().optional(),
  moveInDate: LocalDate.nullable().optional(),
  notes: z.string().trim().max(1000).nullable().optional(),
  grade: Grade.optional(),
  /** Why the grade changes (required with a new grade; kept in the grade history). */
  gradeReason: Text(500).optional(),
});
export type PatchResidentBody = z.input<typeof PatchResidentBody>;

export const AddUnitRelationBody = UnitRelationInput;
export type AddUnitRelationBody = z.input<typeof AddUnitRelationBody>;

/** POST /api/residents/:id/units/:unitId/end — the person no longer stands in that relation (moved out, lease ended). */
export const EndUnitRelationBody = z.strictObject({
  endedOn: LocalDate.optional(),
  reason: Text(200).optional(),
});

/**
 * POST /api/residents/:id/authorisations — the owner's authorisation letter (业主委托书) for a tenant or
 * agent of a unit: an uploaded file (POST /api/files, kind `document` or `photo`) valid for a period.
 * The owner is a resident holding the unit as owner or co-owner (`ownerResidentId`) or, when the owner
 * is not on file, named (`ownerName`).
 */
export const AddAuthorisationBody = z.strictObject({
  unitId: Id,
  fileId: Id,
  validFrom: LocalDate,
  validUntil: LocalDate,
  ownerResidentId: Id.optional(),
  ownerName: Text(50).optional(),
  /** What it covers (网络开户、水电开户 …). */
  note: Text(200).optional(),
});
export type AddAuthorisationBody = z.input<typeof AddAuthorisationBody>;

export const REVEAL_FIELDS = ['phone', 'idNumber', 'emergencyPhone'] as const;
export const RevealField = z.enum(REVEAL_FIELDS);
export type RevealField = z.infer<typeof RevealField>;

/** POST /api/residents/:id/reveal — one personal number in full; every reveal is audited. */
export const RevealBody = z.strictObject({
  field: RevealField,
  /** Which phone (of several), default 0. */
  index: z
    .number()
    .int()
    .min(0)
    .max(MAX_PHONES - 1)
    .optional(),
});
export const RevealResponse = z.object({ value: z.string() });

/** POST /api/requests/:id/reveal — the reporter's phone on a request (the desk; the assigned technician). */
export const RequestRevealBody = z.strictObject({ field: z.literal('reporterPhone') });

// ---- response shapes ---------------------------------------------------------------------------

export const ResidentUnitRelation = z.object({
  unitId: Id,
  unitLabel: z.string(),
  relation: ResidentRelation,
  since: z.string().nullable(),
});
export type ResidentUnitRelation = z.infer<typeof ResidentUnitRelation>;

export const PastUnitRelation = ResidentUnitRelation.extend({
  endedOn: z.string(),
  reason: z.string().nullable(),
  endedByName: z.string().nullable(),
});

export const AUTHORISATION_STATUSES = ['valid', 'pending', 'expired'] as const;
export const AuthorisationStatus = z.enum(AUTHORISATION_STATUSES);
export type AuthorisationStatus = z.infer<typeof AuthorisationStatus>;

export const Authorisation = z.object({
  id: Id,
  unitId: Id,
  unitLabel: z.string(),
  ownerResidentId: Id.nullable(),
  ownerName: z.string(),
  validFrom: z.string(),
  validUntil: z.string(),
  /** Against today in the estate's time zone. */
  status: AuthorisationStatus,
  note: z.string().nullable(),
  file: z.object({
    id: Id,
    name: z.string(),
    contentType: z.string(),
    size: z.number().int(),
    url: z.string(),
  }),
  createdAt: Instant,
  createdByName: z.string().nullable(),
});
export type Authorisation = z.infer<typeof Authorisation>;

export const EmergencyContact = z.object({
  name: z.string(),
  /** Masked like every phone. */
  phone: z.string(),
  relation: z.string().nullable(),
});

/** What the person may see about themselves (the future portal's shape: no staff-only keys). */
export const ResidentProfile = z.object({
  id: Id,
  estateId: Id,
  estateName: z.string(),
  name: z.string(),
  gender: Gender.nullable(),
  birthday: z.string().nullable(),
  /** Masked (138****8000); POST …/reveal shows one in full. */
  phones: z.array(z.string()),
  /** Masked (110101********1234), or null when none is on file. */
  idNumber: z.string().nullable(),
  segment: HouseholdSegment.nullable(),
  vehicles: z.array(z.string()),
  emergencyContact: EmergencyContact.nullable(),
  moveInDate: z.string().nullable(),
  units: z.array(ResidentUnitRelation),
  authorisations: z.array(Authorisation),
  version: z.number().int(),
  createdAt: Instant,
  updatedAt: Instant.nullable(),
});
export type ResidentProfile = z.infer<typeof ResidentProfile>;

export const ResidentGradeChange = z.object({
  at: Instant,
  from: Grade.nullable(),
  to: Grade,
  reason: z.string(),
  byId: Id.nullable(),
  byName: z.string().nullable(),
});
export type ResidentGradeChange = z.infer<typeof ResidentGradeChange>;

export const VipCardSummary = z.object({
  number: z.string(),
  level: z.number().int(),
  validUntil: z.string(),
  status: z.string(),
});

/**
 * Staff only, never in the portal: the grade (a D flags a difficult customer, spec 03 §3), its
 * history, the staff's notes, the VIP card and ended relations.
 */
export const ResidentStaffPart = z.object({
  grade: Grade,
  gradeHistory: z.array(ResidentGradeChange),
  notes: z.string().nullable(),
  /** Issued by the VIP-card module; null until then. */
  vipCard: VipCardSummary.nullable(),
  pastUnits: z.array(PastUnitRelation),
});
export const RESIDENT_STAFF_ONLY_KEYS = Object.keys(ResidentStaffPart.shape) as (keyof z.infer<
  typeof ResidentStaffPart
>)[];

/** GET /api/residents/:id (staff): the profile and the staff-only part. */
export const ResidentDetail = ResidentProfile.extend(ResidentStaffPart.shape);
export type ResidentDetail = z.infer<typeof ResidentDetail>;

// ---- audit -------------------------------------------------------------------------------------

export const AUDIT_ACTIONS = [
  'reveal',
  'created',
  'updated',
  'grade_changed',
  'relation_added',
  'relation_ended',
  'authorisation_added',
  // VIP cards (vip.ts): issued, reissued after a loss, renewed, revoked; a VIP service recorded.
  'vip_card_issued',
  'vip_card_reissued',
  'vip_card_renewed',
  'vip_card_revoked',
  'vip_service',
  // An xlsx export of residents (GET /api/residents/export): masked, or in full for the roles allowed.
  'export',
] as const;
export const AuditAction = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof AuditAction>;

/** GET /api/audit (manager, hq_cs, gm): the audit of residents' records in the caller's estates, newest first. */
export const AuditQuery = PageQuery.extend({
  residentId: Id.optional(),
  estateId: Id.optional(),
  /** Who did it (a staff user id). */
  actorId: Id.optional(),
  action: AuditAction.optional(),
  /** On or after this local day (the estate's time zone). */
  from: LocalDate.optional(),
  /** On or before this local day. */
  to: LocalDate.optional(),
});

export const AuditItem = z.object({
  id: Id,
  at: Instant,
  /** Null for an export across several estates. */
  estateId: Id.nullable(),
  actorId: Id.nullable(),
  actorName: z.string().nullable(),
  action: AuditAction,
  /** reveal: which number was seen (`phone`, `idNumber`, `emergencyPhone`). */
  field: RevealField.optional(),
  /** reveal of a phone: which one (0 = the first). */
  index: z.number().int().optional(),
  /** updated: the fields that changed. */
  fields: z.array(z.string()).optional(),
  residentId: Id.nullable(),
  residentName: z.string().nullable(),
  /**
   * reveal: `record` — a number of the resident's record (a technician's view names the order it was
   * for in `requestId`); `reporter` — the reporter's phone on the request `requestId`.
   */
  source: z.enum(['record', 'reporter']).optional(),
  requestId: Id.optional(),
  requestNumber: z.string().optional(),
  /** export: phones and ID numbers in full or masked, and how many rows the file held. */
  export: z.object({ full: z.boolean(), rows: z.number().int() }).optional(),
});
export type AuditItem = z.infer<typeof AuditItem>;
export const AuditList = paged(AuditItem);
export type AuditList = z.infer<typeof AuditList>;
