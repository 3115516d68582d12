/**
 * Night requests at the morning hand-over through the API: the night's list, the morning's dispatch,
 * the "交接完成" record and its events, and bad input.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { currentShiftDate, nightWindow } from './handover.usecases.ts';

let ctx: TestContext;
let ygh: string;
let eng: string;
let ids: Record<string, string> = {};

const login = (u: string) => ctx.login(u);
const handoverCount = async () =>
  (await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from night_handovers`))[0]!.n;

beforeAll(async () => {
  ctx = await createTestContext();
  const admin = await login('admin');
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  eng = (await admin.get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  const users = (await admin.get('/api/staff?pageSize=200')).body.items as any[];
  ids = Object.fromEntries(users.map((u) => [u.username, u.id]));
});
afterAll(() => ctx.close());

describe('the night window', () => {
  it('runs from 18:30 the evening before to 08:30 on the morning, in the estate’s time zone', () => {
    const w = nightWindow('2026-11-22', 'Asia/Shanghai');
    expect(w.from.toISOString()).toBe('2026-11-21T10:30:00.000Z');
    expect(w.to.toISOString()).toBe('2026-11-22T00:30:00.000Z');
  });

  it('is tonight’s after 18:30 and last night’s by day', () => {
    const at = (s: string) => new Date(s);
    expect(currentShiftDate(at('2026-11-22T07:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(currentShiftDate(at('2026-11-22T10:00:00+08:00'), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(currentShiftDate(at('2026-11-22T18:29:00+08:00'), 'Asia/Shanghai')).toBe('2026-11-22');
    expect(currentShiftDate(at('2026-11-22T18:30:00+08:00'), 'Asia/Shanghai')).toBe('2026-11-23');
  });
});

describe('the morning hand-over', () => {
  it('shows last night’s requests, and the previous morning’s record', async () => {
    const agent = await login('agent');
    const res = await agent.get(`/api/handovers/night?estateId=${ygh}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      estateId: ygh,
      shiftDate: '2026-11-22',
      from: '2026-11-21T10:30:00.000Z',
      to: '2026-11-22T00:30:00.000Z',
      handover: null,
    });
    const items = res.body.items as any[];
    // The demo's night: four requests left for the morning, the lift emergency dispatched at once.
    const left = items.filter((i) => !i.carriedOver && i.state === 'new').map((i) => i.description);
    expect(left).toEqual(
      expect.arrayContaining([
        '楼上漏水，客厅天花板在滴水',
        '地库入口道闸无法抬杆，车辆进出不了',
        '热水器不出热水，早上无法洗漱',
      ]),
    );
    expect(items.find((i) => i.description.startsWith('2栋1号电梯困人'))).toMatchObject({
      state: 'confirmed',
      departmentName: '工程部',
      assigneeName: '蒋师傅',
      carriedOver: false,
    });
    expect(items.find((i) => i.description.startsWith('热水器'))).toMatchObject({
      vip: true,
      unitLabel: '1栋-1801',
    });
    // Older night requests still undispatched come along, first.
    const carried = items.filter((i) => i.carriedOver);
    expect(carried.map((i) => i.description)).toContain('阳台推拉门轨道损坏，门关不严');
    expect(carried.every((i) => i.state === 'new')).toBe(true);
    // Dispatched this morning, a carried-over request stays in this morning's list (and only there).
    const door = carried.find((i) => i.description.startsWith('阳台推拉门'));
    const sent = await agent.post(`/api/requests/${door.id}/transitions`, {
      action: 'dispatch',
      version: door.version,
      departmentId: eng,
    });
    expect(sent.status).toBe(200);
    const again = (await agent.get(`/api/handovers/night?estateId=${ygh}`)).body.items;
    expect(again.find((i: any) => i.id === door.id)).toMatchObject({
      carriedOver: true,
      state: 'dispatched',
    });
    expect(items.indexOf(carried.at(-1)) < items.findIndex((i) => !i.carriedOver)).toBe(true);
    for (const i of items.filter((x) => !x.carriedOver)) {
      expect(Date.parse(i.receivedAt)).toBeGreaterThanOrEqual(Date.parse(res.body.from));
      expect(Date.parse(i.receivedAt)).toBeLessThan(Date.parse(res.body.to));
    }

    const before = await agent.get(`/api/handovers/night?estateId=${ygh}&date=2026-11-21`);
    expect(before.body.handover).toMatchObject({
      shiftDate: '2026-11-21',
      handedOverByName: '褚值班',
      receivedByName: '李晓燕',
    });
    expect(before.body.handover.requestIds.length).toBeGreaterThan(0);
  });

  it('filters the request list to night (or day) requests', async () => {
    const agent = await login('agent');
    const night = await agent.get(`/api/requests?estateId=${ygh}&night=true&pageSize=200`);
    expect(night.status).toBe(200);
    expect(night.body.total).toBeGreaterThan(5);
    expect(night.body.items.every((r: any) => r.night)).toBe(true);
    const day = await agent.get(`/api/requests?estateId=${ygh}&night=false&pageSize=200`);
    expect(day.body.items.every((r: any) => !r.night)).toBe(true);
    const all = await agent.get(`/api/requests?estateId=${ygh}&pageSize=1`);
    expect(night.body.total + day.body.total).toBe(all.body.total);
    expect((await agent.get(`/api/requests?night=yes`)).status).toBe(400);
  });

  it('lets the morning dispatch a night request and record who handed over what', async () => {
    // 20:40: the control room takes a non-emergency call; it waits for the morning.
    ctx.clock.set(new Date('2026-11-22T20:40:00+08:00'));
    const night = await login('night');
    const taken = await night.post('/api/requests', {
      estateId: ygh,
      locationText: '5栋地下室',
      reporter: { name: '巡逻岗', phone: '13900001234' },
      channel: 'night_duty',
      type: 'repair',
      description: '5栋地下室水泵房有异响',
    });
    expect(taken.body.night).toBe(true);
    const tonight = await night.get(`/api/handovers/night?estateId=${ygh}`);
    expect(tonight.body.shiftDate).toBe('2026-11-23');
    expect(tonight.body.items.find((i: any) => i.id === taken.body.id)).toMatchObject({
      state: 'new',
      carriedOver: false,
      receivedByName: '褚值班',
    });

    // 08:35 next morning: the day shift dispatches it and takes over the night.
    ctx.clock.set(new Date('2026-11-23T08:35:00+08:00'));
    const agent = await login('agent');
    const shift = (await agent.get(`/api/handovers/night?estateId=${ygh}`)).body;
    expect(shift.shiftDate).toBe('2026-11-23');
    // Yesterday's carried-over request, dispatched yesterday morning, is no longer this morning's.
    expect(shift.items.find((i: any) => i.description.startsWith('阳台推拉门'))).toBeUndefined();
    const row = shift.items.find((i: any) => i.id === taken.body.id);
    const dispatched = await agent.post(`/api/requests/${row.id}/transitions`, {
      action: 'dispatch',
      version: row.version,
      departmentId: eng,
      assigneeId: ids.tech,
    });
    expect(dispatched.status).toBe(200);

    const done = await agent.post('/api/handovers', {
      estateId: ygh,
      shiftDate: '2026-11-23',
      handedOverById: ids.night,
      receivedById: ids.agent,
      requestIds: shift.items.map((i: any) => i.id),
      notes: '水泵房异响已派工程部',
    });
    expect(done.status).toBe(201);
    expect(done.body).toMatchObject({
      shiftDate: '2026-11-23',
      handedOverByName: '褚值班',
      receivedByName: '李晓燕',
      recordedById: ids.agent,
      at: '2026-11-23T00:35:00.000Z',
      notes: '水泵房异响已派工程部',
    });
    expect(done.body.requestIds).toContain(taken.body.id);

    const after = (await agent.get(`/api/handovers/night?estateId=${ygh}`)).body;
    expect(after.handover.id).toBe(done.body.id);
    expect(after.items.find((i: any) => i.id === taken.body.id)).toMatchObject({
      state: 'dispatched',
      departmentName: '工程部',
      assigneeName: '王师傅',
    });
    const timeline = (await agent.get(`/api/requests/${taken.body.id}`)).body.events;
    expect(timeline.map((e: any) => e.action)).toEqual(['created', 'dispatch', 'night_handover']);
    expect(timeline.at(-1).data).toMatchObject({ handedOverByName: '褚值班', receivedByName: '李晓燕' });

    const twice = await night.post('/api/handovers', {
      estateId: ygh,
      shiftDate: '2026-11-23',
      handedOverById: ids.night,
      receivedById: ids.supervisor,
      requestIds: [],
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toBe('该项目这一班的夜间交接已经登记');
  });
});

describe('bad input and permissions', () => {
  it('refuses bad hand-overs with a message per field and writes nothing', async () => {
    ctx.clock.set(new Date('2026-11-24T08:40:00+08:00'));
    const agent = await login('agent');
    const shift = (await agent.get(`/api/handovers/night?estateId=${ygh}`)).body;
    expect(shift.shiftDate).toBe('2026-11-24');
    const [dayRequest] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from requests where estate_id = ${ygh} and not night order by id limit 1`,
    );
    const [foreign] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from requests where estate_id <> ${ygh} and night order by id limit 1`,
    );
    const good = {
      estateId: ygh,
      shiftDate: '2026-11-24',
      handedOverById: ids.night,
      receivedById: ids.agent,
      requestIds: [] as string[],
    };
    const before = await handoverCount();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ ...good, receivedById: ids.night }, 'receivedById', '交班人与接班人不能是同一人'],
      [{ ...good, handedOverById: ids.tw_agent }, 'handedOverById', '交接人必须是本项目的在职员工'],
      [{ ...good, requestIds: [dayRequest!.id] }, 'requestIds.0', '只能交接本项目的夜间工单'],
      [{ ...good, requestIds: [foreign!.id] }, 'requestIds.0', '只能交接本项目的夜间工单'],
      [{ ...good, shiftDate: '2026-11-25' }, 'shiftDate', '交接日期不能晚于当前班次'],
      [{ ...good, shiftDate: '2026-02-30' }, 'shiftDate', '格式不正确'],
      [{ ...good, requestIds: undefined }, 'requestIds', '必填'],
      [{ ...good, signature: 'x' }, 'signature', '不允许的字段'],
    ];
    for (const [body, field, message] of cases) {
      const res = await agent.post('/api/handovers', body);
      expect({ field, status: res.status, message: res.body.error.fields?.[field] }).toEqual({
        field,
        status: 400,
        message,
      });
    }
    const en = await agent.post(
      '/api/handovers',
      { ...good, receivedById: ids.night },
      { 'accept-language': 'en' },
    );
    expect(en.body.error.fields.receivedById).toBe(
      'The person handing over and the person receiving must differ',
    );

    const supervisor = await login('supervisor');
    const bystander = await supervisor.post('/api/handovers', good);
    expect(bystander.status).toBe(422);
    expect(bystander.body.error).toMatchObject({
      code: 'RULE_VIOLATION',
      message: '交接记录须由交班人或接班人本人登记',
    });
    expect(await handoverCount()).toBe(before);
  });

  it('keeps other roles out and other estates unseen', async () => {
    for (const u of ['tech', 'cashier', 'eng_lead']) {
      const client = await login(u);
      expect((await client.get(`/api/handovers/night?estateId=${ygh}`)).status).toBe(403);
    }
    const twAgent = await login('tw_agent');
    expect((await twAgent.get(`/api/handovers/night?estateId=${ygh}`)).status).toBe(404);
    const agent = await login('agent');
    expect((await agent.get('/api/handovers/night')).body.error.fields.estateId).toBe('必填');
  });
});
