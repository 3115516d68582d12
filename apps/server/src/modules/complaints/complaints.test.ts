/**
 * Complaints through the API (spec 02): the record taken at intake, same-issue linking, the automatic
 * grades and collective events at their boundaries (with the test clock), the supervisor's class,
 * grade and flags with their clocks, links by hand, and closing.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { TEST_NOW } from '../../testing/test-clock.ts';
import { readWorkbook, sheetTable } from '../../testing/xlsx.ts';

let ctx: TestContext;
let agent: Client;
let supervisor: Client;
let manager: Client;
let tech: Client;
let lobby: Client;
let ygh: string;
let twd: string;
let eng: string;
const cat: Record<string, string> = {};
/** ygh's units by building name (1栋 … 6栋), each with a resident where it has one. */
const units: Record<string, { id: string; floor: number; label: string; residentId: string | null }[]> = {};
let twdUnit: string;

const HOUR = 3_600_000;
const MIN = 60_000;

async function signInAll() {
  [agent, supervisor, manager, tech, lobby] = (await Promise.all(
    ['agent', 'supervisor', 'manager', 'tech', 'lobby'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client, Client];
}
beforeEach(signInAll);

beforeAll(async () => {
  ctx = await createTestContext();
  await signInAll();
  const admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  eng = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children)]);
  for (const c of flat((await agent.get('/api/categories')).body.items)) cat[`${c.type}:${c.code}`] = c.id;
  const list = await rows<{
    id: string;
    floor: number;
    building: string;
    number: string;
    resident_id: string | null;
    estate_id: string;
  }>(
    ctx.database.db,
    sql`select u.id, u.floor, b.name as building, u.number, u.estate_id,
          (select ru.resident_id from resident_units ru where ru.unit_id = u.id order by ru.resident_id limit 1) as resident_id
        from units u join buildings b on b.id = u.building_id order by b.sort, u.floor, u.number`,
  );
  for (const u of list.filter((x) => x.estate_id === ygh)) {
    units[u.building] ??= [];
    units[u.building]!.push({
      id: u.id,
      floor: u.floor,
      label: `${u.building}-${u.number}`,
      residentId: u.resident_id,
    });
  }
  twdUnit = list.find((x) => x.estate_id === twd)!.id;
  // The demo's complaint history would join the issues these tests build: set it aside.
  await ctx.database.db.execute(sql`update requests set state = 'cancelled' where type = 'complaint'`);
});
afterAll(() => ctx.close());

let phoneSeq = 0;
/** A complaint from a household (a distinct caller each time unless `phone` is given). */
function complaint(unit: { id: string }, description: string, extra: Record<string, unknown> = {}) {
  phoneSeq++;
  return {
    estateId: ygh,
    unitId: unit.id,
    reporter: { name: `住户${phoneSeq}`, phone: `1390000${String(phoneSeq).padStart(4, '0')}` },
    channel: 'phone',
    type: 'complaint',
    categoryId: cat['complaint:noise_decoration'],
    description,
    ...extra,
  };
}

async function take(body: unknown) {
  const res = await agent.post('/api/requests', body);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}
const detail = async (id: string) => (await supervisor.get(`/api/requests/${id}`)).body;
const dueOf = (d: any, kind: string) =>
  d.deadlines.find((x: any) => x.kind === kind && x.status !== 'cancelled');

const NOISE = [
  '楼上装修电钻噪音太大，中午也在施工，影响老人休息',
  '楼上装修噪音很大，中午施工电钻声影响休息',
  '邻居家装修，中午电钻噪音不停，家里老人没法休息',
  '装修噪音严重，中午一直在用电钻，影响休息',
  '楼上装修电钻声音很吵，中午不让人休息',
  '装修电钻噪音从早到晚，中午也不停，影响休息',
];

