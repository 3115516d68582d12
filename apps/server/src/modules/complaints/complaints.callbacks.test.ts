/**
 * After a complaint is handled (seed 004 第四十二条): the company complaint centre's own callback, owed
 * even once the estate has closed it, and the second complaint a dissatisfied callback opens.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { users } from '../auth/auth.table.ts';
import { companies } from '../organisation/organisation.table.ts';

let ctx: TestContext;
let agent: Client;
let supervisor: Client;
let tech: Client;
/** 赵总: gm and hq_cs, the company complaint centre. */
let hq: Client;
let ygh: string;
let eng: string;
let category: string;
let units: { id: string }[];

beforeEach(async () => {
  [agent, supervisor, tech, hq] = (await Promise.all(
    ['agent', 'supervisor', 'tech', 'admin'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client];
});

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = await ctx.login('admin');
  const a = await ctx.login('agent');
  ygh = (await admin.get('/api/estates')).body.items.find((e: any) => e.name === '阳光花园').id;
  eng = (await a.get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children)]);
  category = flat((await a.get('/api/categories')).body.items).find(
    (c: any) => c.type === 'complaint' && c.code === 'hygiene',
  ).id;
  units = await rows<{ id: string }>(
    ctx.database.db,
    sql`select id from units where estate_id = ${ygh} order by id limit 10`,
  );
  // The demo's complaint history is not what these tests count.
  await ctx.database.db.execute(sql`update requests set state = 'cancelled' where type = 'complaint'`);
});
afterAll(() => ctx.close());

