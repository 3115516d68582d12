/**
 * Reading escalation memos (工作传签单) through the API — one complaint's chain and the memos waiting for a
 * level across estates — and the refusals of the writes that complaints.escalation.test.ts leaves out:
 * a memo on a closed complaint, a role below the level, an empty remedy, remedies replaced on the way up,
 * and the request's version left alone by every memo write.
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
let twAgent: Client;
let ygh: string;
let twd: string;

beforeAll(async () => {
  ctx = await createTestContext();
  [agent, supervisor, manager, admin, tech, twManager, twAgent] = (await Promise.all(
    ['agent', 'supervisor', 'manager', 'admin', 'tech', 'tw_manager', 'tw_agent'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client, Client, Client, Client];
  const estates = (await admin.get('/api/estates')).body.items as { id: string; name: string }[];
  ygh = estates.find((e) => e.name === '阳光花园')!.id;
  twd = estates.find((e) => e.name === '天物大厦')!.id;
});
afterAll(() => ctx.close());

async function complaint(who: Client, estateId: string, description: string, locationText: string) {
  const res = await who.post('/api/requests', {
    estateId,
    locationText,
    reporter: { name: '钱女士', phone: '13900006666' },
    channel: 'phone',
    type: 'complaint',
    description,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; number: string; version: number };
}

const MEMO = {
  question: '业主要求减免本月物业费，理由是电梯停运三天，管理处能否同意？',
  proposals: [{ remedy: '减免本月电梯分摊费', costFen: 4_500 }, { remedy: '书面致歉并公示维修计划' }],
};

/** The memos of `requestId` in a list answer. */
const of = (body: any, requestId: string) => body.items.filter((m: any) => m.requestId === requestId);

