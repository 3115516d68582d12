/**
 * Relationship work through the API: visits and their follow-up requests, the month's coverage across
 * a month boundary, visit plans carried over, the reception day's 7-day notice, the mailbox's weekly
 * opening and its letters as the manager's requests, notices, greetings, scoping and roles.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let ygh: string;
let twd: string;
let ids: Record<string, string> = {};

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

/** Occupied units of an estate with their main resident, in building order. */
async function occupiedUnits(estateId: string) {
  return rows<{ unit_id: string; building_id: string; resident_id: string | null }>(
    ctx.database.db,
    sql`select u.id as unit_id, u.building_id,
          (select ru.resident_id from resident_units ru where ru.unit_id = u.id order by ru.resident_id limit 1) as resident_id
        from units u join buildings b on b.id = u.building_id
        where u.estate_id = ${estateId} and u.status in ('occupied','rented')
        order by b.sort, u.floor, u.number`,
  );
}

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  const users = (await admin.get('/api/staff?pageSize=200')).body.items as any[];
  ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
  const [tw] = await rows<{ id: string }>(
    ctx.database.db,
    sql`select id from users where username = 'tw_manager'`,
  );
  ids.tw_manager = tw!.id;
});
afterAll(() => ctx.close());

describe('a visit record (业户访问记录)', () => {
  it('keeps topics, opinions and the signature, and takes the follow-up as a real request owned by the visitor', async () => {
    const steward = await ctx.login('steward');
    const [unit] = (await occupiedUnits(ygh)).filter((u) => u.resident_id);
    const sig = await steward.post(`/api/files?estateId=${ygh}&kind=signature`, PNG, {
      'content-type': 'image/png',
    });
    expect(sig.status).toBe(201);
    const res = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: unit!.unit_id,
      residentId: unit!.resident_id,
      way: 'visit',
      topics: ['security', 'repairs'],
      opinions: '业主反映楼道灯不亮，希望尽快维修',
      signatureFileId: sig.body.id,
      followUps: [{ type: 'repair', description: '楼道灯不亮（走访时业主反映）' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      way: 'visit',
      topics: ['security', 'repairs'],
      month: '2026-11',
      signatureFileId: sig.body.id,
    });
    expect(res.body.requests).toHaveLength(1);
    const request = await steward.get(`/api/requests/${res.body.requests[0].id}`);
    expect(request.body).toMatchObject({
      type: 'repair',
      channel: 'visit',
      ownerId: ids.steward,
      residentId: unit!.resident_id,
    });
    expect(request.body.number).toMatch(/^BX\d{12}$/);
    const list = await steward.get(`/api/visits?estateId=${ygh}&unitId=${unit!.unit_id}`);
    expect(list.body.items[0].id).toBe(res.body.id);
  });

  it('refuses a signature on a phone call, a unit of another estate, and no topic (field errors)', async () => {
    const steward = await ctx.login('steward');
    const [unit] = await occupiedUnits(ygh);
    const [foreign] = await occupiedUnits(twd);
    const sig = await steward.post(`/api/files?estateId=${ygh}&kind=signature`, PNG, {
      'content-type': 'image/png',
    });
    const phone = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: unit!.unit_id,
      way: 'phone',
      topics: ['fees'],
      signatureFileId: sig.body.id,
    });
    expect(phone.status).toBe(400);
    expect(phone.body.error.fields.signatureFileId).toContain('签名');
    const other = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: foreign!.unit_id,
      way: 'phone',
      topics: ['fees'],
    });
    expect(other.body.error.fields.unitId).toBeTruthy();
    const none = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: unit!.unit_id,
      way: 'phone',
      topics: [],
    });
    expect(none.body.error.fields.topics).toBeTruthy();
  });
});

