/**
 * Reads of the callback centre: the requests waiting for a callback (with the clock, the unreached
 * tries and who was sampled), and the month's quota progress per role.
 */
import {
  type CallbackAssignmentRole,
  type CallbackDueItem,
  type CallbackQuotas,
  QUOTA_ROLES,
  type QuotaRole,
  type RequestState,
  type RequestType,
} from '@wuye/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { type Db, rows } from '../../platform/db.ts';
import { type Quotas, type RetryRules, requiredCallbacks, retryPlan } from './callbacks.rules.ts';

export interface DueQuery {
  mine?: boolean;
  overdue?: boolean;
  retrying?: boolean;
  page: number;
  pageSize: number;
}

interface DueRow {
  id: string;
  number: string;
  estate_id: string;
  type: RequestType;
  state: RequestState;
  description: string;
  unit_label: string | null;
  reporter_name: string | null;
  reporter_phone: string | null;
  owner_id: string;
  owner_name: string | null;
  completed_at: string | null;
  chargeable: boolean | null;
  fee_fen: number | null;
  clock_started_at: Date | null;
  clock_due_at: Date | null;
  clock_status: string | null;
  clock_met_at: Date | null;
  overdue: boolean;
  tries: number;
  first_try_at: Date | null;
  last_try_at: Date | null;
  assignments:
    | { role: string; assigneeId: string | null; assigneeName: string | null; status: string }[]
    | null;
  mine: boolean;
}

const iso = (d: Date | string | null) => (d ? new Date(d).toISOString() : null);
const rolesArray = (actor: Actor) => `{${actor.roles.join(',')}}`;

/**
 * The requests of the caller's estates that wait for a callback: repairs and paid services done or
 * confirmed, plus repairs already called back whose sampled quota callback is still to be made.
 * Mine first (assigned to me, or to the pool of a role I hold), then by the callback clock.
 */
function dueSelect(actor: Actor, estateIds: string[], now: Date) {
  const mineSql = sql`(a.status = 'pending' and (a.assignee_id = ${actor.userId}
      or (a.assignee_id is null and a.role = any(${rolesArray(actor)}::text[]))))`;
  return sql`
    select q.id, q.number, q.estate_id, q.type, q.state, q.description,
      case when u.id is null then q.location_text else b.name || '-' || u.number end as unit_label,
      q.reporter_name, q.reporter_phone, q.owner_id, o.name as owner_name,
      q.completion->>'completedAt' as completed_at,
      (q.completion->>'chargeable')::boolean as chargeable,
      (q.completion->>'feeFen')::int as fee_fen,
      cd.started_at as clock_started_at, cd.due_at as clock_due_at, cd.status as clock_status, cd.met_at as clock_met_at,
      (q.state in ('done','confirmed') and cd.met_at is null and cd.status in ('pending','missed') and cd.due_at < ${now}) as overdue,
      coalesce(t.tries, 0) as tries, t.first_try_at, t.last_try_at,
      asg.list as assignments, coalesce(asg.mine, false) as mine
    from requests q
    left join units u on u.id = q.unit_id
    left join buildings b on b.id = u.building_id
    left join users o on o.id = q.owner_id
    left join lateral (select d.started_at, d.due_at, d.status, d.met_at from request_deadlines d
                       where d.request_id = q.id and d.kind = 'callback' and d.status <> 'cancelled'
                       order by d.started_at desc limit 1) cd on true
    left join lateral (select count(*)::int as tries, min(c.at) as first_try_at, max(c.at) as last_try_at
                       from callbacks c
                       where c.request_id = q.id and not c.reached
                         and c.at >= coalesce((q.completion->>'completedAt')::timestamptz, cd.started_at, '-infinity'::timestamptz)) t on true
    left join lateral (select json_agg(json_build_object('role', a.role, 'assigneeId', a.assignee_id,
                                'assigneeName', au.name, 'status', a.status)
                                order by array_position(array['manager','cs_supervisor','dept_lead','cs_agent'], a.role)) as list,
                              bool_or(${mineSql}) as mine
                       from callback_assignments a left join users au on au.id = a.assignee_id
                       where a.request_id = q.id) asg on true
    where q.estate_id in ${estateIds} and q.type in ('repair','paid_service')
      and (q.state in ('done','confirmed')
           or (q.state = 'callback_done' and exists (select 1 from callback_assignments pa
                 where pa.request_id = q.id and pa.status = 'pending' and pa.role <> 'cs_agent')))`;
}

