/** The contract's platform behaviour: health, OpenAPI, the error model, request ids, headers. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
});
afterAll(() => ctx.close());

describe('health and docs', () => {
  it('reports the database in use without signing in', async () => {
    const res = await ctx.anonymous.get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: process.env.TEST_DB === 'postgres' ? 'postgres' : 'pglite',
      version: expect.stringMatching(/^\d+\.\d+\.\d+$/),
    });
  });

  it('serves an OpenAPI document that describes the contract paths', async () => {
    const res = await ctx.anonymous.get('/api/openapi.json');
    expect(res.status).toBe(200);
    expect(res.body.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/auth/login',
      '/api/auth/me',
      '/api/estates',
      '/api/estates/{id}/units',
      '/api/residents',
      '/api/departments',
      '/api/categories',
      '/api/health',
    ]) {
      expect(Object.keys(res.body.paths)).toContain(p);
    }
    expect(
      res.body.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.properties,
    ).toHaveProperty('username');
  });

  it('serves the browsable docs at /api/docs', async () => {
    const res = await ctx.anonymous.get('/api/docs/');
    expect(res.status).toBe(200);
    expect(String(res.body)).toContain('swagger');
  });
});

describe('error model', () => {
  it('answers malformed JSON with 400 VALIDATION in Chinese', async () => {
    const res = await agent.request('PUT', '/api/auth/preferences', '{"locale": ', {
      'content-type': 'application/json',
    });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ error: { code: 'VALIDATION', message: '请求内容不是有效的 JSON' } });
  });

  it('names unknown fields, wrong types and over-long strings field by field, in the caller’s language', async () => {
    const res = await ctx.anonymous.post(
      '/api/auth/login',
      { username: 'x'.repeat(65), password: ['demo1234'], role: 'gm' },
      { 'accept-language': 'en' },
    );
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'VALIDATION',
      message: 'Some fields are invalid',
      fields: {
        username: 'Must be at most 64 characters',
        password: 'Wrong type (expected string)',
        role: 'Unknown field',
      },
    });
  });

  it('answers an unknown API path with the contract error body', async () => {
    const res = await agent.get('/api/no-such-thing');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'NOT_FOUND', message: '接口不存在' } });
  });

  it('refuses a body that is not JSON', async () => {
    const res = await agent.request('PUT', '/api/auth/preferences', 'locale=en', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
  });

  it('refuses a body over 1 MB', async () => {
    const res = await agent.put('/api/auth/preferences', { locale: 'en', pad: 'x'.repeat(1_100_000) });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('请求内容过大');
  });

  it('refuses a page size over 200', async () => {
    const res = await agent.get('/api/requests?pageSize=5000');
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toEqual({ pageSize: '不能大于 200' });
  });
});

describe('request ids and headers', () => {
  it('echoes a given request id and makes one otherwise', async () => {
    const given = await ctx.anonymous.get('/api/health', { 'x-request-id': 'call-centre-42' });
    expect(given.headers['x-request-id']).toBe('call-centre-42');
    const made = await ctx.anonymous.get('/api/health');
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends security headers and keeps API answers out of caches', async () => {
    const res = await agent.get('/api/estates');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(String(res.headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(res.headers['cache-control']).toBe('no-store');
  });
});

describe('serving the web app', () => {
  it('serves the page for app routes, immutable assets, and 404 for a missing asset', async () => {
    const { mkdtempSync, writeFileSync, mkdirSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const { buildApp } = await import('../app.ts');
    const dist = mkdtempSync(path.join(tmpdir(), 'wuye-web-'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>物业客服台</title>');
    writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
    const app = await buildApp({
      database: ctx.database,
      clock: ctx.clock,
      secret: 's'.repeat(40),
      demo: false,
      production: false,
      logLevel: 'silent',
      webDist: dist,
    });
    try {
      const root = await app.inject({ url: '/' });
      expect(root.statusCode).toBe(200);
      expect(root.body).toContain('物业客服台');
      expect(root.headers['cache-control']).toBe('no-cache');

      const page = await app.inject({ url: '/requests?state=new' });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('物业客服台');
      expect(page.headers['cache-control']).toBe('no-cache');

      const asset = await app.inject({ url: '/assets/index-abc123.js' });
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');

      // A file built after start is served without a restart.
      writeFileSync(path.join(dist, 'assets', 'index-def456.js'), 'console.log(2)');
      expect((await app.inject({ url: '/assets/index-def456.js' })).body).toBe('console.log(2)');

      const missing = await app.inject({ url: '/assets/index-gone.js' });
      expect(missing.statusCode).toBe(404);
      expect(missing.json().error.code).toBe('NOT_FOUND');

      const api = await app.inject({ url: '/api/nothing-here' });
      expect(api.statusCode).toBe(404);
    } finally {
      await app.close();
      rmSync(dist, { recursive: true, force: true });
    }
  });
});
