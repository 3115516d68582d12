/**
 * Callback sampling and assignment (回访抽查, seed 004). The service desk calls in here from inside its
 * own transactions:
 * - `assignCallbacksOnCompletion` from the `complete` transition: samples the repair for the quota
 *   roles that would otherwise fall behind (rules.callbackQuotas) and names who calls back;
 * - `markCallbackAssignmentsDone` from a reached callback: the caller's roles' assignments are done;
 * - `mayAddQuotaCallback` lets a sampled role still call back a repair someone else already reached.
 * Reads (the due list, quota progress) live in callbacks.repository.ts.
 */
import { QUOTA_ROLES, type QuotaRole } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import type { Actor } from '../../platform/access.ts';
import { type Db, rows } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { localParts } from '../../platform/time.ts';
import { leastLoaded, type Quotas, rolesToSample } from './callbacks.rules.ts';
import { callbackAssignments } from './callbacks.table.ts';

/** Namespace of the advisory locks that serialise one estate's completions within a month. */
const SAMPLING_LOCK = 0x0cb1;

export interface CompletedRequest {
  id: string;
  companyId: string;
  estateId: string;
  type: string;
  departmentId: string | null;
}

/** The month (YYYY-MM) an instant falls in, in a time zone. */
export function monthOf(at: Date, timeZone: string): string {
  return localParts(at, timeZone).date.slice(0, 7);
}

/**
 * Decides who calls back a repair completed now: each quota role whose share would drop below its
 * quota with this repair counted gets it (the estate's manager / the least-loaded customer-service
 * supervisor / the lead of the repair's department); a repair sampled for none goes to the agents.
 * Once per repair: a repair reopened and completed again keeps its first decision.
 */
export async function assignCallbacksOnCompletion(
  tx: Db,
  r: CompletedRequest,
  completedAt: Date,
  rules: { callbackQuotas: Quotas },
): Promise<void> {
  if (r.type !== 'repair') return;
  const [already] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from callback_assignments where request_id = ${r.id}`,
  );
  if (already && already.n > 0) return;
  const [estate] = await rows<{ time_zone: string }>(
    tx,
    sql`select time_zone from estates where id = ${r.estateId}`,
  );
  const month = monthOf(completedAt, estate?.time_zone ?? 'Asia/Shanghai');
  // Two completions at once in the same estate and month would both read the same counts and could
  // both skip a sample that is due: take turns.
  await tx.execute(
    sql`select pg_advisory_xact_lock(${SAMPLING_LOCK}, hashtext(${`${r.estateId}:${month}`}))`,
  );

  const counts = await rows<{ role: string; assignee_id: string | null; n: number }>(
    tx,
    sql`select role, assignee_id, count(*)::int as n from callback_assignments
        where estate_id = ${r.estateId} and month = ${month} group by role, assignee_id`,
  );
  const [total] = await rows<{ n: number }>(
    tx,
    sql`select count(distinct request_id)::int as n from callback_assignments
        where estate_id = ${r.estateId} and month = ${month}`,
  );
  const assignedBefore: Partial<Record<QuotaRole, number>> = {};
  const load = new Map<string, number>();
  for (const c of counts) {
    if ((QUOTA_ROLES as readonly string[]).includes(c.role))
      assignedBefore[c.role as QuotaRole] = (assignedBefore[c.role as QuotaRole] ?? 0) + c.n;
    if (c.assignee_id) load.set(c.assignee_id, (load.get(c.assignee_id) ?? 0) + c.n);
  }
  const sampled = rolesToSample(rules.callbackQuotas, total?.n ?? 0, assignedBefore);

  const people = sampled.length ? await quotaHolders(tx, r.estateId, r.departmentId) : [];
  const values = (sampled.length ? sampled : (['cs_agent'] as const)).map((role) => ({
    id: newId(completedAt.getTime()),
    companyId: r.companyId,
    estateId: r.estateId,
    requestId: r.id,
    role,
    assigneeId:
      role === 'cs_agent'
        ? null
        : leastLoaded(
            people.filter((p) => p.role === role).map((p) => p.id),
            load,
          ),
    month,
    status: 'pending',
    assignedAt: completedAt,
  }));
  await tx.insert(callbackAssignments).values(values);
}

/** Active staff of the estate holding a quota role; leads only of the repair's department. */
async function quotaHolders(tx: Db, estateId: string, departmentId: string | null) {
  return rows<{ id: string; role: QuotaRole }>(
    tx,
    sql`select u.id, r.role from users u
        join user_estates ue on ue.user_id = u.id and ue.estate_id = ${estateId}
        cross join lateral unnest(u.roles) as r(role)
        where u.active and r.role in ('manager','cs_supervisor','dept_lead')
          and (r.role <> 'dept_lead' or u.department_id = ${departmentId})`,
  );
}

/**
 * A reached callback: the assignments of every quota role the caller holds are done, and so is the
 * agents' one whoever called (every repair is called back once at least: 100%).
 */
export async function markCallbackAssignmentsDone(
  tx: Db,
  actor: Actor,
  requestId: string,
  callbackId: string,
  at: Date,
): Promise<void> {
  await tx.execute(
    sql`update callback_assignments
        set status = 'done', done_at = ${at}, done_by_id = ${actor.userId}, done_by_callback_id = ${callbackId}
        where request_id = ${requestId} and status = 'pending'
          and (role = 'cs_agent' or role = any(${`{${actor.roles.join(',')}}`}::text[]))`,
  );
}

/**
 * A repair may be sampled for several roles, but the first reached callback moves it to
 * callback_done: the other sampled roles may still record theirs until it closes.
 */
export async function mayAddQuotaCallback(tx: Db, actor: Actor, requestId: string): Promise<boolean> {
  const [row] = await rows<{ n: number }>(
    tx,
    sql`select count(*)::int as n from callback_assignments
        where request_id = ${requestId} and status = 'pending' and role <> 'cs_agent'
          and role = any(${`{${actor.roles.join(',')}}`}::text[])`,
  );
  return (row?.n ?? 0) > 0;
}
