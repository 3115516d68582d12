import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { createTestContext, makeClient, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
});
afterAll(() => ctx.close());

describe('sign-in', () => {
  it('signs the agent in with a session cookie and tells who they are', async () => {
    const res = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'agent', password: 'demo1234' },
    });
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({
      username: 'agent',
      name: '李晓燕',
      roles: ['cs_agent'],
      companyName: '示范物业',
    });
    expect(body.user.estateIds).toHaveLength(1);
    expect(body.csrfToken).toMatch(/^[\w-]{20,}$/);
    const cookie = res.cookies.find((c) => c.name === 'wuye_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const me = await ctx.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      cookies: { wuye_session: cookie!.value },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toEqual(body);
  });

  it('accepts the user name in any letter case', async () => {
    const client = await ctx.login('AGENT');
    expect(client.user?.name).toBe('李晓燕');
  });

  it('refuses a wrong password with 401 and a Chinese message, English on request', async () => {
    const zh = await ctx.anonymous.post('/api/auth/login', { username: 'steward', password: 'wrong-one' });
    expect(zh.status).toBe(401);
    expect(zh.body).toEqual({ error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } });
    const en = await ctx.anonymous.post(
      '/api/auth/login',
      { username: 'steward', password: 'wrong-two' },
      { 'accept-language': 'en-US,en;q=0.9' },
    );
    expect(en.body.error.message).toBe('Wrong user name or password');
  });

  it('locks an account after five failures, even for the right password, and unlocks after 15 minutes', async () => {
    for (let i = 0; i < 4; i++) {
      const r = await ctx.anonymous.post('/api/auth/login', { username: 'cashier', password: `bad-${i}` });
      expect(r.status).toBe(401);
    }
    const fifth = await ctx.anonymous.post('/api/auth/login', { username: 'cashier', password: 'bad-5' });
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('RATE_LIMITED');
    expect(Number(fifth.headers['retry-after'])).toBe(900);

    const right = await ctx.anonymous.post('/api/auth/login', { username: 'cashier', password: 'demo1234' });
    expect(right.status).toBe(429);
    expect(right.body.error.message).toBe('登录失败次数过多，请 15 分钟后再试');

    ctx.clock.advanceMinutes(16);
    const later = await ctx.anonymous.post('/api/auth/login', { username: 'cashier', password: 'demo1234' });
    expect(later.status).toBe(200);

    // Every attempt is in the audit log, in order.
    const log = await rows<{ action: string }>(
      ctx.database.db,
      sql`select e.action from events e join users u on u.id = e.entity_id
          where u.username = 'cashier' and e.entity_type = 'user' order by e.at, e.id`,
    );
    expect(log.map((e) => e.action)).toEqual([...Array(4).fill('login_failed'), 'login_locked', 'login']);
  });

  it('does not reveal whether a user exists', async () => {
    const res = await ctx.anonymous.post('/api/auth/login', {
      username: 'nobody-here',
      password: 'demo1234',
    });
    expect(res.status).toBe(401);
    expect(res.body.error.message).toBe('用户名或密码错误');
  });

  it('rejects malformed sign-in bodies field by field and writes nothing', async () => {
    const res = await ctx.anonymous.post('/api/auth/login', { username: '', password: 123, remember: true });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.fields).toEqual({
      username: '必填',
      password: '类型不正确（应为string）',
      remember: '不允许的字段',
    });
  });
});

describe('sessions', () => {
  it('needs a session for the API', async () => {
    const res = await ctx.anonymous.get('/api/auth/me');
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('UNAUTHENTICATED');
  });

  it('requires the CSRF token on cookie-authenticated writes', async () => {
    const client = await ctx.login('supervisor');
    const without = await client.put('/api/auth/preferences', { locale: 'en' }, { 'x-csrf-token': '' });
    expect(without.status).toBe(403);
    expect(without.body.error.message).toBe('安全校验失败，请刷新页面后重试');
    const withToken = await client.put('/api/auth/preferences', { locale: 'en' });
    expect(withToken.status).toBe(200);
    const me = await client.get('/api/auth/me');
    expect(me.body.user.locale).toBe('en');
    // The saved language is used for messages when the browser names none.
    const err = await client.get('/api/estates/unknown/units');
    expect(err.body.error.message).toBe('Estate not found');
  });

  it('ends the session on logout', async () => {
    const client = await ctx.login('lobby');
    expect((await client.post('/api/auth/logout')).status).toBe(200);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });

  it('expires sessions after 12 hours', async () => {
    const client = await ctx.login('steward');
    ctx.clock.advanceMinutes(11 * 60);
    expect((await client.get('/api/auth/me')).status).toBe(200);
    ctx.clock.advanceMinutes(61);
    expect((await client.get('/api/auth/me')).status).toBe(401);
  });
});

describe('integration tokens', () => {
  it('issues a bearer token that works without a CSRF token', async () => {
    const res = await ctx.anonymous.post('/api/auth/token', { username: 'manager', password: 'demo1234' });
    expect(res.status).toBe(200);
    const bearer = makeClient(ctx.app, null, null, res.body.token);
    const me = await bearer.get('/api/auth/me');
    expect(me.body.user.username).toBe('manager');
    const write = await bearer.put('/api/auth/preferences', { locale: 'zh-CN' });
    expect(write.status).toBe(200);
  });

  it('does not accept a session cookie value as a bearer token', async () => {
    const login = await ctx.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'manager', password: 'demo1234' },
    });
    const cookie = login.cookies.find((c) => c.name === 'wuye_session')!.value;
    const res = await makeClient(ctx.app, null, null, cookie).get('/api/auth/me');
    expect(res.status).toBe(401);
  });
});
