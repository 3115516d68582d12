/**
 * The person record's rules as plain functions (no zod, so the web app bundles them without the schema
 * library): phone numbers, 18-digit ID numbers (GB 11643), plate numbers, and who may do what.
 */
import type { Gender, Role } from './enums.ts';

// ---- who may do what (contract 09 "Who may call what"; the web shows buttons by the same lists) -----

/** Register residents, relate them to units, file the owners' letters: the desk, stewards, management. */
export const RESIDENT_FILE_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'manager',
  'hq_cs',
  'gm',
];
/** PATCH /api/residents/:id, the grade included. */
export const RESIDENT_PATCH_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'hq_cs', 'gm'];
/** See a personal number in full (each view audited); technicians only on their own open orders. */
export const RESIDENT_REVEAL_ROLES: readonly Role[] = [
  'cs_agent',
  'cs_supervisor',
  'steward',
  'cashier',
  'manager',
  'hq_cs',
  'gm',
];
/** GET /api/audit. */
export const RESIDENT_AUDIT_ROLES: readonly Role[] = ['manager', 'hq_cs', 'gm'];

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
