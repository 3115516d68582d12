/**
 * `WORKERS=2` on a real PostgreSQL: the started product is two serving processes on one port under a
 * primary — a request taken by either reaches a stream held by the other, a worker that dies is
 * replaced, and SIGTERM stops them all cleanly.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres, openTestDatabase } from './testing/harness.ts';

const main = path.join(path.dirname(fileURLToPath(import.meta.url)), 'main.ts');

/** The server processes whose parent is `pid` (Linux /proc; tsx's esbuild helper is not one). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(main))
        out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const until = async <T>(check: () => T | null | undefined | false, what: string, ms = 20_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** One call on a connection of its own (so Node's cluster hands each to the next worker). */
function call(
  port: number,
  method: string,
  url: string,
  opts: { cookie?: string; csrf?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; cookies: string[] }> {
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
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          text += c;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : null,
            cookies: (res.headers['set-cookie'] ?? []).map((c) => c.split(';')[0]!),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

describe.runIf(onPostgres())('WORKERS=2 on PostgreSQL', () => {
  const cleanup: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanup.reverse()) await c();
  });

  it('serves from two processes that share live events, replaces a dead one, and stops cleanly', async () => {
    const { database, drop } = await openTestDatabase();
    const url = (database.pool as unknown as { options: { connectionString: string } }).options
      .connectionString;
    await database.close();
    cleanup.push(drop);

    const primary: ChildProcess = spawn(process.execPath, ['--import', 'tsx', main], {
      env: {
        ...process.env,
        DATABASE_URL: url,
        WORKERS: '2',
        PORT: '0',
        HOST: '127.0.0.1',
        DEMO: '0',
        LOG_LEVEL: 'warn',
        NODE_ENV: 'development',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    cleanup.push(() => {
      if (primary.exitCode === null) primary.kill('SIGKILL');
    });
    let output = '';
    primary.stdout!.on('data', (c) => {
      output += c;
    });
    primary.stderr!.on('data', (c) => {
      output += c;
    });
    const exited = new Promise<number | null>((r) => primary.on('exit', (code) => r(code)));

    const port = Number(
      (await until(() => /running at http:\/\/localhost:(\d+)/.exec(output), 'the banner', 60_000))[1],
    );
    expect(output).toContain('Processes: 2 workers (WORKERS)');
    const workers = childrenOf(primary.pid!);
    expect(workers).toHaveLength(2);

    // Sign in, and hold a stream open on one worker.
    const login = await call(port, 'POST', '/api/auth/login', {
      body: { username: 'agent', password: 'demo1234' },
    });
    expect(login.status).toBe(200);
    const cookie = login.cookies.join('; ');
    const csrf = login.body.csrfToken as string;
    const estate = (await call(port, 'GET', '/api/estates', { cookie })).body.items[0].id as string;
    const seen = new Set<string>();
    const stream = http.get({
      host: '127.0.0.1',
      port,
      path: '/api/stream',
      agent: false,
      headers: { cookie },
    });
    cleanup.push(() => void stream.destroy());
    await new Promise<void>((resolve, reject) => {
      stream.on('response', (res) => {
        expect(res.statusCode).toBe(200);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const m of chunk.matchAll(/"id":"([^"]+)"/g)) seen.add(m[1]!);
        });
        resolve();
      });
      stream.on('error', reject);
    });

    // Six intakes on six connections: the cluster hands them to both workers in turn; the stream sees
    // every one, also those the other process took (they cross by NOTIFY).
    const taken: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await call(port, 'POST', '/api/requests', {
        cookie,
        csrf,
        body: {
          estateId: estate,
          locationText: '2栋大堂',
          channel: 'patrol',
          type: 'repair',
          description: `大堂感应门第${i + 1}次打不开`,
        },
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      taken.push(res.body.id);
    }
    await until(() => taken.every((id) => seen.has(id)), 'every intake on the stream');

    // A worker that dies is replaced; the service answers throughout.
    process.kill(workers[0]!, 'SIGKILL');
    await until(() => {
      const now = childrenOf(primary.pid!);
      return now.length === 2 && !now.includes(workers[0]!) && now;
    }, 'a replacement worker');
    await until(() => output.includes('starting another'), 'the restart message');
    for (let i = 0; i < 4; i++) expect((await call(port, 'GET', '/api/health')).status).toBe(200);

    // SIGTERM stops the workers, then the primary, with exit code 0.
    const last = childrenOf(primary.pid!);
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of last) expect(() => process.kill(pid, 0)).toThrow();
  }, 120_000);
});
