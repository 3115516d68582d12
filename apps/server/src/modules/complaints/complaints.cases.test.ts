/**
 * 案例库 (spec 02 §5): a closed complaint's draft comes anonymised (names, mobiles, landlines, ID numbers,
 * the room), saving refuses a name or phone left in (field error, nothing written), only a closed
 * complaint becomes a case and only once; every staff member of the company reads and searches the
 * library, another company never sees it.
 */
import { COMPLAINT_GRADE_LABELS, type ComplaintGrade } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { newId } from '../../platform/ids.ts';
import { hashPassword } from '../../platform/passwords.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { users } from '../auth/auth.table.ts';
import { companies } from '../organisation/organisation.table.ts';
import { anonymise, personalDataIn } from './complaints.anonymise.ts';

let ctx: TestContext;
let agent: Client;
let supervisor: Client;
let manager: Client;
let tech: Client;
let admin: Client;
let quality: Client;
let twTech: Client;
let twManager: Client;
let ygh: string;
let eng: string;
const cat: Record<string, string> = {};
/** A 5栋 household with its resident (the name the request knows besides the reporter's). */
let home: { unitId: string; number: string; residentId: string; residentName: string };

async function signInAll() {
  [agent, supervisor, manager, tech, admin, quality, twTech, twManager] = (await Promise.all(
    ['agent', 'supervisor', 'manager', 'tech', 'admin', 'quality', 'tw_tech', 'tw_manager'].map((u) =>
      ctx.login(u),
    ),
  )) as Client[] as [Client, Client, Client, Client, Client, Client, Client, Client];
}
beforeEach(signInAll);

beforeAll(async () => {
  ctx = await createTestContext();
  await signInAll();
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  eng = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children)]);
  for (const c of flat((await agent.get('/api/categories')).body.items)) cat[`${c.type}:${c.code}`] = c.id;
  const [h] = await rows<{ unit_id: string; number: string; resident_id: string; name: string }>(
    ctx.database.db,
    sql`select u.id as unit_id, u.number, r.id as resident_id, r.name
        from units u join buildings b on b.id = u.building_id
        join resident_units ru on ru.unit_id = u.id join residents r on r.id = ru.resident_id
        where b.estate_id = ${ygh} and b.name = '5栋' and length(u.number) = 4
        order by u.number, r.id limit 1`,
  );
  home = { unitId: h!.unit_id, number: h!.number, residentId: h!.resident_id, residentName: h!.name };
});
afterAll(() => ctx.close());

const ID_NUMBER = '330106198806152318';

