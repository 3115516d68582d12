/** The department board through the API: who sees which board, the cards, assigning and accepting. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let lead: Client;
let agent: Client;
let tech: Client;
let cleanerLead: Client;
let twAgent: Client;
let ygh: string;
let eng: string;
let cleaning: string;
let twEng: string;
let tech2Id: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [lead, agent, tech, cleanerLead, twAgent] = (await Promise.all(
    ['eng_lead', 'agent', 'tech', 'cleaner_lead', 'tw_agent'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client, Client];
  const admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  const twd = estates.find((e: any) => e.name === '天物大厦').id;
  const depts = (await admin.get('/api/departments')).body.items;
  eng = depts.find((d: any) => d.estateId === ygh && d.kind === 'engineering').id;
  cleaning = depts.find((d: any) => d.estateId === ygh && d.kind === 'cleaning').id;
  twEng = depts.find((d: any) => d.estateId === twd && d.kind === 'engineering').id;
  tech2Id = (await ctx.login('tech2')).user!.id;
});
afterAll(() => ctx.close());

const BOARD_STATES = ['dispatched', 'accepted', 'on_site', 'in_progress', 'on_hold', 'done'];

describe('the board of a department', () => {
  it('shows the department lead the requests dispatched to their department, late ones first', async () => {
    const res = await lead.get(`/api/departments/${eng}/board`);
    expect(res.status).toBe(200);
    expect(res.body.department).toMatchObject({
      id: eng,
      estateId: ygh,
      name: '工程部',
      kind: 'engineering',
    });
    const items = res.body.items as any[];
    expect(items.length).toBeGreaterThan(3);
    expect(items.every((c) => BOARD_STATES.includes(c.state))).toBe(true);
    // Late cards come first.
    const firstOnTime = items.findIndex((c) => !c.overdue);
    expect(items.slice(firstOnTime).some((c) => c.overdue)).toBe(false);
    // The demo's fresh, unassigned order: its arrival clock runs, a repeat of yesterday's drain job.
    const repeat = items.find((c) => c.description.startsWith('卫生间地漏反水'));
    expect(repeat).toMatchObject({
      state: 'dispatched',
      assigneeId: null,
      repeatOf: expect.any(String),
      unitLabel: '2栋-502',
      overdue: false,
      version: 2,
      clock: { kind: 'on_site', status: 'pending' },
    });
    expect(Date.parse(repeat.clock.dueAt) - Date.parse(repeat.clock.startedAt)).toBe(15 * 60_000);
  });

  it('lists the members with their open orders, the lead first', async () => {
    const res = await lead.get(`/api/departments/${eng}/members`);
    expect(res.status).toBe(200);
    expect(res.body.department.id).toBe(eng);
    const names = res.body.items.map((m: any) => m.name);
    expect(names[0]).toBe('冯工');
    expect(names).toEqual(expect.arrayContaining(['王师傅', '蒋师傅']));
    const board = (await lead.get(`/api/departments/${eng}/board`)).body.items as any[];
    const held = (id: string) => board.filter((c) => c.assigneeId === id && c.state !== 'done').length;
    for (const m of res.body.items)
      expect({ name: m.name, open: m.openCount }).toEqual({ name: m.name, open: held(m.id) });
  });

  it('lets the lead assign an order to a member (dispatch) and accept one on their behalf', async () => {
    const card = (await lead.get(`/api/departments/${eng}/board`)).body.items.find((c: any) =>
      c.description.startsWith('入户门锁芯卡住'),
    );
    const before = (await lead.get(`/api/departments/${eng}/members`)).body.items.find(
      (m: any) => m.id === tech2Id,
    ).openCount;
    const assigned = await lead.post(`/api/requests/${card.id}/transitions`, {
      action: 'dispatch',
      version: card.version,
      departmentId: eng,
      assigneeId: tech2Id,
    });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ state: 'dispatched', assigneeName: '蒋师傅' });
    expect(assigned.body.events.at(-1)).toMatchObject({ action: 'dispatch', actorName: '冯工' });
    const after = (await lead.get(`/api/departments/${eng}/members`)).body.items.find(
      (m: any) => m.id === tech2Id,
    ).openCount;
    expect(after).toBe(before + 1);

    const accepted = await lead.post(`/api/requests/${card.id}/transitions`, {
      action: 'accept',
      version: assigned.body.version,
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.state).toBe('accepted');
    const onBoard = (await lead.get(`/api/departments/${eng}/board`)).body.items.find(
      (c: any) => c.id === card.id,
    );
    expect(onBoard).toMatchObject({ state: 'accepted', assigneeId: tech2Id, assigneeName: '蒋师傅' });
  });

  it('keeps a lead to their own department: another board is refused, as is dispatching elsewhere', async () => {
    const other = await lead.get(`/api/departments/${cleaning}/board`);
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('部门主管只能查看本部门的看板和人员');
    expect((await lead.get(`/api/departments/${cleaning}/members`)).status).toBe(403);
    expect((await cleanerLead.get(`/api/departments/${cleaning}/board`)).status).toBe(200);

    const card = (await lead.get(`/api/departments/${eng}/board`)).body.items.find(
      (c: any) => c.state === 'dispatched',
    );
    const away = await lead.post(`/api/requests/${card.id}/transitions`, {
      action: 'dispatch',
      version: card.version,
      departmentId: cleaning,
    });
    expect(away.status).toBe(403);
    expect((await agent.get(`/api/requests/${card.id}`)).body.version).toBe(card.version);
  });

  it('lets the desk pick any department of its estates, and keeps technicians out', async () => {
    expect((await agent.get(`/api/departments/${cleaning}/board`)).status).toBe(200);
    expect((await agent.get(`/api/departments/${eng}/members`)).status).toBe(200);
    const refused = await tech.get(`/api/departments/${eng}/board`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
  });

  it('answers 404 for a department of another estate or one that does not exist', async () => {
    expect((await agent.get(`/api/departments/${twEng}/board`)).status).toBe(404);
    expect((await twAgent.get(`/api/departments/${eng}/members`)).status).toBe(404);
    const none = await agent.get('/api/departments/00000000-0000-7000-8000-000000000000/board');
    expect(none.status).toBe(404);
    expect(none.body.error.message).toBe('部门不存在');
  });
});