/** A due callback with the reporter's phone, for the export (which masks it); the list has none. */
export type DueCallbackWithPhone = CallbackDueItem & { reporterPhone: string | null };

/** The due list as GET /api/callbacks/due gives it, with the phones the export needs. */
export async function listDueCallbacksWithPhones(
  db: Db,
  actor: Actor,
  estateIds: string[],
  query: DueQuery,
  now: Date,
  rulesOf: (estateId: string) => RetryRules,
) {
  const { list, total, counts } = await dueRows(db, actor, estateIds, query, now);
  const items: DueCallbackWithPhone[] = list.map((r) => ({
    ...toItem(r, rulesOf(r.estate_id)),
    reporterPhone: r.reporter_phone,
  }));
  return { items, total, counts };
}

export async function listDueCallbacks(...args: Parameters<typeof listDueCallbacksWithPhones>) {
  const { items, total, counts } = await listDueCallbacksWithPhones(...args);
  // The phones are for the export only (masked there).
  return { items: items.map(({ reporterPhone: _, ...item }): CallbackDueItem => item), total, counts };
}

async function dueRows(db: Db, actor: Actor, estateIds: string[], query: DueQuery, now: Date) {
  const counts = { all: 0, mine: 0, overdue: 0, retrying: 0 };
  if (estateIds.length === 0) return { list: [] as DueRow[], total: 0, counts };
  const base = dueSelect(actor, estateIds, now);
  const filters: SQL[] = [sql`true`];
  if (query.mine) filters.push(sql`d.mine`);
  if (query.overdue) filters.push(sql`d.overdue`);
  if (query.retrying) filters.push(sql`d.tries > 0`);
  const chosen = sql.join(filters, sql` and `);
  const list = await rows<DueRow>(
    db,
    sql`with d as (${base})
        select d.* from d where ${chosen}
        order by d.mine desc, d.clock_due_at asc nulls last, d.id
        limit ${query.pageSize} offset ${(query.page - 1) * query.pageSize}`,
  );
  const [c] = await rows<typeof counts & { total: number }>(
    db,
    sql`with d as (${base})
        select count(*) filter (where ${chosen})::int as total,
               count(*)::int as "all", count(*) filter (where d.mine)::int as mine,
               count(*) filter (where d.overdue)::int as overdue,
               count(*) filter (where d.tries > 0)::int as retrying
        from d`,
  );
  const { total = 0, ...tabs } = c ?? { ...counts, total: 0 };
  return { list, total, counts: tabs };
}

function toItem(r: DueRow, rules: RetryRules) {
  const awaiting = r.state === 'done' || r.state === 'confirmed';
  const plan = retryPlan(
    { count: r.tries, firstAt: r.first_try_at ? new Date(r.first_try_at) : null },
    rules,
  );
  const item: CallbackDueItem = {
    id: r.id,
    number: r.number,
    estateId: r.estate_id,
    type: r.type,
    state: r.state,
    description: r.description,
    unitLabel: r.unit_label,
    reporterName: r.reporter_name,
    ownerId: r.owner_id,
    ownerName: r.owner_name,
    completedAt: iso(r.completed_at ?? r.clock_started_at),
    chargeable: r.chargeable ?? false,
    feeFen: r.chargeable ? (r.fee_fen ?? 0) : null,
    clock:
      r.clock_started_at && r.clock_due_at
        ? {
            startedAt: iso(r.clock_started_at)!,
            dueAt: iso(r.clock_due_at)!,
            status: r.clock_status ?? 'pending',
            metAt: iso(r.clock_met_at),
          }
        : null,
    overdue: r.overdue,
    tries: awaiting ? plan.tries : 0,
    maxTries: plan.maxTries,
    lastTryAt: awaiting ? iso(r.last_try_at) : null,
    nextTryAt: awaiting ? iso(plan.nextTryAt) : null,
    closableAsUnreachable: awaiting && plan.exhausted,
    assignments: (r.assignments ?? []).map((a) => ({
      role: a.role as CallbackAssignmentRole,
      assigneeId: a.assigneeId,
      assigneeName: a.assigneeName,
      status: a.status as 'pending' | 'done',
    })),
    mine: r.mine,
  };
  return item;
}

