/**
 * Setting up the property structure through the API: estates by the company, buildings, units one by
 * one and in bulk (preview, all-or-nothing, the cap), status history, public locations, and the
 * guards every edit has — versions, field errors, another estate's records out of reach.
 */
import { BULK_UNIT_CAP } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let admin: Client;
let manager: Client;
let twManager: Client;
let agent: Client;
let ygh: string;
let twd: string;

async function signInAll() {
  [admin, manager, twManager, agent] = (await Promise.all(
    ['admin', 'manager', 'tw_manager', 'agent'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client];
}
// The status-history test moves the clock a month on, past the sessions' lifetime.
beforeEach(signInAll);

beforeAll(async () => {
  ctx = await createTestContext();
  await signInAll();
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
});
afterAll(() => ctx.close());

async function count(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await rows<{ n: number }>(ctx.database.db, query);
  return row!.n;
}

const unitCount = (estateId: string) =>
  count(sql`select count(*)::int as n from units where estate_id = ${estateId}`);

async function newBuilding(client: Client, estateId: string, name: string, floors = 18) {
  const res = await client.post(`/api/estates/${estateId}/buildings`, { name, floors });
  expect(res.status).toBe(201);
  return res.body as { id: string; version: number; name: string; floors: number };
}

describe('estates', () => {
  it('lets the company create an estate, with the next P-number and Shanghai time by default', async () => {
    const res = await admin.post('/api/estates', {
      name: '碧水湾',
      type: 'mixed',
      address: '示范市滨海路9号',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: '碧水湾',
      type: 'mixed',
      code: 'P003',
      timeZone: 'Asia/Shanghai',
      version: 1,
    });
    expect((await admin.get('/api/estates')).body.items.map((e: any) => e.name)).toContain('碧水湾');
    const [event] = await rows<{ action: string; actor_id: string }>(
      ctx.database.db,
      sql`select action, actor_id from events where entity_type = 'estate' and entity_id = ${res.body.id}`,
    );
    expect(event).toMatchObject({ action: 'created', actor_id: admin.user!.id });
  });

  it('refuses an estate manager creating estates (403) and a duplicate name (400 on name)', async () => {
    expect((await manager.post('/api/estates', { name: '新项目', type: 'residential' })).status).toBe(403);
    const dup = await admin.post('/api/estates', { name: '阳光花园', type: 'residential' });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields).toEqual({ name: '公司已有同名项目' });
    const tz = await admin.post('/api/estates', {
      name: '时区测试',
      type: 'office',
      timeZone: 'Mars/Olympus',
    });
    expect(tz.status).toBe(400);
    expect(tz.body.error.fields.timeZone).toMatch(/时区无效/);
  });

  it('lets the manager edit their estate at the version read; a stale version is a 409', async () => {
    const [estate] = (await manager.get('/api/estates')).body.items;
    const ok = await manager.patch(`/api/estates/${ygh}`, {
      version: estate.version,
      address: '示范市南山区阳光路88号（东门）',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ version: estate.version + 1, address: '示范市南山区阳光路88号（东门）' });
    const stale = await manager.patch(`/api/estates/${ygh}`, { version: estate.version, address: '别处' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect((await manager.get('/api/estates')).body.items[0].address).toBe('示范市南山区阳光路88号（东门）');
  });

  it('keeps 天物大厦’s manager away from 阳光花园 (404), changing nothing', async () => {
    const before = (await admin.get('/api/estates')).body.items.find((e: any) => e.id === ygh);
    const res = await twManager.patch(`/api/estates/${ygh}`, { version: before.version, name: '改名' });
    expect(res.status).toBe(404);
    expect((await admin.get('/api/estates')).body.items.find((e: any) => e.id === ygh)).toEqual(before);
  });
});

describe('buildings and units', () => {
  it('creates a building and a unit in it, with field errors for what cannot be', async () => {
    const b = await newBuilding(manager, ygh, '7栋', 18);
    expect(b).toMatchObject({ name: '7栋', floors: 18, unitCount: 0, version: 1 });
    const dupName = await manager.post(`/api/estates/${ygh}/buildings`, { name: '7栋', floors: 11 });
    expect(dupName.status).toBe(400);
    expect(dupName.body.error.fields.name).toBe('该项目已有同名楼栋');

    const unit = await manager.post(`/api/estates/${ygh}/units`, {
      buildingId: b.id,
      number: '1801',
      floor: 18,
      areaM2: 126.3,
    });
    expect(unit.status).toBe(201);
    expect(unit.body).toMatchObject({
      label: '7栋-1801',
      floor: 18,
      areaM2: 126.3,
      use: 'residence',
      status: 'vacant',
      version: 1,
    });

    const before = await unitCount(ygh);
    const dup = await manager.post(`/api/estates/${ygh}/units`, {
      buildingId: b.id,
      number: '1801',
      floor: 18,
    });
    expect(dup.status).toBe(400);
    expect(dup.body.error.fields).toEqual({ number: '7栋已有房号 1801' });
    const high = await manager.post(`/api/estates/${ygh}/units`, {
      buildingId: b.id,
      number: '1901',
      floor: 19,
    });
    expect(high.status).toBe(400);
    expect(high.body.error.fields).toEqual({ floor: '不能高于楼栋的层数（18 层）' });
    const area = await manager.post(`/api/estates/${ygh}/units`, {
      buildingId: b.id,
      number: '1802',
      floor: 18,
      areaM2: 1.234,
    });
    expect(area.body.error.fields).toEqual({ areaM2: '最多保留两位小数' });
    expect(await unitCount(ygh)).toBe(before);
  });

  it('refuses a building of another estate on the field (400), and writes nothing', async () => {
    const twBuilding = (await twManager.get(`/api/estates/${twd}/buildings`)).body.items[0];
    const before = await unitCount(ygh);
    const res = await manager.post(`/api/estates/${ygh}/units`, {
      buildingId: twBuilding.id,
      number: '9901',
      floor: 1,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ buildingId: '楼栋不存在或不属于该项目' });
    expect(await unitCount(ygh)).toBe(before);
    // Nor may 天物大厦's manager put a unit into 阳光花园 through their own estate's URL.
    const ours = (await manager.get(`/api/estates/${ygh}/buildings`)).body.items[0];
    const cross = await twManager.post(`/api/estates/${twd}/units`, {
      buildingId: ours.id,
      number: '9901',
      floor: 1,
    });
    expect(cross.status).toBe(400);
    expect(cross.body.error.fields.buildingId).toBeDefined();
    expect(
      (await twManager.post(`/api/estates/${ygh}/units`, { buildingId: ours.id, number: '9901', floor: 1 }))
        .status,
    ).toBe(404);
  });

  it('keeps a building’s floors at or above its highest unit', async () => {
    const b = await newBuilding(manager, ygh, '8栋', 11);
    await manager.post(`/api/estates/${ygh}/units`, { buildingId: b.id, number: '1101', floor: 11 });
    const low = await manager.patch(`/api/buildings/${b.id}`, { version: 1, floors: 10 });
    expect(low.status).toBe(400);
    expect(low.body.error.fields).toEqual({ floors: '第 11 层已有房屋，层数不能少于 11' });
    const ok = await manager.patch(`/api/buildings/${b.id}`, { version: 1, floors: 12, name: '8栋（新）' });
    expect(ok.body).toMatchObject({
      floors: 12,
      name: '8栋（新）',
      version: 2,
      unitCount: 1,
      topUnitFloor: 11,
    });
    expect((await manager.patch(`/api/buildings/${b.id}`, { version: 1, floors: 13 })).status).toBe(409);
  });

  it('lets every staff role read units but only the management write them', async () => {
    const unit = (await agent.get(`/api/estates/${ygh}/units?pageSize=1`)).body.items[0];
    expect((await agent.get(`/api/units/${unit.id}`)).body).toMatchObject({
      id: unit.id,
      estateName: '阳光花园',
    });
    expect(
      (await agent.patch(`/api/units/${unit.id}`, { version: unit.version, status: 'vacant' })).status,
    ).toBe(403);
  });
});

describe('unit status history', () => {
  it('records each status change with who, when, from and to', async () => {
    const b = await newBuilding(manager, ygh, '9栋', 6);
    const created = (
      await manager.post(`/api/estates/${ygh}/units`, { buildingId: b.id, number: '101', floor: 1 })
    ).body;
    const first = await manager.patch(`/api/units/${created.id}`, {
      version: 1,
      status: 'decorating',
      statusNote: '业主办理装修手续',
    });
    expect(first.body).toMatchObject({ status: 'decorating', version: 2 });
    ctx.clock.advanceMinutes(60 * 24 * 30);
    await signInAll();
    await manager.patch(`/api/units/${created.id}`, { version: 2, status: 'occupied' });
    // An edit that changes no status adds no history.
    await manager.patch(`/api/units/${created.id}`, { version: 3, areaM2: 88.5 });

    const file = await manager.get(`/api/units/${created.id}/file`);
    expect(file.body.statusHistory).toEqual([
      { at: expect.any(String), byName: '钱主任', from: 'decorating', to: 'occupied', note: null },
      {
        at: expect.any(String),
        byName: '钱主任',
        from: 'vacant',
        to: 'decorating',
        note: '业主办理装修手续',
      },
    ]);
    const [a, c] = file.body.statusHistory.map((h: any) => Date.parse(h.at));
    expect(a - c).toBe(30 * 24 * 3_600_000);
    const events = await rows<{ action: string }>(
      ctx.database.db,
      sql`select action from events where entity_type = 'unit' and entity_id = ${created.id} order by at, id`,
    );
    expect(events.map((e) => e.action)).toEqual(['created', 'status_changed', 'status_changed', 'changed']);
  });

  it('refuses a stale version (409) and leaves the unit and its history as they were', async () => {
    const unit = (await manager.get(`/api/estates/${ygh}/units?pageSize=1&status=vacant`)).body.items[0];
    const ok = await manager.patch(`/api/units/${unit.id}`, { version: unit.version, status: 'rented' });
    expect(ok.status).toBe(200);
    const stale = await manager.patch(`/api/units/${unit.id}`, { version: unit.version, status: 'occupied' });
    expect(stale.status).toBe(409);
    const after = await manager.get(`/api/units/${unit.id}/file`);
    expect(after.body.unit).toMatchObject({ status: 'rented', version: unit.version + 1 });
    expect(after.body.statusHistory).toHaveLength(1);
  });

  it('keeps another estate’s manager away from the unit (404), changing nothing', async () => {
    const unit = (await manager.get(`/api/estates/${ygh}/units?pageSize=1`)).body.items[0];
    const res = await twManager.patch(`/api/units/${unit.id}`, { version: unit.version, status: 'vacant' });
    expect(res.status).toBe(404);
    expect((await twManager.get(`/api/units/${unit.id}/file`)).status).toBe(404);
    expect((await manager.get(`/api/units/${unit.id}`)).body).toMatchObject({
      status: unit.status,
      version: unit.version,
    });
  });
});

describe('bulk creation', () => {
  const pattern = (over: object = {}) => ({
    buildings: { from: 10, to: 12, suffix: '栋' },
    floors: { from: 1, to: 18 },
    rooms: { from: 1, to: 4 },
    ...over,
  });

  it('previews how many units a pattern makes and the first and last labels, writing nothing', async () => {
    const before = await unitCount(ygh);
    const res = await manager.post(`/api/estates/${ygh}/units/bulk/preview`, pattern());
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      count: 3 * 18 * 4,
      first: '10栋-101',
      last: '12栋-1804',
      cap: BULK_UNIT_CAP,
      duplicates: [],
      duplicateCount: 0,
    });
    expect(res.body.buildings).toEqual([
      { name: '10栋', buildingId: null, floors: 18, units: 72 },
      { name: '11栋', buildingId: null, floors: 18, units: 72 },
      { name: '12栋', buildingId: null, floors: 18, units: 72 },
    ]);
    expect(await unitCount(ygh)).toBe(before);
  });

  it('creates the buildings and every unit in one go', async () => {
    const before = await unitCount(ygh);
    const res = await manager.post(
      `/api/estates/${ygh}/units/bulk`,
      pattern({ floors: { from: 1, to: 18, skip: [4] } }),
    );
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: 3 * 17 * 4, first: '10栋-101', last: '12栋-1804' });
    expect(res.body.buildingsCreated.map((b: any) => b.name)).toEqual(['10栋', '11栋', '12栋']);
    expect(await unitCount(ygh)).toBe(before + 204);
    const b11 = (await manager.get(`/api/estates/${ygh}/buildings`)).body.items.find(
      (b: any) => b.name === '11栋',
    );
    expect(b11).toMatchObject({ floors: 18, unitCount: 68 });
    expect(
      await count(sql`select count(*)::int as n from units where building_id = ${b11.id} and floor = 4`),
    ).toBe(0);
    const [event] = await rows<{ data: any }>(
      ctx.database.db,
      sql`select data from events where entity_type = 'estate' and entity_id = ${ygh} and action = 'units_bulk_created'`,
    );
    expect(event!.data).toMatchObject({ count: 204, first: '10栋-101', last: '12栋-1804' });
  });

  it('reports the duplicates in the preview and creates nothing when one unit would duplicate', async () => {
    // Floor 4 was skipped above: a pattern over floors 3–5 is new on floor 4 only.
    const again = pattern({ floors: { from: 3, to: 5 } });
    const preview = await manager.post(`/api/estates/${ygh}/units/bulk/preview`, again);
    expect(preview.body).toMatchObject({ count: 36, duplicateCount: 24 });
    expect(preview.body.duplicates.slice(0, 2)).toEqual(['10栋-301', '10栋-302']);
    expect(preview.body.buildings.every((b: any) => b.buildingId)).toBe(true);

    const before = await unitCount(ygh);
    const res = await manager.post(`/api/estates/${ygh}/units/bulk`, again);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.pattern).toBe(
      '有 24 个房号已存在（10栋-301、10栋-302、10栋-303、10栋-304、10栋-501 …），未创建任何房屋',
    );
    expect(await unitCount(ygh)).toBe(before);
    // The floors that were missing can still be made on their own.
    const floor4 = await manager.post(
      `/api/estates/${ygh}/units/bulk`,
      pattern({ floors: { from: 4, to: 4 } }),
    );
    expect(floor4.body).toMatchObject({ created: 12, buildingsCreated: [] });
  });

  it('creates nothing when a new building would clash halfway (all or nothing)', async () => {
    // 8栋 is new (the one before was renamed), 5栋 and 6栋 have units on these floors: all refused.
    const before = await unitCount(ygh);
    const buildingsBefore = (await manager.get(`/api/estates/${ygh}/buildings`)).body.items.length;
    const mixed = { buildings: { from: 5, to: 8 }, floors: { from: 1, to: 11 }, rooms: { from: 1, to: 2 } };
    const res = await manager.post(`/api/estates/${ygh}/units/bulk/preview`, mixed);
    expect(res.body).toMatchObject({ count: 88, duplicateCount: 44 });
    expect(res.body.buildings.map((b: any) => [b.name, Boolean(b.buildingId)])).toEqual([
      ['5栋', true],
      ['6栋', true],
      ['7栋', true],
      ['8栋', false],
    ]);
    const create = await manager.post(`/api/estates/${ygh}/units/bulk`, mixed);
    expect(create.status).toBe(400);
    expect(await unitCount(ygh)).toBe(before);
    expect((await manager.get(`/api/estates/${ygh}/buildings`)).body.items).toHaveLength(buildingsBefore);
  });

  it('refuses a pattern over the cap, one that makes nothing, and a floor above an existing building', async () => {
    const before = await unitCount(ygh);
    const huge = await manager.post(`/api/estates/${ygh}/units/bulk/preview`, {
      buildings: { from: 20, to: 99 },
      floors: { from: 1, to: 40 },
      rooms: { from: 1, to: 8 },
    });
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields.pattern).toBe(
      `将生成 25600 户，超过单次上限 ${BULK_UNIT_CAP} 户，请分批生成`,
    );
    expect(
      (
        await manager.post(`/api/estates/${ygh}/units/bulk`, {
          buildings: { from: 20, to: 99 },
          floors: { from: 1, to: 40 },
          rooms: { from: 1, to: 8 },
        })
      ).status,
    ).toBe(400);

    const none = await manager.post(`/api/estates/${ygh}/units/bulk/preview`, {
      buildings: { from: 20, to: 20 },
      floors: { from: 4, to: 4, skip: [4] },
      rooms: { from: 1, to: 2 },
    });
    expect(none.body.error.fields).toEqual({ pattern: '按该规则不会生成任何房屋' });

    const b1 = (await manager.get(`/api/estates/${ygh}/buildings`)).body.items.find(
      (b: any) => b.name === '1栋',
    );
    const high = await manager.post(`/api/estates/${ygh}/units/bulk/preview`, {
      buildingId: b1.id,
      floors: { from: 19, to: 20 },
      rooms: { from: 1, to: 2 },
    });
    expect(high.body.error.fields).toEqual({ 'floors.to': '1栋只有 18 层，不能生成到更高楼层' });

    const both = await manager.post(`/api/estates/${ygh}/units/bulk/preview`, {
      buildingId: b1.id,
      buildings: { from: 1, to: 2 },
      floors: { from: 2, to: 1 },
      rooms: { from: 1, to: 4 },
    });
    expect(both.body.error.fields).toMatchObject({
      buildingId: '请选择一个楼栋，或填写楼栋编号范围（二选一）',
      'floors.to': '结束值不能小于开始值',
    });
    expect(await unitCount(ygh)).toBe(before);
  });

  it('creates one existing building’s units and refuses another estate’s building on the field', async () => {
    const b = await newBuilding(manager, ygh, '15栋', 6);
    const res = await manager.post(`/api/estates/${ygh}/units/bulk`, {
      buildingId: b.id,
      floors: { from: 1, to: 6 },
      rooms: { from: 1, to: 3 },
      use: 'residence',
      areaM2: 98.2,
    });
    expect(res.body).toMatchObject({ created: 18, first: '15栋-101', last: '15栋-603' });
    const twBuilding = (await twManager.get(`/api/estates/${twd}/buildings`)).body.items[0];
    const foreign = await manager.post(`/api/estates/${ygh}/units/bulk`, {
      buildingId: twBuilding.id,
      floors: { from: 1, to: 2 },
      rooms: { from: 1, to: 2 },
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual({ buildingId: '楼栋不存在或不属于该项目' });
    expect(
      (
        await twManager.post(`/api/estates/${ygh}/units/bulk`, {
          buildingId: b.id,
          floors: { from: 1, to: 2 },
          rooms: { from: 1, to: 2 },
        })
      ).status,
    ).toBe(404);
  });
});

