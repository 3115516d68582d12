/**
 * The callback centre through the API: repairs sampled for the quota roles as they are completed, the
 * people they go to, done marking, quota progress, unreached retries, and who may see what.
 * The tests work in December 2026, a month the demo history has not touched.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { users } from '../auth/auth.table.ts';

let ctx: TestContext;
let agent: Client;
let tech: Client;
let manager: Client;
let supervisor: Client;
let lead: Client;
let ygh: string;
let twd: string;
let eng: string;
let cleaning: string;
let ids: Record<string, string>;
let unit: { id: string; residentId: string };

const DAY = 86_400_000;
/** 2026-12-01 00:30 in Shanghai (still 30 November in UTC): December in the estate's zone. */
const DECEMBER = new Date('2026-11-30T16:30:00Z');

async function signInAll() {
  const list = await Promise.all(
    ['agent', 'tech', 'manager', 'supervisor', 'eng_lead'].map((u) => ctx.login(u)),
  );
  [agent, tech, manager, supervisor, lead] = list as [Client, Client, Client, Client, Client];
}

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(DECEMBER);
  await signInAll();
  const admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  const depts = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items;
  eng = depts.find((d: any) => d.kind === 'engineering').id;
  cleaning = depts.find((d: any) => d.kind === 'cleaning').id;
  const people = await rows<{ username: string; id: string }>(
    ctx.database.db,
    sql`select username, id from users`,
  );
  ids = Object.fromEntries(people.map((p) => [p.username, p.id]));
  const [linked] = await rows<{ unit_id: string; resident_id: string }>(
    ctx.database.db,
    sql`select ru.unit_id, ru.resident_id from resident_units ru where ru.estate_id = ${ygh} and ru.relation = 'owner'
        order by ru.unit_id limit 1`,
  );
  unit = { id: linked!.unit_id, residentId: linked!.resident_id };
});
beforeEach(signInAll);
afterAll(() => ctx.close());

/** A repair taken, dispatched and completed; its department's lead or technician completes it. */
async function completedRepair(
  description: string,
  o: { department?: string; chargeable?: boolean } = {},
): Promise<{ id: string; version: number; number: string }> {
  const created = await agent.post('/api/requests', {
    estateId: ygh,
    unitId: unit.id,
    residentId: unit.residentId,
    channel: 'phone',
    type: 'repair',
    description,
  });
  expect(created.status).toBe(201);
  const id = created.body.id;
  const department = o.department ?? eng;
  const worker = department === eng ? tech : await ctx.login('cleaner_lead');
  const steps: [Client, Record<string, unknown>][] = [
    [
      agent,
      { action: 'dispatch', departmentId: department, assigneeId: department === eng ? ids.tech : undefined },
    ],
    [worker, { action: 'accept' }],
    [worker, { action: 'arrive' }],
    [
      worker,
      {
        action: 'complete',
        workDone: '已修好',
        chargeable: o.chargeable ?? false,
        feeFen: o.chargeable ? 3500 : undefined,
        residentConfirmation: { method: 'phone' },
      },
    ],
  ];
  let version = created.body.version as number;
  let last: any;
  for (const [client, body] of steps) {
    last = await client.post(`/api/requests/${id}/transitions`, { ...body, version });
    expect(last.status, JSON.stringify(last.body)).toBe(200);
    version = last.body.version;
  }
  return { id, version, number: last.body.number };
}

const assignmentsOf = (requestId: string) =>
  rows<{ role: string; assignee_id: string | null; month: string; status: string }>(
    ctx.database.db,
    sql`select role, assignee_id, month, status from callback_assignments where request_id = ${requestId}
        order by array_position(array['manager','cs_supervisor','dept_lead','cs_agent'], role)`,
  );

const quotas = async (client: Client = supervisor) =>
  (await client.get(`/api/callbacks/quotas?estateId=${ygh}&month=2026-12`)).body;
const role = (q: any, name: string) => q.roles.find((r: any) => r.role === name);