/** A neighbour-noise complaint of 5栋 whose texts carry names, phones, an ID and the room. */
async function aComplaint() {
  const res = await agent.post('/api/requests', {
    estateId: ygh,
    unitId: home.unitId,
    residentId: home.residentId,
    reporter: { name: '王建国', phone: '13812345678' },
    channel: 'phone',
    type: 'complaint',
    categoryId: cat['complaint:noise_neighbour'],
    description: `5栋${home.number}室王建国来电：楼上每晚十一点后拖动家具、小孩跑跳，打管理处电话 0571-86001234 没人接，请回电 138 1234 5678`,
    complaint: {
      eventPlace: `5栋${home.number}`,
      residentWants: `要求管理处上门劝导楼上住户；王先生身份证号 ${ID_NUMBER}，已在前台登记`,
      mood: 'upset',
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; version: number };
}

/** The same complaint classed effective, escalated once, handled and closed with its cause and action. */
async function aClosedComplaint() {
  const c = await aComplaint();
  let v = c.version;
  const classed = await supervisor.patch(`/api/requests/${c.id}/complaint`, {
    version: v,
    validity: 'effective',
  });
  expect(classed.status, JSON.stringify(classed.body)).toBe(200);
  v = classed.body.version;
  const memo = await agent.post(`/api/requests/${c.id}/complaint/memos`, {
    question: '楼上住户不配合，是否由主任出面协调？',
    proposals: [{ remedy: '主任约双方面谈' }],
  });
  expect(memo.status, JSON.stringify(memo.body)).toBe(201);
  const decided = await supervisor.post(`/api/complaint-memos/${memo.body.complaint.memos[0].id}/decision`, {
    decision: `同意，由客服主管上门向${home.residentName}致歉，并约楼上住户面谈`,
  });
  expect(decided.status, JSON.stringify(decided.body)).toBe(200);
  const step = async (who: Client, body: Record<string, unknown>) => {
    const res = await who.post(`/api/requests/${c.id}/transitions`, { version: v, ...body });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    v = res.body.version;
    return res.body;
  };
  await step(agent, { action: 'dispatch', departmentId: eng, assigneeId: tech.user!.id });
  await step(tech, { action: 'accept' });
  await step(tech, { action: 'arrive' });
  await step(tech, {
    action: 'complete',
    workDone: '在楼上住户家椅子腿加装静音垫，并张贴夜间安静提示',
    chargeable: false,
    residentConfirmation: { method: 'phone' },
  });
  return step(agent, {
    action: 'close',
    resultGiven: { method: 'written', text: '已书面回复王建国：楼上住户承诺晚十点后不再拖动家具' },
    residentOpinion: '满意',
    rootCause: '管家对邻里噪音只做电话提醒，未上门核实',
    correctiveAction: '邻里噪音投诉须在 24 小时内上门核实并记录，夜间值班电话转接中控室',
  });
}

const draftOf = (client: Client, id: string) => client.get(`/api/requests/${id}/complaint/case-draft`);
const caseBody = (d: any) => ({
  title: d.title,
  summary: d.summary,
  handling: d.handling,
  lesson: d.lesson,
  tags: d.tags,
});
const casesOf = async (requestId: string) =>
  (
    await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from complaint_cases where request_id = ${requestId}`,
    )
  )[0]!.n;

describe('anonymising a text', () => {
  const known = { names: ['王建国', '李秀英', '业主'], unitNumber: '1002' };

  it('replaces known names, honorifics, mobiles, landlines, ID numbers and rooms, keeping the building', () => {
    const { text, replaced } = anonymise(
      '3栋1002室业主王建国来电（电话13812345678，备用 021-62345678），其妻李秀英说隔壁张女士也被吵醒；' +
        `身份证 ${ID_NUMBER}；楼上1102装修`,
      known,
    );
    expect(text).toBe(
      '3栋***室业主某业主来电（电话1**********，备用 0**-********），其妻某业主说隔壁某女士也被吵醒；' +
        '身份证 3*****************；楼上***装修',
    );
    expect(replaced).toBe(8);
  });

  it('keeps request numbers, dates, times, amounts and household counts', () => {
    const text = '工单 TS202611220001 于 2026-11-22 14:30 受理，共1200户，赔偿 1500 元，20261122 当天办结';
    expect(anonymise(text, known)).toEqual({ text, replaced: 0 });
    expect(personalDataIn(text, known)).toBeNull();
  });

  it('finds a name, a phone written any way or an ID number left in, but not the generic 业主', () => {
    expect(personalDataIn('向王建国致歉', known)).toBe('王建国');
    expect(personalDataIn('回电 138-1234-5678', known)).toBe('138-1234-5678');
    expect(personalDataIn('请拨 (0755) 8888 6666', known)).toBe('(0755) 8888 6666');
    expect(personalDataIn('或拨 62345678', known)).toBe('62345678');
    expect(personalDataIn(`证件 ${ID_NUMBER}`, known)).toBe(ID_NUMBER);
    expect(personalDataIn('业主表示满意，1**********', known)).toBeNull();
  });
});

describe('the demo library', () => {
  it('holds cases made from closed complaints, none naming its people or holding a phone', async () => {
    const res = await tech.get('/api/complaint-cases?tag=典型案例');
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThanOrEqual(2);
    for (const k of res.body.items) {
      const [r] = await rows<{ state: string; names: string[] }>(
        ctx.database.db,
        sql`select q.state, array_remove(array[q.reporter_name, (select name from residents where id = q.resident_id)], null) as names
            from requests q where q.id = ${k.requestId}`,
      );
      expect(r!.state).toBe('closed');
      const text = [k.title, k.summary, k.handling, k.lesson, ...k.tags].join('\n');
      expect(personalDataIn(text, { names: r!.names })).toBeNull();
      expect(k.lesson).toContain('整改措施');
    }
  });
});

describe('the draft of a closed complaint', () => {
  it('is built from the record, the memo decision, the result and the cause, with no name, phone, ID or room', async () => {
    const closed = await aClosedComplaint();
    const res = await draftOf(supervisor, closed.id);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const d = res.body;
    expect(d).toMatchObject({
      requestId: closed.id,
      number: closed.number,
      caseId: null,
      validity: 'effective',
    });
    expect(d.title).toBe('5栋 邻里噪音');
    expect(d.summary).toContain('楼上每晚十一点后拖动家具');
    expect(d.summary).toContain('业主诉求：要求管理处上门劝导楼上住户');
    expect(d.handling).toContain('定性：有效投诉');
    expect(d.handling).toContain('处理：在楼上住户家椅子腿加装静音垫');
    expect(d.handling).toContain('客服主管批示：同意，由客服主管上门向某业主致歉');
    expect(d.handling).toContain('处理结果（书面）：已书面回复某业主');
    expect(d.lesson).toBe(
      '原因分析：管家对邻里噪音只做电话提醒，未上门核实\n' +
        '整改措施：邻里噪音投诉须在 24 小时内上门核实并记录，夜间值班电话转接中控室',
    );
    const grade = closed.complaint.grade as ComplaintGrade;
    expect(d.tags).toEqual(['邻里噪音', COMPLAINT_GRADE_LABELS[grade]['zh-CN'], '有效投诉']);
    const all = JSON.stringify(d);
    for (const secret of [
      '王建国',
      home.residentName,
      '13812345678',
      '138 1234 5678',
      '86001234',
      ID_NUMBER,
      home.number,
    ])
      expect(all).not.toContain(secret);
    expect(d.summary).toContain('5栋***室某业主来电');
    expect(d.summary).toContain('请回电 1** **** ****');
    expect(d.summary).toContain('0***-********');
    expect(d.summary).toContain('某先生身份证号 3*****************');
    expect(d.replaced).toBeGreaterThanOrEqual(8);
  });

  it('is refused before the complaint is closed, and for another estate’s staff or a technician', async () => {
    const open = await aComplaint();
    const res = await draftOf(supervisor, open.id);
    expect(res.status).toBe(422);
    expect(res.body.error).toMatchObject({ code: 'RULE_VIOLATION', message: '投诉关闭后才能转为案例' });
    const post = await supervisor.post(`/api/requests/${open.id}/complaint/case`, {
      title: '5栋 邻里噪音',
      summary: '楼上夜间噪音',
      handling: '上门劝导',
      lesson: '及时上门核实',
    });
    expect(post.status).toBe(422);
    expect(await casesOf(open.id)).toBe(0);
    expect((await draftOf(twManager, open.id)).status).toBe(404);
    expect((await draftOf(tech, open.id)).status).toBe(403);
  });
});

describe('saving a case', () => {
  let closedId: string;
  let draft: any;
  let caseId: string;

  beforeAll(async () => {
    await signInAll();
    closedId = (await aClosedComplaint()).id;
    draft = (await draftOf(supervisor, closedId)).body;
  });

  it('refuses a name or a phone left in, on the field that holds it, and writes nothing', async () => {
    const res = await supervisor.post(`/api/requests/${closedId}/complaint/case`, {
      ...caseBody(draft),
      summary: `${draft.summary}\n王建国表示理解`,
      lesson: `${draft.lesson}\n有问题请联系 139 0000 1111`,
      tags: ['邻里噪音', home.residentName],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['lesson', 'summary', 'tags.1']);
    expect(res.body.error.fields.summary).toBe(
      '案例中不能出现业主姓名、电话或证件号，请删除或替换「王建国」',
    );
    expect(res.body.error.fields.lesson).toContain('139 0000 1111');
    expect(await casesOf(closedId)).toBe(0);
    const [events] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from events where entity_id = ${closedId} and action = 'complaint_case'`,
    );
    expect(events!.n).toBe(0);
  });

  it('lets only the complaint roles write one (a technician gets 403)', async () => {
    const res = await tech.post(`/api/requests/${closedId}/complaint/case`, caseBody(draft));
    expect(res.status).toBe(403);
    expect(await casesOf(closedId)).toBe(0);
  });

  it('saves the edited draft once, with an event on the complaint’s timeline; a second time is 409 naming the case', async () => {
    const res = await supervisor.post(`/api/requests/${closedId}/complaint/case`, {
      ...caseBody(draft),
      title: '5栋 夜间邻里噪音扰民',
      tags: [...draft.tags, '夜间', '夜间', ' 上门核实 '],
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    caseId = res.body.id;
    expect(res.body).toMatchObject({
      requestId: closedId,
      estateName: '阳光花园',
      title: '5栋 夜间邻里噪音扰民',
      categoryName: '邻里噪音',
      validity: 'effective',
      createdByName: supervisor.user!.name,
      canEdit: true,
    });
    expect(res.body.tags).toEqual([...draft.tags, '夜间', '上门核实']);
    const detail = (await supervisor.get(`/api/requests/${closedId}`)).body;
    expect(detail.events.at(-1)).toMatchObject({
      action: 'complaint_case',
      actorName: supervisor.user!.name,
    });
    expect((await draftOf(supervisor, closedId)).body.caseId).toBe(caseId);

    const again = await manager.post(`/api/requests/${closedId}/complaint/case`, caseBody(draft));
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('CONFLICT');
    expect(again.headers.location).toBe(`/api/complaint-cases/${caseId}`);
    expect(await casesOf(closedId)).toBe(1);
  });

  it('is edited by its writer or the company centre with the same checks; other staff get 403', async () => {
    const bad = await supervisor.patch(`/api/complaint-cases/${caseId}`, {
      handling: '已电话 13900001111 回访',
    });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['handling']);
    expect((await manager.patch(`/api/complaint-cases/${caseId}`, { title: '改标题' })).status).toBe(403);
    expect((await twTech.patch(`/api/complaint-cases/${caseId}`, { title: '改标题' })).status).toBe(403);
    const mine = await supervisor.patch(`/api/complaint-cases/${caseId}`, {
      lesson: '夜间噪音当晚由中控室联系秩序维护员上门劝导，次日管家回访',
    });
    expect(mine.status, JSON.stringify(mine.body)).toBe(200);
    expect(mine.body.lesson).toBe('夜间噪音当晚由中控室联系秩序维护员上门劝导，次日管家回访');
    const centre = await quality.patch(`/api/complaint-cases/${caseId}`, { tags: ['邻里噪音', '夜间'] });
    expect(centre.status).toBe(200);
    expect(centre.body.tags).toEqual(['邻里噪音', '夜间']);
    expect(centre.body.canEdit).toBe(true);
  });

  it('is read and found by Chinese words by every staff member of the company, of any estate', async () => {
    for (const reader of [tech, twTech, agent, quality]) {
      const res = await reader.get('/api/complaint-cases?q=拖动家具 中控室');
      expect(res.status).toBe(200);
      expect(res.body.items.map((i: any) => i.id)).toContain(caseId);
    }
    const one = (await tech.get(`/api/complaint-cases/${caseId}`)).body;
    expect(one).toMatchObject({ id: caseId, title: '5栋 夜间邻里噪音扰民', canEdit: false });
    // A word the case does not hold, or only one of two words, finds nothing of it.
    for (const q of ['漏水', '拖动家具 漏水', '王建国'])
      expect(
        (await tech.get(`/api/complaint-cases?q=${encodeURIComponent(q)}`)).body.items.map((i: any) => i.id),
      ).not.toContain(caseId);
    // Words in the tags are searched too; the tag, grade and estate filters narrow.
    const byTag = (await tech.get(`/api/complaint-cases?tag=${encodeURIComponent('夜间')}`)).body;
    expect(byTag.items.map((i: any) => i.id)).toEqual([caseId]);
    expect(byTag.total).toBe(1);
    expect(byTag.tags).toEqual(expect.arrayContaining([{ tag: '夜间', count: 1 }]));
    const inEstate = (
      await twTech.get(`/api/complaint-cases?estateId=${ygh}&q=${encodeURIComponent('邻里噪音')}`)
    ).body;
    expect(inEstate.items.map((i: any) => i.id)).toContain(caseId);
    const major = (await tech.get('/api/complaint-cases?grade=major')).body;
    expect(major.items.map((i: any) => i.id)).not.toContain(caseId);
    const ofRequest = (await tech.get(`/api/complaint-cases?requestId=${closedId}`)).body;
    expect(ofRequest.items.map((i: any) => i.id)).toEqual([caseId]);
  });

  it('stays out of another company’s library', async () => {
    const { db } = ctx.database;
    const companyId = newId();
    await db
      .insert(companies)
      .values({ id: companyId, name: '别家物业', code: 'OTHERC', createdAt: ctx.clock.now() });
    await db.insert(users).values({
      id: newId(),
      companyId,
      username: 'other_quality',
      name: '别家品质部',
      passwordHash: await hashPassword('other-pass-1'),
      roles: ['quality', 'hq_cs'],
      createdAt: ctx.clock.now(),
    });
    const other = await ctx.login('other_quality', 'other-pass-1');
    const list = await other.get('/api/complaint-cases?q=拖动家具');
    expect(list.status).toBe(200);
    expect(list.body).toMatchObject({ items: [], total: 0, tags: [] });
    expect((await other.get('/api/complaint-cases')).body.total).toBe(0);
    expect((await other.get(`/api/complaint-cases/${caseId}`)).status).toBe(404);
    expect((await other.patch(`/api/complaint-cases/${caseId}`, { title: '别家改' })).status).toBe(404);
    expect((await other.get(`/api/requests/${closedId}/complaint/case-draft`)).status).toBe(404);
    expect((await other.post(`/api/requests/${closedId}/complaint/case`, caseBody(draft))).status).toBe(404);
  });
});
