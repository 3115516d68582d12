/** The contract's reference endpoints, read as the front desk reads them. */
import { DEPARTMENT_KINDS } from '@wuye/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let ygh: string;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
  ygh = (await agent.get('/api/estates')).body.items[0].id;
});
afterAll(() => ctx.close());

describe('estates', () => {
  it('shows the agent 阳光花园, a residential estate in Shanghai time', async () => {
    const res = await agent.get('/api/estates');
    expect(res.body.items).toEqual([
      expect.objectContaining({ id: ygh, name: '阳光花园', type: 'residential', timeZone: 'Asia/Shanghai' }),
    ]);
  });
});

describe('buildings and units', () => {
  it('lists buildings with their unit counts', async () => {
    const res = await agent.get(`/api/estates/${ygh}/buildings`);
    const b1 = res.body.items.find((b: any) => b.name === '1栋');
    expect(b1.unitCount).toBeGreaterThanOrEqual(12);
  });

  it('finds units by number and filters by building and status, paged', async () => {
    const b1 = (await agent.get(`/api/estates/${ygh}/buildings`)).body.items.find(
      (b: any) => b.name === '1栋',
    );
    const page = await agent.get(`/api/estates/${ygh}/units?buildingId=${b1.id}&pageSize=5&page=2`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ page: 2, pageSize: 5 });
    expect(page.body.items).toHaveLength(5);
    expect(page.body.total).toBe(b1.unitCount);
    for (const u of page.body.items) expect(u).toMatchObject({ buildingName: '1栋', buildingId: b1.id });

    const search = await agent.get(`/api/estates/${ygh}/units?q=${encodeURIComponent('1栋120')}`);
    expect(search.body.items.map((u: any) => `${u.buildingName}${u.number}`)).toEqual(['1栋1201', '1栋1202']);
    // The label the UI shows finds the unit too.
    const byLabel = await agent.get(`/api/estates/${ygh}/units?q=${encodeURIComponent('1栋-1201')}`);
    expect(byLabel.body.items.map((u: any) => `${u.buildingName}-${u.number}`)).toEqual(['1栋-1201']);

    const vacant = await agent.get(`/api/estates/${ygh}/units?status=vacant&pageSize=200`);
    expect(vacant.body.items.length).toBeGreaterThan(0);
    expect(vacant.body.items.every((u: any) => u.status === 'vacant' && u.residentCount === 0)).toBe(true);
  });

  it('treats % and _ in a search as plain characters', async () => {
    const res = await agent.get(`/api/estates/${ygh}/units?q=${encodeURIComponent('%')}`);
    expect(res.body.total).toBe(0);
  });

  it('refuses a status that is not a unit status, naming the field', async () => {
    const res = await agent.get(`/api/estates/${ygh}/units?status=haunted`);
    expect(res.status).toBe(400);
    expect(res.body.error.fields.status).toMatch(/^取值无效，可选：vacant, occupied, rented, decorating$/);
  });
});

describe('residents', () => {
  it('lists residents with phones masked as 138****8000', async () => {
    const res = await agent.get(`/api/residents?estateId=${ygh}&pageSize=50`);
    expect(res.body.total).toBeGreaterThan(100);
    for (const r of res.body.items) {
      for (const p of r.phones) expect(p).toMatch(/^1\d{2}\*{4}\d{4}$/);
      expect(r).not.toHaveProperty('idNumber');
    }
  });

  it('finds a resident by full phone number, by the last digits and by unit', async () => {
    const { rows } = await import('../../platform/db.ts');
    const { sql } = await import('drizzle-orm');
    const [r] = await rows<{ id: string; phone: string; unit_id: string }>(
      ctx.database.db,
      sql`select r.id, r.phones[1] as phone, ru.unit_id from residents r join resident_units ru on ru.resident_id = r.id
          where r.estate_id = ${ygh} order by r.name limit 1`,
    );
    const byPhone = await agent.get(`/api/residents?phone=${r!.phone}`);
    expect(byPhone.body.items.map((x: any) => x.id)).toEqual([r!.id]);
    const byTail = await agent.get(`/api/residents?phone=${r!.phone.slice(-6)}`);
    expect(byTail.body.items.map((x: any) => x.id)).toContain(r!.id);
    const label = byPhone.body.items[0].units.find((u: any) => u.unitId === r!.unit_id).unitLabel;
    const byLabel = await agent.get(`/api/residents?q=${encodeURIComponent(label)}`);
    expect(byLabel.body.items.map((x: any) => x.id)).toContain(r!.id);
    expect(byLabel.body.items.every((x: any) => x.units.some((u: any) => u.unitLabel === label))).toBe(true);
    const byName = await agent.get(`/api/residents?q=${encodeURIComponent(byPhone.body.items[0].name)}`);
    expect(byName.body.items.map((x: any) => x.id)).toContain(r!.id);
    const byUnit = await agent.get(`/api/residents?unitId=${r!.unit_id}`);
    expect(byUnit.body.items.map((x: any) => x.id)).toContain(r!.id);
    expect(byUnit.body.items[0].units[0]).toMatchObject({
      unitId: r!.unit_id,
      unitLabel: expect.stringMatching(/^\d栋-\d+$/),
    });
  });

  it('refuses a phone filter with letters in it', async () => {
    const res = await agent.get('/api/residents?phone=abc');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.phone).toBe('格式不正确');
  });
});

