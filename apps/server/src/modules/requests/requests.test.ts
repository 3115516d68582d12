/** The service desk through the API: intake, the lifecycle with its clocks, callbacks, and bad input. */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let tech: Client;
let tech2: Client;
let manager: Client;
let supervisor: Client;
let ygh: string;
let twd: string;
let eng: string;
let cleaning: string;
let techId: string;
const cat: Record<string, string> = {};
let unitA: { id: string; residentId: string; name: string };
let unitB: { id: string; residentId: string };
let twdUnit: string;
let twdResident: string;
let twdLocation: string;

const MIN = 60_000;

/** Sessions last 12 hours and several tests move the clock by days: sign in afresh for each test. */
async function signInAll() {
  const list = await Promise.all(
    ['agent', 'tech', 'tech2', 'manager', 'supervisor'].map((u) => ctx.login(u)),
  );
  [agent, tech, tech2, manager, supervisor] = list as [Client, Client, Client, Client, Client];
}

beforeEach(signInAll);

beforeAll(async () => {
  ctx = await createTestContext();
  await signInAll();
  techId = tech.user!.id;
  const admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  const depts = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items;
  eng = depts.find((d: any) => d.kind === 'engineering').id;
  cleaning = depts.find((d: any) => d.kind === 'cleaning').id;
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children)]);
  for (const c of flat((await agent.get('/api/categories')).body.items)) cat[`${c.type}:${c.code}`] = c.id;
  const linked = await rows<{ unit_id: string; resident_id: string; name: string; estate_id: string }>(
    ctx.database.db,
    sql`select ru.unit_id, ru.resident_id, r.name, ru.estate_id from resident_units ru join residents r on r.id = ru.resident_id
        where ru.relation = 'owner' order by ru.unit_id`,
  );
  const mine = linked.filter((l) => l.estate_id === ygh);
  unitA = { id: mine[0]!.unit_id, residentId: mine[0]!.resident_id, name: mine[0]!.name };
  unitB = { id: mine[1]!.unit_id, residentId: mine[1]!.resident_id };
  twdUnit = linked.find((l) => l.estate_id === twd)!.unit_id;
  twdResident = linked.find((l) => l.estate_id === twd)!.resident_id;
  twdLocation = (
    await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from locations where estate_id = ${twd} limit 1`,
    )
  )[0]!.id;
});
afterAll(() => ctx.close());

function repair(extra: Record<string, unknown> = {}) {
  return {
    estateId: ygh,
    unitId: unitA.id,
    residentId: unitA.residentId,
    channel: 'phone',
    type: 'repair',
    categoryId: cat['repair:water_supply'],
    description: '厨房水龙头关不紧，一直滴水',
    ...extra,
  };
}

async function act(client: Client, id: string, body: Record<string, unknown>) {
  const current = await client.get(`/api/requests/${id}`);
  return client.post(`/api/requests/${id}/transitions`, { version: current.body.version, ...body });
}

const deadline = (r: any, kind: string) => r.deadlines.filter((d: any) => d.kind === kind).at(-1);

describe('intake', () => {
  it('takes a known resident’s phone repair with a number, the agent as owner and a created event', async () => {
    const res = await agent.post('/api/requests', repair());
    expect(res.status).toBe(201);
    const r = res.body;
    expect(r.number).toMatch(/^BX20261122\d{4}$/);
    expect(r).toMatchObject({
      state: 'new',
      type: 'repair',
      subtype: 'in_home',
      urgency: 'immediate',
      ownerId: agent.user!.id,
      receivedById: agent.user!.id,
      reporterName: unitA.name,
      night: false,
      version: 1,
      categoryName: '给水',
      unitLabel: expect.stringMatching(/^\d栋-\d+$/),
    });
    expect(r.reporterPhone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(r.events.map((e: any) => e.action)).toEqual(['created']);
    expect(r.events[0].actorName).toBe('李晓燕');
    // An immediate repair's arrival clock starts at dispatch, not at intake.
    expect(r.deadlines).toEqual([]);
  });

  it('numbers requests per type and day without gaps or repeats under concurrent intake', async () => {
    const list = await Promise.all(
      // More at once than the test pool has connections (10): on PostgreSQL each intake's transaction
      // holds one while its number comes from the separate numbers pool, which must not starve.
      Array.from({ length: 24 }, (_, i) =>
        agent.post('/api/requests', repair({ description: `并发受理测试 ${i}` })),
      ),
    );
    expect(list.every((r) => r.status === 201)).toBe(true);
    const seqs = list.map((r) => Number(r.body.number.slice(-4))).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(24);
    expect(seqs.at(-1)! - seqs[0]!).toBe(23);
  });

  it('returns the first answer for a retried submit with the same Idempotency-Key', async () => {
    const key = 'form-7f3a9c2e-0001';
    const first = await agent.post('/api/requests', repair({ description: '重复提交测试' }), {
      'idempotency-key': key,
    });
    const again = await agent.post('/api/requests', repair({ description: '重复提交测试' }), {
      'idempotency-key': key,
    });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    const other = await agent.post('/api/requests', repair({ description: '另一份内容' }), {
      'idempotency-key': key,
    });
    expect(other.status).toBe(409);
    expect(other.body.error.code).toBe('CONFLICT');
    const [count] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from requests where description = '重复提交测试'`,
    );
    expect(count!.n).toBe(1);
  });

  it('makes one request from a double-clicked submit (both clicks in flight at once)', async () => {
    const key = 'form-double-click-0002';
    const body = repair({ description: '双击提交测试' });
    const [a, b] = await Promise.all([
      agent.post('/api/requests', body, { 'idempotency-key': key }),
      agent.post('/api/requests', body, { 'idempotency-key': key }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    expect(a.body.id).toBe(b.body.id);
    const [count] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from requests where description = '双击提交测试'`,
    );
    expect(count!.n).toBe(1);
  });

  it('starts the 5-minute reply clock for an enquiry the agent could not answer', async () => {
    const res = await agent.post('/api/requests', {
      estateId: ygh,
      unitId: unitA.id,
      residentId: unitA.residentId,
      channel: 'phone',
      type: 'enquiry',
      description: '咨询装修押金什么时候可以退',
      needsReply: true,
    });
    const reply = deadline(res.body, 'reply');
    expect(new Date(reply.dueAt).getTime() - new Date(reply.startedAt).getTime()).toBe(5 * MIN);
    expect(reply.status).toBe('pending');
  });

  it('starts the 2-hour booking clock for a paid service', async () => {
    const res = await agent.post(
      '/api/requests',
      repair({
        type: 'paid_service',
        categoryId: cat['paid_service:home_cleaning'],
        description: '预约周末家政保洁',
      }),
    );
    const booking = deadline(res.body, 'booking_confirm');
    expect(new Date(booking.dueAt).getTime() - new Date(booking.startedAt).getTime()).toBe(120 * MIN);
  });

  it('marks a request taken at night (18:30–08:30)', async () => {
    const night = await createTestContext();
    try {
      night.clock.set(new Date('2026-11-22T20:00:00+08:00'));
      const n = await night.login('night');
      const res = await n.post('/api/requests', {
        ...repair(),
        residentId: unitA.residentId,
        channel: 'night_duty',
      });
      expect(res.status).toBe(201);
      expect(res.body.night).toBe(true);
    } finally {
      await night.close();
    }
  });
});

describe('bad input at intake changes nothing', () => {
  const count = async () =>
    (await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from requests`))[0]!.n;

  it('refuses a unit of another estate, a category of another type, a missing place and a missing reporter', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [
        repair({ unitId: twdUnit, residentId: undefined, reporter: { name: '张三', phone: '13800138000' } }),
        'unitId',
        '房屋不存在或不属于该项目',
      ],
      [repair({ categoryId: cat['complaint:noise'] }), 'categoryId', '类别与工单类型不符'],
      [repair({ categoryId: '019a0000-0000-7000-8000-000000000000' }), 'categoryId', '类别不存在'],
      [repair({ residentId: twdResident }), 'residentId', '住户不存在或不属于该项目'],
      [
        repair({
          unitId: undefined,
          subtype: 'public',
          locationId: twdLocation,
          residentId: undefined,
          reporter: { name: '张三', phone: '13800138000' },
        }),
        'locationId',
        '公共位置不存在或不属于该项目',
      ],
      [repair({ unitId: undefined }), 'unitId', '请选择房号或公共位置'],
      [repair({ residentId: undefined }), 'reporter', '请选择住户，或填写报事人姓名和电话'],
      [repair({ estateId: twd }), 'estateId', '项目不存在或无权访问'],
      [repair({ description: '修'.repeat(2001) }), 'description', '不能超过 2000 个字符'],
      [repair({ reporter: { name: '张三', phone: '12345' } }), 'reporter.phone', '格式不正确'],
      [repair({ priority: 'high' }), 'priority', '不允许的字段'],
      [repair({ appointmentAt: '2026-11-21T10:00:00+08:00' }), 'appointmentAt', '预约时间不能早于现在'],
      [repair({ size: 'major' }), 'size', '只有公共设施报修可以选择工程规模'],
    ];
    for (const [body, field, message] of cases) {
      const res = await agent.post('/api/requests', body);
      expect({ field, status: res.status, message: res.body.error?.fields?.[field] }).toEqual({
        field,
        status: 400,
        message,
      });
    }
    expect(await count()).toBe(before);
  });

  it('keeps roles without intake rights out (technician 403)', async () => {
    const res = await tech.post('/api/requests', repair());
    expect(res.status).toBe(403);
  });
});

