/**
 * Escalation memos (工作传签单) through the API: the chain owner → supervisor → manager → hq_cs → gm,
 * each level deciding or sending it on, the final answer meeting the reply clock, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let supervisor: Client;
let manager: Client;
let admin: Client;
let tech: Client;
let twManager: Client;
let ygh: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [agent, supervisor, manager, admin, tech, twManager] = (await Promise.all(
    ['agent', 'supervisor', 'manager', 'admin', 'tech', 'tw_manager'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client, Client, Client];
  ygh = (await agent.get('/api/estates')).body.items.find((e: any) => e.name === '阳光花园').id;
});
afterAll(() => ctx.close());

async function complaint(description: string) {
  const res = await agent.post('/api/requests', {
    estateId: ygh,
    locationText: '小区中心花园',
    reporter: { name: '黄先生', phone: '13900008888' },
    channel: 'visit',
    type: 'complaint',
    description,
  });
  expect(res.status).toBe(201);
  return res.body;
}

const MEMO = {
  question: '业主要求赔偿被园林车刮伤的车辆，管理处能否承担修理费？',
  proposals: [
    { remedy: '管理处承担全部修理费', costFen: 180_000 },
    { remedy: '与绿化外包单位各承担一半', costFen: 90_000 },
    { remedy: '书面致歉并加强园林车管理' },
  ],
};

describe('escalation memos', () => {
  it('climbs from the supervisor to the general manager, who decides and answers the resident', async () => {
    const c = await complaint('园林作业车刮伤业主停在路边的车辆，要求赔偿');
    const graded = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
      version: c.version,
      grade: 'major',
      gradeReason: '业主表示将诉诸媒体',
    });
    expect(graded.status).toBe(200);
    const sent = await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    // Not a lifecycle step: the request's version stays.
    expect(sent.body.version).toBe(graded.body.version);
    let memo = sent.body.complaint.memos[0];
    expect(memo).toMatchObject({
      level: 1,
      toRole: 'cs_supervisor',
      status: 'open',
      createdByName: '李晓燕',
    });
    expect(memo.proposals[0]).toEqual({ remedy: '管理处承担全部修理费', costFen: 180_000 });
    // The supervisor was told.
    expect((await supervisor.get('/api/notifications')).body.items[0]).toMatchObject({
      kind: 'complaint_memo',
      requestId: c.id,
    });
    // A second memo while one is open, and the manager answering the supervisor's memo, are refused.
    expect((await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO)).status).toBe(422);
    expect(
      (await manager.post(`/api/complaint-memos/${memo.id}/decision`, { decision: '同意' })).status,
    ).toBe(403);

    for (const [who, next] of [
      [supervisor, 'manager'],
      [manager, 'hq_cs'],
      [admin, 'gm'],
    ] as const) {
      const up = await who.post(`/api/complaint-memos/${memo.id}/escalate`, {
        question: `${MEMO.question}（${next} 请批示）`,
      });
      expect(up.status, JSON.stringify(up.body)).toBe(200);
      const chain = up.body.complaint.memos;
      expect(chain.at(-2)).toMatchObject({ id: memo.id, status: 'escalated' });
      memo = chain.at(-1);
      expect(memo).toMatchObject({ toRole: next, status: 'open' });
      expect(memo.proposals).toHaveLength(3);
    }
    expect(memo.level).toBe(4);
    // The general manager is the last level.
    expect((await admin.post(`/api/complaint-memos/${memo.id}/escalate`, {})).status).toBe(422);
    const decided = await admin.post(`/api/complaint-memos/${memo.id}/decision`, {
      decision: '同意与绿化外包单位各承担一半',
      answerToResident: {
        method: 'written',
        text: '经公司研究，车辆修理费由管理处与绿化单位共同承担，已安排赔付。',
      },
    });
    expect(decided.status).toBe(200);
    expect(decided.body.complaint.memos.at(-1)).toMatchObject({ status: 'decided', decidedByName: '赵总' });
    expect(decided.body.complaint.answer).toMatchObject({ method: 'written' });
    expect(decided.body.deadlines.find((d: any) => d.kind === 'complaint_reply').status).toBe('met');
    expect(decided.body.events.map((e: any) => e.action)).toEqual(
      expect.arrayContaining(['complaint_memo', 'complaint_memo_escalate', 'complaint_memo_decision']),
    );
    // Decided is final.
    expect((await admin.post(`/api/complaint-memos/${memo.id}/decision`, { decision: '再议' })).status).toBe(
      422,
    );
  });

  it('refuses bad input field by field, technicians, the other estate, and closed complaints', async () => {
    const c = await complaint('中心花园喷泉晚上噪音大');
    const bad = await agent.post(`/api/requests/${c.id}/complaint/memos`, { question: '', proposals: [] });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(expect.arrayContaining(['question', 'proposals']));
    const negative = await agent.post(`/api/requests/${c.id}/complaint/memos`, {
      question: '是否停用喷泉？',
      proposals: [{ remedy: '晚上停用', costFen: -1 }],
    });
    expect(Object.keys(negative.body.error.fields)).toEqual(['proposals.0.costFen']);
    expect((await tech.post(`/api/requests/${c.id}/complaint/memos`, MEMO)).status).toBe(403);
    expect((await twManager.post(`/api/requests/${c.id}/complaint/memos`, MEMO)).status).toBe(404);
    const memo = (await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO)).body.complaint.memos[0];
    expect((await twManager.post(`/api/complaint-memos/${memo.id}/escalate`, {})).status).toBe(404);
    // Closed complaints take no memo.
    const cancelled = await agent.post(`/api/requests/${c.id}/transitions`, {
      action: 'cancel',
      version: c.version,
      reason: '业主撤回投诉',
    });
    expect(cancelled.status).toBe(200);
    expect(
      (await supervisor.post(`/api/complaint-memos/${memo.id}/decision`, { decision: '同意' })).status,
    ).toBe(422);
  });
});