let seq = 0;
/** A complaint taken, dispatched and completed by the technician (handled); closed when asked. */
async function handledComplaint(description: string, close = true) {
  seq++;
  const res = await agent.post('/api/requests', {
    estateId: ygh,
    unitId: units[seq % units.length]!.id,
    reporter: { name: `回访住户${seq}`, phone: `1371111${String(seq).padStart(4, '0')}` },
    channel: 'phone',
    type: 'complaint',
    categoryId: category,
    description,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const id: string = res.body.id;
  let v: number = res.body.version;
  const step = async (who: Client, body: Record<string, unknown>) => {
    const r = await who.post(`/api/requests/${id}/transitions`, { version: v, ...body });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    v = r.body.version;
    return r.body;
  };
  await step(agent, { action: 'dispatch', departmentId: eng, assigneeId: tech.user!.id });
  await step(tech, { action: 'accept' });
  await step(tech, { action: 'arrive' });
  await step(tech, { action: 'start' });
  let last = await step(tech, {
    action: 'complete',
    workDone: '已清理并消毒',
    chargeable: false,
    residentConfirmation: { method: 'phone' },
  });
  if (close)
    last = await step(agent, {
      action: 'close',
      resultGiven: { method: 'oral', text: '已处理并电话告知业主' },
    });
  return last;
}

const dueList = async (who: Client, status = 'due') =>
  who.get(`/api/complaints/company-callbacks?estateId=${ygh}&status=${status}`);

describe('the company-level callback', () => {
  it('is owed for a handled complaint even once closed, made by the company centre only, once', async () => {
    const c = await handledComplaint('楼道垃圾三天没人清理，气味很大');
    expect(c.state).toBe('closed');
    expect(c.complaint.companyCallback).toBeNull();

    const due = await dueList(hq);
    expect(due.status).toBe(200);
    const item = due.body.items.find((i: any) => i.id === c.id);
    expect(item).toMatchObject({
      number: c.number,
      estateName: '阳光花园',
      state: 'closed',
      resultText: '已处理并电话告知业主',
      tries: 0,
      companyCallback: null,
    });
    const dueBefore = due.body.counts.due;

    // The estate's agent cannot call back a closed complaint; the company centre can.
    const byAgent = await agent.post(`/api/requests/${c.id}/callbacks`, { method: 'phone', reached: false });
    expect(byAgent.status).toBe(422);
    expect(byAgent.body.error.code).toBe('INVALID_TRANSITION');

    const missed = await hq.post(`/api/requests/${c.id}/callbacks`, { method: 'phone', reached: false });
    expect(missed.status, JSON.stringify(missed.body)).toBe(201);
    expect(missed.body.state).toBe('closed');
    expect(missed.body.complaint.companyCallback).toBeNull();
    const retry = (await dueList(hq)).body.items.find((i: any) => i.id === c.id);
    expect(retry.tries).toBe(1);
    expect(retry.lastTryAt).toBeTruthy();

    ctx.clock.advanceMinutes(90);
    const reached = await hq.post(`/api/requests/${c.id}/callbacks`, {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
      stars: 5,
      comment: '保洁已经按时清理了，满意',
    });
    expect(reached.status, JSON.stringify(reached.body)).toBe(201);
    expect(reached.body.state).toBe('closed');
    expect(reached.body.version).toBe(missed.body.version + 1);
    expect(reached.body.complaint.companyCallback).toMatchObject({ byName: '赵总' });
    expect(reached.body.callbacks.filter((k: any) => k.reached)).toHaveLength(1);
    const event = reached.body.events.find((e: any) => e.action === 'callback' && e.data.reached === true);
    expect(event.data.level).toBe('company');

    const after = await dueList(hq);
    expect(after.body.items.some((i: any) => i.id === c.id)).toBe(false);
    expect(after.body.counts.due).toBe(dueBefore - 1);
    const done = (await dueList(hq, 'done')).body.items.find((i: any) => i.id === c.id);
    expect(done.companyCallback).toMatchObject({
      byName: '赵总',
      satisfaction: 'satisfied',
      comment: '保洁已经按时清理了，满意',
    });

    // Made once: a second try on the closed complaint is refused and nothing changes.
    const again = await hq.post(`/api/requests/${c.id}/callbacks`, { method: 'phone', reached: false });
    expect(again.status).toBe(422);
    expect((await hq.get(`/api/requests/${c.id}`)).body.version).toBe(reached.body.version);
  });

  it('does not list complaints still being handled, and is for company roles of this company only', async () => {
    const open = await agent.post('/api/requests', {
      estateId: ygh,
      unitId: units[0]!.id,
      reporter: { name: '未处理住户', phone: '13722220000' },
      channel: 'phone',
      type: 'complaint',
      categoryId: category,
      description: '电梯里有人吸烟，烟味很重',
    });
    const handled = await handledComplaint('地下车库灯坏了一排，晚上很黑', false);
    expect(handled.state).toBe('confirmed');
    const ids = (await dueList(hq)).body.items.map((i: any) => i.id);
    expect(ids).toContain(handled.id);
    expect(ids).not.toContain(open.body.id);

    expect((await dueList(supervisor)).status).toBe(403);
    expect((await dueList(agent)).status).toBe(403);

    const other = await otherCompanyCentre();
    const theirs = await other.get('/api/complaints/company-callbacks');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items).toEqual([]);
    expect(theirs.body.counts).toEqual({ due: 0, done: 0 });
    // Nor may they call back this company's complaint.
    const cross = await other.post(`/api/requests/${handled.id}/callbacks`, {
      method: 'phone',
      reached: false,
    });
    expect(cross.status).toBe(404);
  });
});

describe('a dissatisfied callback of a complaint', () => {
  it('opens a second complaint of the same issue: important, linked, on the complaint clocks', async () => {
    const first = await handledComplaint('小区健身器材损坏一个月没人修，孩子差点受伤', false);
    ctx.clock.advanceMinutes(6 * 60);
    const res = await hq.post(`/api/requests/${first.id}/callbacks`, {
      method: 'phone',
      reached: true,
      satisfaction: 'dissatisfied',
      comment: '只是贴了个警示条，器材还是坏的',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.state).toBe('callback_done');
    const reworkId = res.body.callbacks.find((k: any) => k.reached).reworkRequestId;
    expect(reworkId).toBeTruthy();
    const second = (await supervisor.get(`/api/requests/${reworkId}`)).body;
    expect(second.type).toBe('complaint');
    expect(second.number).toMatch(/^TS/);
    expect(second.reworkOf).toBe(first.id);
    expect(second.description).toContain('只是贴了个警示条');
    expect(second.complaint).toMatchObject({
      grade: 'important',
      linkedRequestIds: [first.id],
    });
    expect(second.complaint.gradeHistory.at(-1)).toMatchObject({ rule: 'important.re_complaint' });
    const kinds = second.deadlines
      .filter((d: any) => d.status === 'pending')
      .map((d: any) => d.kind)
      .sort();
    expect(kinds).toEqual(['complaint_report', 'complaint_resolve', 'rework']);
    // The first complaint was called back by the company: no longer owed.
    expect(res.body.complaint.companyCallback).not.toBeNull();
  });
});

async function otherCompanyCentre(): Promise<Client> {
  const { db } = ctx.database;
  const companyId = newId();
  await db
    .insert(companies)
    .values({ id: companyId, name: '别家物业', code: 'OTHER2', createdAt: ctx.clock.now() });
  await db.insert(users).values({
    id: newId(),
    companyId,
    username: 'other_centre',
    name: '别家客服中心',
    passwordHash: await hashPassword('other-pass-1'),
    roles: ['hq_cs'],
    createdAt: ctx.clock.now(),
  });
  return ctx.login('other_centre', 'other-pass-1');
}