describe('a repair from dispatch to close', () => {
  it('runs the whole lifecycle with its clocks and a full timeline', async () => {
    const created = (await agent.post('/api/requests', repair({ description: '卫生间角阀漏水，需要更换' })))
      .body;
    const id = created.id;

    const dispatched = await act(agent, id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    expect(dispatched.status).toBe(200);
    expect(dispatched.body).toMatchObject({
      state: 'dispatched',
      departmentName: '工程部',
      assigneeName: '王师傅',
      version: 2,
    });
    const onSite = deadline(dispatched.body, 'on_site');
    expect(new Date(onSite.dueAt).getTime() - new Date(onSite.startedAt).getTime()).toBe(15 * MIN);

    expect((await act(tech, id, { action: 'accept' })).body.state).toBe('accepted');
    ctx.clock.advanceMinutes(10);
    const arrived = await act(tech, id, { action: 'arrive' });
    expect(arrived.body.state).toBe('on_site');
    expect(deadline(arrived.body, 'on_site').status).toBe('met');
    const fix = deadline(arrived.body, 'fix');
    expect(new Date(fix.dueAt).getTime() - new Date(fix.startedAt).getTime()).toBe(8 * 60 * MIN);

    expect((await act(tech, id, { action: 'start' })).body.state).toBe('in_progress');
    ctx.clock.advanceMinutes(40);
    const done = await act(tech, id, {
      action: 'complete',
      workDone: '更换卫生间角阀一个，试水无渗漏',
      materials: [{ name: '角阀', quantity: 1, unit: '个' }],
      chargeable: true,
      feeFen: 3500,
      residentConfirmation: { method: 'phone', note: '业主电话确认已修好' },
    });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('confirmed');
    expect(done.body.completion).toMatchObject({ feeFen: 3500, chargeable: true });
    expect(deadline(done.body, 'fix').status).toBe('met');
    const cb = deadline(done.body, 'callback');
    expect(new Date(cb.dueAt).getTime() - new Date(cb.startedAt).getTime()).toBe(2 * 24 * 60 * MIN);

    // A repair is called back before it closes.
    const early = await act(agent, id, { action: 'close' });
    expect(early.status).toBe(422);
    expect(early.body.error.code).toBe('RULE_VIOLATION');

    const called = await agent.post(`/api/requests/${id}/callbacks`, {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
      stars: 5,
      comment: '师傅很专业',
      feeChecked: true,
    });
    expect(called.status).toBe(201);
    expect(called.body.state).toBe('callback_done');
    expect(deadline(called.body, 'callback').status).toBe('met');
    expect(called.body.callbacks[0]).toMatchObject({
      reached: true,
      satisfaction: 'satisfied',
      stars: 5,
      byName: '李晓燕',
    });

    const closed = await act(agent, id, { action: 'close', residentOpinion: '满意' });
    expect(closed.body.state).toBe('closed');
    expect(closed.body.closedAt).not.toBeNull();
    expect(closed.body.events.map((e: any) => e.action)).toEqual([
      'created',
      'dispatch',
      'accept',
      'arrive',
      'start',
      'complete',
      'callback',
      'close',
    ]);
  });

  it('answers a stale version with 409 and an impossible action with 422 in Chinese', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '并发修改测试' }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    const stale = await agent.post(`/api/requests/${r.id}/transitions`, {
      action: 'dispatch',
      version: 1,
      departmentId: cleaning,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toBe('该记录已被他人修改，请刷新后重试');
    const impossible = await act(tech, r.id, { action: 'arrive' });
    expect(impossible.status).toBe(422);
    expect(impossible.body.error).toEqual({
      code: 'INVALID_TRANSITION',
      message: '工单当前状态为“已派工”，不能执行“到场”',
    });
    const after = await agent.get(`/api/requests/${r.id}`);
    expect(after.body.version).toBe(2);
  });

  it('lets only the assigned technician or their lead work the order', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '派工权限测试' }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    expect((await act(tech2, r.id, { action: 'accept' })).status).toBe(403);
    expect((await act(agent, r.id, { action: 'accept' })).status).toBe(403);
    const lead = await ctx.login('eng_lead');
    expect((await act(lead, r.id, { action: 'accept' })).status).toBe(200);
  });

  it('needs the manager’s approval of a quote with materials over ¥100 before completion', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '更换热水器，材料费较高' }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    await act(tech, r.id, { action: 'accept' });
    await act(tech, r.id, { action: 'arrive' });
    const unsigned = await act(tech, r.id, { action: 'quote', materialsFen: 68000, labourFen: 5000 });
    expect(unsigned.status).toBe(400);
    expect(unsigned.body.error.fields.agreementFileId).toContain('业主签字的维修协议');
    expect((await agent.get(`/api/requests/${r.id}`)).body.quote).toBeNull();
    const agreement = (
      await tech.post(
        `/api/files?estateId=${ygh}&kind=signature`,
        Buffer.concat([
          Buffer.from(
            'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
            'base64',
          ),
          Buffer.from('quote-agreement'),
        ]),
        { 'content-type': 'image/png' },
      )
    ).body;
    const quoted = await act(tech, r.id, {
      action: 'quote',
      materialsFen: 68000,
      labourFen: 5000,
      agreementFileId: agreement.id,
    });
    expect(quoted.body.quote).toMatchObject({
      materialsFen: 68000,
      needsApproval: true,
      approvedAt: null,
      agreementFileId: agreement.id,
      quotedById: techId,
    });
    expect(quoted.body.attachments.map((a: any) => a.id)).toContain(agreement.id);
    const completion = {
      action: 'complete',
      workDone: '更换热水器',
      chargeable: true,
      feeFen: 73000,
      residentConfirmation: { method: 'phone' },
    };
    const refused = await act(tech, r.id, completion);
    expect(refused.status).toBe(422);
    expect(refused.body.error.message).toContain('需管理处主任批准报价');
    expect((await act(supervisor, r.id, { action: 'approve_quote' })).status).toBe(403);
    const approved = await act(manager, r.id, { action: 'approve_quote', note: '同意，已与业主签订协议' });
    expect(approved.body.quote.approvedAt).not.toBeNull();
    expect((await act(tech, r.id, completion)).body.state).toBe('confirmed');
  });

  it('leaves a repair outside the price list to the department lead to assess and price', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '阳台加装晾衣架（价目表外）' }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    await act(tech, r.id, { action: 'accept' });
    await act(tech, r.id, { action: 'arrive' });
    const byTech = await act(tech, r.id, {
      action: 'quote',
      materialsFen: 6000,
      labourFen: 3000,
      outsidePriceList: true,
    });
    expect(byTech.status).toBe(422);
    expect(byTech.body.error.message).toContain('部门主管评估');
    const lead = await ctx.login('eng_lead');
    const assessed = await act(lead, r.id, {
      action: 'quote',
      materialsFen: 6000,
      labourFen: 3000,
      outsidePriceList: true,
      note: '可以做，材料 ¥60，人工 ¥30',
    });
    expect(assessed.status).toBe(200);
    expect(assessed.body.quote).toMatchObject({ outsidePriceList: true, needsApproval: false });
  });

  it('pauses the clocks on hold and resumes them with the time they had left', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '等待配件测试' }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    await act(tech, r.id, { action: 'accept' });
    await act(tech, r.id, { action: 'arrive' });
    const before = deadline((await agent.get(`/api/requests/${r.id}`)).body, 'fix');
    const held = await act(tech, r.id, {
      action: 'hold',
      reasonCode: 'waiting_parts',
      reason: '等待配件到货',
    });
    expect(held.body.state).toBe('on_hold');
    expect(deadline(held.body, 'fix').status).toBe('paused');
    ctx.clock.advanceMinutes(180);
    const resumed = await act(tech, r.id, { action: 'resume' });
    expect(resumed.body.state).toBe('on_site');
    const after = deadline(resumed.body, 'fix');
    expect(after.status).toBe('pending');
    expect(new Date(after.dueAt).getTime() - new Date(before.dueAt).getTime()).toBe(180 * MIN);
  });

  it('refuses completion by signature without the signature, and a chargeable job without its fee', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '完工校验测试' }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    await act(tech, r.id, { action: 'accept' });
    await act(tech, r.id, { action: 'arrive' });
    const noSignature = await act(tech, r.id, {
      action: 'complete',
      workDone: '已修好',
      chargeable: false,
      residentConfirmation: { method: 'signature' },
    });
    expect(noSignature.status).toBe(400);
    expect(noSignature.body.error.fields).toEqual({
      'residentConfirmation.signatureFileId': '签名确认需要上传业主签名',
    });
    const noFee = await act(tech, r.id, {
      action: 'complete',
      workDone: '已修好',
      chargeable: true,
      residentConfirmation: { method: 'phone' },
    });
    expect(noFee.body.error.fields).toEqual({ feeFen: '收费项目需要填写费用' });
    const noConfirmation = await act(tech, r.id, {
      action: 'complete',
      workDone: '已修好',
      chargeable: false,
    });
    expect(noConfirmation.body.error.fields).toEqual({ residentConfirmation: '必填' });
    expect((await agent.get(`/api/requests/${r.id}`)).body.state).toBe('on_site');
  });
});