describe('the chain of one complaint', () => {
  it('lists the memos level by level, the same as the request detail, with costs in fen', async () => {
    const c = await complaint(agent, ygh, '电梯停运三天无人解释', '5栋电梯厅');
    const empty = await agent.get(`/api/requests/${c.id}/complaint/memos`);
    expect(empty.status).toBe(200);
    expect(empty.body).toEqual({ requestId: c.id, number: c.number, items: [] });

    const sent = await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const first = sent.body.complaint.memos[0];
    const up = await supervisor.post(`/api/complaint-memos/${first.id}/escalate`, {
      question: '主管无权减免费用，请项目经理批示',
      proposals: [{ remedy: '减免本月电梯分摊费的一半', costFen: 2_250 }],
    });
    expect(up.status, JSON.stringify(up.body)).toBe(200);

    const chain = await tech.get(`/api/requests/${c.id}/complaint/memos`);
    expect(chain.status).toBe(200);
    expect(chain.body.items).toEqual(up.body.complaint.memos);
    expect(chain.body.items.map((m: any) => [m.level, m.toRole, m.status])).toEqual([
      [1, 'cs_supervisor', 'escalated'],
      [2, 'manager', 'open'],
    ]);
    expect(chain.body.items[0].proposals).toEqual([
      { remedy: '减免本月电梯分摊费', costFen: 4_500 },
      { remedy: '书面致歉并公示维修计划', costFen: null },
    ]);
    // The remedies given on the way up replace the ones below; the question too.
    expect(chain.body.items[1]).toMatchObject({
      question: '主管无权减免费用，请项目经理批示',
      proposals: [{ remedy: '减免本月电梯分摊费的一半', costFen: 2_250 }],
      createdByName: '孙主管',
    });
  });

  it('is not found for the other estate, and refuses a request that is not a complaint', async () => {
    const c = await complaint(agent, ygh, '保洁员态度恶劣', '3栋大堂');
    expect((await twAgent.get(`/api/requests/${c.id}/complaint/memos`)).status).toBe(404);
    const foreign = await twManager.get(`/api/requests/${c.id}/complaint/memos`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    const repair = await agent.post('/api/requests', {
      estateId: ygh,
      locationText: '地下车库',
      channel: 'patrol',
      type: 'repair',
      description: '车库排水沟堵塞',
    });
    const notComplaint = await agent.get(`/api/requests/${repair.body.id}/complaint/memos`);
    expect(notComplaint.status).toBe(422);
    expect(notComplaint.body.error.code).toBe('RULE_VIOLATION');
  });
});

describe('memos waiting across estates', () => {
  it('gives each level the memos sent to it, newest first, with the complaint’s number and description', async () => {
    const older = await complaint(agent, ygh, '快递柜长期故障', '北门快递柜');
    const newer = await complaint(agent, ygh, '夜间施工噪音扰民', '7栋');
    const a = (await agent.post(`/api/requests/${older.id}/complaint/memos`, MEMO)).body.complaint.memos[0];
    ctx.clock.advanceMinutes(1);
    const b = (await agent.post(`/api/requests/${newer.id}/complaint/memos`, MEMO)).body.complaint.memos[0];

    const mine = await supervisor.get('/api/complaint-memos?status=open&mine=true');
    expect(mine.status).toBe(200);
    const ids = mine.body.items.map((m: any) => m.id);
    expect(ids.indexOf(b.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(b.id)).toBeLessThan(ids.indexOf(a.id));
    expect(of(mine.body, newer.id)[0]).toMatchObject({
      id: b.id,
      level: 1,
      toRole: 'cs_supervisor',
      status: 'open',
      requestId: newer.id,
      estateId: ygh,
      estateName: '阳光花园',
      number: newer.number,
      description: '夜间施工噪音扰民',
      grade: expect.any(String),
      createdByName: '李晓燕',
    });
    expect(mine.body.total).toBe(mine.body.items.length);
    expect(mine.body.items.every((m: any) => m.toRole === 'cs_supervisor' && m.status === 'open')).toBe(true);
    // Not the manager's yet: nothing of these two waits for them.
    const managers = await manager.get('/api/complaint-memos?status=open&mine=true');
    expect(of(managers.body, older.id)).toEqual([]);

    // Sent on: the manager now holds it, the supervisor no longer does.
    expect((await supervisor.post(`/api/complaint-memos/${a.id}/escalate`, {})).status).toBe(200);
    const forManager = of((await manager.get('/api/complaint-memos?status=open&mine=true')).body, older.id);
    expect(forManager).toEqual([expect.objectContaining({ level: 2, toRole: 'manager' })]);
    expect(of((await supervisor.get('/api/complaint-memos?status=open&mine=true')).body, older.id)).toEqual(
      [],
    );
    // The supervisor's own history: the memo they sent on.
    expect(
      of((await supervisor.get('/api/complaint-memos?status=escalated&mine=true')).body, older.id),
    ).toEqual([expect.objectContaining({ id: a.id, status: 'escalated' })]);

    // A company role holds its level at every estate: 赵总 (hq_cs) sees the memo once the manager sends it on.
    const m2 = forManager[0];
    expect((await manager.post(`/api/complaint-memos/${m2.id}/escalate`, {})).status).toBe(200);
    expect(of((await admin.get('/api/complaint-memos?status=open&mine=true')).body, older.id)).toEqual([
      expect.objectContaining({ level: 3, toRole: 'hq_cs' }),
    ]);
  });

  it('stays within the caller’s estates, and pages', async () => {
    const ours = await complaint(agent, ygh, '绿化带积水蚊虫多', '中心花园');
    const theirs = await complaint(twAgent, twd, '写字楼空调温度过高', '12楼');
    await agent.post(`/api/requests/${ours.id}/complaint/memos`, MEMO);
    const sent = await twAgent.post(`/api/requests/${theirs.id}/complaint/memos`, MEMO);
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);

    const ourList = await agent.get('/api/complaint-memos?pageSize=200');
    expect(new Set(ourList.body.items.map((m: any) => m.estateId))).toEqual(new Set([ygh]));
    const theirList = await twManager.get('/api/complaint-memos?pageSize=200');
    expect(new Set(theirList.body.items.map((m: any) => m.estateId))).toEqual(new Set([twd]));
    const all = await admin.get('/api/complaint-memos?pageSize=200');
    expect(new Set(all.body.items.map((m: any) => m.estateId))).toEqual(new Set([ygh, twd]));
    expect(of(all.body, theirs.id)).toHaveLength(1);

    const foreign = await agent.get(`/api/complaint-memos?estateId=${twd}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.code).toBe('NOT_FOUND');
    expect((await twManager.get(`/api/complaint-memos?estateId=${ygh}`)).status).toBe(404);

    const page = await admin.get('/api/complaint-memos?pageSize=1&page=2');
    expect(page.body).toMatchObject({ page: 2, pageSize: 1, total: all.body.total });
    expect(page.body.items).toEqual([all.body.items[1]]);

    const bad = await agent.get('/api/complaint-memos?status=lost');
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['status']);
  });
});

describe('memo writes, the cases the chain test leaves out', () => {
  it('leaves the request’s version alone and puts each step on the timeline with its level', async () => {
    const c = await complaint(agent, ygh, '垃圾清运不及时有异味', '2栋垃圾房');
    const sent = await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO);
    const memo = sent.body.complaint.memos[0];
    const up = await supervisor.post(`/api/complaint-memos/${memo.id}/escalate`, {});
    const next = up.body.complaint.memos[1];
    const decided = await manager.post(`/api/complaint-memos/${next.id}/decision`, {
      decision: '同意减免并书面致歉',
    });
    expect(decided.status, JSON.stringify(decided.body)).toBe(200);
    expect([sent.body.version, up.body.version, decided.body.version]).toEqual([
      c.version,
      c.version,
      c.version,
    ]);
    const events = decided.body.events.filter((e: any) => e.action.startsWith('complaint_memo'));
    expect(events.map((e: any) => [e.action, e.data.level])).toEqual([
      ['complaint_memo', 1],
      ['complaint_memo_escalate', 2],
      ['complaint_memo_decision', 2],
    ]);
    expect(events[2].data).toMatchObject({
      memoId: next.id,
      text: '同意减免并书面致歉',
      answerToResident: null,
    });
    // Without an answer to the resident, the complaint has none.
    expect(decided.body.complaint.answer).toBeNull();
    // Decided: the chain is done, so a new memo may start again from the supervisor.
    const again = await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO);
    expect(again.status).toBe(201);
    expect(again.body.complaint.memos.filter((m: any) => m.status === 'open')).toEqual([
      expect.objectContaining({ level: 1, toRole: 'cs_supervisor' }),
    ]);
  });

  it('refuses a role below the level, an agent deciding, an empty remedy and a closed complaint', async () => {
    const c = await complaint(agent, ygh, '停车场收费标准不透明', '地面停车场');
    const memo = (await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO)).body.complaint.memos[0];
    // The agent sent it; only the supervisor decides it.
    const byAgent = await agent.post(`/api/complaint-memos/${memo.id}/decision`, { decision: '同意' });
    expect(byAgent.status).toBe(403);
    expect(byAgent.body.error.code).toBe('FORBIDDEN');
    expect((await tech.post(`/api/complaint-memos/${memo.id}/escalate`, {})).status).toBe(403);

    const blank = await agent.post(`/api/requests/${c.id}/complaint/memos`, {
      question: '是否公示收费标准？',
      proposals: [{ remedy: '   ' }],
    });
    expect(blank.status).toBe(400);
    expect(Object.keys(blank.body.error.fields)).toEqual(['proposals.0.remedy']);
    expect(blank.body.error.fields['proposals.0.remedy']).toMatch(/[\u4e00-\u9fff]/);
    const tooMany = await agent.post(`/api/requests/${c.id}/complaint/memos`, {
      question: '是否公示收费标准？',
      proposals: Array.from({ length: 11 }, (_, i) => ({ remedy: `方案${i + 1}` })),
    });
    expect(Object.keys(tooMany.body.error.fields)).toEqual(['proposals']);
    const noDecision = await supervisor.post(`/api/complaint-memos/${memo.id}/decision`, { decision: '' });
    expect(noDecision.status).toBe(400);
    expect(Object.keys(noDecision.body.error.fields)).toEqual(['decision']);

    // Decided, the complaint closed: no new memo.
    expect(
      (await supervisor.post(`/api/complaint-memos/${memo.id}/decision`, { decision: '公示收费标准' }))
        .status,
    ).toBe(200);
    const cancelled = await agent.post(`/api/requests/${c.id}/transitions`, {
      action: 'cancel',
      version: c.version,
      reason: '业主撤回投诉',
    });
    expect(cancelled.status, JSON.stringify(cancelled.body)).toBe(200);
    const closed = await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO);
    expect(closed.status).toBe(422);
    expect(closed.body.error).toMatchObject({ code: 'RULE_VIOLATION' });
    expect(closed.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('answers the gm’s attempt to send on with a Chinese rule message', async () => {
    const c = await complaint(agent, ygh, '小区围墙破损存在安全隐患', '西侧围墙');
    let memo = (await agent.post(`/api/requests/${c.id}/complaint/memos`, MEMO)).body.complaint.memos[0];
    for (const who of [supervisor, manager, admin]) {
      const up = await who.post(`/api/complaint-memos/${memo.id}/escalate`, {});
      memo = up.body.complaint.memos.at(-1);
    }
    expect(memo).toMatchObject({ level: 4, toRole: 'gm' });
    const top = await admin.post(`/api/complaint-memos/${memo.id}/escalate`, {});
    expect(top.status).toBe(422);
    expect(top.body.error.code).toBe('RULE_VIOLATION');
    expect(top.body.error.message).toMatch(/[\u4e00-\u9fff]/);
  });
});