describe('taking a complaint', () => {
  it('keeps the complaint record, starts the report and resolve clocks, and names the responsible people', async () => {
    const u = units['6栋']![0]!;
    const c = await take(
      complaint(u, '保安态度恶劣，进门时对我大声呵斥', {
        categoryId: cat['complaint:hygiene'],
        complaint: {
          eventAt: new Date(TEST_NOW.getTime() - 2 * HOUR).toISOString(),
          eventPlace: '南门岗亭',
          subjectPerson: '南门值班保安',
          residentWants: '要求保安当面道歉',
          mood: 'angry',
        },
      }),
    );
    expect(c.number).toMatch(/^TS\d{12}$/);
    expect(c.complaint).toMatchObject({
      eventPlace: '南门岗亭',
      subjectPerson: '南门值班保安',
      residentWants: '要求保安当面道歉',
      mood: 'angry',
      grade: 'general',
      gradeSource: 'rule',
      validity: null,
      responsibleName: '孙主管',
      linkedRequestIds: [],
    });
    expect(c.complaint.supervisorName).toBeTruthy();
    const received = new Date(c.receivedAt).getTime();
    expect(new Date(dueOf(c, 'complaint_report').dueAt).getTime() - received).toBe(60 * MIN);
    expect(new Date(dueOf(c, 'complaint_resolve').dueAt).getTime() - received).toBe(2 * 24 * HOUR);
    expect(dueOf(c, 'complaint_reply')).toBeUndefined();
  });

  it('refuses a complaint record on another type, and a complained-about department of another estate', async () => {
    const u = units['6栋']![1]!;
    const onRepair = await agent.post('/api/requests', {
      ...complaint(u, '水管漏水'),
      type: 'repair',
      categoryId: cat['repair:water_supply'],
      complaint: { mood: 'calm' },
    });
    expect(onRepair.status).toBe(400);
    expect(Object.keys(onRepair.body.error.fields)).toContain('complaint');
    const twdDept = (await ctx.login('admin')).get(`/api/departments?estateId=${twd}`);
    const other = (await twdDept).body.items[0].id;
    const before = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from complaints`);
    const res = await agent.post(
      '/api/requests',
      complaint(u, '维修工态度不好', { complaint: { subjectDepartmentId: other } }),
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['complaint.subjectDepartmentId']);
    const after = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from complaints`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });
});