describe('sampling for the quotas', () => {
  const month: { id: string; number: string }[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 20; i++) {
      month.push(await completedRepair(`十二月第 ${i + 1} 单报修`));
      const q = await quotas();
      // After every completion each role holds at least its share of the month's repairs.
      for (const r of q.roles) expect(r.assignedShare).toBeGreaterThanOrEqual(r.quota);
    }
  }, 120_000);

  it('samples 20 repairs of a month for the manager, the supervisor and the lead: at least 2, 6 and 12', async () => {
    const q = await quotas();
    expect(q.month).toBe('2026-12');
    expect(q.completedRepairs).toBe(20);
    expect(q.roles.map((r: any) => [r.role, r.quota, r.assigned, r.required])).toEqual([
      ['manager', 0.1, 2, 2],
      ['cs_supervisor', 0.3, 6, 6],
      ['dept_lead', 0.6, 12, 12],
    ]);
    // The rest is the agents' (every repair is called back: 100%).
    const sampled = new Set<string>();
    for (const r of month)
      if ((await assignmentsOf(r.id)).some((a) => a.role !== 'cs_agent')) sampled.add(r.id);
    expect(q.agents.assigned).toBe(20 - sampled.size);
  });

  it('decides by the month’s history, not by chance: the first and the eleventh go to the manager', async () => {
    const byPosition = await Promise.all(month.map((r) => assignmentsOf(r.id)));
    const positions = (name: string) =>
      byPosition.flatMap((list, i) => (list.some((a) => a.role === name) ? [i + 1] : []));
    expect(positions('manager')).toEqual([1, 11]);
    expect(positions('cs_supervisor')).toEqual([1, 4, 7, 11, 14, 17]);
    expect(byPosition[0]!.map((a) => a.role)).toEqual(['manager', 'cs_supervisor', 'dept_lead']);
    // Completed at 00:30 on 1 December Shanghai time (30 November in UTC): December's.
    expect(byPosition[0]![0]!.month).toBe('2026-12');
  });

  it('assigns to the estate’s manager, the supervisor and the lead of the repair’s department; the agents’ pool to nobody in particular', async () => {
    const list = await assignmentsOf(month[0]!.id);
    expect(list).toEqual([
      { role: 'manager', assignee_id: ids.manager, month: '2026-12', status: 'pending' },
      { role: 'cs_supervisor', assignee_id: ids.supervisor, month: '2026-12', status: 'pending' },
      { role: 'dept_lead', assignee_id: ids.eng_lead, month: '2026-12', status: 'pending' },
    ]);
    const agents = (await Promise.all(month.map((r) => assignmentsOf(r.id)))).find(
      (l) => l[0]?.role === 'cs_agent',
    );
    expect(agents).toEqual([{ role: 'cs_agent', assignee_id: null, month: '2026-12', status: 'pending' }]);
  });

  it('gives a cleaning repair’s lead callback to the cleaning lead', async () => {
    // Pick a month position where the lead is sampled: lead share is 12/20 now, the 21st needs 13.
    const r = await completedRepair('保洁部处理的报修', { department: cleaning });
    const list = await assignmentsOf(r.id);
    expect(list.find((a) => a.role === 'dept_lead')).toMatchObject({ assignee_id: ids.cleaner_lead });
  });
});

describe('several supervisors', () => {
  it('share the supervisor’s sampled callbacks, least-loaded first', async () => {
    const { db } = ctx.database;
    const [someone] = await db.select().from(users).limit(1);
    const second = newId();
    await db.insert(users).values({
      id: second,
      companyId: someone!.companyId,
      username: 'supervisor2',
      name: '周副主管',
      passwordHash: someone!.passwordHash,
      roles: ['cs_supervisor'],
      createdAt: ctx.clock.now(),
    });
    await ctx.database.db.execute(
      sql`insert into user_estates (user_id, estate_id, company_id) values (${second}, ${ygh}, ${someone!.companyId})`,
    );
    // Move to January: a fresh month, so the two start even.
    ctx.clock.set(new Date('2027-01-04T02:00:00Z'));
    await signInAll();
    const got: (string | null)[] = [];
    for (let i = 0; i < 8; i++) {
      const r = await completedRepair(`一月报修 ${i}`);
      const sup = (await assignmentsOf(r.id)).find((a) => a.role === 'cs_supervisor');
      if (sup) got.push(sup.assignee_id);
    }
    // 8 repairs need ⌈0.3 × 8⌉ = 3 supervisor callbacks, spread over both.
    expect(got).toHaveLength(3);
    expect(new Set(got)).toEqual(new Set([ids.supervisor, second]));
    ctx.clock.set(DECEMBER);
  }, 60_000);
});

