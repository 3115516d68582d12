/**
 * KPIs through the API (spec 06 §3, contract 09 "KPIs"): each KPI's numerator and denominator on
 * complaints, repairs and paid services made up for a month of their own (January 2027, after the demo
 * history), the period and its validation, the estate scope, and the records behind a number.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { monthEnd, resolvePeriod } from './kpis.usecases.ts';

let ctx: TestContext;
let agent: Client;
let supervisor: Client;
let manager: Client;
let tech: Client;
let quality: Client;
let twAgent: Client;
let twManager: Client;
let ygh: string;
let twd: string;
const eng: Record<string, string> = {};
const cat: Record<string, string> = {};
let households: number;

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
/** Monday 2027-01-04 10:00 in Shanghai: a month with nothing of the demo history in it. */
const JAN = new Date('2027-01-04T02:00:00Z');
const PERIOD = 'from=2027-01-01&to=2027-01-31';

const made: Record<string, { id: string; number: string }> = {};

let phoneSeq = 0;
async function take(client: Client, body: Record<string, unknown>) {
  phoneSeq++;
  const res = await client.post('/api/requests', {
    channel: 'phone',
    reporter: { name: `住户${phoneSeq}`, phone: `1390001${String(phoneSeq).padStart(4, '0')}` },
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; version: number };
}

/** Runs transitions in turn (each with the version the previous one returned). */
async function steps(id: string, version: number, list: [Client, Record<string, unknown>][]) {
  let v = version;
  for (const [who, body] of list) {
    const res = await who.post(`/api/requests/${id}/transitions`, { version: v, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    v = res.body.version;
  }
  return v;
}

const COMPLETE = {
  action: 'complete',
  workDone: '已处理，住户确认',
  chargeable: false,
  residentConfirmation: { method: 'phone' },
};

/** Dispatched to the estate's engineering with 王师傅, accepted, on site and completed. */
function workThrough(id: string, version: number, estateId: string, worker = tech, desk = agent) {
  return steps(id, version, [
    [desk, { action: 'dispatch', departmentId: eng[estateId], assigneeId: worker.user!.id }],
    [worker, { action: 'accept' }],
    [worker, { action: 'arrive' }],
    [worker, COMPLETE],
  ]);
}

async function callBack(id: string, satisfaction: 'satisfied' | 'fair' = 'satisfied', reached = true) {
  const res = await supervisor.post(`/api/requests/${id}/callbacks`, {
    method: 'phone',
    reached,
    ...(reached ? { satisfaction } : {}),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

async function classAs(id: string, version: number, body: Record<string, unknown>, who = supervisor) {
  const res = await who.patch(`/api/requests/${id}/complaint`, { version, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.version as number;
}

/** Signs everyone in again (sessions end after days of the test clock). */
async function signIn() {
  [agent, supervisor, manager, tech, quality, twAgent, twManager] = (await Promise.all(
    ['agent', 'supervisor', 'manager', 'tech', 'quality', 'tw_agent', 'tw_manager'].map((u) => ctx.login(u)),
  )) as Client[] as [Client, Client, Client, Client, Client, Client, Client];
}
beforeEach(signIn);

const kpi = (body: any, key: string) => body.items.find((i: any) => i.key === key);

beforeAll(async () => {
  ctx = await createTestContext();
  ctx.clock.set(JAN);
  await signIn();
  const estates = (await quality.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  for (const e of [ygh, twd])
    eng[e] = (await quality.get(`/api/departments?estateId=${e}`)).body.items.find(
      (d: any) => d.kind === 'engineering',
    ).id;
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children)]);
  for (const c of flat((await agent.get('/api/categories')).body.items)) cat[`${c.type}:${c.code}`] = c.id;
  const [h] = await rows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from units where estate_id = ${ygh} and status in ('occupied', 'rented')`,
  );
  households = h!.n;
  const unit = async (estateId: string, i: number) =>
    (
      await rows<{ id: string }>(
        ctx.database.db,
        sql`select id from units where estate_id = ${estateId} order by id offset ${i} limit 1`,
      )
    )[0]!.id;

  // 阳光花园, January: four complaints.
  // 1. Invalid, explained, handled within the hour and called back: handled, timely, called.
  const prompt = await take(agent, {
    estateId: ygh,
    unitId: await unit(ygh, 1),
    type: 'complaint',
    categoryId: cat['complaint:parking'],
    description: '地库车位被占，要求管理处处理',
  });
  ctx.clock.advanceMinutes(20);
  let v = await classAs(prompt.id, prompt.version, {
    validity: 'invalid',
    validityNote: '该车位为业主私家车位，已向业主说明由其自行协商',
  });
  await workThrough(prompt.id, v, ygh);
  await callBack(prompt.id);
  made.prompt = prompt;

  // 2. Effective, contacted in time, but completed three days later: its 2-day resolve clock is missed.
  ctx.clock.advanceMinutes(30);
  const late = await take(agent, {
    estateId: ygh,
    unitId: await unit(ygh, 2),
    type: 'complaint',
    categoryId: cat['complaint:service_attitude'],
    description: '维修师傅上门态度恶劣',
  });
  ctx.clock.advanceMinutes(15);
  v = await classAs(late.id, late.version, { validity: 'effective' });
  ctx.clock.advanceMinutes(30);
  v = await classAs(late.id, v, {
    agreedReplyAt: new Date(ctx.clock.now().getTime() + 4 * DAY).toISOString(),
  });
  ctx.clock.advanceMinutes((3 * DAY) / MIN);
  await signIn();
  await workThrough(late.id, v, ygh);
  made.late = late;

  // 3. Effective and still open.
  const open = await take(agent, {
    estateId: ygh,
    unitId: await unit(ygh, 3),
    type: 'complaint',
    categoryId: cat['complaint:hygiene'],
    description: '楼道垃圾三天没人清理',
  });
  await classAs(open.id, open.version, { validity: 'effective' });
  made.open = open;

  // 4. Taken in error and cancelled: not counted anywhere.
  const cancelled = await take(agent, {
    estateId: ygh,
    unitId: await unit(ygh, 4),
    type: 'complaint',
    description: '误录的投诉',
  });
  await steps(cancelled.id, cancelled.version, [[agent, { action: 'cancel', reason: '重复录入' }]]);
  made.cancelled = cancelled;

  // Repairs: one completed and called back, one completed and waiting.
  for (const [name, call] of [
    ['calledRepair', true],
    ['waitingRepair', false],
  ] as const) {
    const r = await take(agent, {
      estateId: ygh,
      locationText: '2栋大堂',
      type: 'repair',
      description: `大堂灯不亮（${name}）`,
    });
    await workThrough(r.id, r.version, ygh);
    if (call) await callBack(r.id);
    made[name] = r;
  }

  // Paid services: one called back satisfied, one only fairly satisfied, one reached nobody.
  for (const [name, outcome] of [
    ['paidSatisfied', 'satisfied'],
    ['paidFair', 'fair'],
    ['paidUnreached', null],
  ] as const) {
    const r = await take(agent, {
      estateId: ygh,
      unitId: await unit(ygh, 5),
      type: 'paid_service',
      description: `疏通下水道（${name}）`,
    });
    await steps(r.id, r.version, [
      [agent, { action: 'dispatch', departmentId: eng[ygh], assigneeId: tech.user!.id }],
      [tech, { action: 'accept' }],
      [tech, { action: 'arrive' }],
      [tech, { ...COMPLETE, chargeable: true, feeFen: 5000 }],
    ]);
    if (outcome) await callBack(r.id, outcome);
    else await callBack(r.id, 'satisfied', false);
    made[name] = r;
  }

  // 天物大厦, January: an effective complaint, handled and called back — never in 阳光花园's numbers.
  const tw = await take(twAgent, {
    estateId: twd,
    unitId: await unit(twd, 0),
    type: 'complaint',
    description: '空调噪音太大',
  });
  const twSupervisor = twManager;
  v = await classAs(tw.id, tw.version, { validity: 'effective' }, twSupervisor);
  v = await classAs(
    tw.id,
    v,
    { agreedReplyAt: new Date(ctx.clock.now().getTime() + DAY).toISOString() },
    twSupervisor,
  );
  const twTech = await ctx.login('tw_tech');
  await workThrough(tw.id, v, twd, twTech, twAgent);
  made.tw = tw;
});
afterAll(() => ctx.close());

describe('the complaint KPIs', () => {
  it('counts handled complaints over those received, leaving cancelled ones out', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ estateIds: [ygh], from: '2027-01-01', to: '2027-01-31' });
    expect(kpi(res.body, 'complaint_handling_rate')).toEqual({
      key: 'complaint_handling_rate',
      numerator: 2,
      denominator: 3,
      value: 2 / 3,
      target: 1,
      direction: 'min',
    });
  });

  it('counts a handled complaint called back (reached) in the callback rate', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&${PERIOD}`);
    expect(kpi(res.body, 'complaint_callback_rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
      target: 0.5,
      direction: 'min',
    });
  });

  it('does not count a complaint handled after a missed clock as timely', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&${PERIOD}`);
    expect(kpi(res.body, 'complaint_timeliness_rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
      target: 1,
    });
    const late = (await manager.get(`/api/requests/${made.late!.id}`)).body;
    expect(late.deadlines.find((d: any) => d.kind === 'complaint_resolve').status).toBe('missed');
  });

  it('measures effective complaints against the occupied households, below 2%', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&${PERIOD}`);
    expect(households).toBeGreaterThan(12);
    expect(kpi(res.body, 'effective_complaint_rate')).toEqual({
      key: 'effective_complaint_rate',
      numerator: 2,
      denominator: households,
      value: 2 / households,
      target: 0.02,
      direction: 'max',
    });
  });

  it('takes a quarter as households × 3 months, so the value stays a monthly rate', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&from=2027-01-01&to=2027-03-31`);
    expect(kpi(res.body, 'effective_complaint_rate')).toMatchObject({
      numerator: 2,
      denominator: households * 3,
    });
  });
});

describe('the other KPIs', () => {
  it('counts repairs completed in the period with a reached callback', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&${PERIOD}`);
    expect(kpi(res.body, 'repair_callback_rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
      target: 1,
    });
  });

  it('counts paid services satisfied over those reached on a callback', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&${PERIOD}`);
    expect(kpi(res.body, 'paid_service_satisfaction_rate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      value: 0.5,
      target: 0.98,
    });
  });

  it('answers surveys and fees with nothing to measure yet', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&${PERIOD}`);
    expect(kpi(res.body, 'satisfaction_rate')).toEqual({
      key: 'satisfaction_rate',
      value: null,
      target: 0.9,
      direction: 'min',
      numerator: 0,
      denominator: 0,
    });
    expect(kpi(res.body, 'fee_collection_rate')).toMatchObject({ value: null, target: 0.95, denominator: 0 });
    expect(res.body.items.map((i: any) => i.key)).toEqual([
      'satisfaction_rate',
      'complaint_callback_rate',
      'fee_collection_rate',
      'paid_service_satisfaction_rate',
      'complaint_handling_rate',
      'effective_complaint_rate',
      'repair_callback_rate',
      'complaint_timeliness_rate',
    ]);
  });

  it('gives a null value, not 0 or 100%, for an empty period', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&from=2027-03-01&to=2027-03-31`);
    for (const key of ['complaint_handling_rate', 'complaint_callback_rate', 'repair_callback_rate'])
      expect(kpi(res.body, key)).toMatchObject({ numerator: 0, denominator: 0, value: null });
    expect(kpi(res.body, 'effective_complaint_rate')).toMatchObject({ numerator: 0, value: 0 });
  });
});

describe('period and scope', () => {
  it('defaults to the current month in the estate’s time zone', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}`);
    expect(res.body).toMatchObject({ from: '2027-01-01', to: '2027-01-31' });
    expect(kpi(res.body, 'complaint_handling_rate')).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('counts nothing of January in December', async () => {
    const res = await manager.get(`/api/kpis?estateId=${ygh}&from=2026-12-01&to=2026-12-31`);
    expect(kpi(res.body, 'repair_callback_rate')).toMatchObject({ numerator: 0, denominator: 0 });
  });

  it('refuses a start after the end, or a day that does not exist, on the field', async () => {
    const reversed = await manager.get(`/api/kpis?from=2027-01-31&to=2027-01-01`);
    expect(reversed.status).toBe(400);
    expect(reversed.body.error.code).toBe('VALIDATION');
    expect(reversed.body.error.fields).toEqual({ from: '开始日期不能晚于结束日期' });
    const bad = await manager.get(`/api/kpis?from=2027-02-30`);
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['from']);
  });

  it('never counts another estate’s complaints; company roles see both together', async () => {
    const own = await twManager.get(`/api/kpis?estateId=${twd}&${PERIOD}`);
    expect(kpi(own.body, 'complaint_handling_rate')).toMatchObject({ numerator: 1, denominator: 1 });
    expect(kpi(own.body, 'effective_complaint_rate')).toMatchObject({ numerator: 1 });
    const all = await quality.get(`/api/kpis?${PERIOD}`);
    expect(new Set(all.body.estateIds)).toEqual(new Set([ygh, twd]));
    expect(kpi(all.body, 'complaint_handling_rate')).toMatchObject({ numerator: 3, denominator: 4 });
    expect(kpi(all.body, 'effective_complaint_rate').numerator).toBe(3);
    // Without an estate, a manager's numbers are their own estate's only.
    const mine = await manager.get(`/api/kpis?${PERIOD}`);
    expect(mine.body.estateIds).toEqual([ygh]);
    expect(kpi(mine.body, 'complaint_handling_rate')).toMatchObject({ numerator: 2, denominator: 3 });
  });

  it('answers 404 for an estate the caller is not assigned to, and 403 to roles that do not read KPIs', async () => {
    const foreign = await manager.get(`/api/kpis?estateId=${twd}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect((await manager.get(`/api/kpis/complaint_handling_rate/records?estateId=${twd}`)).status).toBe(404);
    expect((await agent.get(`/api/kpis?estateId=${ygh}`)).status).toBe(403);
    expect((await tech.get('/api/kpis/repair_callback_rate/records')).status).toBe(403);
    expect((await supervisor.get(`/api/kpis?estateId=${ygh}`)).status).toBe(200);
  });
});

describe('the records behind a KPI', () => {
  it('lists the denominator with the numerator marked, the ones off target first', async () => {
    const res = await supervisor.get(`/api/kpis/complaint_timeliness_rate/records?estateId=${ygh}&${PERIOD}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ key: 'complaint_timeliness_rate', total: 2, page: 1 });
    expect(res.body.items.map((r: any) => [r.number, r.inNumerator])).toEqual([
      [made.late!.number, false],
      [made.prompt!.number, true],
    ]);
    expect(res.body.items[0]).toMatchObject({
      id: made.late!.id,
      estateId: ygh,
      estateName: '阳光花园',
      type: 'complaint',
      state: 'confirmed',
      description: '维修师傅上门态度恶劣',
    });
    expect(res.body.items[0].unitLabel).toMatch(/栋-/);
    expect(res.body.items[0].completedAt).toBeTruthy();
  });

  it('lists every received complaint for the handling rate, the open one first and no cancelled one', async () => {
    const res = await supervisor.get(`/api/kpis/complaint_handling_rate/records?estateId=${ygh}&${PERIOD}`);
    expect(res.body.total).toBe(3);
    expect(res.body.items[0]).toMatchObject({ id: made.open!.id, inNumerator: false, completedAt: null });
    expect(res.body.items.map((r: any) => r.id)).not.toContain(made.cancelled!.id);
    const handled = await supervisor.get(
      `/api/kpis/complaint_handling_rate/records?estateId=${ygh}&${PERIOD}&inNumerator=true`,
    );
    expect(new Set(handled.body.items.map((r: any) => r.id))).toEqual(
      new Set([made.prompt!.id, made.late!.id]),
    );
  });

  it('puts effective complaints first for the effective complaint rate (lower is better)', async () => {
    const res = await supervisor.get(`/api/kpis/effective_complaint_rate/records?estateId=${ygh}&${PERIOD}`);
    expect(res.body.items.map((r: any) => r.inNumerator)).toEqual([true, true, false]);
  });

  it('lists the repairs completed and which were called back, paged', async () => {
    const res = await supervisor.get(
      `/api/kpis/repair_callback_rate/records?estateId=${ygh}&${PERIOD}&pageSize=1`,
    );
    expect(res.body).toMatchObject({ total: 2, pageSize: 1 });
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: made.waitingRepair!.id, inNumerator: false }),
    ]);
    const page2 = await supervisor.get(
      `/api/kpis/repair_callback_rate/records?estateId=${ygh}&${PERIOD}&pageSize=1&page=2`,
    );
    expect(page2.body.items).toEqual([
      expect.objectContaining({ id: made.calledRepair!.id, inNumerator: true }),
    ]);
  });

  it('refuses an unknown KPI on the field', async () => {
    const res = await supervisor.get('/api/kpis/happiness/records');
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['key']);
  });

  it('has no records yet for surveys', async () => {
    const res = await supervisor.get(`/api/kpis/satisfaction_rate/records?estateId=${ygh}`);
    expect(res.body).toMatchObject({ items: [], total: 0 });
  });
});

describe('the period rule', () => {
  it('takes the month of the one day given, and counts months by days', () => {
    expect(resolvePeriod({}, '2027-02-14')).toEqual({ from: '2027-02-01', to: '2027-02-28', months: 1 });
    expect(resolvePeriod({ from: '2024-02-10' }, '2027-01-01')).toMatchObject({ to: '2024-02-29' });
    expect(resolvePeriod({ to: '2026-12-15' }, '2027-01-01')).toMatchObject({ from: '2026-12-01' });
    expect(resolvePeriod({ from: '2026-01-01', to: '2026-12-31' }, '2027-01-01').months).toBe(12);
    expect(resolvePeriod({ from: '2026-11-15', to: '2026-11-21' }, '2027-01-01').months).toBe(1);
    expect(monthEnd('2026-12-03')).toBe('2026-12-31');
  });
});
