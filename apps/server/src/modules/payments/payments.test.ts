/** Repair fees through the API: collected on site or at the office, confirmed once by the cashier. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { prepareDatabase } from '../../bootstrap.ts';
import { AdjustableClock } from '../../platform/clock.ts';
import { rows } from '../../platform/db.ts';
import {
  type Client,
  createTestContext,
  openEmptyTestDatabase,
  type TestContext,
} from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let tech: Client;
let tech2: Client;
let lead: Client;
let cashier: Client;
let manager: Client;
let twManager: Client;
let ygh: string;
let twd: string;
let eng: string;
let techId: string;
let unit: { id: string; residentId: string };

async function signInAll() {
  [agent, tech, tech2, lead, cashier, manager, twManager] = (await Promise.all(
    ['agent', 'tech', 'tech2', 'eng_lead', 'cashier', 'manager', 'tw_manager'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client, Client, Client, Client];
}

beforeEach(signInAll);

beforeAll(async () => {
  ctx = await createTestContext();
  await signInAll();
  techId = tech.user!.id;
  const admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  eng = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  const [u] = await rows<{ unit_id: string; resident_id: string }>(
    ctx.database.db,
    sql`select ru.unit_id, ru.resident_id from resident_units ru where ru.estate_id = ${ygh} and ru.relation = 'owner' order by ru.unit_id limit 1`,
  );
  unit = { id: u!.unit_id, residentId: u!.resident_id };
});
afterAll(() => ctx.close());

async function act(client: Client, id: string, body: Record<string, unknown>) {
  const current = await client.get(`/api/requests/${id}`);
  const res = await client.post(`/api/requests/${id}/transitions`, {
    version: current.body.version,
    ...body,
  });
  expect(res.status).toBe(200);
  return res.body;
}

/** A repair dispatched to 王师傅 and worked up to (not including) completion. */
async function aRepairOnSite(description: string) {
  const created = await agent.post('/api/requests', {
    estateId: ygh,
    unitId: unit.id,
    residentId: unit.residentId,
    channel: 'phone',
    type: 'repair',
    description,
  });
  const id = created.body.id as string;
  await act(agent, id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
  await act(tech, id, { action: 'accept' });
  await act(tech, id, { action: 'arrive' });
  return id;
}

/** A completed chargeable repair (the resident confirmed by phone). */
async function aCompletedChargeableRepair(feeFen = 3500, description = '更换厨房角阀') {
  const id = await aRepairOnSite(description);
  await act(tech, id, {
    action: 'complete',
    workDone: '更换角阀一个，试水不漏',
    chargeable: true,
    feeFen,
    residentConfirmation: { method: 'phone', note: '业主电话确认' },
  });
  return id;
}

const paymentCount = async (requestId: string) =>
  (
    await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from request_payments where request_id = ${requestId}`,
    )
  )[0]!.n;

describe('a fee collected on site and confirmed by the cashier', () => {
  it('records the technician’s cash, lists it for the cashier, confirms it once, all on the timeline', async () => {
    const id = await aCompletedChargeableRepair(3500);
    const due = (await tech.get('/api/payments/uncollected')).body.items.map((i: any) => i.id);
    expect(due).toContain(id);

    const collected = await tech.post(`/api/requests/${id}/payments`, {
      amountFen: 3500,
      method: 'technician_cash',
    });
    expect(collected.status).toBe(201);
    expect(collected.body.payments).toEqual([
      expect.objectContaining({
        amountFen: 3500,
        expectedFen: 3500,
        method: 'technician_cash',
        status: 'collected',
        collectedByName: '王师傅',
        confirmedAt: null,
      }),
    ]);
    expect(collected.body.events.at(-1)).toMatchObject({
      action: 'payment_collected',
      actorName: '王师傅',
      data: { amountFen: 3500, method: 'technician_cash' },
    });
    expect((await tech.get('/api/payments/uncollected')).body.items.map((i: any) => i.id)).not.toContain(id);

    const before = (await cashier.get(`/api/payments/summary?estateId=${ygh}`)).body;
    const waiting = await cashier.get(`/api/payments?estateId=${ygh}&status=collected&pageSize=200`);
    expect(waiting.status).toBe(200);
    const row = waiting.body.items.find((p: any) => p.requestId === id);
    expect(row).toMatchObject({
      requestNumber: collected.body.number,
      status: 'collected',
      collectedByName: '王师傅',
    });

    const confirmed = await cashier.post(`/api/requests/${id}/payments/${row.id}/confirm`, {
      receiptNo: 'SJ-2026-0001',
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.payments[0]).toMatchObject({
      status: 'confirmed',
      receiptNo: 'SJ-2026-0001',
      confirmedByName: '郑会计',
      confirmedAt: ctx.clock.now().toISOString(),
    });
    expect(confirmed.body.events.map((e: any) => e.action).slice(-2)).toEqual([
      'payment_collected',
      'payment_confirmed',
    ]);

    const again = await manager.post(`/api/requests/${id}/payments/${row.id}/confirm`, { receiptNo: 'SJ-X' });
    expect(again.status).toBe(422);
    expect(again.body.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '该笔收费已由收款员确认，不能重复确认',
    });
    const [kept] = await rows<{ receipt_no: string }>(
      ctx.database.db,
      sql`select receipt_no from request_payments where id = ${row.id}`,
    );
    expect(kept!.receipt_no).toBe('SJ-2026-0001');

    const after = (await cashier.get(`/api/payments/summary?estateId=${ygh}`)).body;
    expect(after.date).toBe('2026-11-22');
    expect(after.pending.count).toBe(before.pending.count - 1);
    expect(after.confirmedToday).toEqual({
      count: before.confirmedToday.count + 1,
      amountFen: before.confirmedToday.amountFen + 3500,
    });
    expect(
      after.confirmedByMethod.find((m: any) => m.method === 'technician_cash').amountFen,
    ).toBeGreaterThanOrEqual(3500);
  });

  it('needs a note when the amount differs from the completion’s fee, and writes nothing without one', async () => {
    const id = await aCompletedChargeableRepair(8000, '疏通下水道');
    const bare = await tech.post(`/api/requests/${id}/payments`, {
      amountFen: 6000,
      method: 'technician_scan',
    });
    expect(bare.status).toBe(400);
    expect(bare.body.error.code).toBe('VALIDATION');
    expect(bare.body.error.fields.note).toBe('金额与完工时登记的费用（¥80.00）不一致，请填写说明');
    const en = await tech.post(
      `/api/requests/${id}/payments`,
      { amountFen: 6000, method: 'technician_scan' },
      { 'accept-language': 'en' },
    );
    expect(en.body.error.fields.note).toBe(
      'The amount differs from the fee recorded at completion (¥80.00): add a note',
    );
    expect(await paymentCount(id)).toBe(0);

    const noted = await tech.post(`/api/requests/${id}/payments`, {
      amountFen: 6000,
      method: 'technician_scan',
      note: '业主自备配件，减收20元',
    });
    expect(noted.status).toBe(201);
    expect(noted.body.payments[0]).toMatchObject({
      amountFen: 6000,
      expectedFen: 8000,
      note: '业主自备配件，减收20元',
    });
  });

  it('takes a fee only for a completed chargeable request, once', async () => {
    const working = await aRepairOnSite('修理中的工单');
    const early = await tech.post(`/api/requests/${working}/payments`, {
      amountFen: 100,
      method: 'technician_cash',
    });
    expect(early.status).toBe(422);
    expect(early.body.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '只有已完工且收费的工单可以登记收费',
    });

    await act(tech, working, {
      action: 'complete',
      workDone: '免费小修',
      chargeable: false,
      residentConfirmation: { method: 'phone' },
    });
    const free = await tech.post(`/api/requests/${working}/payments`, {
      amountFen: 100,
      method: 'technician_cash',
    });
    expect(free.status).toBe(422);
    expect(await paymentCount(working)).toBe(0);

    const id = await aCompletedChargeableRepair(2000, '更换开关面板');
    expect(
      (await tech.post(`/api/requests/${id}/payments`, { amountFen: 2000, method: 'technician_cash' }))
        .status,
    ).toBe(201);
    const twice = await cashier.post(`/api/requests/${id}/payments`, { amountFen: 2000, method: 'office' });
    expect(twice.status).toBe(422);
    expect(twice.body.error.message).toBe('该工单已登记过收费');
    expect(await paymentCount(id)).toBe(1);
  });
});

describe('who may record and confirm', () => {
  it('lets the assigned technician or their lead record on-site fees, and the desk or the cashier office ones', async () => {
    const a = await aCompletedChargeableRepair(3000, '权限测试一');
    const other = await tech2.post(`/api/requests/${a}/payments`, {
      amountFen: 3000,
      method: 'technician_cash',
    });
    expect(other.status).toBe(403);
    expect(other.body.error.message).toContain('上门收费由被派工的技工或其部门主管登记');
    expect(
      (await agent.post(`/api/requests/${a}/payments`, { amountFen: 3000, method: 'technician_cash' }))
        .status,
    ).toBe(403);
    expect(
      (await tech.post(`/api/requests/${a}/payments`, { amountFen: 3000, method: 'office' })).status,
    ).toBe(403);
    expect(await paymentCount(a)).toBe(0);
    const byLead = await lead.post(`/api/requests/${a}/payments`, {
      amountFen: 3000,
      method: 'technician_scan',
    });
    expect(byLead.status).toBe(201);
    expect(byLead.body.payments[0].collectedByName).toBe('冯工');

    const b = await aCompletedChargeableRepair(3000, '权限测试二');
    const office = await cashier.post(`/api/requests/${b}/payments`, {
      amountFen: 3000,
      method: 'office',
      receiptNo: 'SJ-OFFICE-1',
    });
    expect(office.status).toBe(201);
    expect(office.body.payments[0]).toMatchObject({
      method: 'office',
      status: 'collected',
      receiptNo: 'SJ-OFFICE-1',
    });
    const c = await aCompletedChargeableRepair(3000, '权限测试三');
    expect(
      (await agent.post(`/api/requests/${c}/payments`, { amountFen: 3000, method: 'portal' })).status,
    ).toBe(201);
  });

  it('lets only the cashier and the manager confirm, and only in their estate', async () => {
    const id = await aCompletedChargeableRepair(1500, '确认权限测试');
    const paid = await tech.post(`/api/requests/${id}/payments`, {
      amountFen: 1500,
      method: 'technician_cash',
    });
    const paymentId = paid.body.payments[0].id;
    for (const client of [tech, agent, lead]) {
      const res = await client.post(`/api/requests/${id}/payments/${paymentId}/confirm`, {
        receiptNo: 'SJ-1',
      });
      expect(res.status).toBe(403);
    }
    const foreign = await twManager.post(`/api/requests/${id}/payments/${paymentId}/confirm`, {
      receiptNo: 'SJ-1',
    });
    expect(foreign.status).toBe(404);
    const wrongRequest = await manager.post(
      `/api/requests/${await aCompletedChargeableRepair(1500, '另一张工单')}/payments/${paymentId}/confirm`,
      { receiptNo: 'SJ-1' },
    );
    expect(wrongRequest.status).toBe(404);
    expect(wrongRequest.body.error.message).toBe('收费记录不存在');
    const ok = await manager.post(`/api/requests/${id}/payments/${paymentId}/confirm`, { receiptNo: 'SJ-1' });
    expect(ok.status).toBe(200);
    expect(ok.body.payments[0].confirmedByName).toBe('钱主任');
  });

  it('confirms a payment once when the cashier and the manager press at the same moment', async () => {
    const id = await aCompletedChargeableRepair(2500, '并发确认测试');
    const paid = await tech.post(`/api/requests/${id}/payments`, {
      amountFen: 2500,
      method: 'technician_cash',
    });
    const pid = paid.body.payments[0].id;
    const [a, b] = await Promise.all([
      cashier.post(`/api/requests/${id}/payments/${pid}/confirm`, { receiptNo: 'SJ-A' }),
      manager.post(`/api/requests/${id}/payments/${pid}/confirm`, { receiptNo: 'SJ-B' }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 422]);
    const events = (await agent.get(`/api/requests/${id}`)).body.events.filter(
      (e: any) => e.action === 'payment_confirmed',
    );
    expect(events).toHaveLength(1);
  });

  it('keeps the cashier’s lists to their estates and to the roles that handle money', async () => {
    expect((await cashier.get(`/api/payments?estateId=${twd}`)).status).toBe(404);
    expect((await twManager.get(`/api/payments/summary?estateId=${ygh}`)).status).toBe(404);
    expect((await tech.get('/api/payments')).status).toBe(403);
    expect((await agent.get('/api/payments/summary')).status).toBe(403);
    const all = await cashier.get('/api/payments?pageSize=200');
    expect(new Set(all.body.items.map((p: any) => p.estateId))).toEqual(new Set([ygh]));
  });
});

describe('bad input changes nothing', () => {
  it('answers 400 with a message per field', async () => {
    const id = await aCompletedChargeableRepair(3500, '错误输入测试');
    const cases: [unknown, string][] = [
      [{ amountFen: 0, method: 'technician_cash' }, 'amountFen'],
      [{ amountFen: 12.5, method: 'technician_cash' }, 'amountFen'],
      [{ amountFen: '35', method: 'technician_cash' }, 'amountFen'],
      [{ amountFen: 3500, method: 'wechat' }, 'method'],
      [{ method: 'technician_cash' }, 'amountFen'],
      [{ amountFen: 3500, method: 'technician_cash', tip: 5 }, 'tip'],
      [{ amountFen: 3500, method: 'technician_cash', receiptNo: ' ' }, 'receiptNo'],
    ];
    for (const [body, field] of cases) {
      const res = await tech.post(`/api/requests/${id}/payments`, body);
      expect({ body, status: res.status, code: res.body.error?.code }).toEqual({
        body,
        status: 400,
        code: 'VALIDATION',
      });
      expect(Object.keys(res.body.error.fields)).toContain(field);
    }
    const en = await tech.post(
      `/api/requests/${id}/payments`,
      { amountFen: 3500, method: 'wechat' },
      {
        'accept-language': 'en',
      },
    );
    expect(en.body.error.fields.method).toMatch(/^Invalid value; allowed: technician_cash/);
    expect(await paymentCount(id)).toBe(0);

    const paid = await tech.post(`/api/requests/${id}/payments`, {
      amountFen: 3500,
      method: 'technician_cash',
    });
    const pid = paid.body.payments[0].id;
    const noReceipt = await cashier.post(`/api/requests/${id}/payments/${pid}/confirm`, {});
    expect(noReceipt.status).toBe(400);
    expect(noReceipt.body.error.fields.receiptNo).toBe('必填');
    expect((await cashier.get(`/api/payments?from=2026-11-23&to=2026-11-22`)).body.error.fields.from).toBe(
      '开始日期不能晚于结束日期',
    );
    const detail = await agent.get(`/api/requests/${id}`);
    expect(detail.body.payments[0].status).toBe('collected');
  });

  it('filters the cashier’s list by the local day of collection', async () => {
    const today = await cashier.get(
      `/api/payments?estateId=${ygh}&from=2026-11-22&to=2026-11-22&pageSize=200`,
    );
    expect(today.body.total).toBeGreaterThan(0);
    for (const p of today.body.items)
      expect(new Date(new Date(p.collectedAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(
        '2026-11-22',
      );
    const future = await cashier.get(`/api/payments?estateId=${ygh}&from=2026-12-01`);
    expect(future.body.total).toBe(0);
    // The demo's fee confirmed today was collected the day before: found by its confirmation day.
    const confirmedToday = await cashier.get(
      `/api/payments?estateId=${ygh}&status=confirmed&from=2026-11-22&to=2026-11-22&dateOf=confirmed&pageSize=200`,
    );
    expect(confirmedToday.body.items.map((p: any) => p.receiptNo)).toContain('SJ-000812');
    for (const p of confirmedToday.body.items)
      expect(new Date(new Date(p.confirmedAt).getTime() + 8 * 3_600_000).toISOString().slice(0, 10)).toBe(
        '2026-11-22',
      );
  });

  it('shows the demo’s fee confirmed today when the demo starts just after midnight', async () => {
    // 00:30 in Shanghai: the demo's confirmation "88 minutes ago" would have been yesterday.
    const now = new Date('2026-11-22T16:30:00Z');
    const empty = await openEmptyTestDatabase();
    await prepareDatabase(empty.database, new AdjustableClock(now), { demo: true, initialAdmin: null });
    const night = await createTestContext({ database: empty, now });
    try {
      const c = await night.login('cashier');
      const estates = (await c.get('/api/estates')).body.items;
      const here = estates.find((e: any) => e.name === '阳光花园').id;
      const summary = (await c.get(`/api/payments/summary?estateId=${here}`)).body;
      expect(summary.date).toBe('2026-11-23');
      expect(summary.confirmedToday.amountFen).toBeGreaterThanOrEqual(12000);
      const list = await c.get(
        `/api/payments?estateId=${here}&status=confirmed&from=2026-11-23&to=2026-11-23&dateOf=confirmed`,
      );
      const demo = list.body.items.find((p: any) => p.receiptNo === 'SJ-000812');
      expect(new Date(demo.collectedAt) < new Date(demo.confirmedAt)).toBe(true);
      expect(new Date(demo.confirmedAt) <= night.clock.now()).toBe(true);
    } finally {
      await night.close();
    }
  });
});
