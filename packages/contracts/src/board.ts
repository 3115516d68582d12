/**
 * The department board (部门看板, spec 01 §6): the requests dispatched to a department, by state, and
 * the department's people with the open orders each one holds (so the lead can balance the work).
 */
import { z } from 'zod';
import { Id } from './api.ts';
import { DepartmentKind, RequestState, RequestType, Role } from './enums.ts';
import { DeadlineKind, DeadlineStatus, Urgency } from './requests.ts';

/** The states a department works in, in the board's column order (on_site and in_progress share one). */
export const BOARD_STATES = ['dispatched', 'accepted', 'on_site', 'in_progress', 'on_hold', 'done'] as const;

export const DepartmentMember = z.object({
  id: Id,
  username: z.string(),
  name: z.string(),
  roles: z.array(Role),
  /** Open orders assigned to this person (dispatched, accepted, on site, in progress, on hold). */
  openCount: z.number().int(),
});
export type DepartmentMember = z.infer<typeof DepartmentMember>;

export const BoardCard = z.object({
  id: Id,
  number: z.string(),
  estateId: Id,
  type: RequestType,
  state: RequestState,
  stateBeforeHold: RequestState.nullable(),
  description: z.string(),
  unitLabel: z.string().nullable(),
  reporterName: z.string().nullable(),
  urgency: Urgency,
  appointmentAt: z.string().nullable(),
  assigneeId: Id.nullable(),
  assigneeName: z.string().nullable(),
  night: z.boolean(),
  /** The resident is an A-grade (VIP) customer. */
  vip: z.boolean(),
  repeatOf: Id.nullable(),
  reworkOf: Id.nullable(),
  /** The nearest clock: the pending one due first, or a paused one while on hold. */
  clock: z
    .object({ kind: DeadlineKind, startedAt: z.string(), dueAt: z.string(), status: DeadlineStatus })
    .nullable(),
  overdue: z.boolean(),
  receivedAt: z.string(),
  /** For the board's actions (transitions carry the version they were decided on). */
  version: z.number().int(),
});
export type BoardCard = z.infer<typeof BoardCard>;

const BoardDepartment = z.object({ id: Id, estateId: Id, name: z.string(), kind: DepartmentKind });

export const DepartmentMemberList = z.object({
  department: BoardDepartment,
  items: z.array(DepartmentMember),
});
export type DepartmentMemberList = z.infer<typeof DepartmentMemberList>;

export const DepartmentBoard = z.object({ department: BoardDepartment, items: z.array(BoardCard) });
export type DepartmentBoard = z.infer<typeof DepartmentBoard>;