describe('same-issue linking and the automatic grades', () => {
  it('links similar complaints of one building, raises the issue to hot at the third complainant, and forms a collective event at the fifth household', async () => {
    const b = units['3栋']!;
    const first = await take(complaint(b[0]!, NOISE[0]!));
    const second = await take(complaint(b[1]!, NOISE[1]!));
    expect(second.complaint.linkedRequestIds).toEqual([first.id]);
    // Two complainants: still general.
    expect(second.complaint.grade).toBe('general');
    const third = await take(complaint(b[2]!, NOISE[2]!));
    expect(third.complaint.linkedRequestIds.sort()).toEqual([first.id, second.id].sort());
    expect(third.complaint.grade).toBe('hot');
    expect(third.complaint.gradeHistory).toEqual([
      expect.objectContaining({ from: 'general', to: 'hot', rule: 'hot.complainants', byId: null }),
    ]);
    // The earlier ones of the issue are raised in the same transaction, with a new version each.
    const firstNow = await detail(first.id);
    expect(firstNow.complaint.grade).toBe('hot');
    expect(firstNow.version).toBe(first.version + 1);
    // Hot runs on the major clocks from the original intake: same day, 2 days, 10 days.
    const received = new Date(first.receivedAt).getTime();
    expect(new Date(dueOf(firstNow, 'complaint_reply').dueAt).getTime() - received).toBe(2 * 24 * HOUR);
    expect(new Date(dueOf(firstNow, 'complaint_resolve').dueAt).getTime() - received).toBe(10 * 24 * HOUR);
    expect(firstNow.complaint.responsibleName).toBe('钱主任');

    const fourth = await take(complaint(b[3]!, NOISE[3]!));
    expect(fourth.complaint.collectiveEventId).toBeNull();
    const eventOf = async (id: string) =>
      (await agent.get(`/api/complaint-events?estateId=${ygh}`)).body.items.filter((e: any) =>
        e.requestIds.includes(id),
      );
    expect(await eventOf(first.id)).toEqual([]);
    const fifth = await take(complaint(b[4]!, NOISE[4]!));
    expect(fifth.complaint.collectiveEventId).toBeTruthy();
    const events = await eventOf(first.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      id: fifth.complaint.collectiveEventId,
      estateId: ygh,
      peopleCount: 5,
      grade: 'hot',
    });
    expect(events[0].requestIds.sort()).toEqual(
      [first, second, third, fourth, fifth].map((x) => x.id).sort(),
    );
    expect(events[0].households.map((h: any) => h.unitLabel)).toEqual(b.slice(0, 5).map((u) => u.label));
    expect(events[0].households[0]).toMatchObject({ buildingName: '3栋', floor: b[0]!.floor });
    // The estate manager and the company complaint centre are told at once, on every complaint's timeline.
    const told = (await detail(first.id)).events.find((e: any) => e.action === 'complaint_collective');
    expect(told.data.notifiedNames).toEqual(expect.arrayContaining(['钱主任', '赵总']));
    for (const who of [manager, await ctx.login('admin')])
      expect((await who.get('/api/notifications')).body.items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ kind: 'complaint_collective', requestId: fifth.id }),
        ]),
      );
  });

  it('counts households, not callers: a second call from the same unit adds no household', async () => {
    const b = units['4栋']!;
    const one = await take(complaint(b[0]!, NOISE[0]!, { categoryId: cat['complaint:noise_neighbour'] }));
    for (let i = 1; i <= 3; i++)
      await take(complaint(b[i]!, NOISE[i]!, { categoryId: cat['complaint:noise_neighbour'] }));
    // The fifth call is from a household that already called: four households, no event.
    const again = await take(complaint(b[0]!, NOISE[4]!, { categoryId: cat['complaint:noise_neighbour'] }));
    expect(again.complaint.linkedRequestIds).toContain(one.id);
    expect(again.complaint.collectiveEventId).toBeNull();
    const fifthHousehold = await take(
      complaint(b[4]!, NOISE[5]!, { categoryId: cat['complaint:noise_neighbour'] }),
    );
    expect(fifthHousehold.complaint.collectiveEventId).toBeTruthy();
  });

  it('forms a collective event from households within 48 hours, not 49', async () => {
    const b = units['5栋']!;
    const leak = cat['complaint:leak'];
    const texts = [
      '地下车库顶部漏水，滴到车上，车漆被腐蚀',
      '车库顶部漏水滴在车上，车身都是水渍',
      '地下车库漏水，我的车被顶部滴水弄脏了',
      '车库顶板漏水滴到车上，多次反映没人管',
      '地下车库顶部漏水，滴到我的车上',
    ];
    // 49 hours between the first and the fifth: only four households in any 48 hours.
    await take(complaint(b[0]!, texts[0]!, { categoryId: leak }));
    ctx.clock.advanceMinutes(49 * 60);
    await signInAll(); // sessions last 12 hours
    for (let i = 1; i < 4; i++) await take(complaint(b[i]!, texts[i]!, { categoryId: leak }));
    const late = await take(complaint(b[4]!, texts[4]!, { categoryId: leak }));
    expect(late.complaint.linkedRequestIds).toHaveLength(4);
    expect(late.complaint.collectiveEventId).toBeNull();
    // The second to fifth came 47 hours before a sixth household: five within 48 hours.
    ctx.clock.advanceMinutes(47 * 60);
    await signInAll();
    const sixth = await take(complaint(b[5]!, texts[1]!, { categoryId: leak }));
    expect(sixth.complaint.collectiveEventId).toBeTruthy();
    const event = (await agent.get(`/api/complaint-events?estateId=${ygh}`)).body.items.find(
      (e: any) => e.id === sixth.complaint.collectiveEventId,
    );
    // The household of 49 hours before is linked to the issue but not counted in the event's window.
    expect(event.households.map((h: any) => h.unitLabel)).toEqual(b.slice(1, 6).map((u) => u.label));
  });

  it('does not link complaints about other things, and only proposes a similar one from another building', async () => {
    const b = units['2栋']!;
    const parking = cat['complaint:parking'] ?? cat['complaint:noise_equipment'];
    const noise = await take(
      complaint(b[0]!, '楼下广场舞音响声音太大，晚上九点还在跳', { categoryId: parking }),
    );
    const other = await take(complaint(b[1]!, '电梯里有宠物粪便没人清理', { categoryId: parking }));
    expect(other.complaint.links).toEqual([]);
    const elsewhere = await take(
      complaint(units['1栋']![0]!, '广场舞音响声音太大，晚上九点多还在跳，吵得孩子没法睡', {
        categoryId: parking,
      }),
    );
    expect(elsewhere.complaint.linkedRequestIds).toEqual([]);
    expect(elsewhere.complaint.links).toEqual([
      expect.objectContaining({ requestId: noise.id, status: 'proposed', how: 'auto' }),
    ]);
    // The supervisor confirms the proposal; then dismisses it, and it is not proposed again.
    const linked = await supervisor.post(`/api/requests/${elsewhere.id}/complaint/links`, {
      otherId: noise.id,
    });
    expect(linked.status).toBe(200);
    expect(linked.body.complaint.linkedRequestIds).toEqual([noise.id]);
    const unlinked = await supervisor.delete(`/api/requests/${elsewhere.id}/complaint/links/${noise.id}`);
    expect(unlinked.status).toBe(200);
    expect(unlinked.body.complaint.links).toEqual([]);
    expect(unlinked.body.events.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['complaint_link', 'complaint_unlink']),
    );
  });

  it('refuses to link complaints of different estates, and links by a role that may not', async () => {
    const here = await take(
      complaint(units['6栋']![2]!, '垃圾桶满了没人清理', { categoryId: cat['complaint:hygiene'] }),
    );
    const tw = await ctx.login('tw_agent');
    const there = await tw.post('/api/requests', {
      estateId: twd,
      unitId: twdUnit,
      reporter: { name: '吴先生', phone: '13900009999' },
      channel: 'phone',
      type: 'complaint',
      description: '垃圾桶满了没人清理',
    });
    expect(there.status).toBe(201);
    const admin = await ctx.login('admin');
    const res = await admin.post(`/api/requests/${here.id}/complaint/links`, { otherId: there.body.id });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['otherId']);
    expect(
      (await tech.post(`/api/requests/${here.id}/complaint/links`, { otherId: there.body.id })).status,
    ).toBe(403);
  });
});