describe('public locations', () => {
  it('creates, renames and retires a location; a retired one is not offered at intake', async () => {
    const created = await manager.post(`/api/estates/${ygh}/locations`, { name: '3号电梯', kind: 'lift' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: '3号电梯', kind: 'lift', retiredAt: null, version: 1 });
    const renamed = await manager.patch(`/api/locations/${created.body.id}`, {
      version: 1,
      name: '3栋1号电梯',
    });
    expect(renamed.body).toMatchObject({ name: '3栋1号电梯', version: 2 });
    const dup = await manager.patch(`/api/locations/${created.body.id}`, { version: 2, name: '中心花园' });
    expect(dup.body.error.fields).toEqual({ name: '该项目已有同名公共区域' });

    const intake = await agent.post('/api/requests', {
      estateId: ygh,
      locationId: created.body.id,
      channel: 'patrol',
      type: 'repair',
      description: '电梯按钮失灵',
    });
    expect(intake.status).toBe(201);

    const retired = await manager.patch(`/api/locations/${created.body.id}`, { version: 2, retired: true });
    expect(retired.body.retiredAt).toEqual(ctx.clock.now().toISOString());
    const offered = (await agent.get(`/api/estates/${ygh}/locations`)).body.items.map((l: any) => l.id);
    expect(offered).not.toContain(created.body.id);
    const all = (await agent.get(`/api/estates/${ygh}/locations?includeRetired=true`)).body.items;
    expect(all.find((l: any) => l.id === created.body.id)).toMatchObject({ name: '3栋1号电梯' });
    const refused = await agent.post('/api/requests', {
      estateId: ygh,
      locationId: created.body.id,
      channel: 'patrol',
      type: 'repair',
      description: '电梯按钮失灵',
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields.locationId).toBeDefined();
    // The request taken before keeps its location.
    expect((await agent.get(`/api/requests/${intake.body.id}`)).body.locationId).toBe(created.body.id);

    const back = await manager.patch(`/api/locations/${created.body.id}`, { version: 3, retired: false });
    expect(back.body).toMatchObject({ retiredAt: null, version: 4 });
    const events = await rows<{ action: string }>(
      ctx.database.db,
      sql`select action from events where entity_type = 'location' and entity_id = ${created.body.id} order by at, id`,
    );
    expect(events.map((e) => e.action)).toEqual(['created', 'renamed', 'retired', 'restored']);
  });

  it('keeps another estate’s locations out of reach (404) and refuses agents (403)', async () => {
    const loc = (await manager.get(`/api/estates/${ygh}/locations`)).body.items[0];
    expect(
      (await twManager.patch(`/api/locations/${loc.id}`, { version: loc.version, name: 'x' })).status,
    ).toBe(404);
    expect((await twManager.post(`/api/estates/${ygh}/locations`, { name: 'x', kind: 'other' })).status).toBe(
      404,
    );
    expect((await agent.post(`/api/estates/${ygh}/locations`, { name: 'x', kind: 'other' })).status).toBe(
      403,
    );
    expect((await manager.get(`/api/estates/${ygh}/locations`)).body.items[0]).toEqual(loc);
  });
});
