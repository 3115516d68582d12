/**
 * Residents (客户, spec 03 §2–3, §5; contract 09 "Residents (privacy and VIP)"): the person record, its
 * relations to units, grading with history, the owner's authorisation letters of tenants, the audited
 * reveal of personal numbers and the audit list.
 *
 * The format rules (phones, ID numbers, plates) are plain functions so the web app checks a form with
 * the same rules the server enforces.
 *
 * Staff-only data: `ResidentDetail` is `ResidentProfile` (what the person may one day see about
 * themselves in the resident portal) plus `ResidentStaffPart` (grade, its history, staff notes, the VIP
 * card). A portal route must answer with `ResidentProfile` — its response schema then strips the
 * staff-only keys, whatever the query read (see docs/decisions/0018-resident-privacy.md).
 */
import { z } from 'zod';
import { Id, PageQuery, paged } from './api.ts';
import { Gender, Grade, HouseholdSegment, ResidentRelation } from './enums.ts';

// ---- format rules ------------------------------------------------------------------------------

const MOBILE = /^1[3-9]\d{9}$/;
/**
 * A landline with its area code, digits only: 010 and 02x are followed by 8 digits, the other area
 * codes (0xxx) by 7 or 8. A local number never starts with 0 or 1.
 */
const LANDLINE = /^(?:0(?:10|2\d)[2-9]\d{7}|0[3-9]\d{2}[2-9]\d{6,7})$/;

/**
 * A mainland mobile (11 digits, 1[3-9]…) or a landline with area code, as stored: digits only,
 * without the country code (+86 / 0086 / 86 are dropped; spaces, dashes and brackets ignored).
 * Null when it is neither. Landlines without an area code are refused: a number is stored so that
 * anyone in the company can dial it.
 */
export function normalisePhone(input: string): string | null {
  let s = input.trim().replace(/[\s\-()（）]/g, '');
  let international = false;
  if (s.startsWith('+86')) [s, international] = [s.slice(3), true];
  else if (s.startsWith('0086')) [s, international] = [s.slice(4), true];
  else if (/^861[3-9]\d{9}$/.test(s)) s = s.slice(2);
  // +86 755 8888 6666: the area code without its trunk 0.
  if (international && /^[2-9]/.test(s)) s = `0${s}`;
  return MOBILE.test(s) || LANDLINE.test(s) ? s : null;
}

export function isMobile(phone: string): boolean {
  return MOBILE.test(phone);
}

/** A stored number as people write it: mobiles as they are, landlines `0755-88886666`. */
export function formatPhone(phone: string): string {
  if (!phone.startsWith('0') || !LANDLINE.test(phone)) return phone;
  const code = phone[1] === '1' || phone[1] === '2' ? 3 : 4;
  return `${phone.slice(0, code)}-${phone.slice(code)}`;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';
/** Province-level codes that begin a resident ID number (GB/T 2260; 71 台湾, 81–83 港澳台居民居住证). */
const ID_PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71 81 82 83'.split(
    ' ',
  ),
);

/** The check character of an 18-digit resident ID number (GB 11643-1999, ISO 7064 MOD 11-2). */
export function idChecksum(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (ID_WEIGHTS[i] ?? 0);
  return ID_CHECK[sum % 11] as string;
}

/** Upper case (a lower-case x check character is common), no spaces. */
export function normaliseIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase();
}

export type IdNumberProblem = 'format' | 'legacy' | 'region' | 'birth' | 'checksum';

/**
 * Why an ID number is refused, or null when it is a valid 18-digit number: region, a real birth date
 * from 1900 to `today` (YYYY-MM-DD; no future check without it), and the check character. The old
 * 15-digit numbers are refused (`legacy`): first-generation cards stopped being valid on 2013-01-01,
 * so every living resident has an 18-digit number (docs/decisions/0018-resident-privacy.md).
 */
export function idNumberProblem(id: string, today?: string): IdNumberProblem | null {
  if (/^\d{15}$/.test(id)) return 'legacy';
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (!ID_PROVINCES.has(id.slice(0, 2))) return 'region';
  const birthday = idBirthday(id);
  if (!isCivilDate(birthday) || birthday < '1900-01-01' || (today !== undefined && birthday > today))
    return 'birth';
  if (idChecksum(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

export function isValidIdNumber(id: string): boolean {
  return idNumberProblem(id) === null;
}

/** The birth date an 18-digit ID number holds (YYYY-MM-DD). */
export function idBirthday(id: string): string {
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

/** The sex an 18-digit ID number holds: the 17th digit is odd for men, even for women. */
export function idGender(id: string): Gender {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}

function isCivilDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const PLATE_PROVINCES = '京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼';
const L = 'A-HJ-NP-Z'; // plate letters: no I, no O
const PLATE = new RegExp(
  `^[${PLATE_PROVINCES}][${L}](?:[${L}0-9]{4}[${L}0-9挂学警港澳]|[DABCEFGHJK][${L}0-9]\\d{4}|\\d{5}[DABCEFGHJK])$`,
);

/**
 * A mainland plate number as stored (粤B12345, new-energy 粤BD12345): upper case, without spaces, dots
 * or dashes. Null when it is not one.
 */
export function normalisePlate(input: string): string | null {
  const s = input.replace(/[\s·•.-]/g, '').toUpperCase();
  return PLATE.test(s) ? s : null;
}

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
  estateId: Id,
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
  /** A reveal made from a request (the reporter's phone on a work order). */
  requestId: Id.optional(),
  requestNumber: z.string().optional(),
});
export type AuditItem = z.infer<typeof AuditItem>;
export const AuditList = paged(AuditItem);
export type AuditList = z.infer<typeof AuditList>;