describe('the supervisor classes and grades', () => {
  it('lets only supervisors and managers class a complaint: technicians and the lobby get 403', async () => {
    const c = await take(
      complaint(units['6栋']![3]!, '物业费收费标准不公开', { categoryId: cat['complaint:hygiene'] }),
    );
    for (const who of [tech, lobby, agent]) {
      const res = await who.patch(`/api/requests/${c.id}/complaint`, {
        version: c.version,
        validity: 'effective',
      });
      expect(res.status).toBe(403);
    }
    expect((await detail(c.id)).complaint.validity).toBeNull();
  });

  it('meets the report clock on classing, starts the 2-hour contact, and the agreed reply time becomes a deadline', async () => {
    const c = await take(
      complaint(units['6栋']![4]!, '维修工上门后把地板划坏了不认账', {
        categoryId: cat['complaint:hygiene'],
      }),
    );
    ctx.clock.advanceMinutes(30);
    const classed = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      validity: 'effective',
    });
    expect(classed.status, JSON.stringify(classed.body)).toBe(200);
    expect(classed.body.complaint.validity).toBe('effective');
    expect(dueOf(classed.body, 'complaint_report').status).toBe('met');
    const contact = dueOf(classed.body, 'complaint_contact');
    expect(new Date(contact.dueAt).getTime() - new Date(classed.body.complaint.classifiedAt).getTime()).toBe(
      120 * MIN,
    );

    const stale = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      agreedReplyAt: new Date(ctx.clock.now().getTime() + 24 * HOUR).toISOString(),
    });
    expect(stale.status).toBe(409);
    const agreedAt = new Date(ctx.clock.now().getTime() + 24 * HOUR).toISOString();
    const agreed = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: classed.body.version,
      agreedReplyAt: agreedAt,
    });
    expect(agreed.status).toBe(200);
    expect(dueOf(agreed.body, 'complaint_contact').status).toBe('met');
    expect(dueOf(agreed.body, 'complaint_reply')).toMatchObject({ status: 'pending', dueAt: agreedAt });
    const answered = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: agreed.body.version,
      answer: { method: 'oral', text: '已安排维修主管上门查看并赔偿地板修复费用' },
    });
    expect(dueOf(answered.body, 'complaint_reply').status).toBe('met');
    expect(answered.body.complaint.answer).toMatchObject({ method: 'oral' });
  });

  it('needs the explanation for an invalid complaint, the solving party for an assisted one, and a reason for a grade by hand', async () => {
    const c = await take(
      complaint(units['6栋']![5]!, '小区外马路施工噪音', { categoryId: cat['complaint:hygiene'] }),
    );
    const noNote = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      validity: 'invalid',
    });
    expect(noNote.status).toBe(400);
    expect(Object.keys(noNote.body.error.fields)).toEqual(['validityNote']);
    const noParty = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      validity: 'assisted',
    });
    expect(Object.keys(noParty.body.error.fields)).toEqual(['solvingParty']);
    const noReason = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      grade: 'important',
    });
    expect(noReason.status).toBe(400);
    expect(Object.keys(noReason.body.error.fields)).toEqual(['gradeReason']);
    expect((await detail(c.id)).version).toBe(c.version);

    const assisted = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      validity: 'assisted',
      solvingParty: '市政道路施工单位',
      validityNote: '已书面函告施工单位，要求夜间停止施工',
      grade: 'important',
      gradeReason: '涉及市政部门，需工程部协调',
    });
    expect(assisted.status).toBe(200);
    expect(assisted.body.complaint).toMatchObject({
      validity: 'assisted',
      solvingParty: '市政道路施工单位',
      grade: 'important',
      gradeSource: 'manual',
    });
    expect(assisted.body.complaint.gradeHistory.at(-1)).toMatchObject({
      from: 'general',
      to: 'important',
      rule: null,
      byName: '孙主管',
      reason: '涉及市政部门，需工程部协调',
    });
    const received = new Date(c.receivedAt).getTime();
    expect(new Date(dueOf(assisted.body, 'complaint_resolve').dueAt).getTime() - received).toBe(
      3 * 24 * HOUR,
    );
    // A lawsuit flag fires the major rule over the person's grade; the clocks follow from intake.
    const sued = await manager.patch(`/api/requests/${c.id}/complaint`, {
      version: assisted.body.version,
      flags: ['lawsuit'],
    });
    expect(sued.status).toBe(200);
    expect(sued.body.complaint).toMatchObject({ grade: 'major', gradeSource: 'rule', flags: ['lawsuit'] });
    expect(sued.body.complaint.gradeHistory.at(-1)).toMatchObject({ to: 'major', rule: 'major.lawsuit' });
    expect(new Date(dueOf(sued.body, 'complaint_resolve').dueAt).getTime() - received).toBe(10 * 24 * HOUR);
    expect(sued.body.complaint.responsibleName).toBe('赵总');
  });
});

