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
import { DESCRIPTIONS, type DemoUser, USERS } from './demo.data.ts';
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
    // Requests that carry their own completion (the desk's demo jobs with their fees) keep it.
    if (!done || r.completion) continue;
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

  // Unreached tries on some jobs still waiting: the oldest has had all three (ready to close as
  // unreachable), others one or two, as many as the time since their completion allows.
  const waiting = o.requests
    .filter(
      (r) => (r.type === 'repair' || r.type === 'paid_service') && ['done', 'confirmed'].includes(r.state!),
    )
    .filter((r) => completions.has(r.id!))
    .sort((a, b) => completions.get(a.id!)!.at.getTime() - completions.get(b.id!)!.at.getTime());
  waiting.forEach((r, i) => {
    const tries = i === 0 ? 3 : [0, 1, 2][i % 3]!;
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

  // Every completed repair of the history, sampled in the order they were completed, month by month
  // (so the quota page shows earlier months too, and this month even on its first day).
  const monthOf = (at: Date) => localParts(at, o.timeZone).date.slice(0, 7);
  const completed = o.requests
    .filter((r) => r.type === 'repair' && completions.has(r.id!))
    .map((r) => ({ r, at: completions.get(r.id!)!.at }))
    .sort((a, b) => a.at.getTime() - b.at.getTime() || a.r.id!.localeCompare(b.r.id!));
  // Per estate and month, as the live sampling counts: completions, each role's samples, each person's load.
  type MonthState = {
    completed: number;
    assigned: Partial<Record<QuotaRole, number>>;
    load: Map<string, number>;
  };
  const state = new Map<string, MonthState>();
  const reached = new Map<string, CallbackRow>();
  for (const c of o.calls) if (c.reached) reached.set(c.requestId, c);
  const rows: AssignmentRow[] = [];
  for (const { r, at } of completed) {
    const key = o.estateKeys[r.estateId]!;
    const month = monthOf(at);
    const s: MonthState = state.get(`${r.estateId}:${month}`) ?? {
      completed: 0,
      assigned: {},
      load: new Map(),
    };
    state.set(`${r.estateId}:${month}`, s);
    const load = s.load;
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
      // Older repairs: the other sampled people called back too (the last few days' are still owed).
      if (o.now.getTime() - at.getTime() > 3 * DAY) {
        list
          .filter((a) => a !== by && a.assigneeId && a.status === 'pending')
          .forEach((a, k) => {
            const when = new Date(call.at.getTime() + (k + 1) * 40 * 60_000);
            if (when >= o.now) return;
            const extra: CallbackRow = {
              id: newId(when.getTime()),
              companyId: r.companyId,
              estateId: r.estateId,
              requestId: r.id!,
              byId: a.assigneeId!,
              at: when,
              method: a.role === 'dept_lead' ? 'visit' : 'phone',
              reached: true,
              satisfaction: rnd.chance(0.9) ? 'satisfied' : 'fair',
              stars: rnd.chance(0.8) ? 5 : 4,
              problemFound: false,
            };
            o.calls.push(extra);
            o.events.push({
              companyId: r.companyId,
              estateId: r.estateId,
              entityType: 'request',
              entityId: r.id!,
              action: 'callback',
              actorId: a.assigneeId,
              at: when,
              data: {
                method: extra.method,
                reached: true,
                satisfaction: extra.satisfaction,
                stars: extra.stars,
                callbackId: extra.id,
              },
            });
            Object.assign(a, {
              status: 'done',
              doneAt: when,
              doneById: a.assigneeId,
              doneByCallbackId: extra.id,
            });
          });
      }
    }
    rows.push(...list);
  }
  return rows;
}

/**
 * A dozen repairs finished over the last three days and waiting for their callback (some past the
 * 2-day clock), so the callback list and this month's quotas have something to show on any day.
 * Appended to the history before its clocks are derived, numbered like the rest.
 */
