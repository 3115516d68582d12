/**
 * What an estate's clock settings change: the clocks its requests get from then on (arrival, callbacks on
 * working days, the night window, the warning point, the quote limit), while the other estate keeps the
 * seeds' defaults and clocks already running keep their due times.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { TEST_NOW } from '../../testing/test-clock.ts';

let ctx: TestContext;
let admin: Client;
const staff: Record<'ygh' | 'twd', { agent: Client; tech: Client; techId: string; eng: string; id: string }> =
  {} as any;

const MIN = 60_000;

async function signIn() {
  admin = await ctx.login('admin');
  for (const [key, agent, tech] of [
    ['ygh', 'agent', 'tech'],
    ['twd', 'tw_agent', 'tw_tech'],
  ] as const) {
    const a = await ctx.login(agent);
    const t = await ctx.login(tech);
    staff[key] = { ...staff[key], agent: a, tech: t, techId: t.user!.id };
  }
}

/** Moves the test clock (sessions last 12 hours, so everyone signs in again). */
async function at(instant: string) {
  ctx.clock.set(new Date(instant));
  await signIn();
}

async function changeSettings(estate: 'ygh' | 'twd', patch: (s: any) => void) {
  const url = `/api/estates/${staff[estate].id}/sla-settings`;
  const current = (await admin.get(url)).body;
  const settings = structuredClone(current.settings);
  patch(settings);
  const res = await admin.put(url, { settings, version: current.version });
  expect(res.status).toBe(200);
}

async function act(client: Client, id: string, body: Record<string, unknown>) {
  const current = await client.get(`/api/requests/${id}`);
  const res = await client.post(`/api/requests/${id}/transitions`, {
    version: current.body.version,
    ...body,
  });
  expect(res.status).toBe(200);
  return res.body;
}

function publicRepair(estate: 'ygh' | 'twd', extra: Record<string, unknown> = {}) {
  return staff[estate].agent
    .post('/api/requests', {
      estateId: staff[estate].id,
      locationText: '大堂',
      channel: 'patrol',
      type: 'repair',
      description: '大堂自动门无法关闭',
      ...extra,
    })
    .then((r) => {
      expect(r.status).toBe(201);
      return r.body;
    });
}

async function dispatched(estate: 'ygh' | 'twd', extra: Record<string, unknown> = {}) {
  const s = staff[estate];
  const r = await publicRepair(estate, extra);
  return act(s.agent, r.id, { action: 'dispatch', departmentId: s.eng, assigneeId: s.techId });
}

async function completed(estate: 'ygh' | 'twd') {
  const s = staff[estate];
  const r = await dispatched(estate);
  await act(s.tech, r.id, { action: 'accept' });
  await act(s.tech, r.id, { action: 'arrive' });
  return act(s.tech, r.id, {
    action: 'complete',
    workDone: '已修好',
    chargeable: false,
    residentConfirmation: { method: 'phone' },
  });
}

const clock = (r: any, kind: string) => r.deadlines.filter((d: any) => d.kind === kind).at(-1);
const windowMin = (d: any) => (Date.parse(d.dueAt) - Date.parse(d.startedAt)) / MIN;

beforeAll(async () => {
  ctx = await createTestContext();
  await signIn();
  const estates = (await admin.get('/api/estates')).body.items;
  for (const [key, name] of [
    ['ygh', '阳光花园'],
    ['twd', '天物大厦'],
  ] as const) {
    const id = estates.find((e: any) => e.name === name).id;
    const depts = (await admin.get(`/api/departments?estateId=${id}`)).body.items;
    staff[key] = { ...staff[key], id, eng: depts.find((d: any) => d.kind === 'engineering').id };
  }
});
beforeEach(() => at(TEST_NOW.toISOString()));
afterAll(() => ctx.close());

describe('the arrival clock', () => {
  it('gives an estate with on-site 30 minutes a 30-minute clock at dispatch; the other estate keeps 15', async () => {
    const before = await dispatched('ygh');
    expect(windowMin(clock(before, 'on_site'))).toBe(15);

    await changeSettings('ygh', (s) => (s.onSiteMinutes = 30));
    const ygh = await dispatched('ygh');
    const twd = await dispatched('twd');
    expect(windowMin(clock(ygh, 'on_site'))).toBe(30);
    expect(windowMin(clock(twd, 'on_site'))).toBe(15);

    // The clock started before the change keeps its due time; a re-dispatch starts one under the new rule.
    const still = (await staff.ygh.agent.get(`/api/requests/${before.id}`)).body;
    expect(clock(still, 'on_site').dueAt).toBe(clock(before, 'on_site').dueAt);
    const again = await act(staff.ygh.agent, before.id, { action: 'dispatch', departmentId: staff.ygh.eng });
    expect(windowMin(clock(again, 'on_site'))).toBe(30);
  });

  it('warns at the estate’s own share of the window', async () => {
    await changeSettings('ygh', (s) => (s.warningFraction = 0.5));
    const ygh = await dispatched('ygh');
    const twd = await dispatched('twd');
    const warnAt = async (r: any) => {
      const [row] = await rows<{ warn_at: Date; started_at: Date }>(
        ctx.database.db,
        sql`select warn_at, started_at from request_deadlines where request_id = ${r.id} and kind = 'on_site' and status = 'pending'`,
      );
      return (new Date(row!.warn_at).getTime() - new Date(row!.started_at).getTime()) / MIN;
    };
    expect(await warnAt(ygh)).toBe(15); // 50% of 30 minutes
    expect(await warnAt(twd)).toBe(11.25); // 75% of 15 minutes
    // The request says so too, for the countdown's amber.
    const d = clock(ygh, 'on_site');
    expect((Date.parse(d.warnAt) - Date.parse(d.startedAt)) / MIN).toBe(15);
  });
});