describe('calling back', () => {
  beforeAll(() => ctx.clock.set(new Date('2027-02-01T02:00:00Z')));

  it('marks the sampled role’s assignment done, lets the other sampled roles add theirs, and moves the progress', async () => {
    await signInAll();
    // The first repair of February is sampled for all three roles.
    const r = await completedRepair('二月首单：三方抽查');
    expect((await assignmentsOf(r.id)).map((a) => a.role)).toEqual(['manager', 'cs_supervisor', 'dept_lead']);
    const before = (await supervisor.get(`/api/callbacks/quotas?estateId=${ygh}&month=2027-02`)).body;
    expect(role(before, 'cs_supervisor')).toMatchObject({ assigned: 1, done: 0, met: false });

    // The supervisor finds it among theirs, and theirs come first in the whole list.
    const mine = (await supervisor.get(`/api/callbacks/due?estateId=${ygh}&mine=true&pageSize=200`)).body;
    expect(mine.items.find((i: any) => i.id === r.id)).toMatchObject({ mine: true });
    expect(mine.items.every((i: any) => i.mine)).toBe(true);
    const all = (await supervisor.get(`/api/callbacks/due?estateId=${ygh}&pageSize=200`)).body;
    const flags = all.items.map((i: any) => i.mine);
    expect(flags).toEqual([...flags].sort((a: boolean, b: boolean) => Number(b) - Number(a)));
    expect(flags.filter(Boolean)).toHaveLength(mine.counts.mine);

    const first = await supervisor.post(`/api/requests/${r.id}/callbacks`, {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
      stars: 5,
    });
    expect(first.status).toBe(201);
    expect(first.body.state).toBe('callback_done');
    expect((await assignmentsOf(r.id)).map((a) => [a.role, a.status])).toEqual([
      ['manager', 'pending'],
      ['cs_supervisor', 'done'],
      ['dept_lead', 'pending'],
    ]);

    // An agent may not call back a request already called back…
    const extra = await agent.post(`/api/requests/${r.id}/callbacks`, {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
    });
    expect(extra.status).toBe(422);
    // …but the lead sampled for it still may, and it stays called back.
    const second = await lead.post(`/api/requests/${r.id}/callbacks`, {
      method: 'visit',
      reached: true,
      satisfaction: 'fair',
    });
    expect(second.status).toBe(201);
    expect(second.body.state).toBe('callback_done');
    expect(second.body.callbacks).toHaveLength(2);

    const after = (await manager.get(`/api/callbacks/quotas?estateId=${ygh}&month=2027-02`)).body;
    expect(role(after, 'cs_supervisor')).toMatchObject({
      assigned: 1,
      done: 1,
      required: 1,
      share: 1,
      met: true,
    });
    expect(role(after, 'dept_lead')).toMatchObject({ done: 1, met: true });
    expect(role(after, 'manager')).toMatchObject({ assigned: 1, done: 0, met: false });
    expect(role(after, 'manager').people).toEqual([
      { userId: ids.manager, name: '钱主任', assigned: 1, done: 0 },
    ]);
    expect(after.callbackRate).toEqual({ called: 1, completed: 1, rate: 1, target: 1 });
    expect(after.mine).toEqual({ assigned: 1, done: 0 });

    // The manager still owes theirs: it is in their list, not in the agents'.
    const managers = (await manager.get(`/api/callbacks/due?estateId=${ygh}&mine=true`)).body.items;
    expect(managers.map((i: any) => i.id)).toContain(r.id);
    const agents = (await agent.get(`/api/callbacks/due?estateId=${ygh}&pageSize=200`)).body.items;
    expect(agents.find((i: any) => i.id === r.id)).toMatchObject({ state: 'callback_done', mine: false });
  });

  it('lets any reached callback satisfy the agents’ share of a repair sampled for no one', async () => {
    let r: { id: string } | undefined;
    for (let i = 0; i < 5 && !r; i++) {
      const c = await completedRepair(`二月报修 ${i}`);
      if ((await assignmentsOf(c.id))[0]?.role === 'cs_agent') r = c;
    }
    expect(r).toBeDefined();
    const due = (await agent.get(`/api/callbacks/due?estateId=${ygh}&mine=true`)).body.items;
    expect(due.find((i: any) => i.id === r!.id)).toMatchObject({
      mine: true,
      assignments: [{ role: 'cs_agent', assigneeId: null, status: 'pending' }],
    });
    const steward = await ctx.login('steward');
    await steward.post(`/api/requests/${r!.id}/callbacks`, {
      method: 'visit',
      reached: true,
      satisfaction: 'satisfied',
    });
    expect((await assignmentsOf(r!.id))[0]).toMatchObject({ role: 'cs_agent', status: 'done' });
  });
});

