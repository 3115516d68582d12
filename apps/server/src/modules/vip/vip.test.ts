/**
 * VIP cards through the API (spec 03 §4): numbers and their per-level sequence (20 issued at once,
 * distinct and without gaps), the 999 limit, grade A only, roles, applications approved or rejected,
 * renewal, lost-card reissue, revocation, expiry at its boundary with the test clock, the assistant,
 * the service log, reminders (the list and the inbox notice sent once) and scoping.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { sendVipReminders } from './vip.reminders.ts';
import { addYears, festivalsBetween, nextBirthday } from './vip.usecases.ts';

let ctx: TestContext;
let admin: Client;
let manager: Client;
let agent: Client;
let steward: Client;
let tech: Client;
let twAgent: Client;
let twManager: Client;
let ygh: string;
let twd: string;
/** Residents of 阳光花园 without a card, made grade A for these tests (taken one by one). */
let spare: string[] = [];
let gradeC: string;
let twdA: string;

const FORM = { qualification: '区政府领导，对项目建设有重大贡献', workplace: '区政府', position: '副区长' };

async function lastNumber(level: number): Promise<number> {
  const [row] = await rows<{ last: number }>(
    ctx.database.db,
    sql`select last from vip_card_counters where level = ${level} and company_id = (select company_id from estates where id = ${ygh})`,
  );
  return row?.last ?? 0;
}

const take = () => spare.shift()!;

