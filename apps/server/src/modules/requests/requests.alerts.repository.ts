/** The SQL of the overdue and escalation view: the alerts a caller sees, with their request and clock. */
import type { Role } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { type Db, rows } from '../../platform/db.ts';
import type { Alert } from './requests.alerts.ts';

export type AlertKind = Alert['kind'];

const OVERVIEW_ROLES: readonly Role[] = ['cs_supervisor', 'manager', 'hq_cs', 'gm', 'quality'];

export function addressedTo(actor: Actor) {
  return sql`(a.recipient_user_id = ${actor.userId} or a.recipient_role = any(${`{${actor.roles.join(',')}}`}::text[]))`;
}

/** The list's filters (GET /api/alerts without paging). */
export interface AlertFilters {
  /** All alerts of the estates (the overview roles only), not only those addressed to the caller. */
  all?: boolean;
  /** Only alerts not yet acknowledged. */
  open?: boolean;
  kind?: AlertKind;
  /** `level`: highest rung of the ladder first; default newest first. */
  sort?: 'raisedAt' | 'level';
}
/** An alert with the reporter's phone, for the export (which masks it); the list has none. */
export type AlertWithPhone = Alert & { reporterPhone: string | null };

/**
 * The alerts addressed to the caller at the estates in scope (or all of them, for the overview roles
 * asking for `all`), newest first or by the ladder's rung.
 */
export async function listAlerts(
  db: Db,
  actor: Actor,
  scope: string[],
  query: AlertFilters & { page: number; pageSize: number },
): Promise<{ items: AlertWithPhone[]; total: number }> {
  if (scope.length === 0) return { items: [], total: 0 };
  const overview = query.all && actor.roles.some((r) => OVERVIEW_ROLES.includes(r));
  const conds = [sql`a.estate_id in ${scope}`];
  if (!overview) conds.push(addressedTo(actor));
  if (query.open) conds.push(sql`a.acknowledged_at is null`);
  if (query.kind) conds.push(sql`a.kind = ${query.kind}`);
  const where = sql.join(conds, sql` and `);
  const [list, [total]] = await Promise.all([
    rows<{
      id: string;
      request_id: string;
      number: string;
      state: string;
      description: string;
      estate_id: string;
      deadline_kind: string;
      kind: AlertKind;
      level: number;
      recipient_user_id: string | null;
      recipient_role: string | null;
      due_at: Date;
      raised_at: Date;
      acknowledged_at: Date | null;
      acknowledged_by_name: string | null;
      mine: boolean;
      type: string;
      unit_label: string | null;
      reporter_phone: string | null;
      owner_name: string | null;
      recipient_name: string | null;
      deadline_status: string;
      met_at: Date | null;
    }>(
      db,
      sql`select a.id, a.request_id, q.number, q.state, q.description, a.estate_id, a.deadline_kind, a.kind, a.level,
              a.recipient_user_id, a.recipient_role, d.due_at, a.raised_at, a.acknowledged_at, u.name as acknowledged_by_name,
              coalesce(${addressedTo(actor)}, false) as mine, q.type, o.name as owner_name, ru.name as recipient_name,
              case when un.id is null then q.location_text else bl.name || '-' || un.number end as unit_label,
              d.status as deadline_status, d.met_at, q.reporter_phone
            from request_alerts a
            join requests q on q.id = a.request_id
            join request_deadlines d on d.id = a.deadline_id
            left join users u on u.id = a.acknowledged_by_id
            left join users o on o.id = q.owner_id
            left join users ru on ru.id = a.recipient_user_id
            left join units un on un.id = q.unit_id
            left join buildings bl on bl.id = un.building_id
            where ${where}
            order by ${query.sort === 'level' ? sql`a.level desc, ` : sql``}a.raised_at desc, a.id
            limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
    ),
    rows<{ n: number }>(db, sql`select count(*)::int as n from request_alerts a where ${where}`),
  ]);
  return {
    items: list.map((a) => ({
      id: a.id,
      requestId: a.request_id,
      requestNumber: a.number,
      requestState: a.state,
      description: a.description,
      estateId: a.estate_id,
      deadlineKind: a.deadline_kind,
      kind: a.kind,
      level: a.level,
      recipientUserId: a.recipient_user_id,
      recipientRole: a.recipient_role,
      dueAt: new Date(a.due_at).toISOString(),
      raisedAt: new Date(a.raised_at).toISOString(),
      acknowledgedAt: a.acknowledged_at ? new Date(a.acknowledged_at).toISOString() : null,
      acknowledgedByName: a.acknowledged_by_name,
      mine: a.mine,
      requestType: a.type,
      unitLabel: a.unit_label,
      ownerName: a.owner_name,
      recipientName: a.recipient_name,
      deadlineStatus: a.deadline_status,
      metAt: a.met_at ? new Date(a.met_at).toISOString() : null,
      reporterPhone: a.reporter_phone,
    })),
    total: total?.n ?? 0,
  };
}