describe('the month’s coverage and the plans', () => {
  it('counts households visited or called ÷ occupied households by the local month, across a month boundary', async () => {
    const supervisor = await ctx.login('supervisor');
    const before = (await supervisor.get(`/api/visit-coverage?estateId=${ygh}&month=2026-11`)).body
      .estates[0];
    expect(before.households).toBe((await occupiedUnits(ygh)).length);
    // 2026-11-30 23:50 in Shanghai.
    ctx.clock.advanceMinutes((8 * 24 + 13) * 60 + 50);
    const steward = await ctx.login('steward');
    const notVisited = await rows<{ id: string }>(
      ctx.database.db,
      sql`select u.id from units u where u.estate_id = ${ygh} and u.status in ('occupied','rented')
            and not exists (select 1 from visits v where v.unit_id = u.id and v.month = '2026-11') order by u.id limit 2`,
    );
    const late = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: notVisited[0]!.id,
      metName: '住户',
      way: 'phone',
      topics: ['cleaning'],
    });
    expect(late.body.month).toBe('2026-11');
    ctx.clock.advanceMinutes(20); // 2026-12-01 00:10
    const early = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: notVisited[1]!.id,
      metName: '住户',
      way: 'phone',
      topics: ['cleaning'],
    });
    expect(early.body.month).toBe('2026-12');
    const supervisor2 = await ctx.login('supervisor');
    const nov = (await supervisor2.get(`/api/visit-coverage?estateId=${ygh}&month=2026-11`)).body;
    expect(nov.estates[0]).toMatchObject({ visited: before.visited + 1, households: before.households });
    const dec = (await supervisor2.get(`/api/visit-coverage?estateId=${ygh}`)).body;
    expect(dec.month).toBe('2026-12');
    expect(dec.target).toBe(0.85);
    expect(dec.estates[0]).toMatchObject({ visited: 1, households: before.households, belowTarget: true });
    expect(dec.estates[0].rate).toBeCloseTo(1 / before.households);
  });

  it('generates a plan from buildings, and carries the last month’s unvisited households over', async () => {
    const supervisor = await ctx.login('supervisor');
    const units = await occupiedUnits(ygh);
    const building = units[units.length - 1]!.building_id;
    const nov = (
      await supervisor.get(`/api/visit-plans?estateId=${ygh}&month=2026-11&stewardId=${ids.steward}`)
    ).body.items[0];
    const unvisitedNov = nov ? nov.planned - nov.visited : 0;
    const plan = await supervisor.post('/api/visit-plans', {
      estateId: ygh,
      stewardId: ids.steward,
      month: '2026-12',
      buildingIds: [building],
    });
    expect(plan.status).toBe(201);
    const inBuilding = units.filter((u) => u.building_id === building).map((u) => u.unit_id);
    const carried = plan.body.units.filter((u: any) => u.carried);
    expect(plan.body.planned).toBe(plan.body.units.length);
    // Every household of the building, and every one of last month's plan nobody visited (flagged).
    expect(plan.body.units.map((u: any) => u.unitId)).toEqual(expect.arrayContaining(inBuilding));
    expect(carried).toHaveLength(unvisitedNov);
    expect(unvisitedNov).toBeGreaterThan(0);
    expect(plan.body.units.filter((u: any) => !u.carried && !inBuilding.includes(u.unitId))).toEqual([]);
    const again = await supervisor.post('/api/visit-plans', {
      estateId: ygh,
      stewardId: ids.steward,
      month: '2026-12',
      buildingIds: [building],
    });
    expect(again.status).toBe(409);
    const coverage = (await supervisor.get(`/api/visit-coverage?estateId=${ygh}&month=2026-12`)).body;
    expect(coverage.stewards.find((s: any) => s.stewardId === ids.steward)).toMatchObject({
      households: plan.body.planned,
      planId: plan.body.id,
    });
  });

  it('lets a steward plan their own month only; the desk does not see coverage (403)', async () => {
    const steward = await ctx.login('steward');
    const own = await steward.post('/api/visit-plans', {
      estateId: ygh,
      stewardId: ids.supervisor,
      month: '2027-01',
      unitIds: [],
    });
    expect(own.status).toBe(400);
    expect(own.body.error.fields.stewardId).toBe('管家只能为自己生成走访计划');
    expect((await (await ctx.login('agent')).get('/api/visit-coverage')).status).toBe(403);
    expect((await (await ctx.login('cashier')).post('/api/visits', {})).status).toBe(403);
  });
});

