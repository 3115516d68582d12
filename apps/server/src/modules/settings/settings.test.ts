/** 时限设置 through the API: who reads and changes an estate's clock settings, validation, versions, audit. */
import { SLA_DEFAULTS } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let manager: Client;
let supervisor: Client;
let agent: Client;
let tech: Client;
let admin: Client;
let twManager: Client;
let ygh: string;
let twd: string;

const url = (estateId: string) => `/api/estates/${estateId}/sla-settings`;
const defaults = () => structuredClone(SLA_DEFAULTS) as any;

async function events(estateId: string) {
  return rows<{ action: string; actor_id: string; data: any }>(
    ctx.database.db,
    sql`select action, actor_id, data from events where entity_type = 'estate_sla_settings' and entity_id = ${estateId} order by at, id`,
  );
}

async function stored(estateId: string) {
  const [row] = await rows<{ overrides: any; version: number }>(
    ctx.database.db,
    sql`select overrides, version from estate_sla_settings where estate_id = ${estateId}`,
  );
  return row ?? null;
}

beforeAll(async () => {
  ctx = await createTestContext();
  const list = await Promise.all(
    ['manager', 'supervisor', 'agent', 'tech', 'admin', 'tw_manager'].map((u) => ctx.login(u)),
  );
  [manager, supervisor, agent, tech, admin, twManager] = list as [
    Client,
    Client,
    Client,
    Client,
    Client,
    Client,
  ];
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
});
afterAll(() => ctx.close());

describe('reading', () => {
  it('shows an estate that never changed anything the seeds’ defaults, at version 0', async () => {
    const res = await agent.get(url(ygh));
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      estateId: ygh,
      settings: SLA_DEFAULTS,
      defaults: SLA_DEFAULTS,
      overridden: [],
      version: 0,
      updatedAt: null,
      updatedByName: null,
    });
  });

  it('lets every staff role of the estate read them', async () => {
    for (const client of [manager, supervisor, agent, tech])
      expect((await client.get(url(ygh))).status).toBe(200);
  });

  it('answers 404 for another estate’s settings, read or written', async () => {
    const read = await agent.get(url(twd));
    expect(read.status).toBe(404);
    expect(read.body.error.code).toBe('NOT_FOUND');
    expect((await twManager.get(url(ygh))).status).toBe(404);
    const write = await twManager.put(url(ygh), { settings: defaults(), version: 0 });
    expect(write.status).toBe(404);
    expect((await twManager.delete(`${url(ygh)}?version=0`)).status).toBe(404);
    expect(await stored(ygh)).toBeNull();
  });
});

describe('permissions', () => {
  it('refuses agents and technicians (403), and keeps supervisors read-only', async () => {
    const body = { settings: { ...defaults(), onSiteMinutes: 20 }, version: 0 };
    for (const client of [agent, tech, supervisor]) {
      const res = await client.put(url(ygh), body);
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
      expect((await client.delete(`${url(ygh)}?version=0`)).status).toBe(403);
    }
    expect(await stored(ygh)).toBeNull();
    expect(await events(ygh)).toEqual([]);
  });
});