beforeAll(async () => {
  ctx = await createTestContext();
  [admin, manager, agent, steward, tech, twAgent, twManager] = (await Promise.all(
    ['admin', 'manager', 'agent', 'steward', 'tech', 'tw_agent', 'tw_manager'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client, Client, Client, Client];
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  const free = await rows<{ id: string }>(
    ctx.database.db,
    sql`select r.id from residents r where r.estate_id = ${ygh} and r.grade = 'C'
          and not exists (select 1 from vip_cards c where c.resident_id = r.id)
          and not exists (select 1 from vip_applications a where a.resident_id = r.id)
        order by r.id limit 45`,
  );
  gradeC = free.pop()!.id;
  spare = free.map((r) => r.id);
  await ctx.database.db.execute(
    sql`update residents set grade = 'A' where id in (select jsonb_array_elements_text(${JSON.stringify(spare)}::jsonb))`,
  );
  const [tw] = await rows<{ id: string }>(
    ctx.database.db,
    sql`select r.id from residents r where r.estate_id = ${twd}
          and not exists (select 1 from vip_cards c where c.resident_id = r.id) order by r.id limit 1`,
  );
  twdA = tw!.id;
  await ctx.database.db.execute(sql`update residents set grade = 'A' where id = ${twdA}`);
});
afterAll(() => ctx.close());

describe('numbers', () => {
  it('issues JK + level + the next 3-digit sequence of that level, valid 3 years, on the resident', async () => {
    const before1 = await lastNumber(1);
    const before2 = await lastNumber(2);
    const id = take();
    const res = await admin.post(`/api/residents/${id}/vip-card`, { level: 1 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      number: `JK1${String(before1 + 1).padStart(3, '0')}`,
      level: 1,
      validFrom: '2026-11-22',
      validUntil: '2029-11-22',
      status: 'active',
    });
    // Another level has its own sequence.
    const other = await admin.post(`/api/residents/${take()}/vip-card`, { level: 2 });
    expect(other.body.number).toBe(`JK2${String(before2 + 1).padStart(3, '0')}`);
    expect(await lastNumber(1)).toBe(before1 + 1);

    const detail = await agent.get(`/api/residents/${id}`);
    expect(detail.body.vipCard).toEqual({
      number: res.body.number,
      level: 1,
      validUntil: '2029-11-22',
      status: 'active',
    });
    // Audited on the resident.
    const audit = await manager.get(`/api/audit?residentId=${id}`);
    expect(audit.body.items.map((i: any) => i.action)).toContain('vip_card_issued');
  });

  it('gives 20 cards issued at once 20 distinct numbers with no gap', async () => {
    const before = await lastNumber(2);
    const ids = Array.from({ length: 20 }, take);
    const results = await Promise.all(
      ids.map((id) => admin.post(`/api/residents/${id}/vip-card`, { level: 2 })),
    );
    expect(results.map((r) => r.status)).toEqual(ids.map(() => 201));
    const numbers = results.map((r) => r.body.number as string).sort();
    expect(new Set(numbers).size).toBe(20);
    expect(numbers).toEqual(
      Array.from({ length: 20 }, (_, i) => `JK2${String(before + 1 + i).padStart(3, '0')}`),
    );
    expect(await lastNumber(2)).toBe(before + 20);
  });

  it('refuses a second card to the same resident issued twice at once, without using a number', async () => {
    const before = await lastNumber(0);
    const id = take();
    const [a, b] = await Promise.all([
      admin.post(`/api/residents/${id}/vip-card`, { level: 0 }),
      admin.post(`/api/residents/${id}/vip-card`, { level: 0 }),
    ]);
    expect([a.status, b.status].sort()).toEqual([201, 422]);
    expect(await lastNumber(0)).toBe(before + 1);
  });

  it('stops at 999 with a clear rule violation, handing out nothing', async () => {
    const before = await lastNumber(0);
    await ctx.database.db.execute(sql`update vip_card_counters set last = 999 where level = 0`);
    const id = take();
    const res = await admin.post(`/api/residents/${id}/vip-card`, { level: 0 });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe('RULE_VIOLATION');
    expect(res.body.error.message).toContain('999');
    expect((await agent.get(`/api/residents/${id}`)).body.vipCard).toBeNull();
    await ctx.database.db.execute(sql`update vip_card_counters set last = ${before} where level = 0`);
    spare.unshift(id);
  });

  it('issues only to grade A (422) and only for company roles (403)', async () => {
    const c = await admin.post(`/api/residents/${gradeC}/vip-card`, { level: 2 });
    expect(c.status).toBe(422);
    expect(c.body.error.code).toBe('RULE_VIOLATION');
    for (const who of [manager, agent, steward, tech])
      expect((await who.post(`/api/residents/${spare[0]}/vip-card`, { level: 2 })).status).toBe(403);
    expect((await admin.post(`/api/residents/${spare[0]}/vip-card`, { level: 3 })).status).toBe(400);
  });
});

describe('applications', () => {
  it('an estate applies with the registration form, hq_cs approves and the card is issued', async () => {
    const id = take();
    const applied = await steward.post(`/api/residents/${id}/vip-applications`, { level: 1, form: FORM });
    expect(applied.status).toBe(201);
    expect(applied.body).toMatchObject({ status: 'pending', level: 1, form: FORM, residentId: id });
    // One open application per resident.
    const again = await manager.post(`/api/residents/${id}/vip-applications`, { level: 1, form: FORM });
    expect(again.status).toBe(422);
    const waiting = await admin.get('/api/vip/applications?status=pending');
    expect(waiting.body.items.map((a: any) => a.id)).toContain(applied.body.id);
    // The estate cannot approve its own application.
    expect((await manager.post(`/api/vip/applications/${applied.body.id}/approve`)).status).toBe(403);
    const approved = await admin.post(`/api/vip/applications/${applied.body.id}/approve`);
    expect(approved.status).toBe(200);
    expect(approved.body.status).toBe('approved');
    expect(approved.body.cardNumber).toMatch(/^JK1\d{3}$/);
    expect((await agent.get(`/api/residents/${id}`)).body.vipCard.number).toBe(approved.body.cardNumber);
    expect((await admin.post(`/api/vip/applications/${applied.body.id}/approve`)).status).toBe(422);
  });

  it('rejects with a reason; a grade C resident cannot be applied for', async () => {
    const id = take();
    const applied = await manager.post(`/api/residents/${id}/vip-applications`, { level: 2, form: FORM });
    expect((await admin.post(`/api/vip/applications/${applied.body.id}/reject`, {})).status).toBe(400);
    const rejected = await admin.post(`/api/vip/applications/${applied.body.id}/reject`, {
      reason: '资格材料不全',
    });
    expect(rejected.body).toMatchObject({
      status: 'rejected',
      rejectReason: '资格材料不全',
      cardNumber: null,
    });
    const c = await manager.post(`/api/residents/${gradeC}/vip-applications`, { level: 2, form: FORM });
    expect(c.status).toBe(422);
    expect(c.body.error.code).toBe('RULE_VIOLATION');
    // The form needs the qualification.
    const noForm = await manager.post(`/api/residents/${id}/vip-applications`, { level: 2, form: {} });
    expect(noForm.status).toBe(400);
    expect(noForm.body.error.fields).toHaveProperty(['form.qualification']);
  });

  it('keeps another estate out: 天物大厦 staff can neither apply for nor see 阳光花园 residents', async () => {
    const id = spare[0]!;
    const res = await twAgent.post(`/api/residents/${id}/vip-applications`, { level: 2, form: FORM });
    expect(res.status).toBe(404);
    const list = await twManager.get('/api/vip/cards?pageSize=200');
    expect(list.body.items.every((c: any) => c.estateId === twd)).toBe(true);
    expect((await twManager.get(`/api/vip/cards?estateId=${ygh}`)).status).toBe(404);
    const ours = (await manager.get('/api/vip/cards?pageSize=1')).body.items[0];
    expect((await twManager.get(`/api/vip/applications?estateId=${ygh}`)).status).toBe(404);
    // A company role of course sees both, and another estate's card cannot be acted on by it … by id.
    expect(ours.estateId).toBe(ygh);
  });
});

describe('the life of a card', () => {
  it('reissues a lost card: the old number is replaced and a new one keeps the validity', async () => {
    const id = take();
    const issued = await admin.post(`/api/residents/${id}/vip-card`, { level: 2 });
    const reissued = await admin.post(`/api/vip/cards/${issued.body.id}/reissue`, { note: '业主遗失' });
    expect(reissued.status).toBe(200);
    expect(reissued.body.number).not.toBe(issued.body.number);
    expect(reissued.body).toMatchObject({ level: 2, validUntil: issued.body.validUntil, status: 'active' });
    const cards = (await manager.get(`/api/vip/cards?residentId=${id}`)).body.items;
    const old = cards.find((c: any) => c.id === issued.body.id);
    expect(old).toMatchObject({ status: 'replaced', replacedByNumber: reissued.body.number });
    expect((await agent.get(`/api/residents/${id}`)).body.vipCard.number).toBe(reissued.body.number);
    // The old card is finished.
    expect((await admin.post(`/api/vip/cards/${issued.body.id}/reissue`, {})).status).toBe(422);
    expect((await manager.post(`/api/vip/cards/${reissued.body.id}/reissue`, {})).status).toBe(403);
  });

  it('revokes with a reason; the resident shows the revoked card and may be issued a new one', async () => {
    const id = take();
    const issued = await admin.post(`/api/residents/${id}/vip-card`, { level: 2 });
    expect((await admin.post(`/api/vip/cards/${issued.body.id}/revoke`, {})).status).toBe(400);
    const revoked = await admin.post(`/api/vip/cards/${issued.body.id}/revoke`, { reason: '恶意欠费' });
    expect(revoked.body).toMatchObject({ status: 'revoked', revokedReason: '恶意欠费' });
    expect((await agent.get(`/api/residents/${id}`)).body.vipCard.status).toBe('revoked');
    expect((await admin.post(`/api/vip/cards/${issued.body.id}/renew`, {})).status).toBe(422);
    const events = await rows<{ action: string }>(
      ctx.database.db,
      sql`select action from events where entity_type = 'vip_card' and entity_id = ${issued.body.id} order by at, id`,
    );
    expect(events.map((e) => e.action)).toEqual(['issued', 'revoked']);
  });

  it('renews only from 90 days before the end', async () => {
    const id = take();
    const issued = await admin.post(`/api/residents/${id}/vip-card`, { level: 2 });
    const early = await admin.post(`/api/vip/cards/${issued.body.id}/renew`, {});
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('RULE_VIOLATION');
  });
});

describe('the assistant, services and reminders', () => {
  it('names one assistant per estate (a staff member of it), by the manager or the company', async () => {
    const me = steward.user!;
    const set = await manager.put(`/api/estates/${ygh}/vip-assistant`, { userId: me.id });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ estateId: ygh, userId: me.id });
    const other = await admin.put(`/api/estates/${ygh}/vip-assistant`, { userId: agent.user!.id });
    expect(other.body.userId).toBe(agent.user!.id);
    const list = await manager.get('/api/vip/assistants');
    expect(list.body.items).toEqual([expect.objectContaining({ estateId: ygh, userId: agent.user!.id })]);
    // Someone of another estate; another estate's manager; a desk agent.
    const foreign = await manager.put(`/api/estates/${ygh}/vip-assistant`, { userId: twAgent.user!.id });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toHaveProperty('userId');
    expect((await twManager.put(`/api/estates/${ygh}/vip-assistant`, { userId: me.id })).status).toBe(404);
    expect((await agent.put(`/api/estates/${ygh}/vip-assistant`, { userId: me.id })).status).toBe(403);
  });

  it('logs services to VIPs only and lists them for the estate', async () => {
    const id = take();
    await admin.post(`/api/residents/${id}/vip-card`, { level: 2 });
    const added = await steward.post('/api/vip/services', {
      residentId: id,
      date: '2026-11-21',
      serviceType: 'ticket_booking',
      note: '代订机票',
    });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ serviceType: 'ticket_booking', byName: steward.user!.name });
    expect(added.body.cardNumber).toMatch(/^JK2/);
    const none = await steward.post('/api/vip/services', {
      residentId: gradeC,
      date: '2026-11-21',
      serviceType: 'greeting',
    });
    expect(none.status).toBe(422);
    const future = await steward.post('/api/vip/services', {
      residentId: id,
      date: '2026-11-30',
      serviceType: 'greeting',
    });
    expect(future.status).toBe(400);
    const list = await manager.get(`/api/vip/services?residentId=${id}`);
    expect(list.body.items).toHaveLength(1);
    expect((await twAgent.get(`/api/vip/services?residentId=${id}`)).body.items).toHaveLength(0);
    const foreign = await twAgent.post('/api/vip/services', {
      residentId: id,
      date: '2026-11-21',
      serviceType: 'greeting',
    });
    expect(foreign.status).toBe(404);
  });

  it('reminds of VIP birthdays 3 days ahead (not 4) and of festivals', async () => {
    const soon = take();
    const later = take();
    await ctx.database.db.execute(sql`update residents set birthday = '1970-11-25' where id = ${soon}`);
    await ctx.database.db.execute(sql`update residents set birthday = '1970-11-26' where id = ${later}`);
    for (const id of [soon, later]) await admin.post(`/api/residents/${id}/vip-card`, { level: 0 });
    const res = await steward.get(`/api/vip/reminders?estateId=${ygh}`);
    expect(res.status).toBe(200);
    const birthdays = res.body.items.filter((i: any) => i.kind === 'birthday');
    expect(birthdays.map((b: any) => b.residentId)).toContain(soon);
    expect(birthdays.map((b: any) => b.residentId)).not.toContain(later);
    expect(birthdays.find((b: any) => b.residentId === soon)).toMatchObject({
      date: '2026-11-25',
      daysAhead: 3,
    });
    // Pure helpers: festivals and birthdays over the year's turn and 29 February.
    expect(festivalsBetween('2026-12-29', '2027-01-01')).toEqual([{ date: '2027-01-01', name: '元旦' }]);
    expect(festivalsBetween('2027-09-12', '2027-09-15')).toEqual([{ date: '2027-09-15', name: '中秋节' }]);
    expect(nextBirthday('1980-01-02', '2026-12-31')).toBe('2027-01-02');
    expect(nextBirthday('1980-02-29', '2027-02-01')).toBe('2027-02-28');
    expect(addYears('2028-02-29', 3)).toBe('2031-02-28');
  });

  it('tells the estate’s assistant in the inbox once, and the managers where no assistant is named', async () => {
    const deps = { db: ctx.database.db, clock: ctx.clock };
    const holder = take();
    await ctx.database.db.execute(sql`update residents set birthday = '1966-11-24' where id = ${holder}`);
    expect((await admin.post(`/api/residents/${holder}/vip-card`, { level: 2 })).status).toBe(201);
    await ctx.database.db.execute(sql`update residents set birthday = '1975-11-23' where id = ${twdA}`);
    expect((await admin.post(`/api/residents/${twdA}/vip-card`, { level: 2 })).status).toBe(201);
    const [h, tw] = await rows<{ name: string }>(
      ctx.database.db,
      sql`select name from residents where id in (${holder}, ${twdA}) order by (id = ${holder}) desc`,
    );
    // The holder's family member (客户及其家属生日) is remembered too; a tenant of the unit is not.
    const [hu] = await rows<{ unit_id: string }>(
      ctx.database.db,
      sql`select unit_id from resident_units where resident_id = ${holder} limit 1`,
    );
    const relative = async (name: string, relation: string) =>
      manager.post('/api/residents', {
        estateId: ygh,
        name,
        birthday: '2001-11-24',
        units: [{ unitId: hu!.unit_id, relation }],
      });
    const member = await relative('贺小雨', 'member');
    expect(member.status).toBe(201);
    expect((await relative('邱租客', 'tenant')).status).toBe(201);
    const list = (await steward.get(`/api/vip/reminders?estateId=${ygh}`)).body.items as any[];
    expect(list.filter((i) => i.title === '贺小雨')).toEqual([
      expect.objectContaining({
        kind: 'birthday',
        date: '2026-11-24',
        residentId: member.body.id,
        familyOf: { residentId: holder, name: h!.name },
      }),
    ]);
    expect(list.filter((i) => i.title === '邱租客')).toEqual([]);

    expect(await sendVipReminders(deps)).toBeGreaterThanOrEqual(2);
    const inbox = async (c: Client) =>
      ((await c.get('/api/notifications')).body.items as any[]).filter((n) => n.kind === 'vip_birthday');
    // 阳光花园's assistant is the agent (named above): the holder's birthday, two days ahead.
    const own = (n: { title: string }) =>
      n.title.startsWith(`VIP 客户${h!.name}（`) && !n.title.includes('家属');
    const mine = (await inbox(agent)).filter(own);
    expect(mine).toEqual([
      expect.objectContaining({
        estateId: ygh,
        body: '2 天后',
        title: expect.stringContaining('11月24日生日'),
      }),
    ]);
    expect((await inbox(agent)).filter((n) => n.title.includes('的家属贺小雨11月24日生日'))).toHaveLength(1);
    expect((await inbox(manager)).filter((n) => n.title.includes(h!.name))).toEqual([]);
    // 天物大厦 has no assistant: its manager is told.
    expect((await inbox(twManager)).filter((n) => n.title.includes(tw!.name))).toHaveLength(1);

    // Swept again (another process, the next quarter hour): nothing new.
    expect(await sendVipReminders(deps)).toBe(0);
    expect((await inbox(agent)).filter(own)).toHaveLength(1);

    // Two processes sweeping at the same moment send a new occurrence once between them.
    const next = take();
    await ctx.database.db.execute(sql`update residents set birthday = '1980-11-25' where id = ${next}`);
    expect((await admin.post(`/api/residents/${next}/vip-card`, { level: 0 })).status).toBe(201);
    const [a, b] = await Promise.all([sendVipReminders(deps), sendVipReminders(deps)]);
    expect(a + b).toBe(1);
  });
});

