/**
 * The callback side of the demo history, so the callback page has something to show on `npm start`:
 * what each completed job recorded (work done, fee), a few unreached callback tries on the jobs still
 * waiting for a callback, and this month's repairs sampled for the quota roles the way the live system
 * samples them (modules/callbacks/callbacks.rules.ts). Deterministic, like the rest of the demo.
 */
import { type QuotaRole, SLA_DEFAULTS } from '@wuye/contracts';
import { leastLoaded, rolesToSample } from '../modules/callbacks/callbacks.rules.ts';
import type { callbackAssignments } from '../modules/callbacks/callbacks.table.ts';
import type { callbacks, requests } from '../modules/requests/requests.table.ts';
import type { EventInput } from '../platform/audit.ts';
import { newId } from '../platform/ids.ts';
import { localParts } from '../platform/time.ts';
import { type DemoUser, USERS } from './demo.data.ts';
import { Random } from './random.ts';

type RequestRow = typeof requests.$inferInsert;
type CallbackRow = typeof callbacks.$inferInsert;
type AssignmentRow = typeof callbackAssignments.$inferInsert;

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FEES_FEN = [2000, 3500, 5000, 8000, 12000];

export function demoCallbacks(o: {
  requests: RequestRow[];
  events: EventInput[];
  calls: CallbackRow[];
  userIds: Record<string, string>;
  estateKeys: Record<string, 'ygh' | 'twd'>;
  departmentKinds: Record<string, string>;
  now: Date;
  timeZone: string;
}): AssignmentRow[] {
  // A stream of its own, so the rest of the demo data stays what it was.
  const rnd = new Random(5_2026_1122);
  const completions = new Map<string, EventInput>();
  for (const e of o.events) if (e.action === 'complete') completions.set(e.entityId, e);

  // What the completion recorded (the request page and the callback list show the fee).
  for (const r of o.requests) {
    const done = completions.get(r.id!);
    if (!done) continue;
    const paid = r.type === 'paid_service';
    const chargeable = paid || (r.type === 'repair' && rnd.chance(0.25));
    const data = (done.data ?? {}) as { workDone?: string; residentConfirmation?: unknown };
    r.completion = {
      workDone: data.workDone ?? '已处理完毕',
      materials: [],
      chargeable,
      feeFen: chargeable ? rnd.pick(FEES_FEN) : 0,
      leakTestAt: null,
      photos: [],
      residentConfirmation: data.residentConfirmation ?? { method: 'signature' },
      completedAt: done.at.toISOString(),
      completedById: done.actorId ?? null,
    };
  }

  // Unreached tries on some jobs still waiting: one, two, or all three (ready to close as unreachable).
  const waiting = o.requests
    .filter(
      (r) => (r.type === 'repair' || r.type === 'paid_service') && ['done', 'confirmed'].includes(r.state!),
    )
    .sort((a, b) => a.id!.localeCompare(b.id!));
  waiting.forEach((r, i) => {
    const tries = i % 7 === 3 ? 3 : i % 4 === 1 ? 1 : i % 4 === 2 ? 2 : 0;
    const done = completions.get(r.id!);
    if (!done || tries === 0) return;
    const step = (SLA_DEFAULTS.callbackRetryWindowDays * DAY) / (SLA_DEFAULTS.callbackRetries - 1);
    for (let k = 0; k < tries; k++) {
      const at = new Date(done.at.getTime() + 2 * HOUR + k * step);
      if (at >= o.now) break;
      const byId = r.ownerId!;
      const id = newId(at.getTime());
      o.calls.push({
        id,
        companyId: r.companyId,
        estateId: r.estateId,
        requestId: r.id!,
        byId,
        at,
        method: 'phone',
        reached: false,
        comment: k === 0 ? '电话无人接听' : '关机，稍后再拨',
        problemFound: false,
      });
      o.events.push({
        companyId: r.companyId,
        estateId: r.estateId,
        entityType: 'request',
        entityId: r.id!,
        action: 'callback',
        actorId: byId,
        at,
        data: { method: 'phone', reached: false, callbackId: id },
      });
    }
  });

  // This month's repairs, sampled in the order they were completed.
  const monthOf = (at: Date) => localParts(at, o.timeZone).date.slice(0, 7);
  const month = monthOf(o.now);
  const ofMonth = o.requests
    .filter((r) => r.type === 'repair' && completions.has(r.id!))
    .map((r) => ({ r, at: completions.get(r.id!)!.at }))
    .filter((x) => monthOf(x.at) === month)
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.r.id!.localeCompare(b.r.id!));
  const state = new Map<string, { completed: number; assigned: Partial<Record<QuotaRole, number>> }>();
  const load = new Map<string, number>();
  const reached = new Map<string, CallbackRow>();
  for (const c of o.calls) if (c.reached) reached.set(c.requestId, c);
  const rows: AssignmentRow[] = [];
  for (const { r, at } of ofMonth) {
    const key = o.estateKeys[r.estateId]!;
    const s = state.get(r.estateId) ?? { completed: 0, assigned: {} };
    state.set(r.estateId, s);
    const sampled = rolesToSample(SLA_DEFAULTS.callbackQuotas, s.completed, s.assigned);
    s.completed++;
    const department = r.departmentId ? o.departmentKinds[r.departmentId] : undefined;
    const list: AssignmentRow[] = (sampled.length ? sampled : (['cs_agent'] as const)).map((role) => {
      if (role !== 'cs_agent') s.assigned[role] = (s.assigned[role] ?? 0) + 1;
      const assigneeId =
        role === 'cs_agent' ? null : leastLoaded(holders(key, role, department, o.userIds), load);
      if (assigneeId) load.set(assigneeId, (load.get(assigneeId) ?? 0) + 1);
      return {
        id: newId(at.getTime()),
        companyId: r.companyId,
        estateId: r.estateId,
        requestId: r.id!,
        role,
        assigneeId,
        month,
        status: 'pending',
        assignedAt: at,
      };
    });
    // A repair already called back was called back by one of the people sampled for it.
    const call = reached.get(r.id!);
    if (call) {
      const by =
        list.find((a) => a.role === 'dept_lead' && a.assigneeId) ??
        list.find((a) => a.role === 'cs_supervisor' && a.assigneeId) ??
        list.find((a) => a.role === 'manager' && a.assigneeId) ??
        list.find((a) => a.role === 'cs_agent');
      if (by) {
        if (by.assigneeId) {
          call.byId = by.assigneeId;
          for (const e of o.events)
            if (e.entityId === r.id && e.action === 'callback' && e.at.getTime() === call.at.getTime())
              e.actorId = by.assigneeId;
        }
        Object.assign(by, {
          status: 'done',
          doneAt: call.at,
          doneById: call.byId,
          doneByCallbackId: call.id,
        });
      }
    }
    rows.push(...list);
  }
  return rows;
}

/** The demo staff holding a quota role at an estate (leads only of the repair's department). */
function holders(
  key: 'ygh' | 'twd',
  role: QuotaRole,
  department: string | undefined,
  userIds: Record<string, string>,
): string[] {
  return USERS.filter(
    (u: DemoUser) =>
      u.estates.includes(key) &&
      u.roles.includes(role) &&
      (role !== 'dept_lead' || u.department === department),
  ).map((u) => userIds[u.username]!);
}
