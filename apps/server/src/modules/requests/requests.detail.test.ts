/**
 * The intake's answer is built from the rows it wrote (createdDetail) instead of being read back: it
 * must be exactly what GET /api/requests/:id then reads, for every kind of intake — and the answer an
 * Idempotency-Key replays must be the same again.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let night: Client;
let ygh: string;
const cat: Record<string, string> = {};
let home: { unitId: string; residentId: string };
let location: string;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
  night = await ctx.login('night');
  const estates = (await agent.get('/api/estates')).body.items as { id: string; name: string }[];
  ygh = estates.find((e) => e.name === '阳光花园')!.id;
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children)]);
  for (const c of flat((await agent.get('/api/categories')).body.items)) cat[`${c.type}:${c.code}`] = c.id;
  const [h] = await rows<{ unit_id: string; resident_id: string }>(
    ctx.database.db,
    sql`select ru.unit_id, ru.resident_id from resident_units ru where ru.estate_id = ${ygh} and ru.relation = 'owner'
        order by ru.unit_id offset 7 limit 1`,
  );
  home = { unitId: h!.unit_id, residentId: h!.resident_id };
  const [l] = await rows<{ id: string }>(
    ctx.database.db,
    sql`select id from locations where estate_id = ${ygh} and retired_at is null order by id limit 1`,
  );
  location = l!.id;
});
afterAll(() => ctx.close());

const emergencyCategory = () => {
  const found = Object.entries(cat).find(([k]) => k.startsWith('repair:'));
  return found![1];
};

const INTAKES: [string, () => Record<string, unknown>][] = [
  [
    'a known resident’s repair at home, with a category',
    () => ({
      unitId: home.unitId,
      residentId: home.residentId,
      channel: 'phone',
      type: 'repair',
      categoryId: cat['repair:water_supply'],
      description: '卫生间水管滴水',
    }),
  ],
  [
    'a public repair at a named location, minor, by a caller who gives a name and phone',
    () => ({
      locationId: location,
      channel: 'visit',
      type: 'repair',
      subtype: 'public',
      size: 'major',
      reporter: { name: '路过的业主', phone: '13911112222' },
      description: '车库入口道闸抬不起来',
      emergency: true,
    }),
  ],
  [
    'an enquiry with free-text location and a reply wanted',
    () => ({
      locationText: '小区东门',
      channel: 'phone',
      type: 'enquiry',
      reporter: { name: '王先生', phone: '13922223333' },
      description: '东门快递柜几点开？',
      needsReply: true,
    }),
  ],
  [
    'a booked repair (an appointment) with an emergency category',
    () => ({
      unitId: home.unitId,
      residentId: home.residentId,
      channel: 'online',
      type: 'repair',
      categoryId: emergencyCategory(),
      appointmentAt: new Date(ctx.clock.now().getTime() + 26 * 3600_000).toISOString(),
      description: '明天上午来修门锁',
    }),
  ],
  [
    'a suggestion from a patrol, no reporter',
    () => ({
      channel: 'patrol',
      type: 'suggestion',
      locationText: '3栋大堂',
      description: '大堂灯光偏暗，建议更换',
    }),
  ],
  [
    'a repeat of a repair completed within 30 days',
    () => ({
      unitId: home.unitId,
      residentId: home.residentId,
      channel: 'phone',
      type: 'repair',
      categoryId: cat['repair:water_supply'],
      description: '水管又滴水了',
    }),
  ],
];

/** As if the repair had been completed now: its completion and its `complete` event. */
async function markCompletedNow(id: string) {
  await ctx.database.db.execute(
    sql`update requests set completion = '{"note":"done"}'::jsonb where id = ${id}`,
  );
  await ctx.database.db.execute(
    sql`insert into events (id, company_id, estate_id, entity_type, entity_id, action, actor_id, at, data)
        select ${`${id}-c`}, company_id, estate_id, 'request', id, 'complete', owner_id, ${ctx.clock.now()}, null
        from requests where id = ${id}`,
  );
}

describe('the intake answers what a read then shows', () => {
  for (const [what, body] of INTAKES) {
    it(what, async () => {
      const key = `detail-${what}`;
      const created = await agent.post(
        '/api/requests',
        { estateId: ygh, ...body() },
        { 'idempotency-key': key },
      );
      expect({ status: created.status, error: created.body.error }).toEqual({
        status: 201,
        error: undefined,
      });
      const read = await agent.get(`/api/requests/${created.body.id}`);
      expect(created.body).toEqual(read.body);
      const replay = await agent.post(
        '/api/requests',
        { estateId: ygh, ...body() },
        { 'idempotency-key': key },
      );
      expect(replay.status).toBe(201);
      expect(replay.body).toEqual(created.body);
    });
  }

  it('a repeat repair: its answer names the repair it repeats, as the read does', async () => {
    const first = await agent.post('/api/requests', { estateId: ygh, ...INTAKES[0]![1]() });
    await markCompletedNow(first.body.id);
    const again = await agent.post('/api/requests', { estateId: ygh, ...INTAKES[5]![1]() });
    expect(again.body.repeatOf).toBe(first.body.id);
    expect(again.body).toEqual((await agent.get(`/api/requests/${again.body.id}`)).body);
  });

  it('a repeat of a repair without a category is found by its subtype, and only by it', async () => {
    const inHome = { unitId: home.unitId, residentId: home.residentId, channel: 'phone', type: 'repair' };
    const first = await agent.post('/api/requests', {
      estateId: ygh,
      ...inHome,
      description: '阳台门关不严',
    });
    expect(first.body.repeatOf).toBeNull();
    await markCompletedNow(first.body.id);
    const again = await agent.post('/api/requests', {
      estateId: ygh,
      ...inHome,
      description: '阳台门又关不上',
    });
    expect(again.body.repeatOf).toBe(first.body.id);
    const elsewhere = await agent.post('/api/requests', {
      estateId: ygh,
      ...inHome,
      subtype: 'special',
      description: '入户门智能锁电池仓锈蚀',
    });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.repeatOf).toBeNull();
  });

  it('a night intake by the control room (night flag, its own name as owner)', async () => {
    ctx.clock.set(new Date('2026-11-22T23:40:00+08:00'));
    try {
      night = await ctx.login('night');
      const created = await night.post('/api/requests', { estateId: ygh, ...INTAKES[0]![1]() });
      expect(created.status).toBe(201);
      expect(created.body.night).toBe(true);
      expect(created.body).toEqual((await night.get(`/api/requests/${created.body.id}`)).body);
    } finally {
      ctx.clock.set(new Date('2026-11-22T10:00:00+08:00'));
    }
  });
});