describe('the manager reception day (经理接待日)', () => {
  let dayId: string;
  it('refuses a day less than 7 days after its notice, and a working day, with field errors', async () => {
    // The tests above left the clock at 2026-12-01 00:10 (Tuesday) in Shanghai.
    const manager = await ctx.login('manager');
    const soon = await manager.post('/api/reception-days', {
      estateId: ygh,
      date: '2026-12-06',
      startTime: '09:00',
      endTime: '11:30',
      place: '管理处会议室',
    });
    expect(soon.status).toBe(400);
    expect(soon.body.error.fields.date).toBe(
      '经理接待日须至少提前 7 天通知全体业户，最早可安排在 2026-12-08',
    );
    const workday = await manager.post('/api/reception-days', {
      estateId: ygh,
      date: '2026-12-09',
      startTime: '09:00',
      endTime: '11:30',
      place: '管理处会议室',
    });
    expect(workday.body.error.fields.date).toContain('周末或节假日');
  });

  it('schedules a weekend with its notice published now, and takes issues as requests owned by the manager', async () => {
    const manager = await ctx.login('manager');
    const res = await manager.post('/api/reception-days', {
      estateId: ygh,
      date: '2026-12-12',
      startTime: '09:00',
      endTime: '11:30',
      place: '管理处会议室',
    });
    expect(res.status).toBe(201);
    dayId = res.body.id;
    expect(res.body).toMatchObject({ hostId: ids.manager, noticePublishedAt: '2026-11-30T16:10:00.000Z' });
    const notice = await manager.get(`/api/notices/${res.body.noticeId}`);
    expect(notice.body).toMatchObject({ status: 'published', receptionDayId: dayId, buildingIds: [] });
    expect(notice.body.body).toContain('2026-12-12');
    // Withdrawing the notice would leave residents uninformed.
    const withdraw = await manager.patch(`/api/notices/${res.body.noticeId}`, {
      version: notice.body.version,
      status: 'withdrawn',
    });
    expect(withdraw.body.error.fields.status).toBeTruthy();
    const tooEarly = await manager.post(`/api/reception-days/${dayId}/entries`, {
      visitorName: '王先生',
      issue: '停车难',
    });
    expect(tooEarly.status).toBe(422);

    ctx.clock.advanceMinutes(11 * 24 * 60 + 9 * 60); // 2026-12-12 09:10
    const admin = await ctx.login('admin');
    const [unit] = (await occupiedUnits(ygh)).filter((u) => u.resident_id);
    const entry = await admin.post(`/api/reception-days/${dayId}/entries`, {
      visitorName: '王先生',
      unitId: unit!.unit_id,
      issue: '地下车库积水，希望尽快处理',
      answer: '已安排工程部本周内排查',
      followUp: { type: 'repair' },
    });
    expect(entry.status).toBe(201);
    const line = entry.body.entries[0];
    expect(line.request.number).toMatch(/^BX/);
    const request = await admin.get(`/api/requests/${line.request.id}`);
    expect(request.body).toMatchObject({ ownerId: ids.manager, channel: 'reception_day' });
    expect(request.body.state).toBe('new');
  });

  it('is out of reach of another estate’s manager (404) and of stewards (403)', async () => {
    const tw = await ctx.login('tw_manager');
    expect((await tw.get(`/api/reception-days/${dayId}`)).status).toBe(404);
    expect(
      (await tw.post(`/api/reception-days/${dayId}/entries`, { visitorName: '某人', issue: '越权' })).status,
    ).toBe(404);
    expect((await tw.get(`/api/reception-days?estateId=${ygh}`)).status).toBe(404);
    expect((await tw.get('/api/reception-days')).body.items).toEqual([]);
    const steward = await ctx.login('steward');
    expect((await steward.post('/api/reception-days', { estateId: ygh })).status).toBe(403);
  });
});

