import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../testing/harness.ts';
import { preparedRows, rows } from './db.ts';

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