describe('saving', () => {
  it('stores only what differs from the defaults, bumps the version and says who changed it', async () => {
    const settings = defaults();
    settings.onSiteMinutes = 30;
    settings.dayCounting.callback = 'working';
    const res = await manager.put(url(ygh), { settings, version: 0 });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      estateId: ygh,
      settings: { onSiteMinutes: 30, fixHours: 8, dayCounting: { callback: 'working', forward: 'calendar' } },
      defaults: SLA_DEFAULTS,
      overridden: ['onSiteMinutes', 'dayCounting.callback'],
      version: 1,
      updatedByName: '钱主任',
      updatedAt: ctx.clock.now().toISOString(),
    });
    expect(await stored(ygh)).toEqual({
      overrides: { onSiteMinutes: 30, dayCounting: { callback: 'working' } },
      version: 1,
    });
    // Everyone of the estate sees the new values; the other estate keeps the defaults.
    expect((await agent.get(url(ygh))).body.settings.onSiteMinutes).toBe(30);
    expect((await admin.get(url(twd))).body.settings.onSiteMinutes).toBe(15);
  });

  it('writes an audit row with each changed field, before and after, in the same change', async () => {
    const list = await events(ygh);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({
      action: 'changed',
      actor_id: manager.user!.id,
      data: {
        version: 1,
        changes: [
          { field: 'onSiteMinutes', from: 15, to: 30 },
          { field: 'dayCounting.callback', from: 'calendar', to: 'working' },
        ],
      },
    });
  });

  it('refuses a save at a stale version (409) and keeps the other editor’s values', async () => {
    const res = await admin.put(url(ygh), { settings: { ...defaults(), onSiteMinutes: 45 }, version: 0 });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('CONFLICT');
    expect((await stored(ygh))!.version).toBe(1);
    expect((await manager.get(url(ygh))).body.settings.onSiteMinutes).toBe(30);
    expect(await events(ygh)).toHaveLength(1);
  });

  it('lets only one of two first saves of an estate win', async () => {
    const [a, b] = await Promise.all([
      admin.put(url(twd), { settings: { ...defaults(), fixHours: 6 }, version: 0 }),
      twManager.put(url(twd), { settings: { ...defaults(), fixHours: 4 }, version: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect((await stored(twd))!.version).toBe(1);
  });

  it('records nothing when the values saved are the ones already there', async () => {
    const current = (await manager.get(url(ygh))).body;
    const res = await manager.put(url(ygh), { settings: current.settings, version: current.version });
    expect(res.status).toBe(200);
    expect(res.body.version).toBe(current.version);
    expect(await events(ygh)).toHaveLength(1);
  });

  it('lets the company (hq_cs, gm) change any estate', async () => {
    const current = (await admin.get(url(twd))).body;
    const res = await admin.put(url(twd), {
      settings: { ...current.settings, replyMinutes: 10 },
      version: current.version,
    });
    expect(res.status).toBe(200);
    expect(res.body.settings.replyMinutes).toBe(10);
    expect(res.body.updatedByName).toBe('赵总');
  });
});

describe('validation', () => {
  it('names each bad field in Chinese and writes nothing', async () => {
    const settings = defaults();
    settings.onSiteMinutes = 0;
    settings.fixHours = 2.5;
    settings.warningFraction = 0.99;
    settings.night.start = '25:00';
    settings.dayCounting.callback = 'weekdays';
    settings.callbackQuotas.manager = 1.5;
    const res = await manager.put(url(ygh), { settings, version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'VALIDATION',
      message: '提交的内容有误，请检查标注的字段',
      fields: {
        'settings.onSiteMinutes': '不能小于 1',
        'settings.fixHours': '请输入整数',
        'settings.warningFraction': '不能大于 0.95',
        'settings.night.start': '请按 HH:mm 填写时间，如 18:30',
        'settings.dayCounting.callback': '取值无效，可选：calendar, working',
        'settings.callbackQuotas.manager': '不能大于 1',
      },
    });
    expect((await stored(ygh))!.version).toBe(1);
    expect(await events(ygh)).toHaveLength(1);
  });

  it('answers in English to an English caller, cross-field rules included', async () => {
    const settings = defaults();
    settings.night = { start: '20:00', end: '20:00' };
    settings.publicFixDays = { medium: 4, major: 2 };
    const res = await manager.put(url(ygh), { settings, version: 1 }, { 'accept-language': 'en' });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({
      'settings.night.end': 'The night window cannot start and end at the same time',
      'settings.publicFixDays.major': 'A major repair cannot have less time than a medium one',
    });
  });

  it('refuses unknown and missing fields', async () => {
    const { replyMinutes: _, ...rest } = defaults();
    const res = await manager.put(url(ygh), { settings: { ...rest, coffeeMinutes: 5 }, version: 1 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject({
      'settings.coffeeMinutes': '不允许的字段',
      'settings.replyMinutes': '必填',
    });
  });
});

describe('back to the defaults', () => {
  it('refuses a reset at a stale version', async () => {
    expect((await manager.delete(`${url(ygh)}?version=0`)).status).toBe(409);
  });

  it('puts every value back, keeps the row’s version for the next editor and audits the reset', async () => {
    const res = await manager.delete(`${url(ygh)}?version=1`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ settings: SLA_DEFAULTS, overridden: [], version: 2 });
    expect(await stored(ygh)).toEqual({ overrides: {}, version: 2 });
    const last = (await events(ygh)).at(-1)!;
    expect(last).toMatchObject({
      action: 'reset',
      data: {
        version: 2,
        changes: [
          { field: 'onSiteMinutes', from: 30, to: 15 },
          { field: 'dayCounting.callback', from: 'working', to: 'calendar' },
        ],
      },
    });
  });
});