describe('the manager mailbox (经理信箱)', () => {
  it('is due when not opened for 7 days; each letter becomes a request owned by the manager, replied with a version', async () => {
    const tw = await ctx.login('tw_manager');
    const first = (await tw.get('/api/mailbox')).body;
    expect(first.estates).toEqual([
      expect.objectContaining({ estateId: twd, lastOpenedAt: null, overdue: true }),
    ]);
    const [unit] = (await occupiedUnits(twd)).filter((u) => u.resident_id);
    const opened = await tw.post('/api/mailbox/openings', {
      estateId: twd,
      witnessName: '客服主管',
      letters: [
        { unitId: unit!.unit_id, type: 'suggestion', content: '建议大堂增设休息座椅' },
        { writerName: '匿名业户', phone: '13800001111', type: 'complaint', content: '保安夜间巡逻不到位' },
      ],
    });
    expect(opened.status).toBe(201);
    expect(opened.body.letterCount).toBe(2);
    for (const l of opened.body.letters) {
      const r = await tw.get(`/api/requests/${l.request.id}`);
      expect(r.body).toMatchObject({ ownerId: ids.tw_manager, channel: 'mailbox' });
    }
    const now = (await tw.get('/api/mailbox')).body.estates[0];
    expect(now.overdue).toBe(false);
    expect(new Date(now.dueAt).getTime() - new Date(now.lastOpenedAt).getTime()).toBe(7 * 86_400_000);

    const letter = opened.body.letters[0];
    const reply = await tw.post(`/api/mailbox/letters/${letter.id}/reply`, {
      reply: '已在大堂增设座椅，感谢建议',
      version: letter.version,
    });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({
      reply: '已在大堂增设座椅，感谢建议',
      repliedByName: '韩经理',
      version: 2,
    });
    expect(
      (await tw.post(`/api/mailbox/letters/${letter.id}/reply`, { reply: '再次回复', version: 1 })).status,
    ).toBe(409);
    // Another estate's manager cannot reply.
    expect(
      (
        await (
          await ctx.login('manager')
        ).post(`/api/mailbox/letters/${letter.id}/reply`, { reply: '越权', version: 2 })
      ).status,
    ).toBe(404);

    ctx.clock.advanceMinutes(7 * 24 * 60);
    const later = (await (await ctx.login('tw_manager')).get('/api/mailbox')).body.estates[0];
    expect(later.overdue).toBe(true);
  });

  it('makes a letter the estate manager’s request when the company centre opens the box', async () => {
    const admin = await ctx.login('admin');
    const [unit] = (await occupiedUnits(ygh)).filter((u) => u.resident_id);
    const opened = await admin.post('/api/mailbox/openings', {
      estateId: ygh,
      witnessName: '孙主管',
      letters: [{ unitId: unit!.unit_id, type: 'repair', content: '单元门禁失灵' }],
    });
    const r = await admin.get(`/api/requests/${opened.body.letters[0].request.id}`);
    expect(r.body.ownerId).toBe(ids.manager);
    expect((await (await ctx.login('agent')).post('/api/mailbox/openings', { estateId: ygh })).status).toBe(
      403,
    );
  });
});

