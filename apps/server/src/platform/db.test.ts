import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/harness.ts';
import { insertValues, preparedRows, preparedText, rows } from './db.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('prepared statements (preparedRows)', () => {
  const byUsername = (username: string) =>
    sql`select u.username, (select c.name from companies c where c.id = u.company_id) as company
        from users u where u.username = ${username}`;

  it('answers exactly as a plain statement does, whatever the values', async () => {
    for (const username of ['agent', 'tech', 'supervisor', 'agent', 'nobody', 'tech', 'agent'])
      expect(await preparedRows(ctx.database.db, 'test_user', byUsername(username))).toEqual(
        await rows(ctx.database.db, byUsername(username)),
      );
  });

  it('on PostgreSQL, is parsed once per connection and then runs a cached plan', async () => {
    if (ctx.database.kind !== 'postgres') {
      // PGlite has no pool and runs it as a plain statement (the answer is checked above).
      expect(ctx.database.kind).toBe('pglite');
      return;
    }
    // One transaction: one connection, so its prepared statements are visible in pg_prepared_statements.
    const stats = await ctx.database.db.transaction(async (tx) => {
      const byName = (name: string) => sql`select u.id from users u where u.name = ${name}`;
      for (let i = 0; i < 8; i++) await preparedRows(tx, 'test_plan', byName(i % 2 ? '李晓燕' : '王师傅'));
      return rows<{ name: string; generic_plans: number; custom_plans: number }>(
        tx,
        sql`select name, generic_plans, custom_plans from pg_prepared_statements where name like 'test_plan_%'`,
      );
    });
    expect(stats).toHaveLength(1);
    expect(stats[0]!.generic_plans + stats[0]!.custom_plans).toBe(8);
    expect(stats[0]!.generic_plans).toBeGreaterThan(0);
  });
});

describe('insertValues (hand-built inserts of the hot paths)', () => {
  it('writes the very rows Drizzle writes: encodings, nulls, arrays, JSON and column defaults', async () => {
    const { requestDeadlines, requests } = await import('../modules/requests/requests.table.ts');
    const { events } = await import('./events.table.ts');
    const { newId } = await import('./ids.ts');
    const db = ctx.database.db;
    const [base] = await rows<{ company_id: string; estate_id: string; user_id: string }>(
      db,
      sql`select u.company_id, ue.estate_id, u.id as user_id from users u join user_estates ue on ue.user_id = u.id
          where u.username = 'agent' limit 1`,
    );
    const at = new Date('2026-11-22T02:00:00.123Z');
    const row = (id: string, number: string) => ({
      id,
      companyId: base!.company_id,
      estateId: base!.estate_id,
      number,
      type: 'repair',
      subtype: 'public',
      channel: 'phone',
      state: 'new',
      locationText: '地下车库 B2',
      reporterName: '测试',
      reporterPhone: '13800138000',
      description: "厨房 '漏水' \\ 含引号",
      searchText: '厨房漏水',
      searchTokens: ['厨', '厨房', '房', '{x}', 'a,b', '"q"'],
      urgency: 'immediate',
      size: 'minor',
      ownerId: base!.user_id,
      receivedById: base!.user_id,
      receivedAt: at,
      night: false,
      updatedAt: at,
    });
    const a = newId(at.getTime());
    const b = newId(at.getTime());
    const event = (entityId: string) => ({
      id: newId(at.getTime()),
      companyId: base!.company_id,
      estateId: base!.estate_id,
      entityType: 'request',
      entityId,
      action: 'created',
      actorId: base!.user_id,
      at,
      data: { channel: 'phone', attachments: [], list: [1, 'двa', null], nested: { ok: true } },
    });
    const deadline = (requestId: string) => ({
      id: newId(at.getTime()),
      companyId: base!.company_id,
      estateId: base!.estate_id,
      requestId,
      kind: 'fix',
      startedAt: at,
      dueAt: new Date(at.getTime() + 8 * 3600_000),
      warnAt: new Date(at.getTime() + 6 * 3600_000),
      status: 'pending',
    });
    await db.insert(requests).values(row(a, 'TEST-A'));
    await db.insert(requestDeadlines).values(deadline(a));
    await db.insert(events).values(event(a));
    const params: unknown[] = [];
    const text = `with w0 as (${insertValues(requests, [row(b, 'TEST-B')], params)}), w1 as (${insertValues(
      requestDeadlines,
      [deadline(b)],
      params,
    )}) ${insertValues(events, [event(b)], params)}`;
    await preparedText(db, 'test_insert', text, params);

    const read = async (id: string) => {
      const [r] = await rows<Record<string, unknown>>(db, sql`select * from requests where id = ${id}`);
      const [d] = await rows<Record<string, unknown>>(
        db,
        sql`select * from request_deadlines where request_id = ${id}`,
      );
      const [e] = await rows<Record<string, unknown>>(db, sql`select * from events where entity_id = ${id}`);
      return {
        r: { ...r, id: null, number: null },
        d: { ...d, id: null, request_id: null },
        e: { ...e, id: null, entity_id: null },
      };
    };
    const [viaDrizzle, viaText] = [await read(a), await read(b)];
    expect(viaText).toEqual(viaDrizzle);
    // Defaults the rows left out (version 1, no quote, not closed) came from the columns.
    expect(viaText.r).toMatchObject({ version: 1, closed_at: null, quote_needs_approval: false });
    expect((viaText.r as Record<string, unknown>).search_tokens).toEqual([
      '厨',
      '厨房',
      '房',
      '{x}',
      'a,b',
      '"q"',
    ]);
  });

  it('refuses a SQL expression where a value belongs', async () => {
    const { events } = await import('./events.table.ts');
    expect(() => insertValues(events, [{ id: sql`gen_random_uuid()` }], [])).toThrow(/SQL expression/);
  });
});
