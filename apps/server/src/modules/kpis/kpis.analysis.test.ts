/**
 * The monthly complaint analysis through the API (spec 02 §5): the month's complaints by class and grade,
 * and the recurring problems — category × building or public location, ≥ 2 in the month or ≥ 3 in 90
 * days — with their households, complaints, last month's recurrence and preventive actions. Complaints
 * are taken at their own dates with the test clock, from November 2026 to January 2027.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

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
let eng: string;
let carPark: { id: string; name: string };
const cat: Record<string, string> = {};
/** Units by building name (阳光花园: 1栋 …; 天物大厦 under its own names). */
const units: Record<string, string[]> = {};
const made: Record<string, { id: string; number: string }> = {};

async function signIn() {
  [agent, supervisor, manager, tech, quality, twAgent, twManager] = (await Promise.all(
    ['agent', 'supervisor', 'manager', 'tech', 'quality', 'tw_agent', 'tw_manager'].map((u) => ctx.login(u)),
  )) as Client[] as [Client, Client, Client, Client, Client, Client, Client];
}

/** Moves the test clock to a local time in Shanghai and signs everyone in again. */
async function at(local: string) {
  ctx.clock.set(new Date(`${local}:00+08:00`));
  await signIn();
}

let phoneSeq = 0;
async function take(name: string, body: Record<string, unknown>, client = agent) {
  phoneSeq++;
  const res = await client.post('/api/requests', {
    estateId: ygh,
    channel: 'phone',
    type: 'complaint',
    reporter: { name: `住户${phoneSeq}`, phone: `1390002${String(phoneSeq).padStart(4, '0')}` },
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  made[name] = res.body;
  return res.body as { id: string; number: string; version: number };
}

async function patch(id: string, version: number, body: Record<string, unknown>) {
  const res = await supervisor.patch(`/api/requests/${id}/complaint`, { version, ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.version as number;
}

async function steps(id: string, version: number, list: [Client, Record<string, unknown>][]) {
  let v = version;
  for (const [who, body] of list) {
    const res = await who.post(`/api/requests/${id}/transitions`, { version: v, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    v = res.body.version;
  }
  return v;
}

beforeAll(async () => {
  ctx = await createTestContext();
  await signIn();
  const estates = (await quality.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  eng = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  carPark = (await agent.get(`/api/estates/${ygh}/locations`)).body.items.find(
    (l: any) => l.name === '地下停车场',
  );
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children)]);
  for (const c of flat((await agent.get('/api/categories')).body.items)) cat[`${c.type}:${c.code}`] = c.id;
  for (const u of await rows<{ id: string; building: string; estate_id: string }>(
    ctx.database.db,
    sql`select u.id, b.name as building, u.estate_id from units u join buildings b on b.id = u.building_id
        order by b.sort, u.floor, u.number`,
  )) {
    const key = u.estate_id === twd ? `twd:${u.building}` : u.building;
    units[key] ??= [];
    units[key]!.push(u.id);
  }
  // The demo's complaint history would join these problems: set it aside.
  await ctx.database.db.execute(sql`update requests set state = 'cancelled' where type = 'complaint'`);

  const leak = cat['complaint:leak']!;
  const parking = cat['complaint:parking']!;
  const b2 = units['2栋']!;

  // October: a leak at 3栋, outside January's 90 days.
  await at('2026-10-20T09:00');
  await take('oldLeak3', { unitId: units['3栋']![0], categoryId: leak, description: '卫生间吊顶滴水' });

  // November: the car park, written by hand.
  await at('2026-11-25T10:00');
  await take('parkNov', {
    locationText: '地下停车场',
    categoryId: parking,
    description: '外来车辆长期占用业主车位',
  });

  // December: two leaks at 2栋 — the first effective, handled and closed with what was done about it.
  await at('2026-12-03T09:00');
  const dec1 = await take('leakDec1', { unitId: b2[0], categoryId: leak, description: '雨后外墙渗水到卧室' });
  let v = await patch(dec1.id, dec1.version, { validity: 'effective' });
  v = await patch(dec1.id, v, { agreedReplyAt: '2026-12-04T09:00:00+08:00' });
  v = await steps(dec1.id, v, [
    [agent, { action: 'dispatch', departmentId: eng, assigneeId: tech.user!.id }],
    [tech, { action: 'accept' }],
    [tech, { action: 'arrive' }],
    [
      tech,
      {
        action: 'complete',
        workDone: '外墙裂缝注胶封堵',
        chargeable: false,
        residentConfirmation: { method: 'phone' },
      },
    ],
    [
      agent,
      {
        action: 'close',
        resultGiven: { method: 'oral', text: '已封堵外墙裂缝，业主确认不再渗水' },
        rootCause: '2栋外墙伸缩缝老化开裂',
        correctiveAction: '2栋外墙伸缩缝全面排查并重新打胶，雨季前每年复查',
      },
    ],
  ]);
  ctx.clock.advanceMinutes(30);
  await take('leakDec2', { unitId: b2[1], categoryId: leak, description: '阳台地漏返水' });

  // December: the car park again, picked from the public locations.
  await at('2026-12-20T18:00');
  await take('parkDec', { locationId: carPark.id, categoryId: parking, description: '地库入口被电动车堵住' });

  // January: three leaks at 2栋 from two households, one cancelled, the car park once more, and singles.
  await at('2027-01-05T09:00');
  const jan1 = await take('leakJan1', { unitId: b2[2], categoryId: leak, description: '卫生间天花板渗水' });
  await patch(jan1.id, jan1.version, { validity: 'effective' });
  ctx.clock.advanceMinutes(7);
  const jan2 = await take('leakJan2', { unitId: b2[3], categoryId: leak, description: '厨房水管接口漏水' });
  await patch(jan2.id, jan2.version, { validity: 'assisted', solvingParty: '发展商' });
  ctx.clock.advanceMinutes(7);
  await take('leakJan3', { unitId: b2[2], categoryId: leak, description: '主卧窗台下墙面发霉潮湿' });
  ctx.clock.advanceMinutes(7);
  const err = await take('leakCancelled', { unitId: b2[4], categoryId: leak, description: '误录' });
  await steps(err.id, err.version, [[agent, { action: 'cancel', reason: '重复录入' }]]);
  ctx.clock.advanceMinutes(7);
  const park = await take('parkJan', {
    locationText: ' 地下停车场 ',
    categoryId: parking,
    description: '车库照明太暗，车辆被刮',
  });
  await patch(park.id, park.version, { grade: 'important', gradeReason: '同一问题反复投诉' });
  ctx.clock.advanceMinutes(7);
  const hygiene = await take('hygiene1', {
    unitId: units['1栋']![0],
    categoryId: cat['complaint:hygiene'],
    description: '楼道有人堆放杂物',
  });
  await patch(hygiene.id, hygiene.version, {
    validity: 'invalid',
    validityNote: '为业主自家物品，已提醒清理',
  });
  ctx.clock.advanceMinutes(7);
  await take('leak3', { unitId: units['3栋']![1], categoryId: leak, description: '楼上卫生间漏水' });

  // 天物大厦, January: two leaks in one building — its own problem, never in 阳光花园's analysis.
  const twBuilding = Object.keys(units).find((k) => k.startsWith('twd:'))!;
  for (const [i, text] of ['办公室天花渗水', '茶水间地面积水'].entries())
    await take(
      `tw${i}`,
      { estateId: twd, unitId: units[twBuilding]![i], categoryId: leak, description: text },
      twAgent,
    );
});
afterAll(() => ctx.close());

describe('the monthly complaint analysis', () => {
  it('counts the month’s complaints by class and grade, leaving cancelled ones out', async () => {
    const res = await manager.get(`/api/complaints/analysis?estateId=${ygh}&month=2027-01`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      month: '2027-01',
      estateIds: [ygh],
      total: 6,
      byValidity: { effective: 1, assisted: 1, invalid: 1, none: 3 },
      byGrade: { major: 0, hot: 0, important: 1, general: 5 },
    });
    expect(res.body.cells).toContainEqual({ validity: null, grade: 'important', count: 1 });
    expect(res.body.cells.reduce((n: number, c: any) => n + c.count, 0)).toBe(6);
  });

  it('lists a problem with ≥ 2 complaints in the month, with its households, complaints and preventive action', async () => {
    const res = await manager.get(`/api/complaints/analysis?estateId=${ygh}&month=2027-01`);
    const [leak2] = res.body.recurring;
    expect(leak2).toMatchObject({
      estateId: ygh,
      estateName: '阳光花园',
      categoryName: '漏水',
      locationKind: 'building',
      locationLabel: '2栋',
      count: 3,
      households: 2,
      countLast90Days: 5,
      recurredLastMonth: true,
      previousMonthCount: 2,
    });
    expect(leak2.requests.map((r: any) => [r.number, r.inMonth])).toEqual([
      [made.leakJan3!.number, true],
      [made.leakJan2!.number, true],
      [made.leakJan1!.number, true],
      [made.leakDec2!.number, false],
      [made.leakDec1!.number, false],
    ]);
    expect(leak2.requests[4]).toMatchObject({ state: 'closed', description: '雨后外墙渗水到卧室' });
    expect(leak2.requests[4].unitLabel).toMatch(/^2栋-/);
    expect(leak2.preventiveActions).toEqual([
      {
        requestId: made.leakDec1!.id,
        number: made.leakDec1!.number,
        closedAt: '2026-12-03T01:00:00.000Z',
        rootCause: '2栋外墙伸缩缝老化开裂',
        correctiveAction: '2栋外墙伸缩缝全面排查并重新打胶，雨季前每年复查',
      },
    ]);
  });

  it('lists a problem that comes back once a month (3 in 90 days), one place however it was entered', async () => {
    const res = await manager.get(`/api/complaints/analysis?estateId=${ygh}&month=2027-01`);
    expect(res.body.recurring).toHaveLength(2);
    const park = res.body.recurring[1];
    expect(park).toMatchObject({
      categoryName: '停车',
      locationKind: 'location',
      locationLabel: '地下停车场',
      count: 1,
      countLast90Days: 3,
      households: 1,
      recurredLastMonth: false,
      previousMonthCount: 1,
      preventiveActions: [],
    });
    expect(park.requests.map((r: any) => r.id)).toEqual([
      made.parkJan!.id,
      made.parkDec!.id,
      made.parkNov!.id,
    ]);
    // Single complaints (and a leak whose last one is older than 90 days) are not recurring problems.
    const places = res.body.recurring.map((g: any) => g.locationLabel);
    expect(places).not.toContain('1栋');
    expect(places).not.toContain('3栋');
  });

  it('judges December by December’s own window, and finds nothing in an empty month', async () => {
    const dec = await manager.get(`/api/complaints/analysis?estateId=${ygh}&month=2026-12`);
    // The car park had 2 in the 90 days up to December's end: not yet recurring then.
    expect(dec.body.recurring.map((g: any) => [g.locationLabel, g.count, g.recurredLastMonth])).toEqual([
      ['2栋', 2, false],
    ]);
    const empty = await manager.get(`/api/complaints/analysis?estateId=${ygh}&month=2027-03`);
    expect(empty.body).toMatchObject({ total: 0, recurring: [], cells: [] });
  });

  it('keeps each estate’s problems to its own staff; company roles see every estate', async () => {
    const mine = await manager.get('/api/complaints/analysis?month=2027-01');
    expect(mine.body.estateIds).toEqual([ygh]);
    expect(new Set(mine.body.recurring.map((g: any) => g.estateId))).toEqual(new Set([ygh]));
    const theirs = await twManager.get('/api/complaints/analysis?month=2027-01');
    expect(theirs.body.recurring.map((g: any) => [g.estateId, g.count, g.households])).toEqual([[twd, 2, 2]]);
    expect(theirs.body.total).toBe(2);
    const all = await quality.get('/api/complaints/analysis?month=2027-01');
    expect(all.body.total).toBe(8);
    expect(all.body.recurring.map((g: any) => g.count)).toEqual([3, 2, 1]);
    expect((await manager.get(`/api/complaints/analysis?estateId=${twd}`)).status).toBe(404);
    expect((await agent.get('/api/complaints/analysis')).status).toBe(403);
  });

  it('defaults to the current month and refuses a malformed one on the field', async () => {
    const now = await supervisor.get(`/api/complaints/analysis?estateId=${ygh}`);
    expect(now.body).toMatchObject({ month: '2027-01', total: 6 });
    const bad = await supervisor.get('/api/complaints/analysis?month=2027-13');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({ month: '月份格式应为 YYYY-MM，如 2026-11' });
  });
});
