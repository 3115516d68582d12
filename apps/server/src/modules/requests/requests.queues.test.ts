/**
 * Queues and search through the API: Chinese free text that gives the same answer on PGlite and on a
 * PostgreSQL whose locale is `C`, and the front desk's priority order.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import {
  type Client,
  createTestContext,
  onPostgres,
  openSeededDatabaseWithLocale,
  type TestContext,
} from '../../testing/harness.ts';
import { normalizeForSearch } from './requests.search.ts';

const TEXTS = {
  leak: '卫生间天花板漏水，怀疑楼上防水层坏了',
  leakElsewhere: '楼上漏了，楼下漏水',
  tapDrips: '水龙头漏了，关不紧',
  noise: '楼上装修噪音太大，中午休息时间还在电钻',
  lift: '电梯运行时有异响，晃得厉害',
  liftTrapped: '3号电梯困人，请马上派人',
  parking: '停车场道闸坏了，车出不去',
  parkedOnRoute: '有车停在消防通道上',
  burst: '水管爆裂，楼道里全是水',
  led: 'ＬＥＤ灯不亮',
};

interface Fixture {
  ctx: TestContext;
  agent: Client;
  ygh: string;
  ids: Record<keyof typeof TEXTS | 'byName' | 'atGarden', string>;
}

/** Takes the real-looking requests above in 阳光花园 (plus one found by name, one by location). */
async function setUp(ctx: TestContext): Promise<Fixture> {
  const agent = await ctx.login('agent');
  const ygh = (await agent.get('/api/estates')).body.items.find((e: any) => e.name === '阳光花园').id;
  const take = async (description: string, extra: Record<string, unknown> = {}) => {
    const res = await agent.post('/api/requests', {
      estateId: ygh,
      locationText: '2栋大堂',
      channel: 'phone',
      type: 'repair',
      subtype: 'public',
      reporter: { name: '赵女士', phone: '13911112222' },
      description,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  const ids = {} as Fixture['ids'];
  for (const [key, text] of Object.entries(TEXTS)) ids[key as keyof typeof TEXTS] = await take(text);
  ids.byName = await take('门口有积水', { reporter: { name: '欧阳明', phone: '13922223333' } });
  ids.atGarden = await take('路灯坏了', { locationText: '中心花园东侧' });
  return { ctx, agent, ygh, ids };
}

async function search(f: Fixture, q: string): Promise<string[]> {
  const res = await f.agent.get(`/api/requests?estateId=${f.ygh}&q=${encodeURIComponent(q)}&pageSize=200`);
  expect(res.status).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return res.body.items.map((i: any) => i.id);
}

/** What a plain substring scan in JavaScript finds: the truth the index must agree with. */
/** The query finds this fixture and exactly what a substring scan finds (the demo history may hold more). */
async function expectExactly(f: Fixture, q: string, id: string) {
  const found = await search(f, q);
  expect(found).toContain(id);
  expect(found.sort()).toEqual((await bruteForce(f, q)).sort());
}

async function bruteForce(f: Fixture, q: string): Promise<string[]> {
  const all = await rows<{
    id: string;
    description: string;
    reporter_name: string | null;
    location_text: string | null;
  }>(
    f.ctx.database.db,
    sql`select id, description, reporter_name, location_text from requests where estate_id = ${f.ygh}`,
  );
  const terms = normalizeForSearch(q).split(/\s+/).filter(Boolean);
  return all
    .filter((r) => {
      const fields = [r.description, r.reporter_name ?? '', r.location_text ?? ''].map(normalizeForSearch);
      return terms.every((t) => fields.some((x) => x.includes(t)));
    })
    .map((r) => r.id);
}

const QUERIES = [
  '漏水',
  '楼上漏水',
  '噪音',
  '电梯',
  '电梯困人',
  '停车',
  '水管',
  '梯',
  '楼上 噪音',
  'led灯',
  '花园',
  '欧阳',
];

function searchBehaviour(name: string, open: () => Promise<TestContext>) {
  describe(name, () => {
    let f: Fixture;
    beforeAll(async () => {
      f = await setUp(await open());
    });
    afterAll(() => f?.ctx.close());

    it('finds Chinese words in descriptions and leaves out texts that only share characters', async () => {
      const leak = await search(f, '漏水');
      expect(leak).toEqual(expect.arrayContaining([f.ids.leak, f.ids.leakElsewhere]));
      expect(leak).not.toContain(f.ids.tapDrips);
      expect(leak).not.toContain(f.ids.burst);

      // Every pair of 楼上漏水 is in 楼上漏了，楼下漏水 — the substring check keeps it out.
      const upstairs = await search(f, '楼上漏水');
      expect(upstairs).not.toContain(f.ids.leakElsewhere);

      const parking = await search(f, '停车');
      expect(parking).toContain(f.ids.parking);
      expect(parking).not.toContain(f.ids.parkedOnRoute);

      await expectExactly(f, '电梯困人', f.ids.liftTrapped);
      expect(await search(f, '电梯')).toEqual(expect.arrayContaining([f.ids.lift, f.ids.liftTrapped]));
      expect(await search(f, '噪音')).toContain(f.ids.noise);
      await expectExactly(f, '水管爆裂', f.ids.burst);
    });

    it('needs every word of a query, finds the reporter’s name and the place, and folds full-width letters', async () => {
      const both = await search(f, '楼上  噪音');
      expect(both).toContain(f.ids.noise);
      expect(both).not.toContain(f.ids.leak);
      expect(await search(f, '欧阳')).toEqual([f.ids.byName]);
      expect(await search(f, '中心花园东')).toEqual([f.ids.atGarden]);
      expect(await search(f, 'led')).toEqual([f.ids.led]);
      expect(await search(f, 'ＬＥＤ灯')).toEqual([f.ids.led]);
    });

    it('agrees with a plain substring scan over the whole estate, demo history included', async () => {
      for (const q of QUERIES) {
        const found = await search(f, q);
        expect({ q, found: found.sort() }).toEqual({ q, found: (await bruteForce(f, q)).sort() });
      }
    });

    it('still finds requests by number, phone digits and unit', async () => {
      const r = (await f.agent.get(`/api/requests/${f.ids.lift}`)).body;
      expect(await search(f, r.number.toLowerCase())).toEqual([f.ids.lift]);
      expect(await search(f, '2222')).toEqual(expect.arrayContaining([f.ids.lift, f.ids.leak]));
    });

    it('fills the search document of rows written without one', async () => {
      const { fillAllSearchDocuments } = await import('./requests.repository.ts');
      await f.ctx.database.db.execute(
        sql`update requests set search_tokens = null, search_text = null where estate_id = ${f.ygh}`,
      );
      expect(await search(f, '电梯困人')).toEqual([]);
      expect(await fillAllSearchDocuments(f.ctx.database.db, { batchSize: 50 })).toBeGreaterThan(100);
      await expectExactly(f, '电梯困人', f.ids.liftTrapped);
    });
  });
}

searchBehaviour(`search on the test database (${process.env.TEST_DB ?? 'pglite'})`, () =>
  createTestContext(),
);

describe.runIf(onPostgres())('search on a PostgreSQL initialised with the C locale', () => {
  it('is a database where pg_trgm-style character classes see no Chinese letters', async () => {
    const db = await openSeededDatabaseWithLocale('C');
    try {
      const [row] = await rows<{ collate: string; ctype: string; alpha: boolean }>(
        db.database.db,
        sql`select current_setting('lc_collate') as collate, current_setting('lc_ctype') as ctype,
                   '漏水' ~ '^[[:alpha:]]+$' as alpha`,
      );
      expect(row).toEqual({ collate: 'C', ctype: 'C', alpha: false });
    } finally {
      await db.drop();
    }
  });
});
if (onPostgres())
  searchBehaviour('search on a PostgreSQL whose locale is C', async () =>
    createTestContext({ database: await openSeededDatabaseWithLocale('C') }),
  );

describe('the front desk’s priority order', () => {
  let ctx: TestContext;
  let agent: Client;
  let ygh: string;
  beforeAll(async () => {
    ctx = await createTestContext();
    agent = await ctx.login('agent');
    ygh = (await agent.get('/api/estates')).body.items.find((e: any) => e.name === '阳光花园').id;
  });
  afterAll(() => ctx.close());

  it('puts emergencies first, then overdue, then VIP residents, then the nearest deadline', async () => {
    const [vip] = await rows<{ resident_id: string; unit_id: string }>(
      ctx.database.db,
      sql`select ru.resident_id, ru.unit_id from resident_units ru join residents r on r.id = ru.resident_id
          where r.grade = 'A' and r.estate_id = ${ygh} order by r.id limit 1`,
    );
    const eng = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items.find(
      (d: any) => d.kind === 'engineering',
    ).id;
    const gas = (await agent.get('/api/categories?type=repair')).body.items.find(
      (c: any) => c.code === 'gas',
    );
    expect(gas.emergency).toBe(true);
    const base = {
      estateId: ygh,
      channel: 'phone',
      type: 'repair',
      locationText: '1栋大堂',
      subtype: 'public',
    };
    const reporter = { name: '钱先生', phone: '13733334444' };
    const take = async (extra: Record<string, unknown>) => {
      const res = await agent.post('/api/requests', { ...base, reporter, ...extra });
      expect(res.status).toBe(201);
      return res.body;
    };
    const dispatch = (r: any) =>
      agent.post(`/api/requests/${r.id}/transitions`, {
        action: 'dispatch',
        version: r.version,
        departmentId: eng,
      });

    const late = await take({ description: '大堂灯不亮（将超时）' });
    await dispatch(late);
    ctx.clock.advanceMinutes(20); // its 15-minute arrival clock is now missed
    const plain = await take({ description: '大堂玻璃门关不严' });
    await dispatch(plain);
    const flagged = await take({ description: '3号电梯困人', emergency: true });
    const byCategory = await take({ description: '楼道有燃气味', categoryId: gas.id, subtype: undefined });
    const fromVip = await take({
      description: '主卧窗户关不严',
      unitId: vip!.unit_id,
      residentId: vip!.resident_id,
      reporter: undefined,
      locationText: undefined,
      subtype: 'in_home',
    });
    expect(flagged.emergency).toBe(true);
    expect(byCategory.emergency).toBe(true);
    expect(plain.emergency).toBe(false);

    const queue = (await agent.get(`/api/requests?estateId=${ygh}&open=true&sort=priority&pageSize=200`)).body
      .items;
    const at = (id: string) => queue.findIndex((i: any) => i.id === id);
    const item = (id: string) => queue[at(id)];
    expect(item(flagged.id)).toMatchObject({ emergency: true, vip: false });
    expect(item(late.id)).toMatchObject({ emergency: false, overdue: true });
    expect(item(fromVip.id)).toMatchObject({ vip: true, overdue: false, emergency: false });
    expect(item(plain.id)).toMatchObject({ vip: false, overdue: false, nextDue: { kind: 'on_site' } });
    expect(at(flagged.id)).toBeLessThan(at(late.id));
    expect(at(byCategory.id)).toBeLessThan(at(late.id));
    expect(at(late.id)).toBeLessThan(at(fromVip.id));
    expect(at(fromVip.id)).toBeLessThan(at(plain.id));
    // Among the rest, the nearest deadline first: the dispatched one (arrival clock) before undated ones.
    const rest = queue.filter((i: any) => !i.emergency && !i.overdue && !i.vip);
    const firstUndated = rest.findIndex((i: any) => i.nextDue === null);
    expect(rest.slice(firstUndated).every((i: any) => i.nextDue === null)).toBe(true);

    // sort=dueAt stays the nearest deadline alone: the missed clock first, emergencies without a clock last.
    const byDue = (await agent.get(`/api/requests?estateId=${ygh}&open=true&sort=dueAt&pageSize=200`)).body
      .items;
    const dueAt = (id: string) => byDue.findIndex((i: any) => i.id === id);
    expect(dueAt(late.id)).toBeLessThan(dueAt(plain.id));
    expect(dueAt(plain.id)).toBeLessThan(dueAt(flagged.id));
  });

  it('refuses an unknown sort with a field message', async () => {
    const res = await agent.get('/api/requests?sort=urgent');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.sort).toMatch(/取值无效/);
  });
});
