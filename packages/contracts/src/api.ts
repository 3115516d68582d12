/**
 * HTTP request and response shapes of the stable API (spec 09-api-contract.md). The server validates
 * with these and serves them in OpenAPI; the web app uses the inferred types.
 */
import { z } from 'zod';
import {
  Channel,
  DepartmentKind,
  ERROR_CODES,
  EstateType,
  Grade,
  LocationKind,
  RequestState,
  RequestType,
  ResidentRelation,
  Role,
  UnitStatus,
  UnitUse,
} from './enums.ts';

export const Id = z.string().min(1).max(64);

export const ErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    fields: z.record(z.string(), z.string()).optional(),
  }),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

export const PageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export function paged<T extends z.ZodTypeAny>(item: T) {
  return z.object({
    items: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });
}

// ---- auth ---------------------------------------------------------------------------------------

export const LoginBody = z.strictObject({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(256),
});
export type LoginBody = z.infer<typeof LoginBody>;

export const SessionUser = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  roles: z.array(Role),
  estateIds: z.array(Id),
  companyId: Id,
  companyName: z.string(),
  departmentId: Id.nullable(),
  locale: z.enum(['zh-CN', 'en']),
});
export type SessionUser = z.infer<typeof SessionUser>;

export const LoginResponse = z.object({ user: SessionUser, csrfToken: z.string() });
export const MeResponse = LoginResponse;
export const TokenResponse = z.object({ token: z.string(), expiresAt: z.string() });

export const PreferencesBody = z.strictObject({ locale: z.enum(['zh-CN', 'en']) });

// ---- reference data -----------------------------------------------------------------------------

export const Estate = z.object({
  id: Id,
  name: z.string(),
  type: EstateType,
  code: z.string(),
  address: z.string().nullable(),
  timeZone: z.string(),
  /** Optimistic concurrency: a PATCH names the version it read (structure.ts). */
  version: z.number().int(),
});
export type Estate = z.infer<typeof Estate>;
export const EstateList = z.object({ items: z.array(Estate) });

export const EstateSummary = z.object({
  id: Id,
  name: z.string(),
  type: EstateType,
  address: z.string().nullable(),
  counts: z.object({
    buildings: z.number().int(),
    units: z.number().int(),
    occupiedUnits: z.number().int(),
    residents: z.number().int(),
    openRequests: z.number().int(),
    todayRequests: z.number().int(),
    openComplaints: z.number().int(),
    awaitingCallback: z.number().int(),
  }),
});
export type EstateSummary = z.infer<typeof EstateSummary>;
export const HomeResponse = z.object({
  now: z.string(),
  estates: z.array(EstateSummary),
  recentRequests: z.array(
    z.object({
      id: Id,
      number: z.string(),
      estateId: Id,
      estateName: z.string(),
      type: RequestType,
      state: RequestState,
      description: z.string(),
      unitLabel: z.string().nullable(),
      receivedAt: z.string(),
    }),
  ),
});
export type HomeResponse = z.infer<typeof HomeResponse>;

export const UnitsQuery = PageQuery.extend({
  q: z.string().trim().max(50).optional(),
  buildingId: Id.optional(),
  status: UnitStatus.optional(),
});
export const Unit = z.object({
  id: Id,
  estateId: Id,
  buildingId: Id,
  buildingName: z.string(),
  number: z.string(),
  floor: z.number().int(),
  areaM2: z.number().nullable(),
  use: UnitUse,
  status: UnitStatus,
  residentCount: z.number().int(),
  version: z.number().int(),
});
export type Unit = z.infer<typeof Unit>;
export const UnitList = paged(Unit);

export const Building = z.object({
  id: Id,
  estateId: Id,
  name: z.string(),
  floors: z.number().int(),
  sort: z.number().int(),
  unitCount: z.number().int(),
  /** The highest floor a unit of the building is on (0 without units): floors cannot go below it. */
  topUnitFloor: z.number().int(),
  version: z.number().int(),
});
export type Building = z.infer<typeof Building>;
export const BuildingList = z.object({ items: z.array(Building) });

export const LocationsQuery = z.object({
  /** Retired locations too (the estate settings page); intake pick lists leave them out. */
  includeRetired: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});
export const Location = z.object({
  id: Id,
  estateId: Id,
  name: z.string(),
  kind: LocationKind,
  /** Set when the location was retired (停用): kept for the requests that name it, offered no more. */
  retiredAt: z.string().nullable(),
  version: z.number().int(),
});
export type Location = z.infer<typeof Location>;
export const LocationList = z.object({ items: z.array(Location) });