describe('the due list', () => {
  beforeAll(() => ctx.clock.set(new Date('2027-03-01T02:00:00Z')));

  it('shows each waiting callback with the completion, the fee, the clock and the tries', async () => {
    await signInAll();
    const r = await completedRepair('三月收费维修', { chargeable: true });
    const list = (await agent.get(`/api/callbacks/due?estateId=${ygh}&pageSize=200`)).body;
    const item = list.items.find((i: any) => i.id === r.id);
    expect(item).toMatchObject({
      number: r.number,
      estateId: ygh,
      type: 'repair',
      state: 'confirmed',
      completedAt: '2027-03-01T02:00:00.000Z',
      chargeable: true,
      feeFen: 3500,
      overdue: false,
      tries: 0,
      maxTries: 3,
      nextTryAt: null,
      closableAsUnreachable: false,
      unitLabel: expect.stringMatching(/^\d栋-\d+$/),
    });
    expect(item.clock).toMatchObject({
      startedAt: '2027-03-01T02:00:00.000Z',
      dueAt: '2027-03-03T02:00:00.000Z',
    });
    expect(list.total).toBe(list.counts.all);
  });

  it('moves a callback past its clock to the overdue tab', async () => {
    const r = await completedRepair('三月超时回访');
    ctx.clock.advanceMinutes(2 * 24 * 60 + 1);
    await signInAll();
    const overdue = (await supervisor.get(`/api/callbacks/due?estateId=${ygh}&overdue=true&pageSize=200`))
      .body;
    expect(overdue.items.map((i: any) => i.id)).toContain(r.id);
    expect(overdue.items.every((i: any) => i.overdue)).toBe(true);
    expect(overdue.total).toBe(overdue.counts.overdue);
  });

  it('spreads three unreached tries over two days, then offers closing as unreachable (not satisfied)', async () => {
    const r = await completedRepair('三月联系不上');
    const item = async () =>
      (await agent.get(`/api/callbacks/due?estateId=${ygh}&retrying=true&pageSize=200`)).body.items.find(
        (i: any) => i.id === r.id,
      );
    const first = ctx.clock.now().getTime();
    await agent.post(`/api/requests/${r.id}/callbacks`, { method: 'phone', reached: false });
    expect(await item()).toMatchObject({
      tries: 1,
      nextTryAt: new Date(first + DAY).toISOString(),
      closableAsUnreachable: false,
    });
    ctx.clock.advanceMinutes(24 * 60);
    await signInAll();
    await agent.post(`/api/requests/${r.id}/callbacks`, { method: 'phone', reached: false });
    expect(await item()).toMatchObject({ tries: 2, nextTryAt: new Date(first + 2 * DAY).toISOString() });
    ctx.clock.advanceMinutes(24 * 60);
    await signInAll();
    await agent.post(`/api/requests/${r.id}/callbacks`, { method: 'phone', reached: false });
    expect(await item()).toMatchObject({ tries: 3, nextTryAt: null, closableAsUnreachable: true });

    const closed = await agent.post(`/api/requests/${r.id}/transitions`, {
      action: 'close',
      version: r.version + 3,
    });
    expect(closed.status).toBe(200);
    expect(closed.body.events.at(-1).data.unreachable).toBe(true);
    // Not called back: no assignment done, and the callback rate does not count it.
    expect((await assignmentsOf(r.id)).every((a) => a.status === 'pending')).toBe(true);
    const q = (await supervisor.get(`/api/callbacks/quotas?estateId=${ygh}&month=2027-03`)).body;
    expect(q.callbackRate.called).toBeLessThan(q.callbackRate.completed);
    expect(
      (await agent.get(`/api/callbacks/due?estateId=${ygh}&pageSize=200`)).body.items.map((i: any) => i.id),
    ).not.toContain(r.id);

    // Reopened and completed again, the repair needs tries of its own before it closes as unreachable.
    const reopened = await agent.post(`/api/requests/${r.id}/transitions`, {
      action: 'reopen',
      version: closed.body.version,
      reason: '业主来电说还是漏水',
    });
    expect(reopened.body.state).toBe('dispatched');
    let v = reopened.body.version;
    for (const body of [
      { action: 'accept' },
      { action: 'arrive' },
      {
        action: 'complete',
        workDone: '返修完成',
        chargeable: false,
        residentConfirmation: { method: 'phone' },
      },
    ]) {
      const res = await tech.post(`/api/requests/${r.id}/transitions`, { ...body, version: v });
      v = res.body.version;
    }
    const again = await agent.post(`/api/requests/${r.id}/transitions`, { action: 'close', version: v });
    expect(again.status).toBe(422);
    expect(again.body.error.code).toBe('RULE_VIOLATION');
  });
});