// Last: moves the clock three years on.
describe('expiry with the test clock', () => {
  it('reads as active on its last day and expired the minute after; renewal re-checks the grade', async () => {
    const id = take();
    const issued = await admin.post(`/api/residents/${id}/vip-card`, { level: 1 });
    expect(issued.body.validUntil).toBe('2029-11-22');
    // To 2029-11-22 23:59 in Shanghai (the test clock starts on 2026-11-22 10:00 there).
    const minutes = (Date.parse('2029-11-22T15:59:00Z') - ctx.clock.now().getTime()) / 60_000;
    ctx.clock.advanceMinutes(minutes);
    let a = await ctx.login('admin');
    let m = await ctx.login('manager');
    expect((await m.get(`/api/residents/${id}`)).body.vipCard.status).toBe('active');
    expect(
      (await m.get('/api/vip/cards?expiringWithinDays=90&pageSize=200')).body.items.map((c: any) => c.id),
    ).toContain(issued.body.id);
    ctx.clock.advanceMinutes(1);
    expect((await m.get(`/api/residents/${id}`)).body.vipCard.status).toBe('expired');
    const expired = await m.get(`/api/vip/cards?status=expired&pageSize=200`);
    expect(expired.body.items.map((c: any) => c.id)).toContain(issued.body.id);
    // No service to an expired card; no new card while it is there: renew it.
    expect(
      (await m.post('/api/vip/services', { residentId: id, date: '2029-11-23', serviceType: 'greeting' }))
        .status,
    ).toBe(422);
    const direct = await a.post(`/api/residents/${id}/vip-card`, { level: 1 });
    expect(direct.status).toBe(422);

    // Re-checked: no longer grade A → refused; A again → same number, 3 new years from today.
    await ctx.database.db.execute(sql`update residents set grade = 'B' where id = ${id}`);
    expect((await a.post(`/api/vip/cards/${issued.body.id}/renew`, {})).status).toBe(422);
    await ctx.database.db.execute(sql`update residents set grade = 'A' where id = ${id}`);
    ctx.clock.advanceMinutes(13 * 60);
    a = await ctx.login('admin');
    m = await ctx.login('manager');
    const renewed = await a.post(`/api/vip/cards/${issued.body.id}/renew`, {});
    expect(renewed.status).toBe(200);
    expect(renewed.body).toMatchObject({
      number: issued.body.number,
      validFrom: '2029-11-23',
      validUntil: '2032-11-23',
      status: 'active',
    });
    expect((await m.get(`/api/audit?residentId=${id}`)).body.items.map((i: any) => i.action)).toContain(
      'vip_card_renewed',
    );
  });
});
