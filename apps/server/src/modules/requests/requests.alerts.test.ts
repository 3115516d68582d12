/** The overdue and escalation view's API: what each caller sees, the fields the page shows, filters. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let supervisor: Client;
let lead: Client;
let requestId: string;

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
  const estate = (await agent.get('/api/estates')).body.items.find((e: any) => e.name === '阳光花园').id;
  const eng = (await agent.get(`/api/departments?estateId=${estate}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  const r = await agent.post('/api/requests', {
    estateId: estate,
    locationText: '3栋电梯厅',
    channel: 'patrol',
    type: 'repair',
    description: '电梯厅吊顶灯闪烁',
  });
  requestId = r.body.id;
  await agent.post(`/api/requests/${requestId}/transitions`, {
    action: 'dispatch',
    version: 1,
    departmentId: eng,
  });
  // 15 minutes to arrive: missed at 15, then one rung per further window (supervisor at 30, lead at 45).
  for (const minutes of [16, 15, 15]) await agent.post('/api/dev/clock', { advanceMinutes: minutes });
  supervisor = await ctx.login('supervisor');
  lead = await ctx.login('eng_lead');
});
afterAll(() => ctx.close());

const ofRequest = (body: any) => body.items.filter((a: any) => a.requestId === requestId);

describe('the alert list', () => {
  it('tells who must act, on what, and how late — with the clock and the ladder level', async () => {
    const mine = ofRequest((await supervisor.get('/api/alerts?pageSize=200')).body);
    const missed = mine.find((a: any) => a.kind === 'missed');
    expect(missed).toMatchObject({
      deadlineKind: 'on_site',
      level: 1,
      mine: true,
      requestType: 'repair',
      unitLabel: '3栋电梯厅',
      ownerName: '李晓燕',
      recipientName: '李晓燕',
      recipientRole: 'cs_supervisor',
      deadlineStatus: 'missed',
      metAt: null,
      acknowledgedAt: null,
    });
    expect(mine.map((a: any) => a.level).sort()).toEqual([1, 2]);
  });

  it('shows supervisors every alert of their estate on request, marking the ones not theirs', async () => {
    const all = ofRequest((await supervisor.get('/api/alerts?all=true&pageSize=200')).body);
    const forLead = all.find((a: any) => a.recipientRole === 'dept_lead');
    expect(forLead).toMatchObject({ level: 3, mine: false });
    expect((await supervisor.post(`/api/alerts/${forLead.id}/acknowledge`)).status).toBe(403);
    // An agent asking for everything still gets only what is addressed to them.
    const agents = ofRequest((await agent.get('/api/alerts?all=true&pageSize=200')).body);
    expect(agents.every((a: any) => a.mine)).toBe(true);
    // (the clock jumped past the due time at once: a miss, no stale warning)
    expect(agents.map((a: any) => a.kind)).toEqual(['missed']);
  });

  it('filters by kind and by what is still open, and sorts by the ladder', async () => {
    const escalations = ofRequest((await supervisor.get('/api/alerts?all=true&kind=escalation')).body);
    expect(escalations.map((a: any) => a.level)).toEqual([3, 2]);
    const byLevel = (await supervisor.get('/api/alerts?all=true&sort=level&pageSize=200')).body.items;
    const levels = byLevel.map((a: any) => a.level);
    expect(levels).toEqual([...levels].sort((a: number, b: number) => b - a));

    const forLead = ofRequest((await lead.get('/api/alerts?open=true')).body);
    expect(forLead).toHaveLength(1);
    expect((await lead.post(`/api/alerts/${forLead[0].id}/acknowledge`)).status).toBe(200);
    expect(ofRequest((await lead.get('/api/alerts?open=true')).body)).toEqual([]);
    const closed = ofRequest((await lead.get('/api/alerts')).body)[0];
    expect(closed).toMatchObject({ acknowledgedByName: '冯工', mine: true });
  });

  it('refuses an unknown kind with a field message', async () => {
    const res = await supervisor.get('/api/alerts?kind=late');
    expect(res.status).toBe(400);
    expect(res.body.error.fields.kind).toContain('warning');
  });
});
