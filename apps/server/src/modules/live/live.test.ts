/** GET /api/stream through a real HTTP connection: another client's change reaches an open stream. */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let base: string;
let agent: Client;
let supervisor: Client;
let twAgent: Client;
let ygh: string;
let twd: string;

beforeAll(async () => {
  ctx = await createTestContext({ stream: { heartbeatMs: 100 } });
  await ctx.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(ctx.app.server.address() as AddressInfo).port}`;
  agent = await ctx.login('agent');
  supervisor = await ctx.login('supervisor');
  twAgent = await ctx.login('tw_agent');
  const estates = (await (await ctx.login('admin')).get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
});
afterAll(() => ctx.close());

interface Stream {
  status: number;
  contentType: string | null;
  events: { event: string; data: any }[];
  raw(): string;
  next(
    match: (e: { event: string; data: any }) => boolean,
    ms?: number,
  ): Promise<{ event: string; data: any }>;
  close(): void;
}

/** Signs in over HTTP like a browser and opens the event stream. */
async function openStream(username: string, query = ''): Promise<Stream> {
  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: 'demo1234' }),
  });
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  const abort = new AbortController();
  const res = await fetch(`${base}/api/stream${query}`, { headers: { cookie }, signal: abort.signal });
  let text = '';
  const events: { event: string; data: any }[] = [];
  if (res.ok) {
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    void (async () => {
      try {
        for (;;) {
          const { value, done } = await reader.read();
          if (done) return;
          text += decoder.decode(value, { stream: true });
          const blocks = text.split('\n\n');
          events.length = 0;
          for (const b of blocks) {
            const ev = /^event: (.+)$/m.exec(b);
            const data = /^data: (.+)$/m.exec(b);
            if (ev && data) events.push({ event: ev[1]!, data: JSON.parse(data[1]!) });
          }
        }
      } catch {
        // aborted
      }
    })();
  }
  return {
    status: res.status,
    contentType: res.headers.get('content-type'),
    events,
    raw: () => text,
    async next(match, ms = 5000) {
      const end = Date.now() + ms;
      for (;;) {
        const found = events.find(match);
        if (found) return found;
        if (Date.now() > end) throw new Error(`no matching event; got ${JSON.stringify(events)}`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    close: () => abort.abort(),
  };
}

describe('GET /api/stream', () => {
  it('tells an open stream about another client’s intake and transitions, only for its estates', async () => {
    const stream = await openStream('agent');
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    try {
      const foreign = await twAgent.post('/api/requests', {
        estateId: twd,
        locationText: '大堂',
        channel: 'patrol',
        type: 'repair',
        description: '大堂旋转门卡住',
      });
      const created = await supervisor.post('/api/requests', {
        estateId: ygh,
        locationText: '3栋电梯厅',
        channel: 'patrol',
        type: 'repair',
        description: '3栋电梯厅灯不亮',
      });
      const first = await stream.next((e) => e.data.id === created.body.id);
      expect(first).toEqual({
        event: 'request.changed',
        data: { id: created.body.id, estateId: ygh, number: created.body.number, state: 'new', version: 1 },
      });
      const dept = (await supervisor.get(`/api/departments?estateId=${ygh}`)).body.items.find(
        (d: any) => d.kind === 'engineering',
      );
      await supervisor.post(`/api/requests/${created.body.id}/transitions`, {
        action: 'dispatch',
        version: 1,
        departmentId: dept.id,
      });
      const second = await stream.next((e) => e.data.id === created.body.id && e.data.version === 2);
      expect(second.data.state).toBe('dispatched');
      // Once each: on PostgreSQL the intake's event rides in its write statement, not also after it.
      expect(stream.events.filter((e) => e.data.id === created.body.id && e.data.version === 1)).toHaveLength(
        1,
      );
      expect(stream.events.some((e) => e.data.id === foreign.body.id)).toBe(false);

      // The clock sweeper's alerts come the same way: the arrival clock misses 15 minutes later.
      await agent.post('/api/dev/clock', { advanceMinutes: 20 });
      const alert = await stream.next(
        (e) => e.event === 'alert.raised' && e.data.requestId === created.body.id,
      );
      expect(alert.data).toMatchObject({
        estateId: ygh,
        requestNumber: created.body.number,
        deadlineKind: 'on_site',
        kind: 'missed',
        level: 1,
        recipientUserId: supervisor.user!.id,
        recipientRole: 'cs_supervisor',
      });
      // Heartbeats keep the connection alive.
      expect(stream.raw()).toContain(': ping');
    } finally {
      stream.close();
    }
  });

  it('streams one estate when asked, and answers 404 for an estate not the caller’s', async () => {
    const res = await agent.get(`/api/stream?estateId=${twd}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('NOT_FOUND');
    const tw = await openStream('tw_agent', `?estateId=${twd}`);
    try {
      const r = await twAgent.post('/api/requests', {
        estateId: twd,
        locationText: '地下车库',
        channel: 'patrol',
        type: 'repair',
        description: '车库道闸抬不起来',
      });
      await tw.next((e) => e.data.id === r.body.id);
    } finally {
      tw.close();
    }
  });

  it('lets go of a stream when the browser goes away', async () => {
    await until(() => countStreams() === 0); // the earlier tests' streams are gone
    const stream = await openStream('agent');
    await until(() => countStreams() === 1);
    stream.close();
    await until(() => countStreams() === 0);
  });
});

function countStreams(): number {
  // The bus's listeners are the open streams of this process.
  return ctx.app.liveBus.listenerCount();
}

async function until(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}