describe('day rules on working days', () => {
  it('skips National Day 2026 for a callback rule switched to working days', async () => {
    await changeSettings('ygh', (s) => {
      s.callbackDays = 2;
      s.dayCounting.callback = 'working';
    });
    // Wednesday 30 September 2026, 10:00; 1–7 October are holidays.
    await at('2026-09-30T10:00:00+08:00');
    const ygh = await completed('ygh');
    const twd = await completed('twd');
    expect(new Date(clock(ygh, 'callback').dueAt)).toEqual(new Date('2026-10-09T10:00:00+08:00'));
    expect(new Date(clock(twd, 'callback').dueAt)).toEqual(new Date('2026-10-02T10:00:00+08:00'));
  });

  it('counts a medium public repair dispatched on a holiday from 08:30 of the next working day, make-up days included', async () => {
    await changeSettings('ygh', (s) => (s.dayCounting.publicFixMedium = 'working'));
    // Saturday 3 October 2026, a holiday: counted from Thursday 8 October 08:30, three working days are
    // Friday 9, Saturday 10 (a make-up working day) and Monday 12 October.
    await at('2026-10-03T15:00:00+08:00');
    const ygh = await dispatched('ygh', { subtype: 'public', size: 'medium' });
    const twd = await dispatched('twd', { subtype: 'public', size: 'medium' });
    expect(new Date(clock(ygh, 'fix').dueAt)).toEqual(new Date('2026-10-12T08:30:00+08:00'));
    expect(new Date(clock(twd, 'fix').dueAt)).toEqual(new Date('2026-10-06T15:00:00+08:00'));
  });
});

describe('the night window', () => {
  it('marks night requests by each estate’s own window', async () => {
    await changeSettings('ygh', (s) => (s.night = { start: '20:00', end: '07:00' }));
    await at('2026-11-22T19:00:00+08:00');
    expect((await publicRepair('ygh')).night).toBe(false);
    expect((await publicRepair('twd')).night).toBe(true);
    await at('2026-11-23T06:30:00+08:00');
    expect((await publicRepair('ygh')).night).toBe(true);
  });

  it('moves "same day" to the next day only from the estate’s night start', async () => {
    // 19:00 is before 阳光花园's 20:00 night: a minor public repair is due at 24:00 today there.
    await at('2026-11-22T19:00:00+08:00');
    const ygh = await dispatched('ygh', { subtype: 'public', size: 'minor' });
    const twd = await dispatched('twd', { subtype: 'public', size: 'minor' });
    expect(new Date(clock(ygh, 'fix').dueAt)).toEqual(new Date('2026-11-23T00:00:00+08:00'));
    expect(new Date(clock(twd, 'fix').dueAt)).toEqual(new Date('2026-11-24T00:00:00+08:00'));
  });
});

describe('the quote limit', () => {
  it('asks for the signed agreement and the manager’s approval only above the estate’s own limit', async () => {
    await changeSettings('ygh', (s) => (s.quoteApprovalAboveFen = 50_000));
    const quote = async (estate: 'ygh' | 'twd', materialsFen: number) => {
      const s = staff[estate];
      const r = await dispatched(estate);
      await act(s.tech, r.id, { action: 'accept' });
      const current = (await s.tech.get(`/api/requests/${r.id}`)).body;
      return s.tech.post(`/api/requests/${r.id}/transitions`, {
        action: 'quote',
        version: current.version,
        materialsFen,
        labourFen: 5_000,
      });
    };
    // ¥200 of materials: under 阳光花园's ¥500, over 天物大厦's default ¥100.
    const ygh = await quote('ygh', 20_000);
    expect(ygh.status).toBe(200);
    expect(ygh.body.quote.needsApproval).toBe(false);
    const twd = await quote('twd', 20_000);
    expect(twd.status).toBe(400);
    expect(Object.keys(twd.body.error.fields)).toEqual(['agreementFileId']);
    expect(twd.body.error.fields.agreementFileId).toContain('100');
    // Over 阳光花园's own limit, its message names that limit.
    const over = await quote('ygh', 60_000);
    expect(over.status).toBe(400);
    expect(over.body.error.fields.agreementFileId).toContain('500');
  });
});