describe('photos and the resident’s signature', () => {
  const PNG = Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
    'base64',
  );
  const png = (tag: string) => Buffer.concat([PNG, Buffer.from(tag)]);
  const upload = async (client: Client, kind: string, tag: string, estateId = ygh) =>
    (
      await client.post(`/api/files?estateId=${estateId}&kind=${kind}`, png(tag), {
        'content-type': 'image/png',
      })
    ).body;

  it('takes intake photos and completes with a drawn signature and after-photos, all on the request', async () => {
    const photo = await upload(agent, 'photo', 'intake-photo');
    const r = (
      await agent.post(
        '/api/requests',
        repair({ description: '天花板渗水，附照片', attachments: [photo.id] }),
      )
    ).body;
    expect(r.attachments.map((a: any) => a.id)).toEqual([photo.id]);
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    await act(tech, r.id, { action: 'accept' });
    await act(tech, r.id, { action: 'arrive' });
    const signature = await upload(tech, 'signature', 'signature-1');
    const after = await upload(tech, 'photo', 'after-photo');
    const photoAsSignature = await act(tech, r.id, {
      action: 'complete',
      workDone: '已处理渗水点',
      chargeable: false,
      residentConfirmation: { method: 'signature', signatureFileId: after.id },
    });
    expect(photoAsSignature.status).toBe(400);
    expect(Object.keys(photoAsSignature.body.error.fields)).toEqual(['residentConfirmation.signatureFileId']);
    const done = await act(tech, r.id, {
      action: 'complete',
      workDone: '已处理渗水点',
      chargeable: false,
      photos: [after.id],
      residentConfirmation: { method: 'signature', signatureFileId: signature.id },
    });
    expect(done.status).toBe(200);
    expect(done.body.state).toBe('confirmed');
    expect(done.body.attachments.map((a: any) => a.kind).sort()).toEqual(['photo', 'photo', 'signature']);
    const file = await tech.get(signature.url);
    expect(file.status).toBe(200);
  });

  it('refuses a file of another estate at intake', async () => {
    const tw = await ctx.login('tw_agent');
    const theirs = await upload(tw, 'photo', 'tw-photo', twd);
    const res = await agent.post('/api/requests', repair({ attachments: [theirs.id] }));
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['attachments.0']);
  });
});