describe('departments and staff', () => {
  it('has a department of each of the seven kinds at 阳光花园, with staff counted', async () => {
    const res = await agent.get(`/api/departments?estateId=${ygh}`);
    expect(new Set(res.body.items.map((d: any) => d.kind))).toEqual(new Set(DEPARTMENT_KINDS));
    const eng = res.body.items.find((d: any) => d.kind === 'engineering');
    expect(eng).toMatchObject({ name: '工程部' });
    expect(eng.staffCount).toBeGreaterThanOrEqual(3); // tech, tech2, eng_lead
  });

  it('lists the estate staff by role', async () => {
    const res = await agent.get(`/api/staff?estateId=${ygh}&role=technician`);
    expect(res.body.items.map((u: any) => u.username).sort()).toEqual(['tech', 'tech2']);
    expect(res.body.items[0].departmentName).toBe('工程部');
  });
});

describe('categories', () => {
  it('has a tree per request type with 噪音 and 漏水 for complaints and repairs', async () => {
    const complaint = await agent.get('/api/categories?type=complaint');
    const names = complaint.body.items.map((c: any) => c.name);
    expect(names).toEqual(expect.arrayContaining(['噪音', '漏水']));
    const noise = complaint.body.items.find((c: any) => c.code === 'noise');
    expect(noise.children.map((c: any) => c.name)).toContain('装修噪音');

    const repair = await agent.get('/api/categories?type=repair');
    expect(repair.body.items.map((c: any) => c.code)).toEqual(expect.arrayContaining(['leak', 'safety']));

    const all = await agent.get('/api/categories');
    const types = new Set(all.body.items.map((c: any) => c.type));
    expect(types.size).toBe(7);
  });
});

describe('home', () => {
  it('counts each estate exactly as the tables say', async () => {
    const admin = await ctx.login('admin');
    const home = (await admin.get('/api/home')).body;
    expect(home.estates).toHaveLength(2);
    const { rows } = await import('../../platform/db.ts');
    const { sql } = await import('drizzle-orm');
    for (const e of home.estates) {
      const [truth] = await rows<Record<string, number>>(
        ctx.database.db,
        sql`select (select count(*)::int from units where estate_id = ${e.id}) as units,
                   (select count(*)::int from units where estate_id = ${e.id} and status <> 'vacant') as "occupiedUnits",
                   (select count(*)::int from residents where estate_id = ${e.id}) as residents,
                   (select count(*)::int from buildings where estate_id = ${e.id}) as buildings,
                   (select count(*)::int from requests where estate_id = ${e.id} and state not in ('closed','cancelled')) as "openRequests",
                   (select count(*)::int from requests where estate_id = ${e.id} and type = 'complaint' and state not in ('closed','cancelled')) as "openComplaints",
                   (select count(*)::int from requests where estate_id = ${e.id} and type in ('repair','paid_service') and state in ('done','confirmed')) as "awaitingCallback"`,
      );
      expect(e.counts).toMatchObject(truth!);
    }
  });

  it('counts the estate live: a new open request shows up at once', async () => {
    const before = (await agent.get('/api/home')).body.estates[0].counts;
    expect(before.units).toBeGreaterThan(200);
    expect(before.openRequests).toBeGreaterThan(0);
    const { requests } = await import('../requests/requests.table.ts');
    const { newId } = await import('../../platform/ids.ts');
    await ctx.database.db.insert(requests).values({
      id: newId(),
      companyId: agent.user!.companyId,
      estateId: ygh,
      number: 'BX202611229999',
      type: 'repair',
      channel: 'phone',
      description: '测试：厨房水龙头漏水',
      ownerId: agent.user!.id,
      receivedById: agent.user!.id,
      receivedAt: ctx.clock.now(),
      updatedAt: ctx.clock.now(),
    });
    const after = await agent.get('/api/home');
    expect(after.body.estates[0].counts.openRequests).toBe(before.openRequests + 1);
    expect(after.body.estates[0].counts.todayRequests).toBe(before.todayRequests + 1);
    expect(after.body.recentRequests[0]).toMatchObject({
      number: 'BX202611229999',
      estateName: '阳光花园',
      state: 'new',
    });
  });

  it('gives callers asking at the same moment the same counts, and the next caller fresh ones', async () => {
    const supervisor = await ctx.login('supervisor');
    const together = await Promise.all([
      agent.get('/api/home'),
      supervisor.get('/api/home'),
      agent.get('/api/home'),
    ]);
    for (const r of together) expect(r.status).toBe(200);
    const counts = together.map((r) => r.body.estates.find((e: { id: string }) => e.id === ygh).counts);
    expect(counts[1]).toEqual(counts[0]);
    expect(counts[2]).toEqual(counts[0]);
    const created = await agent.post('/api/requests', {
      estateId: ygh,
      channel: 'patrol',
      type: 'repair',
      subtype: 'public',
      locationText: '2栋大堂',
      description: '测试：大堂吊灯不亮',
    });
    expect(created.status).toBe(201);
    const next = (await supervisor.get('/api/home')).body.estates.find((e: { id: string }) => e.id === ygh);
    expect(next.counts.openRequests).toBe(counts[0].openRequests + 1);
  });
});
