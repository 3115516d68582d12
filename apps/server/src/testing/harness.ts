/**
 * Test harness: a fresh copy of the seeded demo database per test file (PGlite or real PostgreSQL,
 * per TEST_DB), the app built on it with a test clock, and an API client that signs in like a
 * browser (cookie + CSRF token) or an integration (bearer token).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';
import { buildApp } from '../app.ts';
import { prepareDatabase } from '../bootstrap.ts';
import type { StreamOptions } from '../modules/live/live.routes.ts';
import { AdjustableClock } from '../platform/clock.ts';
import { type Database, openPglite, openPostgres } from '../platform/db.ts';
import type { App } from '../platform/http.ts';
import { TEST_NOW } from './test-clock.ts';

export const TEST_SECRET = 'test-secret-test-secret-test-secret-0123456789';

export interface TestContext {
  app: App;
  database: Database;
  clock: AdjustableClock;
  /** Where this context's app stores attachments (a fresh temporary directory unless given). */
  filesDir: string;
  /** Signs in with the demo password and returns a client bound to that session. */
  login(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Response<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, string | string[] | number | undefined>;
}

export interface Client {
  user: { id: string; roles: string[]; estateIds: string[]; companyId: string; name: string } | null;
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Response<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Response<T>>;
  delete<T = any>(url: string, headers?: Record<string, string>): Promise<Response<T>>;
  /** A GET whose body is bytes (downloads: xlsx, files). */
  download(url: string, headers?: Record<string, string>): Promise<Response<Buffer>>;
  request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Response<T>>;
}

/** A database with nothing in it, not even the schema (start-up and migration tests). */
export async function openEmptyTestDatabase(): Promise<{ database: Database; drop(): Promise<void> }> {
  return openTestDatabase({ empty: true });
}

export async function openTestDatabase(
  options: { empty?: boolean } = {},
): Promise<{ database: Database; drop(): Promise<void> }> {
  const cfg = inject('testDb');
  if (cfg.kind === 'pglite' && options.empty) {
    const database = await openPglite();
    return { database, drop: async () => {} };
  }
  if (cfg.kind === 'pglite') {
    const database = await openPglite({ loadDataDir: new Blob([readFileSync(cfg.dumpPath)]) });
    return { database, drop: async () => {} };
  }
  const name = `wuye_t_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(cfg.adminUrl, { max: 1 });
  // CREATE DATABASE … TEMPLATE needs the template to have no other connections: retry briefly.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.pool!.query(
        options.empty ? `create database ${name}` : `create database ${name} template ${cfg.template}`,
      );
      break;
    } catch (err) {
      if (attempt > 50) throw err;
      await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
    }
  }
  const url = new URL(cfg.adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 10 });
  return {
    database,
    drop: async () => {
      await admin.pool!.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.close();
    },
  };
}

/** Whether the tests run on a real PostgreSQL (TEST_DB=postgres) rather than PGlite. */
export function onPostgres(): boolean {
  return inject('testDb').kind === 'postgres';
}

/**
 * Real PostgreSQL only: a new database with the given locale (e.g. `C`, where pg_trgm and ctype
 * classes see no CJK words), migrated and seeded like the template. Proves behaviour does not hang
 * on the server's locale.
 */
export async function openSeededDatabaseWithLocale(
  locale: string,
): Promise<{ database: Database; drop(): Promise<void> }> {
  const cfg = inject('testDb');
  if (cfg.kind !== 'postgres') throw new Error('openSeededDatabaseWithLocale needs TEST_DB=postgres');
  const name = `wuye_l_${randomBytes(6).toString('hex')}`;
  const admin = await openPostgres(cfg.adminUrl, { max: 1 });
  await admin.pool!.query(
    `create database ${name} template template0 encoding 'UTF8' lc_collate '${locale}' lc_ctype '${locale}'`,
  );
  const url = new URL(cfg.adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 10 });
  await prepareDatabase(database, new AdjustableClock(TEST_NOW), { demo: true, initialAdmin: null });
  return {
    database,
    drop: async () => {
      await admin.pool!.query(`drop database if exists ${name} with (force)`).catch(() => undefined);
      await admin.close();
    },
  };
}

export async function createTestContext(
  options: {
    production?: boolean;
    demo?: boolean;
    filesDir?: string;
    /** A database of the test's own (e.g. a PostgreSQL with another locale), dropped on close. */
    database?: { database: Database; drop(): Promise<void> };
    /** Live stream timings (GET /api/stream). */
    stream?: StreamOptions;
    /** The instant the clock (and the demo seed) starts at; TEST_NOW by default. */
    now?: Date;
  } = {},
): Promise<TestContext> {
  const { database, drop } = options.database ?? (await openTestDatabase());
  const filesDir = options.filesDir ?? mkdtempSync(path.join(tmpdir(), 'wuye-files-'));
  const clock = new AdjustableClock(options.now ?? TEST_NOW);
  const app = await buildApp({
    database,
    clock,
    secret: TEST_SECRET,
    demo: options.demo ?? true,
    production: options.production ?? false,
    logLevel: 'silent',
    filesDir,
    stream: options.stream,
  });
  await app.ready();
  const anonymous = makeClient(app, null, null);
  return {
    app,
    database,
    clock,
    filesDir,
    anonymous,
    async login(username, password = 'demo1234') {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username, password },
      });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.find((c) => c.name === 'wuye_session');
      const body = res.json() as { user: Client['user']; csrfToken: string };
      const client = makeClient(app, `wuye_session=${cookie!.value}`, body.csrfToken);
      client.user = body.user;
      return client;
    },
    async close() {
      await app.close();
      await database.close();
      await drop();
      if (!options.filesDir) rmSync(filesDir, { recursive: true, force: true });
    },
  };
}

export function makeClient(app: App, cookie: string | null, csrf: string | null, bearer?: string): Client {
  const request = async <T>(
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const h: Record<string, string> = { ...headers };
    if (cookie) h.cookie = cookie;
    if (csrf && !['GET', 'HEAD'].includes(method) && !('x-csrf-token' in headers)) h['x-csrf-token'] = csrf;
    if (bearer) h.authorization = `Bearer ${bearer}`;
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: h,
      ...(body === undefined
        ? {}
        : typeof body === 'string'
          ? { payload: body }
          : { payload: body as object }),
    });
    let parsed: unknown = res.body;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && res.body) parsed = res.json();
    return { status: res.statusCode, body: parsed as T, headers: res.headers };
  };
  return {
    user: null,
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    put: (url, body, headers) => request('PUT', url, body ?? {}, headers),
    patch: (url, body, headers) => request('PATCH', url, body ?? {}, headers),
    delete: (url, headers) => request('DELETE', url, undefined, headers),
    async download(url, headers = {}) {
      const h: Record<string, string> = { ...headers };
      if (cookie) h.cookie = cookie;
      if (bearer) h.authorization = `Bearer ${bearer}`;
      const res = await app.inject({ method: 'GET', url, headers: h });
      return { status: res.statusCode, body: res.rawPayload, headers: res.headers };
    },
  };
}