describe('completions at the same moment', () => {
  it('sample as if they came one after another (no two skip the same due sample)', async () => {
    ctx.clock.set(new Date('2027-04-01T02:00:00Z'));
    await signInAll();
    // Ten repairs on site, then all ten completed at once.
    const onSite: { id: string; version: number }[] = [];
    for (let i = 0; i < 10; i++) {
      const created = (
        await agent.post('/api/requests', {
          estateId: ygh,
          locationText: `${i + 1}栋地库`,
          channel: 'patrol',
          type: 'repair',
          description: `四月并发完工 ${i}`,
        })
      ).body;
      let version = created.version;
      for (const [client, body] of [
        [agent, { action: 'dispatch', departmentId: eng, assigneeId: ids.tech }],
        [tech, { action: 'accept' }],
        [tech, { action: 'arrive' }],
      ] as const) {
        version = (await client.post(`/api/requests/${created.id}/transitions`, { ...body, version })).body
          .version;
      }
      onSite.push({ id: created.id, version });
    }
    const done = await Promise.all(
      onSite.map((r) =>
        tech.post(`/api/requests/${r.id}/transitions`, {
          action: 'complete',
          version: r.version,
          workDone: '已修好',
          chargeable: false,
          residentConfirmation: { method: 'phone' },
        }),
      ),
    );
    expect(done.map((d) => d.status)).toEqual(Array(10).fill(200));
    const q = (await supervisor.get(`/api/callbacks/quotas?estateId=${ygh}&month=2027-04`)).body;
    expect(q.completedRepairs).toBe(10);
    expect(q.roles.map((r: any) => [r.role, r.assigned])).toEqual([
      ['manager', 1],
      ['cs_supervisor', 3],
      ['dept_lead', 6],
    ]);
  }, 60_000);

  it('adds up each estate’s quota when the progress covers several estates', async () => {
    const twAgent = await ctx.login('tw_agent');
    const twTech = await ctx.login('tw_tech');
    const twEng = (await twAgent.get(`/api/departments?estateId=${twd}`)).body.items.find(
      (d: any) => d.kind === 'engineering',
    ).id;
    const r = (
      await twAgent.post('/api/requests', {
        estateId: twd,
        locationText: 'A座大堂',
        channel: 'patrol',
        type: 'repair',
        description: '大堂旋转门异响',
      })
    ).body;
    let version = r.version;
    for (const [client, body] of [
      [twAgent, { action: 'dispatch', departmentId: twEng }],
      [twTech, { action: 'accept' }],
      [twTech, { action: 'arrive' }],
      [
        twTech,
        {
          action: 'complete',
          workDone: '加润滑油',
          chargeable: false,
          residentConfirmation: { method: 'phone' },
        },
      ],
    ] as const)
      version = (await client.post(`/api/requests/${r.id}/transitions`, { ...body, version })).body.version;
    const admin = await ctx.login('admin');
    const q = (await admin.get('/api/callbacks/quotas?month=2027-04')).body;
    expect(q).toMatchObject({ estateId: null, completedRepairs: 11 });
    // 阳光花园 ⌈10% × 10⌉ + 天物大厦 ⌈10% × 1⌉, not ⌈10% × 11⌉.
    expect(role(q, 'manager')).toMatchObject({ assigned: 2, required: 2 });
    expect(
      role(q, 'manager')
        .people.map((p: any) => p.name)
        .sort(),
    ).toEqual(['钱主任', '韩经理'].sort());
  });
});