export const ResidentsQuery = PageQuery.extend({
  estateId: Id.optional(),
  phone: z
    .string()
    .trim()
    .regex(/^[0-9+\- ]{3,20}$/)
    .optional(),
  unitId: Id.optional(),
  q: z.string().trim().max(50).optional(),
});
export const ResidentUnit = z.object({
  unitId: Id,
  unitLabel: z.string(),
  relation: ResidentRelation,
});
export const ResidentListItem = z.object({
  id: Id,
  estateId: Id,
  name: z.string(),
  phones: z.array(z.string()),
  grade: Grade,
  units: z.array(ResidentUnit),
});
export type ResidentListItem = z.infer<typeof ResidentListItem>;
export const ResidentList = paged(ResidentListItem);

export const DepartmentsQuery = z.object({ estateId: Id.optional() });
export const Department = z.object({
  id: Id,
  estateId: Id,
  name: z.string(),
  kind: DepartmentKind,
  staffCount: z.number().int(),
});
export type Department = z.infer<typeof Department>;
export const DepartmentList = z.object({ items: z.array(Department) });

export const CategoriesQuery = z.object({ type: RequestType.optional() });
export type CategoryNode = {
  id: string;
  name: string;
  code: string;
  type: RequestType;
  /** Requests of this category are emergencies (first in the queue). */
  emergency?: boolean;
  children: CategoryNode[];
};
export const CategoryNode: z.ZodType<CategoryNode> = z.lazy(() =>
  z.object({
    id: Id,
    name: z.string(),
    code: z.string(),
    type: RequestType,
    emergency: z.boolean().optional(),
    children: z.array(CategoryNode),
  }),
);
export const CategoryTree = z.object({ items: z.array(CategoryNode) });

export const StaffQuery = PageQuery.extend({ estateId: Id.optional(), role: Role.optional() });
export const StaffMember = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  roles: z.array(Role),
  departmentId: Id.nullable(),
  departmentName: z.string().nullable(),
  estateIds: z.array(Id),
  active: z.boolean(),
});
export const StaffList = paged(StaffMember);

// ---- requests (first form; the service-desk issue deepens this) -----------------------------------

const Flag = z.enum(['true', 'false']).transform((v) => v === 'true');
export const RequestsQuery = PageQuery.extend({
  estateId: Id.optional(),
  state: RequestState.optional(),
  type: RequestType.optional(),
  ownerId: Id.optional(),
  departmentId: Id.optional(),
  assigneeId: Id.optional(),
  /** Only requests with a clock past its due time (pending or missed). */
  overdue: Flag.optional(),
  /** Only requests still open (not closed or cancelled). */
  open: Flag.optional(),
  /** Only requests taken at night (18:30–08:30), or only those taken by day. */
  night: Flag.optional(),
  q: z.string().trim().max(100).optional(),
  /**
   * `dueAt`: nearest pending clock first; `priority` (the front desk's queue, spec 01 §6): emergencies,
   * then overdue, then VIP (A-grade) residents, then the nearest clock — open requests before closed
   * ones; default: newest first.
   */
  sort: z.enum(['dueAt', 'receivedAt', 'priority']).optional(),
});
/** GET /api/requests/export: the list's filters and order, without paging (the file holds them all, capped). */
export const RequestsExportQuery = RequestsQuery.omit({ page: true, pageSize: true });

export const RequestListItem = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  type: RequestType,
  channel: Channel,
  state: RequestState,
  description: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string().nullable(),
  ownerId: Id,
  ownerName: z.string().nullable(),
  departmentId: Id.nullable(),
  assigneeId: Id.nullable(),
  night: z.boolean(),
  /** 紧急: flagged at intake or of an emergency category. */
  emergency: z.boolean(),
  /** The reporting resident is an A-grade (VIP) customer. */
  vip: z.boolean(),
  reworkOf: Id.nullable(),
  repeatOf: Id.nullable(),
  /** The nearest pending clock, if any. */
  nextDue: z.object({ kind: z.string(), dueAt: z.string() }).nullable(),
  overdue: z.boolean(),
  receivedAt: z.string(),
});
export type RequestListItem = z.infer<typeof RequestListItem>;
export const RequestList = paged(RequestListItem);

export const HealthResponse = z.object({
  status: z.literal('ok'),
  database: z.enum(['pglite', 'postgres']),
  version: z.string(),
});
