/** The front desk's look-up through the API: one call gives the caller, their homes and their requests. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let ygh: string;
let twd: string;
let someone: { id: string; name: string; phone: string; unitId: string; grade: string };
let vip: { id: string; unitId: string };

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
  const estates = (await (await ctx.login('admin')).get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  const [r] = await rows<{ id: string; name: string; phone: string; unit_id: string; grade: string }>(
    ctx.database.db,
    sql`select r.id, r.name, r.phones[1] as phone, ru.unit_id, r.grade from residents r
        join resident_units ru on ru.resident_id = r.id
        where r.estate_id = ${ygh} and r.grade <> 'A' and ru.relation = 'owner' order by r.id limit 1`,
  );
  someone = { id: r!.id, name: r!.name, phone: r!.phone, unitId: r!.unit_id, grade: r!.grade };
  const [v] = await rows<{ id: string; unit_id: string }>(
    ctx.database.db,
    sql`select r.id, ru.unit_id from residents r join resident_units ru on ru.resident_id = r.id
        where r.estate_id = ${ygh} and r.grade = 'A' order by r.id limit 1`,
  );
  vip = { id: v!.id, unitId: v!.unit_id };
});
afterAll(() => ctx.close());

function take(residentId: string, unitId: string, description: string) {
  return agent.post('/api/requests', {
    estateId: ygh,
    unitId,
    residentId,
    channel: 'phone',
    type: 'repair',
    description,
  });
}

describe('GET /api/lookup', () => {
  it('finds a caller by the whole number with masked phones, homes, open requests and the last 5 closed', async () => {
    await ctx.database.db.execute(
      sql`update residents set notes = '老人独居，上门前先电话联系' where id = ${someone.id}`,
    );
    const open = (await take(someone.id, someone.unitId, '厨房下水道堵塞，水下不去')).body;
    for (let i = 0; i < 6; i++) {
      const r = (await take(someone.id, someone.unitId, `卧室插座松动（第${i + 1}次）`)).body;
      ctx.clock.advanceMinutes(1);
      await agent.post(`/api/requests/${r.id}/transitions`, {
        action: 'cancel',
        version: 1,
        reason: '业主自行处理',
      });
    }
    const res = await agent.get(`/api/lookup?estateId=${ygh}&phone=${someone.phone}`);
    expect(res.status).toBe(200);
    expect(res.body.more).toBe(false);
    const [found] = res.body.residents;
    expect(found).toMatchObject({
      id: someone.id,
      name: someone.name,
      grade: someone.grade,
      vip: false,
      notes: '老人独居，上门前先电话联系',
      // 阳光花园 loaded the fee system's list as of the end of last month (demo); amounts: arrears.test.ts.
      arrears: expect.objectContaining({ asOf: '2026-10-31' }),
    });
    expect(found.phones).toEqual([`${someone.phone.slice(0, 3)}****${someone.phone.slice(-4)}`]);
    expect(found.units).toContainEqual(
      expect.objectContaining({
        unitId: someone.unitId,
        relation: 'owner',
        unitLabel: expect.stringMatching(/^\d+栋-\d+$/),
      }),
    );
    expect(found.openRequests[0]).toMatchObject({
      id: open.id,
      state: 'new',
      emergency: false,
      overdue: false,
    });
    expect(found.openTotal).toBe(found.openRequests.length);
    expect(found.recentClosed).toHaveLength(5);
    expect(found.recentClosed.map((r: any) => r.description)).toEqual(
      [6, 5, 4, 3, 2].map((n) => `卧室插座松动（第${n}次）`),
    );
    expect(found.recentClosed.every((r: any) => r.state === 'cancelled' && r.closedAt)).toBe(true);
    expect(JSON.stringify(res.body)).not.toContain(someone.phone);
  });

  it('finds a caller by the last digits they read out, and everyone living in a unit', async () => {
    const byDigits = await agent.get(`/api/lookup?estateId=${ygh}&phone=${someone.phone.slice(-6)}`);
    expect(byDigits.body.residents.map((r: any) => r.id)).toContain(someone.id);
    const byUnit = await agent.get(`/api/lookup?estateId=${ygh}&unitId=${someone.unitId}`);
    expect(byUnit.body.residents.map((r: any) => r.id)).toContain(someone.id);
    expect(
      byUnit.body.residents.every((r: any) => r.units.some((u: any) => u.unitId === someone.unitId)),
    ).toBe(true);
  });

  it('shows the VIP badge for an A-grade resident', async () => {
    const res = await agent.get(`/api/lookup?estateId=${ygh}&unitId=${vip.unitId}`);
    expect(res.body.residents.find((r: any) => r.id === vip.id)).toMatchObject({ grade: 'A', vip: true });
  });

  it('answers an empty list for a number nobody has', async () => {
    const res = await agent.get(`/api/lookup?estateId=${ygh}&phone=19999999999`);
    expect(res.body).toEqual({ residents: [], more: false });
  });

  it('treats another estate as not found and its units as nobody’s', async () => {
    expect((await agent.get(`/api/lookup?estateId=${twd}&phone=${someone.phone}`)).status).toBe(404);
    const tw = await ctx.login('tw_agent');
    const res = await tw.get(`/api/lookup?estateId=${twd}&unitId=${someone.unitId}`);
    expect(res.body.residents).toEqual([]);
  });

  it('needs an estate and exactly one of phone and unit, with field messages in both languages', async () => {
    const none = await agent.get('/api/lookup?phone=138');
    expect(none.status).toBe(400);
    expect(none.body.error.fields.estateId).toBe('必填');
    const both = await agent.get(`/api/lookup?estateId=${ygh}&phone=138&unitId=${someone.unitId}`);
    expect(both.status).toBe(400);
    expect(both.body.error.fields.phone).toBe('请输入电话号码或选择房号（二选一）');
    const neither = await agent.get(`/api/lookup?estateId=${ygh}`, { 'accept-language': 'en' });
    expect(neither.body.error.fields.phone).toBe('Give a phone number or a unit (one of them)');
    const letters = await agent.get(`/api/lookup?estateId=${ygh}&phone=abc`);
    expect(letters.body.error.fields.phone).toBe('格式不正确');
  });
});