// ---- quotas -----------------------------------------------------------------------------------------

/** Quota progress of the estates in scope for one month (their months in their own time zones). */
export async function quotaProgress(
  db: Db,
  actor: Actor,
  estateIds: string[],
  month: string,
  quotasOf: (estateId: string) => Quotas,
): Promise<Omit<CallbackQuotas, 'estateId'>> {
  const scope = estateIds.length ? estateIds : [''];
  const perRole = await rows<{
    role: string;
    assignee_id: string | null;
    name: string | null;
    assigned: number;
    done: number;
  }>(
    db,
    sql`select a.role, a.assignee_id, u.name, count(*)::int as assigned,
               count(*) filter (where a.status = 'done')::int as done
        from callback_assignments a left join users u on u.id = a.assignee_id
        where a.estate_id in ${scope} and a.month = ${month}
        group by a.role, a.assignee_id, u.name
        order by a.role, u.name nulls last`,
  );
  const [totals] = await rows<{
    completed: number;
    called: number;
    mine_assigned: number;
    mine_done: number;
  }>(
    db,
    sql`select count(distinct a.request_id)::int as completed,
               count(distinct a.request_id) filter (where exists (
                 select 1 from callbacks c where c.request_id = a.request_id and c.reached))::int as called,
               count(*) filter (where a.assignee_id = ${actor.userId})::int as mine_assigned,
               count(*) filter (where a.assignee_id = ${actor.userId} and a.status = 'done')::int as mine_done
        from callback_assignments a
        where a.estate_id in ${scope} and a.month = ${month}`,
  );
  // A quota holds per estate: what it asks of several estates is the sum of what it asks of each.
  const perEstate = await rows<{ estate_id: string; n: number }>(
    db,
    sql`select estate_id, count(distinct request_id)::int as n from callback_assignments
        where estate_id in ${scope} and month = ${month} group by estate_id`,
  );
  const completed = totals?.completed ?? 0;
  const share = (n: number) => (completed ? n / completed : null);
  const sum = (role: string, key: 'assigned' | 'done') =>
    perRole.filter((p) => p.role === role).reduce((s, p) => s + p[key], 0);

  const roles = QUOTA_ROLES.map((role: QuotaRole) => {
    // Each estate asks its own share; over several estates the quota shown is what they ask together.
    const required = perEstate.reduce((n, e) => n + requiredCallbacks(quotasOf(e.estate_id)[role], e.n), 0);
    const shares = new Set(scope.map((e) => quotasOf(e)[role]));
    const quota =
      shares.size === 1 ? [...shares][0]! : completed ? required / completed : quotasOf(scope[0]!)[role];
    const assigned = sum(role, 'assigned');
    const done = sum(role, 'done');
    return {
      role,
      quota,
      completedRepairs: completed,
      assigned,
      done,
      required,
      share: share(done),
      assignedShare: share(assigned),
      met: done >= required,
      people: perRole
        .filter((p) => p.role === role && p.assignee_id)
        .map((p) => ({ userId: p.assignee_id!, name: p.name ?? '', assigned: p.assigned, done: p.done })),
    };
  });
  const agentsAssigned = sum('cs_agent', 'assigned');
  const called = totals?.called ?? 0;
  return {
    month,
    completedRepairs: completed,
    roles,
    agents: {
      completedRepairs: completed,
      assigned: agentsAssigned,
      done: sum('cs_agent', 'done'),
      share: share(agentsAssigned),
    },
    callbackRate: { called, completed, rate: share(called), target: 1 },
    mine: { assigned: totals?.mine_assigned ?? 0, done: totals?.mine_done ?? 0 },
  };
}
