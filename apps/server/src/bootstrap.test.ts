/** Start-up: migrations, demo seeding into an empty database, and the production first administrator. */

import { normalisePhone } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from './app.ts';
import { prepareDatabase } from './bootstrap.ts';
import { isValidIdNumber } from './demo/random.ts';
import { AdjustableClock } from './platform/clock.ts';
import { type Database, rows } from './platform/db.ts';
import { openEmptyTestDatabase } from './testing/harness.ts';
import { TEST_NOW } from './testing/test-clock.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function emptyDatabase(): Promise<Database> {
  const { database, drop } = await openEmptyTestDatabase();
  cleanups.push(async () => {
    await database.close();
    await drop();
  });
  return database;
}

describe('demo data', () => {
  it('seeds everything the contract lists, and only into an empty database', async () => {
    const database = await emptyDatabase();
    const clock = new AdjustableClock(TEST_NOW);
    const first = await prepareDatabase(database, clock, { demo: true, initialAdmin: null });
    expect(first.seeded).toMatchObject({ estates: 2, users: expect.any(Number) });
    const db = database.db;

    const estates = await rows<{ name: string; type: string }>(
      db,
      sql`select name, type from estates order by code`,
    );
    expect(estates).toEqual([
      { name: '阳光花园', type: 'residential' },
      { name: '天物大厦', type: 'office' },
    ]);

    const demoUsers = [
      'admin',
      'manager',
      'supervisor',
      'agent',
      'steward',
      'lobby',
      'cashier',
      'tech',
      'eng_lead',
      'cleaner_lead',
      'night',
      'quality',
    ];
    const users = await rows<{
      username: string;
      roles: string[];
      estates: string[] | null;
      dept: string | null;
    }>(
      db,
      sql`select u.username, u.roles, d.kind as dept,
            (select array_agg(e.name) from user_estates ue join estates e on e.id = ue.estate_id where ue.user_id = u.id) as estates
          from users u left join departments d on d.id = u.department_id`,
    );
    const byName = new Map(users.map((u) => [u.username, u]));
    for (const name of demoUsers) expect(byName.has(name), name).toBe(true);
    expect(byName.get('admin')!.roles.sort()).toEqual(['gm', 'hq_cs']);
    expect(byName.get('supervisor')!.roles).toEqual(['cs_supervisor']);
    expect(byName.get('tech')).toMatchObject({ roles: ['technician'], dept: 'engineering' });
    expect(byName.get('eng_lead')).toMatchObject({ roles: ['dept_lead'], dept: 'engineering' });
    expect(byName.get('cleaner_lead')).toMatchObject({ roles: ['dept_lead'], dept: 'cleaning' });
    expect(byName.get('night')!.roles).toEqual(['control_room']);
    // Company-wide roles have no estate assignment; everyone else is at 阳光花园.
    for (const name of demoUsers) {
      const u = byName.get(name)!;
      if (u.roles.some((r) => ['gm', 'hq_cs', 'quality'].includes(r))) expect(u.estates).toBeNull();
      else expect(u.estates).toEqual(['阳光花园']);
    }

    // One building with at least 12 occupied units, each with its own resident.
    const [best] = await rows<{ building: string; n: number }>(
      db,
      sql`select b.name as building, count(distinct u.id)::int as n
          from units u join buildings b on b.id = u.building_id join estates e on e.id = u.estate_id
          where e.name = '阳光花园' and u.status in ('occupied','rented')
            and exists (select 1 from resident_units ru where ru.unit_id = u.id)
          group by b.name order by n desc limit 1`,
    );
    expect(best!.n).toBeGreaterThanOrEqual(12);

    const people = await rows<{ phones: string[]; id_number: string; grade: string }>(
      db,
      sql`select phones, id_number, grade from residents`,
    );
    expect(people.length).toBeGreaterThan(300);
    for (const p of people) {
      // A mobile first; office tenants may add their company's landline (with area code).
      expect(p.phones[0]).toMatch(/^1[3-9]\d{9}$/);
      expect(p.phones.every((x) => normalisePhone(x) === x)).toBe(true);
      expect(isValidIdNumber(p.id_number)).toBe(true);
    }
    expect(people.some((p) => p.grade === 'A')).toBe(true);
    const phones = people.flatMap((p) => p.phones);
    expect(new Set(phones).size).toBe(phones.length);

    // The person records' details: segments, vehicles, emergency contacts, graded A/D customers with
    // their history, a tenant with the owner's letters.
    const [details] = await rows<{
      segments: number;
      cars: number;
      contacts: number;
      landlines: number;
      graded: number;
      ungraded: number;
      letters: number;
      co_owners: number;
    }>(
      db,
      sql`select (select count(distinct segment)::int from residents) as segments,
                 (select count(*)::int from residents where cardinality(vehicles) > 0) as cars,
                 (select count(*)::int from residents where emergency_phone is not null) as contacts,
                 (select count(*)::int from residents where cardinality(phones) > 1) as landlines,
                 (select count(*)::int from residents r where r.grade in ('A','D') and exists (
                    select 1 from events e where e.entity_id = r.id and e.action = 'grade_changed')) as graded,
                 (select count(*)::int from residents r join resident_units ru on ru.resident_id = r.id
                    where r.grade in ('A','D') and ru.relation <> 'member' and not exists (
                    select 1 from events e where e.entity_id = r.id and e.action = 'grade_changed')) as ungraded,
                 (select count(*)::int from resident_authorisations) as letters,
                 (select count(*)::int from resident_units where relation = 'co_owner') as co_owners`,
    );
    expect(details).toMatchObject({ segments: 8, ungraded: 0, letters: 2 });
    expect(details!.cars).toBeGreaterThan(50);
    expect(details!.contacts).toBeGreaterThan(100);
    expect(details!.landlines).toBeGreaterThan(5);
    expect(details!.graded).toBeGreaterThan(5);
    expect(details!.co_owners).toBeGreaterThan(5);

    const kinds = await rows<{ kind: string }>(
      db,
      sql`select distinct d.kind from departments d join estates e on e.id = d.estate_id where e.name = '阳光花园'`,
    );
    expect(kinds).toHaveLength(7);

    const [requests] = await rows<{ n: number; oldest: Date; newest: Date; numbers: number }>(
      db,
      sql`select count(*)::int as n, min(received_at) as oldest, max(received_at) as newest, count(distinct number)::int as numbers from requests`,
    );
    expect(requests!.n).toBeGreaterThanOrEqual(200);
    expect(requests!.numbers).toBe(requests!.n);
    expect(new Date(requests!.newest).getTime()).toBeLessThanOrEqual(TEST_NOW.getTime());
    expect(TEST_NOW.getTime() - new Date(requests!.oldest).getTime()).toBeLessThan(91 * 86_400_000);
    const [badNumbers] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from requests where number !~ '^(BX|TS|ZX|QZ|JY|BY|YC)20[0-9]{6}[0-9]{4}$'`,
    );
    expect(badNumbers!.n).toBe(0);
    const [events] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from requests q where not exists (select 1 from events e where e.entity_id = q.id and e.action = 'created')`,
    );
    expect(events!.n).toBe(0);

    // The timelines come with their clocks and callbacks, so queues and KPIs have history.
    const [clocks] = await rows<{ total: number; met: number; open_without: number; calls: number }>(
      db,
      sql`select (select count(*)::int from request_deadlines) as total,
                 (select count(*)::int from request_deadlines where status = 'met') as met,
                 (select count(*)::int from requests q where q.type = 'repair' and q.state in ('dispatched','accepted','on_site','in_progress')
                    and not exists (select 1 from request_deadlines d where d.request_id = q.id)) as open_without,
                 (select count(*)::int from callbacks) as calls`,
    );
    expect(clocks!.total).toBeGreaterThan(100);
    expect(clocks!.met).toBeGreaterThan(50);
    expect(clocks!.open_without).toBe(0);
    expect(clocks!.calls).toBeGreaterThan(30);

    // A second start keeps the data and seeds nothing.
    const second = await prepareDatabase(database, clock, { demo: true, initialAdmin: null });
    expect(second.seeded).toBeNull();
    const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from companies`);
    expect(count!.n).toBe(1);
  });

  it('is deterministic: the same day gives the same residents and requests', async () => {
    const a = await emptyDatabase();
    const b = await emptyDatabase();
    await prepareDatabase(a, new AdjustableClock(TEST_NOW), { demo: true, initialAdmin: null });
    await prepareDatabase(b, new AdjustableClock(TEST_NOW), { demo: true, initialAdmin: null });
    const q = sql`select name, phones, id_number, grade from residents order by id_number`;
    expect(await rows(a.db, q)).toEqual(await rows(b.db, q));
    const r = sql`select number, type, state, description, received_at from requests order by number`;
    expect(await rows(a.db, r)).toEqual(await rows(b.db, r));
  });
});

describe('production start', () => {
  it('creates only the first administrator, never demo users, and has no test clock', async () => {
    const database = await emptyDatabase();
    const clock = new AdjustableClock(TEST_NOW);
    const result = await prepareDatabase(database, clock, {
      demo: false,
      initialAdmin: { username: 'boss', password: 'a-strong-password-1', companyName: '某某物业' },
    });
    expect(result).toEqual({ seeded: null, adminCreated: true });
    const list = await rows<{ username: string }>(database.db, sql`select username from users`);
    expect(list).toEqual([{ username: 'boss' }]);

    const app = await buildApp({
      database,
      clock,
      secret: 's'.repeat(40),
      demo: false,
      production: true,
      logLevel: 'silent',
    });
    cleanups.push(() => app.close());
    const login = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent', password: 'demo1234' },
    });
    expect(login.statusCode).toBe(401);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/token',
      payload: { username: 'boss', password: 'a-strong-password-1' },
    });
    expect(ok.statusCode).toBe(200);
    const clockRes = await app.inject({
      method: 'GET',
      url: '/api/dev/clock',
      headers: { authorization: `Bearer ${ok.json().token}` },
    });
    expect(clockRes.statusCode).toBe(404);
  });
});
