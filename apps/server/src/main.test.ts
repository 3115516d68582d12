/**
 * `WORKERS=2` on a real PostgreSQL: the started product is two serving processes on one port under a
 * primary — a request taken by either reaches a stream held by the other, a worker that dies is
 * replaced, and SIGTERM stops them all cleanly.
 */
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { afterAll, describe, expect, it } from 'vitest';
import { onPostgres } from './testing/harness.ts';
import { call, MAIN, serverTestBed, signIn, until } from './testing/server-process.ts';

/** The server processes whose parent is `pid` (Linux /proc; tsx's esbuild helper is not one). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      // pid (comm) state ppid …; comm may hold spaces, so read after its closing parenthesis.
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid && readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(MAIN))
        out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

describe.runIf(onPostgres())('WORKERS=2 on PostgreSQL', () => {
  const bed = serverTestBed();
  let stream: http.ClientRequest | undefined;
  afterAll(() => void stream?.destroy());

  it('serves from two processes that share live events, replaces a dead one, and stops cleanly', async () => {
    const server = await bed.start(await bed.database(), { WORKERS: '2' });
    const primary = server.child;
    const { port, exited } = server;
    const output = server.output;
    expect(output()).toContain('Processes: 2 workers (WORKERS)');
    const workers = childrenOf(primary.pid!);
    expect(workers).toHaveLength(2);

    // Sign in, and hold a stream open on one worker.
    const { cookie, csrf } = await signIn(port, 'agent');
    const estate = (await call(port, 'GET', '/api/estates', { cookie })).body.items[0].id as string;
    const seen = new Set<string>();
    const open = http.get({
      host: '127.0.0.1',
      port,
      path: '/api/stream',
      agent: false,
      headers: { cookie },
    });
    stream = open;
    await new Promise<void>((resolve, reject) => {
      open.on('response', (res) => {
        expect(res.statusCode).toBe(200);
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          for (const m of chunk.matchAll(/"id":"([^"]+)"/g)) seen.add(m[1]!);
        });
        resolve();
      });
      open.on('error', reject);
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
    await until(() => output().includes('starting another'), 'the restart message');
    for (let i = 0; i < 4; i++) expect((await call(port, 'GET', '/api/health')).status).toBe(200);

    // SIGTERM stops the workers, then the primary, with exit code 0.
    const last = childrenOf(primary.pid!);
    primary.kill('SIGTERM');
    expect(await exited).toBe(0);
    for (const pid of last) expect(() => process.kill(pid, 0)).toThrow();
  }, 120_000);
});
