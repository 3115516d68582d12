/**
 * The product started as an operator starts it — `main.ts` in a process of its own, on a real
 * PostgreSQL — and plain HTTP calls to it, for tests about processes: several workers, a crash.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';
import type { Database } from '../platform/db.ts';
import { openTestDatabase } from './harness.ts';

export const MAIN = path.join(path.dirname(fileURLToPath(import.meta.url)), '../main.ts');

/** Polls `check` every 50 ms until it gives a value, failing after `ms`. */
export async function until<T>(
  check: () => T | null | undefined | false,
  what: string,
  ms = 20_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The connection string of a test database (openTestDatabase on PostgreSQL). */
export function urlOf(database: Database): string {
  return (database.pool as unknown as { options: { connectionString: string } }).options.connectionString;
}

export interface ServerProcess {
  child: ChildProcess;
  port: number;
  /** Everything the process printed so far (stdout and stderr). */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
}

/** Starts main.ts against `databaseUrl` on a free port and waits for its banner. */
export async function startServer(
  databaseUrl: string,
  env: Record<string, string> = {},
): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN], {
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: '0',
      HOST: '127.0.0.1',
      DEMO: '0',
      LOG_LEVEL: 'warn',
      NODE_ENV: 'development',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (c) => {
    output += c;
  });
  child.stderr!.on('data', (c) => {
    output += c;
  });
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  const banner = await until(
    () => /running at http:\/\/localhost:(\d+)/.exec(output) ?? (child.exitCode !== null && 'exit'),
    'the banner',
    60_000,
  );
  if (banner === 'exit') throw new Error(`the server exited at start:\n${output}`);
  return { child, port: Number(banner[1]), output: () => output, exited };
}

export interface CallResult {
  status: number;
  body: any;
  cookies: string[];
}

/** One call on a connection of its own (so Node's cluster hands each to the next worker). */
export function call(
  port: number,
  method: string,
  url: string,
  opts: { cookie?: string; csrf?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<CallResult> {
  return new Promise((resolve, reject) => {
    const payload = opts.body === undefined ? undefined : JSON.stringify(opts.body);
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: url,
        agent: false,
        headers: {
          ...(payload ? { 'content-type': 'application/json' } : {}),
          ...(opts.cookie ? { cookie: opts.cookie } : {}),
          ...(opts.csrf ? { 'x-csrf-token': opts.csrf } : {}),
          ...opts.headers,
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('error', reject);
        res.on('end', () => {
          try {
            resolve({
              status: res.statusCode ?? 0,
              body: text ? JSON.parse(text) : null,
              cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!),
            });
          } catch (err) {
            reject(err); // an answer cut off by the server's end
          }
        });
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Signs in with the demo password; the cookie and CSRF token for later calls. */
export async function signIn(port: number, username: string): Promise<{ cookie: string; csrf: string }> {
  const login = await call(port, 'POST', '/api/auth/login', { body: { username, password: 'demo1234' } });
  if (login.status !== 200)
    throw new Error(`sign-in as ${username}: ${login.status} ${JSON.stringify(login.body)}`);
  return { cookie: login.cookies.join('; '), csrf: login.body.csrfToken as string };
}

/**
 * For a describe block that starts servers: `database()` makes a fresh test database and gives its
 * URL, `start` starts a server on it; after the block, servers still running are killed and the
 * databases dropped.
 */
export function serverTestBed() {
  const servers: ServerProcess[] = [];
  const drops: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const s of servers) if (s.child.exitCode === null) s.child.kill('SIGKILL');
    await Promise.all(servers.map((s) => s.exited));
    for (const drop of drops) await drop();
  });
  return {
    async database(): Promise<string> {
      const { database, drop } = await openTestDatabase();
      const url = urlOf(database);
      await database.close();
      drops.push(drop);
      return url;
    },
    async start(databaseUrl: string, env: Record<string, string> = {}): Promise<ServerProcess> {
      const server = await startServer(databaseUrl, env);
      servers.push(server);
      return server;
    },
  };
}