describe('closing a complaint', () => {
  it('completes an invalid complaint at the desk, without dispatch; an unclassed one must be dispatched', async () => {
    const c = await take(
      complaint(units['6栋']![6]!, '快递员把包裹放在门口没有打电话', {
        categoryId: cat['complaint:hygiene'],
      }),
    );
    const complete = (version: number) =>
      agent.post(`/api/requests/${c.id}/transitions`, {
        version,
        action: 'complete',
        workDone: '已向业主说明快递投递不属物业服务范围，并提供快递公司投诉电话',
        chargeable: false,
        residentConfirmation: { method: 'phone' },
      });
    const unclassed = await complete(c.version);
    expect(unclassed.status).toBe(422);
    expect(unclassed.body.error.code).toBe('INVALID_TRANSITION');
    const invalid = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      validity: 'invalid',
      validityNote: '快递投递不属物业服务范围，已耐心解释',
    });
    expect(invalid.status).toBe(200);
    const done = await complete(invalid.body.version);
    expect(done.status, JSON.stringify(done.body)).toBe(200);
    expect(done.body.state).toBe('confirmed');
    expect(done.body.departmentId).toBeNull();
  });

  it('needs the result given, and for an effective complaint the root cause and corrective action; a reopened one is important', async () => {
    const c = await take(
      complaint(units['1栋']![3]!, '维修后卫生间还是漏水，反复修了三次', {
        categoryId: cat['complaint:hygiene'],
      }),
    );
    let v = (
      await supervisor.patch(`/api/requests/${c.id}/complaint`, { version: c.version, validity: 'effective' })
    ).body.version;
    const step = async (who: Client, body: Record<string, unknown>) => {
      const res = await who.post(`/api/requests/${c.id}/transitions`, { version: v, ...body });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      v = res.body.version;
      return res.body;
    };
    await step(agent, { action: 'dispatch', departmentId: eng, assigneeId: tech.user!.id });
    await step(tech, { action: 'accept' });
    await step(tech, { action: 'arrive' });
    await step(tech, { action: 'start' });
    const done = await step(tech, {
      action: 'complete',
      workDone: '重做卫生间防水层，闭水试验 48 小时',
      chargeable: false,
      residentConfirmation: { method: 'phone' },
    });
    expect(dueOf(done, 'complaint_resolve').status).toBe('met');
    const noResult = await agent.post(`/api/requests/${c.id}/transitions`, { version: v, action: 'close' });
    expect(Object.keys(noResult.body.error.fields)).toEqual(['resultGiven']);
    const noCause = await agent.post(`/api/requests/${c.id}/transitions`, {
      version: v,
      action: 'close',
      resultGiven: { method: 'oral', text: '已重做防水并经业主确认' },
    });
    expect(noCause.status).toBe(400);
    expect(Object.keys(noCause.body.error.fields)).toEqual(['rootCause']);
    const closed = await step(agent, {
      action: 'close',
      resultGiven: { method: 'written', text: '已重做防水并经业主确认' },
      rootCause: '首次维修未做闭水试验',
      correctiveAction: '卫生间防水维修一律做 48 小时闭水试验后再验收',
    });
    expect(closed.state).toBe('closed');
    expect(closed.complaint.result).toMatchObject({
      method: 'written',
      rootCause: '首次维修未做闭水试验',
      correctiveAction: '卫生间防水维修一律做 48 小时闭水试验后再验收',
    });
    const reopened = await step(agent, { action: 'reopen', reason: '业主反映又开始漏水' });
    expect(reopened.complaint.grade).toBe('important');
    expect(reopened.complaint.gradeHistory.at(-1)).toMatchObject({ rule: 'important.re_complaint' });
  });
});