describe('an estate’s own quotas', () => {
  it('samples and measures by the shares the estate set in its clock settings', async () => {
    ctx.clock.set(new Date('2027-06-01T02:00:00Z'));
    await signInAll();
    const current = (await manager.get(`/api/estates/${ygh}/sla-settings`)).body;
    const saved = await manager.put(`/api/estates/${ygh}/sla-settings`, {
      settings: { ...current.settings, callbackQuotas: { manager: 0.5, cs_supervisor: 0.3, dept_lead: 0.6 } },
      version: current.version,
    });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    for (let i = 0; i < 4; i++) await completedRepair(`六月第 ${i + 1} 单报修`);
    const q = (await supervisor.get(`/api/callbacks/quotas?estateId=${ygh}&month=2027-06`)).body;
    expect(role(q, 'manager')).toMatchObject({ quota: 0.5, assigned: 2, required: 2 });
    expect(role(q, 'cs_supervisor')).toMatchObject({ quota: 0.3, required: 2 });
    await manager.delete(`/api/estates/${ygh}/sla-settings?version=${saved.body.version}`);
  }, 60_000);
});

describe('bad input and scoping', () => {
  it('refuses a malformed month or flag with field messages in Chinese and English, changing nothing', async () => {
    const zh = await supervisor.get(`/api/callbacks/quotas?estateId=${ygh}&month=2026-13`);
    expect(zh.status).toBe(400);
    expect(zh.body.error).toMatchObject({
      code: 'VALIDATION',
      fields: { month: '月份格式应为 YYYY-MM，如 2026-11' },
    });
    const en = await supervisor.get(`/api/callbacks/quotas?month=26-1`, { 'accept-language': 'en' });
    expect(en.body.error.fields).toEqual({ month: 'A month is YYYY-MM, e.g. 2026-11' });
    const flag = await supervisor.get('/api/callbacks/due?mine=yes');
    expect(flag.status).toBe(400);
    expect(flag.body.error.fields.mine).toContain('true');
  });

  it('answers 404 for another estate and lists only the caller’s estates', async () => {
    const tw = await ctx.login('tw_agent');
    expect((await tw.get(`/api/callbacks/due?estateId=${ygh}&pageSize=200`)).status).toBe(404);
    expect((await tw.get(`/api/callbacks/quotas?estateId=${ygh}`)).status).toBe(404);
    const theirs = (await tw.get('/api/callbacks/due?pageSize=200')).body.items;
    expect(theirs.every((i: any) => i.estateId === twd)).toBe(true);
    const mine = (await agent.get('/api/callbacks/due?pageSize=200')).body.items;
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((i: any) => i.estateId === ygh)).toBe(true);
  });

  it('keeps roles without callbacks out (technician, cashier 403); quality reads the quotas', async () => {
    expect((await tech.get('/api/callbacks/due')).status).toBe(403);
    expect((await tech.get('/api/callbacks/quotas')).status).toBe(403);
    const cashier = await ctx.login('cashier');
    expect((await cashier.get('/api/callbacks/due')).status).toBe(403);
    const quality = await ctx.login('quality');
    expect((await quality.get('/api/callbacks/due')).status).toBe(403);
    const q = await quality.get(`/api/callbacks/quotas?estateId=${ygh}&month=2026-12`);
    expect(q.status).toBe(200);
    expect(q.body.completedRepairs).toBeGreaterThanOrEqual(20);
  });

  it('defaults to this month in the estate’s time zone', async () => {
    ctx.clock.set(DECEMBER);
    await signInAll();
    expect((await supervisor.get(`/api/callbacks/quotas?estateId=${ygh}`)).body.month).toBe('2026-12');
  });
});