export function recentRepairsAwaitingCallback(o: {
  companyId: string;
  now: Date;
  timeZone: string;
  units: { id: string; estateId: string; key: 'ygh' | 'twd' }[];
  residentOf: (unitId: string) => { id: string; name: string; phone: string } | undefined;
  categoryIds: Record<string, string>;
  userIds: Record<string, string>;
  deptIds: Record<string, string>;
  counters: Map<string, number>;
  requests: RequestRow[];
  events: EventInput[];
}): void {
  const rnd = new Random(7_2026_1122);
  const codes = [
    'water_supply',
    'drainage',
    'circuit',
    'socket_switch',
    'lighting',
    'door_lock',
    'window',
    'pipe_blocked',
  ];
  // Hours before now at which each was completed; past 48 h the callback clock has run out.
  const hoursAgo = [0.5, 1.5, 3, 5, 8, 12, 18, 26, 34, 44, 52, 60, 70];
  const MIN = 60_000;
  // These were called back already (by whoever was sampled: see demoCallbacks).
  const calledBack = new Set([3, 18, 44]);
  hoursAgo.forEach((h, i) => {
    const key: 'ygh' | 'twd' = i % 6 === 5 ? 'twd' : 'ygh';
    const pool = o.units.filter((u) => u.key === key && o.residentOf(u.id));
    const unit = pool[(i * 37 + 11) % pool.length]!;
    const resident = o.residentOf(unit.id)!;
    const code = codes[i % codes.length]!;
    const completedAt = o.now.getTime() - h * HOUR;
    const receivedAt = new Date(completedAt - (150 + rnd.int(0, 90)) * MIN);
    const day = localParts(receivedAt, o.timeZone).compactDate;
    const seq = (o.counters.get(`BX:${day}`) ?? 0) + 1;
    o.counters.set(`BX:${day}`, seq);
    const agent = key === 'twd' ? 'tw_agent' : rnd.pick(['agent', 'agent2', 'supervisor']);
    const tech = key === 'twd' ? 'tw_tech' : rnd.pick(['tech', 'tech2']);
    const portal = i % 5 === 4;
    const id = newId(receivedAt.getTime());
    const departmentId = o.deptIds[`${key}:engineering`]!;
    o.requests.push({
      id,
      companyId: o.companyId,
      estateId: unit.estateId,
      number: `BX${day}${String(seq).padStart(4, '0')}`,
      type: 'repair',
      subtype: 'in_home',
      channel: 'phone',
      state: calledBack.has(h) ? 'callback_done' : portal ? 'done' : 'confirmed',
      categoryId: o.categoryIds[`repair:${code}`] ?? null,
      unitId: unit.id,
      residentId: resident.id,
      reporterName: resident.name,
      reporterPhone: resident.phone,
      description: rnd.pick(DESCRIPTIONS[code] ?? ['住户报修，已记录']),
      urgency: 'immediate',
      ownerId: o.userIds[agent]!,
      receivedById: o.userIds[agent]!,
      receivedAt,
      departmentId,
      assigneeId: o.userIds[tech]!,
      night: false,
      version: calledBack.has(h) ? 6 : 5,
      updatedAt: new Date(completedAt),
    });
    const base = { companyId: o.companyId, estateId: unit.estateId, entityType: 'request', entityId: id };
    const t0 = receivedAt.getTime();
    o.events.push(
      { ...base, action: 'created', actorId: o.userIds[agent]!, at: receivedAt },
      {
        ...base,
        action: 'dispatch',
        actorId: o.userIds[agent]!,
        at: new Date(t0 + 4 * MIN),
        data: { departmentId, assigneeId: o.userIds[tech]! },
      },
      { ...base, action: 'accept', actorId: o.userIds[tech]!, at: new Date(t0 + 7 * MIN) },
      { ...base, action: 'arrive', actorId: o.userIds[tech]!, at: new Date(t0 + 16 * MIN) },
      {
        ...base,
        action: 'complete',
        actorId: o.userIds[tech]!,
        at: new Date(completedAt),
        data: {
          workDone: rnd.pick([
            '更换配件，试用正常',
            '重新接线并检测，恢复正常',
            '疏通管道，排水顺畅',
            '调整五金件，开关顺滑',
          ]),
          residentConfirmation: { method: portal ? 'portal' : 'signature' },
        },
      },
    );
    if (calledBack.has(h))
      o.events.push({
        ...base,
        action: 'callback',
        actorId: o.userIds[agent]!,
        at: new Date(completedAt + 3 * HOUR),
        data: { method: 'phone', reached: true, satisfaction: 'satisfied', stars: 5 },
      });
  });
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