describe('age-based escalation', () => {
  const DAY = 24 * HOUR;
  /** Moves the test clock and runs the sweepers, as the contract's /api/dev/clock does. */
  async function advance(ms: number) {
    const res = await agent.post('/api/dev/clock', { advanceMinutes: ms / MIN });
    expect(res.status).toBe(200);
    await signInAll(); // sessions last 12 hours
  }

  it('makes an unresolved complaint hot on day 7, not day 6, and major on day 30, off hold waiting for the resident', async () => {
    const hygiene = cat['complaint:greening'] ?? cat['complaint:hygiene'];
    const plain = await take(
      complaint(units['2栋']![5]!, '小区绿化带杂草很久没人修剪', { categoryId: hygiene }),
    );
    const held = await take(
      complaint(units['2栋']![6]!, '楼道灯坏了一个月没人修', { categoryId: cat['complaint:hygiene'] }),
    );
    // The second waits two days for the resident (on hold with reason waiting_resident).
    let v = held.version;
    for (const [who, body] of [
      [agent, { action: 'dispatch', departmentId: eng, assigneeId: tech.user!.id }],
      [tech, { action: 'accept' }],
      [tech, { action: 'hold', reasonCode: 'waiting_resident', reason: '业主出差，约定回来后上门' }],
    ] as const) {
      const res = await who.post(`/api/requests/${held.id}/transitions`, { ...body, version: v });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      v = res.body.version;
    }
    await advance(2 * DAY);
    const resumed = await tech.post(`/api/requests/${held.id}/transitions`, { action: 'resume', version: v });
    expect(resumed.status).toBe(200);

    await advance(7 * DAY - 2 * DAY - MIN); // one minute short of 7 days since intake
    expect((await detail(plain.id)).complaint.grade).toBe('general');
    await advance(2 * MIN);
    const hot = await detail(plain.id);
    expect(hot.complaint.grade).toBe('hot');
    expect(hot.complaint.gradeHistory.at(-1)).toMatchObject({ to: 'hot', rule: 'hot.age' });
    // Two of its seven days were the resident's: not yet.
    expect((await detail(held.id)).complaint.grade).toBe('general');
    await advance(2 * DAY);
    expect((await detail(held.id)).complaint).toMatchObject({ grade: 'hot' });

    await advance(30 * DAY - 9 * DAY);
    const major = await detail(plain.id);
    expect(major.complaint.grade).toBe('major');
    expect(major.complaint.gradeHistory.at(-1)).toMatchObject({
      from: 'hot',
      to: 'major',
      rule: 'major.age',
    });
    expect(major.complaint.responsibleName).toBe('赵总');
  });
});

