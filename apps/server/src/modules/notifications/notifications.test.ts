/** The inbox through the API: a complaint's people are told, each reads only their own, read once. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let supervisor: Client;
let manager: Client;
let ygh: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [agent, supervisor, manager] = (await Promise.all(
    ['agent', 'supervisor', 'manager'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client];
  const estates = (await agent.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
});
afterAll(() => ctx.close());

describe('notifications', () => {
  it('tells the responsible supervisor of a new complaint, is theirs alone, and is read once', async () => {
    const before = (await supervisor.get('/api/notifications')).body.unread;
    const c = await agent.post('/api/requests', {
      estateId: ygh,
      locationText: '南门岗亭',
      reporter: { name: '刘女士', phone: '13900005555' },
      channel: 'phone',
      type: 'complaint',
      description: '保安对访客态度粗暴',
    });
    expect(c.status).toBe(201);
    const inbox = (await supervisor.get('/api/notifications')).body;
    expect(inbox.unread).toBe(before + 1);
    const mine = inbox.items.find((n: any) => n.requestId === c.body.id);
    expect(mine).toMatchObject({ kind: 'complaint_responsible', readAt: null });
    expect(mine.title).toContain(c.body.number);
    // The manager was not told (a general complaint is the supervisor's), and cannot read the supervisor's.
    expect(
      (await manager.get('/api/notifications')).body.items.some((n: any) => n.requestId === c.body.id),
    ).toBe(false);
    expect((await manager.post(`/api/notifications/${mine.id}/read`)).status).toBe(404);
    expect((await supervisor.post(`/api/notifications/${mine.id}/read`)).status).toBe(200);
    const after = (await supervisor.get('/api/notifications?unread=true')).body;
    expect(after.items.some((n: any) => n.id === mine.id)).toBe(false);
    expect(after.unread).toBe(before);
    const all = await supervisor.post('/api/notifications/read-all');
    expect(all.status).toBe(200);
    expect((await supervisor.get('/api/notifications')).body.unread).toBe(0);
  });

  it('tells the manager when a grade makes them responsible', async () => {
    const c = (
      await agent.post('/api/requests', {
        estateId: ygh,
        locationText: '地下车库',
        reporter: { name: '陈先生', phone: '13900006666' },
        channel: 'phone',
        type: 'complaint',
        description: '车库积水严重，车辆无法进出',
      })
    ).body;
    const graded = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      grade: 'hot',
      gradeReason: '多位业主在业主群反映，可能引起媒体关注',
    });
    expect(graded.status).toBe(200);
    const told = (await manager.get('/api/notifications')).body.items.find((n: any) => n.requestId === c.id);
    expect(told).toMatchObject({ kind: 'complaint_responsible' });
    expect(told.title).toContain('热点投诉');
  });
});
