import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../testing/harness.ts';
import { TEST_NOW } from '../../testing/test-clock.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('test clock (demo mode)', () => {
  it('moves the server clock forward for every signed-in staff user', async () => {
    const tech = await ctx.login('tech');
    expect((await tech.get('/api/dev/clock')).body).toEqual({ now: TEST_NOW.toISOString() });
    const moved = await tech.post('/api/dev/clock', { advanceMinutes: 16 });
    expect(moved.status).toBe(200);
    expect(new Date(moved.body.now).getTime() - TEST_NOW.getTime()).toBe(16 * 60_000);
    // The rest of the server sees the same time: today's count is by the moved clock.
    const home = await tech.get('/api/home');
    expect(home.body.now).toBe(moved.body.now);
  });

  it('refuses negative or fractional moves', async () => {
    const agent = await ctx.login('agent');
    const res = await agent.post('/api/dev/clock', { advanceMinutes: -5 });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.advanceMinutes).toBe('不能小于 0');
  });

  it('needs a signed-in user', async () => {
    expect((await ctx.anonymous.post('/api/dev/clock', { advanceMinutes: 1 })).status).toBe(401);
  });
});