describe('callbacks', () => {
  async function completedRepair(description: string) {
    const r = (await agent.post('/api/requests', repair({ description }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    await act(tech, r.id, { action: 'accept' });
    await act(tech, r.id, { action: 'arrive' });
    return (
      await act(tech, r.id, {
        action: 'complete',
        workDone: '已修好',
        chargeable: false,
        residentConfirmation: { method: 'phone' },
      })
    ).body;
  }

  it('opens a linked rework request with a 24-hour clock when the resident is dissatisfied', async () => {
    const r = await completedRepair('回访不满意测试');
    const res = await agent.post(`/api/requests/${r.id}/callbacks`, {
      method: 'phone',
      reached: true,
      satisfaction: 'dissatisfied',
      stars: 2,
      comment: '还是漏水',
    });
    const reworkId = res.body.callbacks[0].reworkRequestId;
    expect(reworkId).toBeTruthy();
    const rework = (await agent.get(`/api/requests/${reworkId}`)).body;
    expect(rework).toMatchObject({
      reworkOf: r.id,
      ownerId: r.ownerId,
      state: 'dispatched',
      assigneeId: techId,
      departmentId: eng,
    });
    expect(rework.description).toContain('返工');
    const clock = deadline(rework, 'rework');
    expect(new Date(clock.dueAt).getTime() - new Date(clock.startedAt).getTime()).toBe(24 * 60 * MIN);
    const list = await agent.get(`/api/requests?q=${encodeURIComponent('回访不满意测试')}`);
    expect(list.body.items.some((i: any) => i.id === reworkId)).toBe(true);
  });

  it('keeps the state on an unreached try and allows closing as unreachable after three', async () => {
    const r = await completedRepair('回访联系不上测试');
    for (let i = 0; i < 3; i++) {
      const res = await agent.post(`/api/requests/${r.id}/callbacks`, { method: 'phone', reached: false });
      expect(res.body.state).toBe('confirmed');
      if (i < 2) expect((await act(agent, r.id, { action: 'close' })).status).toBe(422);
      ctx.clock.advanceMinutes(600);
      await signInAll();
    }
    const closed = await act(agent, r.id, { action: 'close' });
    expect(closed.body.state).toBe('closed');
    expect(closed.body.events.at(-1).data.unreachable).toBe(true);
  });

  it('needs the satisfaction when the resident was reached, and a finished job', async () => {
    const r = await completedRepair('回访校验测试');
    const res = await agent.post(`/api/requests/${r.id}/callbacks`, { method: 'phone', reached: true });
    expect(res.body.error.fields).toEqual({ satisfaction: '联系上业主时需填写满意度' });
    const fresh = (await agent.post('/api/requests', repair({ description: '未完工回访测试' }))).body;
    const early = await agent.post(`/api/requests/${fresh.id}/callbacks`, {
      method: 'phone',
      reached: true,
      satisfaction: 'satisfied',
    });
    expect(early.status).toBe(422);
  });
});

describe('clock rules by kind', () => {
  it('sets the arrival clock of a scheduled repair to the appointment', async () => {
    const at = new Date(ctx.clock.now().getTime() + 26 * 60 * MIN).toISOString();
    const r = (await agent.post('/api/requests', repair({ appointmentAt: at, description: '预约明天上门' })))
      .body;
    expect(r.urgency).toBe('scheduled');
    const d = await act(agent, r.id, { action: 'dispatch', departmentId: eng });
    expect(new Date(deadline(d.body, 'on_site').dueAt).getTime()).toBe(new Date(at).getTime());
  });

  it('gives a medium public-facility repair 3 days from dispatch', async () => {
    const r = (
      await agent.post('/api/requests', {
        estateId: ygh,
        locationText: '中心花园',
        channel: 'patrol',
        type: 'repair',
        subtype: 'public',
        size: 'medium',
        categoryId: cat['repair:public_facility'],
        description: '中心花园路灯坏了三盏',
      })
    ).body;
    expect(r.reporterName).toBeNull();
    const d = await act(agent, r.id, { action: 'dispatch', departmentId: eng });
    const fix = deadline(d.body, 'fix');
    expect(new Date(fix.dueAt).getTime() - new Date(fix.startedAt).getTime()).toBe(3 * 24 * 60 * MIN);
  });

  it('restarts the arrival clock on re-dispatch and cancels the old one', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '改派测试' }))).body;
    await act(agent, r.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    const again = await act(agent, r.id, {
      action: 'dispatch',
      departmentId: eng,
      assigneeId: tech2.user!.id,
    });
    const onSite = again.body.deadlines.filter((d: any) => d.kind === 'on_site').map((d: any) => d.status);
    expect(onSite).toEqual(['cancelled', 'pending']);
    expect(again.body.assigneeName).toBe('蒋师傅');
  });

  it('lets the desk answer an enquiry and close it without dispatch', async () => {
    const r = (
      await agent.post('/api/requests', {
        estateId: ygh,
        unitId: unitB.id,
        residentId: unitB.residentId,
        channel: 'visit',
        type: 'enquiry',
        description: '咨询停车月卡办理',
        needsReply: true,
      })
    ).body;
    const done = await act(agent, r.id, {
      action: 'complete',
      workDone: '已告知办理流程和费用',
      chargeable: false,
      residentConfirmation: { method: 'phone' },
    });
    expect(done.body.state).toBe('confirmed');
    expect(deadline(done.body, 'reply').status).toBe('met');
    expect((await act(agent, r.id, { action: 'close' })).body.state).toBe('closed');
  });

  it('flags a repeat repair on the same unit and category within 30 days', async () => {
    const first = (
      await agent.post(
        '/api/requests',
        repair({
          unitId: unitB.id,
          residentId: unitB.residentId,
          categoryId: cat['repair:pipe_blocked'],
          description: '厨房下水道堵塞',
        }),
      )
    ).body;
    await act(agent, first.id, { action: 'dispatch', departmentId: eng, assigneeId: techId });
    await act(tech, first.id, { action: 'accept' });
    await act(tech, first.id, { action: 'arrive' });
    await act(tech, first.id, {
      action: 'complete',
      workDone: '已疏通',
      chargeable: false,
      residentConfirmation: { method: 'phone' },
    });
    ctx.clock.advanceMinutes(60 * 24 * 5);
    await signInAll();
    const second = (
      await agent.post(
        '/api/requests',
        repair({
          unitId: unitB.id,
          residentId: unitB.residentId,
          categoryId: cat['repair:pipe_blocked'],
          description: '下水道又堵了',
        }),
      )
    ).body;
    expect(second.repeatOf).toBe(first.id);
    const other = (
      await agent.post(
        '/api/requests',
        repair({
          unitId: unitB.id,
          residentId: unitB.residentId,
          categoryId: cat['repair:lighting'],
          description: '卫生间灯不亮',
        }),
      )
    ).body;
    expect(other.repeatOf).toBeNull();
  });

  it('hands a request to another owner only within the estate, and records it', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '交接班转交测试' }))).body;
    const twAgent = (await ctx.login('tw_agent')).user!.id;
    const refused = await act(agent, r.id, { action: 'transfer_owner', ownerId: twAgent, reason: '交班' });
    expect(refused.body.error.fields).toEqual({ ownerId: '新责任人必须是本项目的在职员工' });
    const moved = await act(agent, r.id, {
      action: 'transfer_owner',
      ownerId: supervisor.user!.id,
      reason: '交班转交',
    });
    expect(moved.body.ownerId).toBe(supervisor.user!.id);
    expect(moved.body.events.at(-1)).toMatchObject({
      action: 'transfer_owner',
      data: { reason: '交班转交', toOwnerName: '孙主管' },
    });
  });
});