describe('the complaint register', () => {
  it('lists open complaints by their nearest clock with grade, class and proposals, and exports the register to xlsx', async () => {
    const urgent = await take(
      complaint(units['1栋']![5]!, '物业前台人员态度差，办事拖拉', { categoryId: cat['complaint:hygiene'] }),
    );
    const classed = await supervisor.patch(`/api/requests/${urgent.id}/complaint`, {
      version: urgent.version,
      validity: 'effective',
    });
    expect(classed.status).toBe(200);
    const list = (await supervisor.get(`/api/complaints?estateId=${ygh}&open=true&pageSize=200`)).body;
    expect(list.total).toBeGreaterThan(5);
    const mine = list.items.find((i: any) => i.id === urgent.id);
    expect(mine).toMatchObject({
      number: urgent.number,
      validity: 'effective',
      grade: 'general',
      nextKind: 'complaint_contact',
      ownerName: '李晓燕',
    });
    expect(mine.reporterPhone).toMatch(/^\d{3}\*{4}\d{4}$/);
    // Open ones by the nearest running clock: each next due no earlier than the one before it.
    const dues = list.items.filter((i: any) => i.nextDueAt).map((i: any) => new Date(i.nextDueAt).getTime());
    expect(dues).toEqual([...dues].sort((a, b) => a - b));
    const effective = (await supervisor.get(`/api/complaints?estateId=${ygh}&validity=effective`)).body;
    expect(effective.items.every((i: any) => i.validity === 'effective')).toBe(true);
    const withProposals = (await supervisor.get(`/api/complaints?estateId=${ygh}&proposals=true`)).body;
    expect(withProposals.items.every((i: any) => i.proposals > 0)).toBe(true);

    const file = await supervisor.download(`/api/complaints/export?estateId=${ygh}&open=true`);
    expect(file.status).toBe(200);
    const wb = await readWorkbook(file.body);
    const { header, rows: lines } = sheetTable(wb.getWorksheet('投诉记录表')!);
    expect(header).toEqual(
      expect.arrayContaining(['工单号', '投诉性质', '投诉等级', '处理负责人', '最近时限']),
    );
    const line = lines.find((r) => r[header.indexOf('工单号')] === urgent.number)!;
    expect(line[header.indexOf('投诉性质')]).toBe('有效投诉');
    expect(String(line[header.indexOf('联系电话')])).toMatch(/\*{4}/);
    expect((await tech.download(`/api/complaints/export?estateId=${ygh}`)).status).toBe(403);
  });
});