describe('committee meetings, developer logs and notices', () => {
  it('counts the year’s committee meetings against two, and links developer logs to requests of the estate', async () => {
    const manager = await ctx.login('manager');
    const m = await manager.post('/api/committee-meetings', {
      estateId: ygh,
      date: '2026-12-20',
      status: 'planned',
      topics: '年度物业服务工作汇报',
    });
    expect(m.status).toBe(201);
    const held = await manager.put(`/api/committee-meetings/${m.body.id}`, {
      date: '2026-12-12',
      status: 'held',
      topics: '年度物业服务工作汇报',
      minutes: '通过了明年维修计划',
      version: 1,
    });
    expect(held.body).toMatchObject({ status: 'held', version: 2 });
    expect(
      (
        await manager.put(`/api/committee-meetings/${m.body.id}`, {
          date: '2026-12-12',
          status: 'held',
          topics: 'x',
          version: 1,
        })
      ).status,
    ).toBe(409);
    const list = (await manager.get(`/api/committee-meetings?estateId=${ygh}&year=2026`)).body;
    expect(list.target).toBe(2);
    expect(list.held).toBeGreaterThanOrEqual(1);
    const [req] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from requests where estate_id = ${ygh} limit 1`,
    );
    const [foreign] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from requests where estate_id = ${twd} limit 1`,
    );
    const log = await manager.post('/api/developer-logs', {
      estateId: ygh,
      date: '2026-12-10',
      status: 'held',
      contact: '开发商工程部李工',
      topic: '外墙渗水保修',
      requestIds: [req!.id],
    });
    expect(log.status).toBe(201);
    expect(log.body.requests[0].id).toBe(req!.id);
    const bad = await manager.post('/api/developer-logs', {
      estateId: ygh,
      date: '2026-12-10',
      status: 'held',
      contact: '李工',
      topic: '越权',
      requestIds: [foreign!.id],
    });
    expect(bad.body.error.fields['requestIds.0']).toBeTruthy();
  });

  it('publishes a notice to some buildings with a version check; other estates see nothing of it', async () => {
    const agent = await ctx.login('agent');
    const buildings = (await agent.get(`/api/estates/${ygh}/buildings`)).body.items;
    const n = await agent.post('/api/notices', {
      estateId: ygh,
      buildingIds: [buildings[0].id],
      title: '停水通知',
      body: '因管道维修，12月15日9:00—12:00停水。',
      publishFrom: '2026-12-12T09:00:00+08:00',
    });
    expect(n.status).toBe(201);
    expect(n.body).toMatchObject({ status: 'draft', buildingNames: [buildings[0].name] });
    const published = await agent.patch(`/api/notices/${n.body.id}`, { version: 1, status: 'published' });
    expect(published.body).toMatchObject({ status: 'published', version: 2 });
    expect(published.body.publishedAt).not.toBeNull();
    expect((await agent.patch(`/api/notices/${n.body.id}`, { version: 1, title: '改' })).status).toBe(409);
    const tw = await ctx.login('tw_agent');
    expect((await tw.get(`/api/notices/${n.body.id}`)).status).toBe(404);
    expect((await tw.get('/api/notices')).body.items.every((x: any) => x.estateId === twd)).toBe(true);
    expect(
      (
        await tw.post('/api/notices', {
          estateId: ygh,
          title: 'x',
          body: 'y',
          publishFrom: '2026-12-12T09:00:00+08:00',
        })
      ).body.error.fields.estateId,
    ).toBeTruthy();
  });
});

describe('the greeting calendar', () => {
  it('lists residents whose birthday comes in the next days, and records a greeting once', async () => {
    const steward = await ctx.login('steward');
    const [r] = await rows<{ id: string; birthday: string }>(
      ctx.database.db,
      sql`select id, to_char(birthday, 'MM-DD') as birthday from residents where estate_id = ${ygh} and birthday is not null order by id limit 1`,
    );
    const from = `2027-${r!.birthday}`;
    const cal = (await steward.get(`/api/greetings?estateId=${ygh}&from=${from}&days=3`)).body;
    const item = cal.items.find((i: any) => i.residentId === r!.id && i.occasion === 'birthday');
    expect(item).toMatchObject({ date: from, year: 2027, greeting: null });
    const done = await steward.post('/api/greetings', {
      residentId: r!.id,
      occasion: 'birthday',
      year: 2027,
      method: 'phone',
      note: '电话祝福',
    });
    expect(done.status).toBe(201);
    expect(
      (
        await steward.post('/api/greetings', {
          residentId: r!.id,
          occasion: 'birthday',
          year: 2027,
          method: 'sms',
        })
      ).status,
    ).toBe(409);
    const again = (await steward.get(`/api/greetings?estateId=${ygh}&from=${from}&days=3`)).body;
    expect(
      again.items.find((i: any) => i.residentId === r!.id && i.occasion === 'birthday').greeting,
    ).toMatchObject({ method: 'phone', byName: expect.any(String) });
    const tw = await ctx.login('tw_agent');
    expect(
      (
        await tw.post('/api/greetings', {
          residentId: r!.id,
          occasion: 'spring',
          year: 2027,
          method: 'phone',
        })
      ).status,
    ).toBe(400);
  });

  it('shows the festivals of the window from the data, with the grade-A households to greet', async () => {
    const agent = await ctx.login('agent');
    const cal = (await agent.get(`/api/greetings?estateId=${ygh}&from=2027-02-05&days=3`)).body;
    expect(cal.festivals).toEqual([{ festival: 'spring', date: '2027-02-06' }]);
    const spring = cal.items.filter((i: any) => i.occasion === 'spring');
    expect(spring.length).toBeGreaterThan(0);
    expect(spring.every((i: any) => i.grade === 'A')).toBe(true);
  });
});