describe('scoping', () => {
  it('hides another estate’s requests (404) for reading and acting', async () => {
    const tw = await ctx.login('tw_agent');
    const r = (await agent.post('/api/requests', repair({ description: '跨项目访问测试' }))).body;
    expect((await tw.get(`/api/requests/${r.id}`)).status).toBe(404);
    expect(
      (await tw.post(`/api/requests/${r.id}/transitions`, { action: 'cancel', version: 1, reason: 'x' }))
        .status,
    ).toBe(404);
    expect(
      (await tw.post(`/api/requests/${r.id}/callbacks`, { method: 'phone', reached: false })).status,
    ).toBe(404);
    expect((await agent.get(`/api/requests/${r.id}`)).body.state).toBe('new');
  });
});

describe('queues and search', () => {
  it('orders by the nearest clock, shows overdue requests, and filters by owner and department', async () => {
    const q = await createTestContext();
    try {
      const a = await q.login('agent');
      const est = (await a.get('/api/estates')).body.items[0].id;
      const dept = (await a.get(`/api/departments?estateId=${est}`)).body.items.find(
        (d: any) => d.kind === 'engineering',
      ).id;
      const base = {
        estateId: est,
        locationText: '1栋大堂',
        channel: 'patrol',
        type: 'repair',
        subtype: 'public',
      };
      const later = (
        await a.post('/api/requests', {
          ...base,
          description: '预约维修：大堂门禁',
          appointmentAt: new Date(q.clock.now().getTime() + 3 * 3_600_000).toISOString(),
        })
      ).body;
      const soon = (await a.post('/api/requests', { ...base, description: '大堂灯不亮，立即处理' })).body;
      for (const r of [later, soon]) {
        await a.post(`/api/requests/${r.id}/transitions`, {
          action: 'dispatch',
          version: 1,
          departmentId: dept,
        });
      }
      const queue = await a.get(
        `/api/requests?estateId=${est}&open=true&sort=dueAt&departmentId=${dept}&ownerId=${a.user!.id}&pageSize=200`,
      );
      const ids = queue.body.items.map((i: any) => i.id);
      expect(ids.indexOf(soon.id)).toBeLessThan(ids.indexOf(later.id));
      const first = queue.body.items.find((i: any) => i.id === soon.id);
      expect(first).toMatchObject({
        overdue: false,
        nextDue: { kind: 'on_site' },
        departmentId: dept,
        ownerId: a.user!.id,
      });

      q.clock.advanceMinutes(20);
      const overdue = await a.get(`/api/requests?estateId=${est}&overdue=true&pageSize=200`);
      const overdueIds = overdue.body.items.map((i: any) => i.id);
      expect(overdueIds).toContain(soon.id);
      expect(overdueIds).not.toContain(later.id);
      expect(overdue.body.items.find((i: any) => i.id === soon.id).overdue).toBe(true);
    } finally {
      await q.close();
    }
  });

  it('finds requests by number, the reporter’s phone digits, the unit as staff write it, and words', async () => {
    const r = (await agent.post('/api/requests', repair({ description: '阳台地漏反水，有异味' }))).body;
    const byNumber = await agent.get(`/api/requests?q=${r.number.toLowerCase()}`);
    expect(byNumber.body.items.map((i: any) => i.id)).toEqual([r.id]);
    const byPhone = await agent.get(`/api/requests?q=${r.reporterPhone.slice(-4)}&pageSize=200`);
    expect(byPhone.body.items.map((i: any) => i.id)).toContain(r.id);
    const byUnit = await agent.get(`/api/requests?q=${encodeURIComponent(r.unitLabel)}&pageSize=200`);
    expect(byUnit.body.items.map((i: any) => i.id)).toContain(r.id);
    const byWords = await agent.get(`/api/requests?q=${encodeURIComponent('地漏反水')}&pageSize=200`);
    expect(byWords.body.items.map((i: any) => i.id)).toContain(r.id);
    expect(byWords.body.items.every((i: any) => i.description.includes('地漏反水'))).toBe(true);
  });
});
