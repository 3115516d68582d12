/** The working calendar through the API: read by every staff role, edited and imported by hq_cs and gm. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, sql } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { users } from '../auth/auth.table.ts';
import { companies } from '../organisation/organisation.table.ts';

let ctx: TestContext;
let agent: Client;
let admin: Client;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
  admin = await ctx.login('admin');
});
afterAll(() => ctx.close());

const days = async (client: Client, from: string, to: string) => {
  const res = await client.get(`/api/calendar/days?from=${from}&to=${to}`);
  expect(res.status).toBe(200);
  return res.body as { items: any[]; provisionalYears: number[] };
};
const dayOf = async (client: Client, date: string) => (await days(client, date, date)).items[0];

describe('reading the calendar', () => {
  it('lists every day of the 2026 Spring Festival month with the make-up Saturdays', async () => {
    const body = await days(agent, '2026-02-01', '2026-03-08');
    expect(body.items).toHaveLength(36);
    expect(body.provisionalYears).toEqual([]);
    const byDate = new Map(body.items.map((d) => [d.date, d]));
    expect(byDate.get('2026-02-13')).toEqual({ date: '2026-02-13', workday: true, kind: 'workday' });
    expect(byDate.get('2026-02-14')).toEqual({
      date: '2026-02-14',
      workday: true,
      kind: 'makeup_workday',
      name: '春节',
    });
    expect(byDate.get('2026-02-16')).toEqual({
      date: '2026-02-16',
      workday: false,
      kind: 'holiday',
      name: '春节',
    });
    // A Saturday inside the holiday is a holiday, not a weekend.
    expect(byDate.get('2026-02-21')).toEqual({
      date: '2026-02-21',
      workday: false,
      kind: 'holiday',
      name: '春节',
    });
    expect(byDate.get('2026-02-28')).toMatchObject({ workday: true, kind: 'makeup_workday' });
    expect(byDate.get('2026-03-07')).toEqual({ date: '2026-03-07', workday: false, kind: 'weekend' });
  });

  it('serves three whole years, naming the years nobody has loaded as provisional', async () => {
    const body = await days(agent, '2025-01-01', '2027-12-31');
    expect(body.items).toHaveLength(365 * 3);
    expect(body.provisionalYears).toEqual([2027]);
  });

  it('refuses a range of more than three years', async () => {
    const res = await agent.get('/api/calendar/days?from=2025-01-01&to=2028-01-01');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.fields).toEqual({ to: '不能大于 2027-12-31' });
  });

  it('refuses a range that ends before it starts', async () => {
    const res = await agent.get('/api/calendar/days?from=2026-03-01&to=2026-02-01');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ to: '不能小于 2026-03-01' });
  });

  it('refuses dates that are not real YYYY-MM-DD dates, in Chinese', async () => {
    for (const bad of ['2026-02-30', '2026-2-1', 'tomorrow']) {
      const res = await agent.get(`/api/calendar/days?from=${bad}&to=2026-03-01`);
      expect(res.status).toBe(400);
      expect(res.body.error.fields.from).toBe('格式不正确');
    }
    const missing = await agent.get('/api/calendar/days?from=2026-03-01');
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields.to).toBe('必填');
  });
});

describe('editing the calendar', () => {
  it('lets an agent read but not edit (403)', async () => {
    const put = await agent.put('/api/calendar/days/2026-12-24', { kind: 'holiday', name: '平安夜' });
    expect(put.status).toBe(403);
    expect((await agent.delete('/api/calendar/days/2026-02-16')).status).toBe(403);
    const imp = await agent.post('/api/calendar/years/2027/import', {
      days: [{ date: '2027-01-01', kind: 'holiday' }],
    });
    expect(imp.status).toBe(403);
    expect((await dayOf(agent, '2026-12-24')).kind).toBe('workday');
  });

  it('lets hq_cs give the company a day off, audited, and the next read shows it', async () => {
    const put = await admin.put('/api/calendar/days/2026-12-24', { kind: 'holiday', name: '公司年会' });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({ date: '2026-12-24', workday: false, kind: 'holiday', name: '公司年会' });
    expect(await dayOf(agent, '2026-12-24')).toEqual(put.body);

    const [event] = await rows<{ action: string; actor_id: string; data: any }>(
      ctx.database.db,
      sql`select action, actor_id, data from events where entity_type = 'calendar_day' and entity_id = '2026-12-24'`,
    );
    expect(event).toMatchObject({
      action: 'changed',
      actor_id: admin.user!.id,
      data: { kind: 'holiday', name: '公司年会', before: { kind: 'workday', name: null } },
    });

    const del = await admin.delete('/api/calendar/days/2026-12-24');
    expect(del.status).toBe(200);
    expect(del.body).toEqual({ date: '2026-12-24', workday: true, kind: 'workday' });
    expect((await dayOf(agent, '2026-12-24')).kind).toBe('workday');
    expect((await admin.delete('/api/calendar/days/2026-12-24')).status).toBe(404);
  });

  it('overrides a shipped holiday, and removing the override brings it back', async () => {
    const put = await admin.put('/api/calendar/days/2026-02-23', { kind: 'workday' });
    expect(put.body).toEqual({ date: '2026-02-23', workday: true, kind: 'workday' });
    expect((await dayOf(agent, '2026-02-23')).kind).toBe('workday');
    await admin.delete('/api/calendar/days/2026-02-23');
    expect(await dayOf(agent, '2026-02-23')).toMatchObject({ kind: 'holiday', name: '春节' });
  });

  it('refuses a weekday marked as weekend and a Saturday marked as an ordinary workday', async () => {
    const weekday = await admin.put('/api/calendar/days/2026-12-23', { kind: 'weekend' });
    expect(weekday.status).toBe(400);
    expect(weekday.body.error.fields).toEqual({ kind: '取值无效，可选：workday, holiday' });
    const saturday = await admin.put('/api/calendar/days/2026-12-26', { kind: 'workday' });
    expect(saturday.body.error.fields).toEqual({ kind: '取值无效，可选：weekend, holiday, makeup_workday' });
    const unknown = await admin.put('/api/calendar/days/2026-12-26', { kind: 'makeup_workday', note: 'x' });
    expect(unknown.body.error.fields).toEqual({ note: '不允许的字段' });
    const badDate = await admin.put('/api/calendar/days/2026-13-01', { kind: 'holiday' });
    expect(badDate.body.error.fields).toEqual({ date: '格式不正确' });
  });

  it("keeps one company's edits away from another company", async () => {
    const other = await otherCompanyAdmin();
    await admin.put('/api/calendar/days/2026-12-31', { kind: 'holiday', name: '公司年会' });
    expect((await dayOf(other, '2026-12-31')).kind).toBe('workday');
    expect((await dayOf(admin, '2026-12-31')).kind).toBe('holiday');
    await admin.delete('/api/calendar/days/2026-12-31');
  });
});

describe('importing a year', () => {
  const year2027 = [
    { date: '2027-01-01', kind: 'holiday', name: '元旦' },
    { date: '2027-02-06', kind: 'makeup_workday', name: '春节' },
    { date: '2027-02-08', kind: 'holiday', name: '春节' },
    { date: '2027-02-09', kind: 'holiday', name: '春节' },
  ];

  it('makes 2027 a loaded year with its holidays and make-up days', async () => {
    expect((await days(agent, '2027-01-01', '2027-12-31')).provisionalYears).toEqual([2027]);
    const res = await admin.post('/api/calendar/years/2027/import', { days: year2027 });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ year: 2027, source: 'imported', days: 4 });

    const body = await days(agent, '2027-01-01', '2027-12-31');
    expect(body.provisionalYears).toEqual([]);
    const byDate = new Map(body.items.map((d) => [d.date, d]));
    expect(byDate.get('2027-01-01')).toMatchObject({ workday: false, kind: 'holiday', name: '元旦' });
    expect(byDate.get('2027-02-06')).toMatchObject({ workday: true, kind: 'makeup_workday' });
    expect(byDate.get('2027-02-09')).toMatchObject({ workday: false, kind: 'holiday' });
  });

  it('changes nothing when one row is bad, and names every bad row', async () => {
    const res = await admin.post('/api/calendar/years/2027/import', {
      days: [
        { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
        { date: '2028-01-01', kind: 'holiday', name: '元旦' },
        { date: '2027-05-04', kind: 'weekend' },
        { date: '2027-05-01', kind: 'holiday', name: '劳动节' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      'days.1.date': '不能大于 2027-12-31',
      'days.2.kind': '取值无效，可选：workday, holiday',
      'days.3.date': '取值无效',
    });
    // The earlier import stands; nothing of the refused one arrived.
    expect(await dayOf(agent, '2027-02-08')).toMatchObject({ kind: 'holiday', name: '春节' });
    expect((await dayOf(agent, '2027-05-03')).kind).toBe('workday');

    const shape = await admin.post('/api/calendar/years/2028/import', {
      days: [{ date: '2028-01-0x', kind: 'holiday' }],
    });
    expect(shape.status).toBe(400);
    expect(shape.body.error.fields).toEqual({ 'days.0.date': '格式不正确' });
    expect((await days(agent, '2028-01-01', '2028-01-31')).provisionalYears).toEqual([2028]);
  });

  it('replaces a shipped year entirely when a company imports it', async () => {
    const res = await admin.post('/api/calendar/years/2026/import', {
      days: [{ date: '2026-10-01', kind: 'holiday', name: '国庆节' }],
    });
    expect(res.status).toBe(200);
    expect(await dayOf(agent, '2026-10-01')).toMatchObject({ kind: 'holiday' });
    expect((await dayOf(agent, '2026-10-02')).kind).toBe('workday');
  });
});

async function otherCompanyAdmin(): Promise<Client> {
  const { db } = ctx.database;
  const companyId = newId();
  await db
    .insert(companies)
    .values({ id: companyId, name: '别家物业', code: 'OTHER', createdAt: ctx.clock.now() });
  await db.insert(users).values({
    id: newId(),
    companyId,
    username: 'other_hq',
    name: '别家客服中心',
    passwordHash: await hashPassword('other-pass-1'),
    roles: ['hq_cs'],
    createdAt: ctx.clock.now(),
  });
  return ctx.login('other_hq', 'other-pass-1');
}
