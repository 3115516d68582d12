/**
 * Response types of the API, inferred from the zod shapes in @wuye/contracts (type-only: no zod in the
 * browser bundle).
 */
import type {
  BuildingList as BuildingListSchema,
  Building as BuildingSchema,
  CategoryTree as CategoryTreeSchema,
  DepartmentList as DepartmentListSchema,
  EstateList as EstateListSchema,
  LoginResponse as LoginResponseSchema,
  RequestList as RequestListSchema,
  ResidentList as ResidentListSchema,
  StaffList as StaffListSchema,
  StaffMember as StaffMemberSchema,
  UnitList as UnitListSchema,
} from '@wuye/contracts';
import type { z } from 'zod';

export type {
  CategoryNode,
  Department,
  Estate,
  EstateSummary,
  HomeResponse,
  RequestListItem,
  ResidentListItem,
  SessionUser,
  Unit,
} from '@wuye/contracts';

export type LoginResponse = z.infer<typeof LoginResponseSchema>;
export type EstateList = z.infer<typeof EstateListSchema>;
export type Building = z.infer<typeof BuildingSchema>;
export type BuildingList = z.infer<typeof BuildingListSchema>;
export type UnitList = z.infer<typeof UnitListSchema>;
export type ResidentList = z.infer<typeof ResidentListSchema>;
export type DepartmentList = z.infer<typeof DepartmentListSchema>;
export type StaffMember = z.infer<typeof StaffMemberSchema>;
export type StaffList = z.infer<typeof StaffListSchema>;
export type CategoryTree = z.infer<typeof CategoryTreeSchema>;
export type RequestList = z.infer<typeof RequestListSchema>;

export type Paged<T> = { items: T[]; total: number; page: number; pageSize: number };
