/**
 * The department board (spec 01 §6): a department lead sees their own department; the desk roles
 * pick any department of their estates. Assigning and accepting on the board are the lifecycle's
 * `dispatch` and `accept` transitions (POST /api/requests/:id/transitions), not new changes.
 */
import type { DepartmentBoard, DepartmentKind, DepartmentMemberList, Role } from '@wuye/contracts';
import { type Actor, hasAnyRole } from '../../platform/access.ts';
import type { Clock } from '../../platform/clock.ts';
import type { Db } from '../../platform/db.ts';
import { AppError, notFound } from '../../platform/errors.ts';
import { boardCards, departmentMembers, findDepartment } from './board.repository.ts';

export interface BoardDeps {
  db: Db;
  clock: Clock;
}

/** Roles that may look at any department of their estates. */
const DESK_ROLES: readonly Role[] = ['cs_agent', 'cs_supervisor', 'manager', 'control_room', 'hq_cs', 'gm'];
export const BOARD_ROLES: readonly Role[] = [
  'dept_lead',
  'cs_agent',
  'cs_supervisor',
  'manager',
  'hq_cs',
  'gm',
];
/** The members list also helps the night shift pick a person when dispatching at the hand-over. */
export const MEMBER_ROLES: readonly Role[] = [...BOARD_ROLES, 'control_room'];

/** The department, if the caller may see it: another estate's is not found, another department's refused. */
export async function visibleDepartment(db: Db, actor: Actor, id: string) {
  const dept = await findDepartment(db, actor.companyId, id);
  if (!dept || !actor.estateIds.includes(dept.estateId)) throw notFound('notFound.department');
  if (!hasAnyRole(actor, DESK_ROLES) && actor.departmentId !== dept.id)
    throw new AppError('FORBIDDEN', 'board.otherDepartment');
  return dept;
}

const summary = (d: { id: string; estateId: string; name: string; kind: string }) => ({
  id: d.id,
  estateId: d.estateId,
  name: d.name,
  kind: d.kind as DepartmentKind,
});

export async function getDepartmentMembers(
  deps: BoardDeps,
  actor: Actor,
  id: string,
): Promise<DepartmentMemberList> {
  const dept = await visibleDepartment(deps.db, actor, id);
  return { department: summary(dept), items: await departmentMembers(deps.db, dept) };
}

export async function getDepartmentBoard(
  deps: BoardDeps,
  actor: Actor,
  id: string,
): Promise<DepartmentBoard> {
  const dept = await visibleDepartment(deps.db, actor, id);
  return { department: summary(dept), items: await boardCards(deps.db, dept.id, deps.clock.now()) };
}
