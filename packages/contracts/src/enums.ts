/**
 * Enumerations shared by the server, the web app and integrators. Codes are English; the Chinese
 * labels are what the UI shows (zh-CN first) — see labels.ts.
 */
import { z } from 'zod';

export const ROLES = [
  'gm',
  'hq_cs',
  'manager',
  'cs_supervisor',
  'cs_agent',
  'steward',
  'lobby',
  'cashier',
  'technician',
  'dept_lead',
  'control_room',
  'quality',
  'resident',
] as const;
export const Role = z.enum(ROLES);
export type Role = z.infer<typeof Role>;

/** Roles that see every estate of their company (spec 09, "Who may call what"). */
export const COMPANY_WIDE_ROLES: readonly Role[] = ['gm', 'hq_cs', 'quality'];
export const STAFF_ROLES: readonly Role[] = ROLES.filter((r) => r !== 'resident');

export const ESTATE_TYPES = ['residential', 'office', 'commercial', 'mixed'] as const;
export const EstateType = z.enum(ESTATE_TYPES);
export type EstateType = z.infer<typeof EstateType>;

export const UNIT_USES = ['residence', 'shop', 'office'] as const;
export const UnitUse = z.enum(UNIT_USES);
export type UnitUse = z.infer<typeof UnitUse>;

export const UNIT_STATUSES = ['vacant', 'occupied', 'rented', 'decorating'] as const;
export const UnitStatus = z.enum(UNIT_STATUSES);
export type UnitStatus = z.infer<typeof UnitStatus>;

export const LOCATION_KINDS = [
  'lobby',
  'car_park',
  'lift',
  'garden',
  'corridor',
  'plant_room',
  'gate',
  'other',
] as const;
export const LocationKind = z.enum(LOCATION_KINDS);
export type LocationKind = z.infer<typeof LocationKind>;

export const DEPARTMENT_KINDS = [
  'engineering',
  'cleaning',
  'security',
  'greening',
  'customer_service',
  'control_room',
  'external',
] as const;
export const DepartmentKind = z.enum(DEPARTMENT_KINDS);
export type DepartmentKind = z.infer<typeof DepartmentKind>;

/** How a person stands to a unit (spec 03 §2): 业主 · 共有人 · 租户 · 家庭成员 · 装修负责人 · 代理人. */
export const RESIDENT_RELATIONS = [
  'owner',
  'co_owner',
  'tenant',
  'member',
  'decoration_lead',
  'agent',
] as const;
export const ResidentRelation = z.enum(RESIDENT_RELATIONS);
export type ResidentRelation = z.infer<typeof ResidentRelation>;

export const GRADES = ['A', 'B', 'C', 'D'] as const;
export const Grade = z.enum(GRADES);
export type Grade = z.infer<typeof Grade>;

export const GENDERS = ['male', 'female'] as const;
export const Gender = z.enum(GENDERS);
export type Gender = z.infer<typeof Gender>;

/**
 * Household structure (seed 004 第六条), for targeting activities and statistics: 单人工作丁克 ·
 * 双人工作丁克 · 有小孩的夫妇 · 单亲家庭 · 成熟家庭 · 空巢家庭 · 大龄单身 · 活跃长者.
 */
export const HOUSEHOLD_SEGMENTS = [
  'single_dink',
  'couple_dink',
  'couple_with_children',
  'single_parent',
  'mature_family',
  'empty_nest',
  'older_single',
  'active_senior',
] as const;
export const HouseholdSegment = z.enum(HOUSEHOLD_SEGMENTS);
export type HouseholdSegment = z.infer<typeof HouseholdSegment>;

export const REQUEST_TYPES = [
  'repair',
  'complaint',
  'enquiry',
  'help',
  'suggestion',
  'praise',
  'paid_service',
] as const;
export const RequestType = z.enum(REQUEST_TYPES);
export type RequestType = z.infer<typeof RequestType>;

/** Request number prefixes by type (09-api-contract: BX202611220001). */
export const REQUEST_NUMBER_PREFIX: Record<RequestType, string> = {
  repair: 'BX',
  complaint: 'TS',
  enquiry: 'ZX',
  help: 'QZ',
  suggestion: 'JY',
  praise: 'BY',
  paid_service: 'YC',
};

export const REPAIR_SUBTYPES = ['in_home', 'public', 'utility_system', 'special'] as const;

export const CHANNELS = [
  'phone',
  'visit',
  'online',
  'letter',
  'fax',
  'email',
  'mailbox',
  'reception_day',
  'owners_committee',
  'company',
  'staff',
  'patrol',
  'night_duty',
] as const;
export const Channel = z.enum(CHANNELS);
export type Channel = z.infer<typeof Channel>;

export const REQUEST_STATES = [
  'new',
  'dispatched',
  'accepted',
  'on_site',
  'in_progress',
  'done',
  'confirmed',
  'callback_done',
  'closed',
  'on_hold',
  'cancelled',
] as const;
export const RequestState = z.enum(REQUEST_STATES);
export type RequestState = z.infer<typeof RequestState>;
export const OPEN_REQUEST_STATES: readonly RequestState[] = REQUEST_STATES.filter(
  (s) => s !== 'closed' && s !== 'cancelled',
);

export const ERROR_CODES = [
  'VALIDATION',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'INVALID_TRANSITION',
  'RULE_VIOLATION',
  'RATE_LIMITED',
  'INTERNAL',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export const ERROR_HTTP_STATUS: Record<ErrorCode, number> = {
  VALIDATION: 400,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  INVALID_TRANSITION: 422,
  RULE_VIOLATION: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
