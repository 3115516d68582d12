/** All SQL of the department board: the department, its people with their open orders, its cards. */
import type { BoardCard, DepartmentMember, Role } from '@wuye/contracts';
import { and, eq, sql } from 'drizzle-orm';
import { type Db, rows } from '../../platform/db.ts';
import { departments } from '../organisation/organisation.table.ts';

/** States in which an order is still a person's work (the open count of the members list). */
const HELD_STATES = sql`('dispatched','accepted','on_site','in_progress','on_hold')`;
/** States a department board shows. */
const BOARD_STATES = sql`('dispatched','accepted','on_site','in_progress','on_hold','done')`;
const BOARD_LIMIT = 500;

export async function findDepartment(db: Db, companyId: string, id: string) {
  const [row] = await db
    .select()
    .from(departments)
    .where(and(eq(departments.id, id), eq(departments.companyId, companyId)));
  return row ?? null;
}

/** The department's active people, the lead first, with the open orders assigned to each. */
export async function departmentMembers(
  db: Db,
  department: { id: string; estateId: string },
): Promise<DepartmentMember[]> {
  const list = await rows<{ id: string; username: string; name: string; roles: Role[]; open_count: number }>(
    db,
    sql`select u.id, u.username, u.name, u.roles,
          (select count(*)::int from requests q
            where q.estate_id = ${department.estateId} and q.assignee_id = u.id and q.state in ${HELD_STATES}) as open_count
        from users u
        where u.department_id = ${department.id} and u.active and not (u.roles @> array['resident']::text[])
        order by (u.roles @> array['dept_lead']::text[]) desc, u.name, u.id`,
  );
  return list.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    roles: r.roles,
    openCount: r.open_count,
  }));
}

interface CardRow {
  id: string;
  number: string;
  estate_id: string;
  type: BoardCard['type'];
  state: BoardCard['state'];
  state_before_hold: BoardCard['state'] | null;
  description: string;
  unit_label: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  urgency: BoardCard['urgency'];
  appointment_at: Date | null;
  assignee_id: string | null;
  assignee_name: string | null;
  night: boolean;
  vip: boolean;
  repeat_of: string | null;
  rework_of: string | null;
  clock_kind: NonNullable<BoardCard['clock']>['kind'] | null;
  clock_started_at: Date | null;
  clock_due_at: Date | null;
  clock_status: NonNullable<BoardCard['clock']>['status'] | null;
  overdue: boolean;
  received_at: Date;
  version: number;
}

const iso = (d: Date | string) => new Date(d).toISOString();

/**
 * The requests dispatched to a department that it is working on, the most urgent first: late ones,
 * then by the nearest clock. A clock that was missed and not yet met still counts as running (late).
 */
export async function boardCards(db: Db, departmentId: string, now: Date): Promise<BoardCard[]> {
  const cards = await boardCardsWithPhones(db, departmentId, now);
  // The phones are for the export only (masked there).
  return cards.map(({ reporterPhone: _, ...card }) => card);
}

/** A board card with the reporter's phone, for the export (which masks it). */
export type BoardCardWithPhone = BoardCard & { reporterPhone: string | null };

/** The board as GET /api/departments/:id/board gives it, with the phones the export needs. */
export async function boardCardsWithPhones(
  db: Db,
  departmentId: string,
  now: Date,
): Promise<BoardCardWithPhone[]> {
  const list = await rows<CardRow>(
    db,
    sql`select q.id, q.number, q.estate_id, q.type, q.state, q.state_before_hold, q.description,
          case when u.id is null then coalesce(l.name, q.location_text) else b.name || '-' || u.number end as unit_label,
          q.reporter_name, q.reporter_phone, q.urgency, q.appointment_at, q.assignee_id, a.name as assignee_name, q.night,
          coalesce(r.grade = 'A', false) as vip, q.repeat_of, q.rework_of,
          nd.kind as clock_kind, nd.started_at as clock_started_at, nd.due_at as clock_due_at, nd.status as clock_status,
          exists (select 1 from request_deadlines od where od.request_id = q.id
                  and ((od.status = 'missed' and od.met_at is null) or (od.status = 'pending' and od.due_at < ${now}))) as overdue,
          q.received_at, q.version
        from requests q
        left join units u on u.id = q.unit_id
        left join buildings b on b.id = u.building_id
        left join locations l on l.id = q.location_id
        left join users a on a.id = q.assignee_id
        left join residents r on r.id = q.resident_id
        left join lateral (
          select d.kind, d.started_at, d.due_at, d.status from request_deadlines d
          where d.request_id = q.id and (d.status in ('pending','paused') or (d.status = 'missed' and d.met_at is null))
          order by (d.status = 'paused'), d.due_at limit 1) nd on true
        where q.department_id = ${departmentId} and q.state in ${BOARD_STATES}
        order by overdue desc, nd.due_at asc nulls last, q.received_at, q.id
        limit ${BOARD_LIMIT}`,
  );
  return list.map((r) => ({
    id: r.id,
    number: r.number,
    estateId: r.estate_id,
    type: r.type,
    state: r.state,
    stateBeforeHold: r.state_before_hold,
    description: r.description,
    unitLabel: r.unit_label,
    reporterName: r.reporter_name,
    urgency: r.urgency,
    appointmentAt: r.appointment_at ? iso(r.appointment_at) : null,
    assigneeId: r.assignee_id,
    assigneeName: r.assignee_name,
    night: r.night,
    vip: r.vip,
    repeatOf: r.repeat_of,
    reworkOf: r.rework_of,
    clock:
      r.clock_kind && r.clock_started_at && r.clock_due_at && r.clock_status
        ? {
            kind: r.clock_kind,
            startedAt: iso(r.clock_started_at),
            dueAt: iso(r.clock_due_at),
            status: r.clock_status,
          }
        : null,
    overdue: r.overdue,
    receivedAt: iso(r.received_at),
    version: r.version,
    reporterPhone: r.reporter_phone,
  }));
}
