/**
 * The unit file (一户一档) through the API: what one read gathers (people with masked phones, the
 * unit's requests and complaints, callbacks, visits), and the file's own records — key hand-overs and returns,
 * meters, move-ins, decorations, documents — with their guards: versions, field errors, residents of
 * the unit only, another estate out of reach.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows, textArray } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let agent: Client;
let manager: Client;
let steward: Client;
let tech: Client;
let twAgent: Client;
let ygh: string;
/** An occupied unit of 阳光花园 with its resident. */
let unit: { id: string; label: string; residentId: string; phone: string };
/** A resident of another unit of 阳光花园, and one of 天物大厦. */
let otherResident: string;
let twResident: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
/** A 1×1 PNG: a signature drawn on screen, as far as the upload check goes. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  ctx = await createTestContext();
  [agent, manager, steward, tech, twAgent] = (await Promise.all(
    ['agent', 'manager', 'steward', 'tech', 'tw_agent'].map((u) => ctx.login(u)),
  )) as [Client, Client, Client, Client, Client];
  ygh = (await agent.get('/api/estates')).body.items[0].id;
  const [u] = await rows<{ id: string; label: string; resident_id: string; phone: string }>(
    ctx.database.db,
    sql`select u.id, b.name || '-' || u.number as label, r.id as resident_id, r.phones[1] as phone
        from units u join buildings b on b.id = u.building_id
        join resident_units ru on ru.unit_id = u.id and ru.relation = 'owner'
        join residents r on r.id = ru.resident_id
        where u.estate_id = ${ygh} and b.name = '3栋' order by u.floor, u.number limit 1`,
  );
  unit = { id: u!.id, label: u!.label, residentId: u!.resident_id, phone: u!.phone };
  const [other] = await rows<{ id: string }>(
    ctx.database.db,
    sql`select ru.resident_id as id from resident_units ru where ru.estate_id = ${ygh} and ru.unit_id <> ${unit.id} limit 1`,
  );
  otherResident = other!.id;
  const [tw] = await rows<{ id: string }>(
    ctx.database.db,
    sql`select r.id from residents r join estates e on e.id = r.estate_id where e.name = '天物大厦' limit 1`,
  );
  twResident = tw!.id;
});
afterAll(() => ctx.close());

const file = async (client: Client = agent) => {
  const res = await client.get(`/api/units/${unit.id}/file`);
  expect(res.status).toBe(200);
  return res.body;
};

describe('the file', () => {
  it('shows the unit’s facts and people, phones masked as 138****8000', async () => {
    const f = await file();
    expect(f.unit).toMatchObject({ id: unit.id, label: unit.label, estateName: '阳光花园' });
    expect(f.timeZone).toBe('Asia/Shanghai');
    const owner = f.people.find((p: any) => p.residentId === unit.residentId);
    expect(owner).toMatchObject({ relation: 'owner', grade: expect.stringMatching(/^[ABCD]$/) });
    expect(owner.phones).toEqual([`${unit.phone.slice(0, 3)}****${unit.phone.slice(-4)}`]);
    for (const p of f.people) for (const phone of p.phones) expect(phone).toMatch(/^1\d{2}\*{4}\d{4}$/);
    expect(JSON.stringify(f)).not.toContain(unit.phone);
    expect(f.people[0].relation).toBe('owner');
  });

  it('lists the unit’s requests and complaints with their numbers and states, newest first', async () => {
    const before = (await file()).requests;
    const repair = await agent.post('/api/requests', {
      estateId: ygh,
      unitId: unit.id,
      residentId: unit.residentId,
      channel: 'phone',
      type: 'repair',
      description: '卫生间地漏返水',
    });
    const complaint = await agent.post('/api/requests', {
      estateId: ygh,
      unitId: unit.id,
      residentId: unit.residentId,
      channel: 'phone',
      type: 'complaint',
      description: '楼上住户深夜噪音扰民',
    });
    expect([repair.status, complaint.status]).toEqual([201, 201]);
    const after = (await file()).requests;
    expect(after.total).toBe(before.total + 2);
    expect(after.open).toBe(before.open + 2);
    expect(after.complaints).toBe(before.complaints + 1);
    expect(after.items.slice(0, 2).map((r: any) => [r.number, r.type, r.state])).toEqual([
      [complaint.body.number, 'complaint', 'new'],
      [repair.body.number, 'repair', 'new'],
    ]);
    // Nobody else's requests: every one is of this unit.
    const ids = after.items.map((r: any) => r.id);
    const [others] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from requests where id = any(${textArray(ids)}) and unit_id <> ${unit.id}`,
    );
    expect(others!.n).toBe(0);
  });

  it('lists the callbacks of the unit’s requests', async () => {
    const [withCallback] = await rows<{ unit_id: string; n: number }>(
      ctx.database.db,
      sql`select q.unit_id, count(*)::int as n from callbacks c join requests q on q.id = c.request_id
          where q.estate_id = ${ygh} and q.unit_id is not null group by q.unit_id order by count(*) desc limit 1`,
    );
    const res = await agent.get(`/api/units/${withCallback!.unit_id}/file`);
    expect(res.body.callbacks.total).toBe(withCallback!.n);
    expect(res.body.callbacks.items[0]).toMatchObject({
      requestNumber: expect.any(String),
      byName: expect.any(String),
      reached: expect.any(Boolean),
    });
  });

  it('lists the stewards’ visits to the household, newest first, with the requests they became', async () => {
    const before = (await file()).visits.total;
    const call = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: unit.id,
      residentId: unit.residentId,
      way: 'phone',
      topics: ['fees'],
      opinions: '业主询问物业费缴纳方式',
    });
    expect(call.status).toBe(201);
    ctx.clock.advanceMinutes(10);
    const visit = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: unit.id,
      way: 'visit',
      metName: '李先生',
      topics: ['security', 'repairs'],
      followUps: [{ type: 'repair', description: '阳台下水慢（走访时业主反映）' }],
    });
    expect(visit.status).toBe(201);
    const other = await steward.post('/api/visits', {
      estateId: ygh,
      unitId: (
        await rows<{ unit_id: string }>(
          ctx.database.db,
          sql`select unit_id from resident_units where resident_id = ${otherResident} limit 1`,
        )
      )[0]!.unit_id,
      way: 'phone',
      topics: ['cleaning'],
    });
    expect(other.status).toBe(201);

    const f = await file();
    expect(f.visits.total).toBe(before + 2);
    expect(f.visits.items[0]).toMatchObject({
      id: visit.body.id,
      way: 'visit',
      metName: '李先生',
      topics: ['security', 'repairs'],
      visitedByName: expect.any(String),
      requests: [{ number: expect.stringMatching(/^BX/) }],
    });
    expect(f.visits.items[1]).toMatchObject({ id: call.body.id, opinions: '业主询问物业费缴纳方式' });
    expect(f.visits.items.map((v: { id: string }) => v.id)).not.toContain(other.body.id);
    // The follow-up request is on the file's request list too.
    expect(f.requests.items.map((r: { id: string }) => r.id)).toContain(visit.body.requests[0].id);
  });

  it('is read by every staff role of the estate and by no one of another estate (404)', async () => {
    expect((await tech.get(`/api/units/${unit.id}/file`)).status).toBe(200);
    const foreign = await twAgent.get(`/api/units/${unit.id}/file`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.error.message).toBe('房屋不存在');
  });
});

describe('keys (钥匙)', () => {
  it('records a hand-over and its return, with who handed and who took back', async () => {
    const handed = await steward.post(`/api/units/${unit.id}/keys`, {
      keyName: '入户门钥匙',
      copies: 2,
      holderName: '王师傅（装修负责人）',
      handedAt: '2026-11-20T09:30:00+08:00',
      note: '装修期间使用',
    });
    expect(handed.status).toBe(201);
    expect(handed.body).toMatchObject({
      keyName: '入户门钥匙',
      copies: 2,
      handedByName: steward.user!.name,
      returnedAt: null,
      version: 1,
    });
    const returned = await agent.patch(`/api/units/${unit.id}/keys/${handed.body.id}`, {
      version: 1,
      returnedAt: '2026-11-21T18:00:00+08:00',
    });
    expect(returned.body).toMatchObject({
      returnedAt: '2026-11-21T10:00:00.000Z',
      returnedToName: agent.user!.name,
      version: 2,
    });
    const stale = await agent.patch(`/api/units/${unit.id}/keys/${handed.body.id}`, {
      version: 1,
      returnedAt: null,
    });
    expect(stale.status).toBe(409);
    expect((await file()).keys.find((k: any) => k.id === handed.body.id)).toMatchObject({ version: 2 });
    const events = await rows<{ action: string }>(
      ctx.database.db,
      sql`select action from events where entity_type = 'unit_key' and entity_id = ${handed.body.id} order by at, id`,
    );
    expect(events.map((e) => e.action)).toEqual(['handed_over', 'changed']);
  });

  it('refuses a hand-over in the future, a return before it, and a holder who is not of the unit', async () => {
    const before = (await file()).keys.length;
    const future = await agent.post(`/api/units/${unit.id}/keys`, {
      keyName: '门禁卡',
      holderName: '张三',
      handedAt: new Date(ctx.clock.now().getTime() + 86_400_000).toISOString(),
    });
    expect(future.body.error.fields).toEqual({ handedAt: '不能晚于当前时间' });
    const stranger = await agent.post(`/api/units/${unit.id}/keys`, {
      keyName: '门禁卡',
      holderName: '张三',
      holderResidentId: otherResident,
      handedAt: '2026-11-20T09:30:00+08:00',
    });
    expect(stranger.body.error.fields).toEqual({ holderResidentId: '该住户不是本房屋的住户' });
    const foreign = await agent.post(`/api/units/${unit.id}/keys`, {
      keyName: '门禁卡',
      holderName: '张三',
      holderResidentId: twResident,
      handedAt: '2026-11-20T09:30:00+08:00',
    });
    expect(foreign.status).toBe(400);
    const ok = await agent.post(`/api/units/${unit.id}/keys`, {
      keyName: '门禁卡',
      holderName: '业主本人',
      holderResidentId: unit.residentId,
      handedAt: '2026-11-20T09:30:00+08:00',
    });
    expect(ok.status).toBe(201);
    const early = await agent.patch(`/api/units/${unit.id}/keys/${ok.body.id}`, {
      version: 1,
      returnedAt: '2026-11-19T09:30:00+08:00',
    });
    expect(early.body.error.fields).toEqual({ returnedAt: '归还时间不能早于交接时间' });
    expect((await file()).keys.length).toBe(before + 1);
  });

  it('keeps the technician (no front-office role) from recording keys (403)', async () => {
    const res = await tech.post(`/api/units/${unit.id}/keys`, {
      keyName: '入户门钥匙',
      holderName: '张三',
      handedAt: '2026-11-20T09:30:00+08:00',
    });
    expect(res.status).toBe(403);
  });
});

describe('meters, move-ins and decorations', () => {
  it('records meters by number, one number per kind in the estate', async () => {
    const water = await agent.post(`/api/units/${unit.id}/meters`, {
      kind: 'water',
      number: 'SB-2026-0001',
      position: '厨房',
      installedOn: '2020-06-01',
    });
    expect(water.body).toMatchObject({ kind: 'water', number: 'SB-2026-0001', removedOn: null });
    const [other] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from units where estate_id = ${ygh} and id <> ${unit.id} limit 1`,
    );
    const dup = await agent.post(`/api/units/${other!.id}/meters`, { kind: 'water', number: 'SB-2026-0001' });
    expect(dup.body.error.fields).toEqual({ number: `该表号已登记在 ${unit.label}` });
    // The same number on another kind of meter is another meter.
    expect(
      (await agent.post(`/api/units/${other!.id}/meters`, { kind: 'gas', number: 'SB-2026-0001' })).status,
    ).toBe(201);
    const early = await agent.patch(`/api/units/${unit.id}/meters/${water.body.id}`, {
      version: 1,
      removedOn: '2019-01-01',
    });
    expect(early.body.error.fields).toEqual({ removedOn: '拆除日期不能早于安装日期' });
    const replaced = await agent.patch(`/api/units/${unit.id}/meters/${water.body.id}`, {
      version: 1,
      removedOn: '2026-11-01',
    });
    expect(replaced.body).toMatchObject({ removedOn: '2026-11-01', version: 2 });
  });

  it('records a move-in with the documents checked and the person who handled it', async () => {
    const res = await agent.post(`/api/units/${unit.id}/move-ins`, {
      movedInOn: '2026-10-08',
      residentId: unit.residentId,
      residentName: '业主',
      documentsChecked: ['purchase_contract', 'id_card', 'id_card'],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      movedInOn: '2026-10-08',
      handledByName: agent.user!.name,
      documentsChecked: ['purchase_contract', 'id_card'],
    });
    const bad = await agent.post(`/api/units/${unit.id}/move-ins`, {
      movedInOn: '2026-10-08',
      residentName: '业主',
      documentsChecked: ['passport'],
    });
    expect(bad.body.error.fields['documentsChecked.0']).toMatch(/^取值无效/);
  });

  it('records a decoration, moves its status, and removes an entry made by mistake at its version', async () => {
    const wrongWay = await agent.post(`/api/units/${unit.id}/decorations`, {
      startsOn: '2026-12-01',
      endsOn: '2026-11-01',
      contractor: '示范装饰',
    });
    expect(wrongWay.body.error.fields).toEqual({ endsOn: '开始日期不能晚于结束日期' });
    const d = await manager.post(`/api/units/${unit.id}/decorations`, {
      startsOn: '2026-11-01',
      endsOn: '2027-01-31',
      contractor: '示范装饰工程有限公司',
      permitNo: 'ZX-2026-031',
    });
    expect(d.body).toMatchObject({ status: 'applied', permitNo: 'ZX-2026-031' });
    const started = await manager.patch(`/api/units/${unit.id}/decorations/${d.body.id}`, {
      version: 1,
      status: 'in_progress',
    });
    expect(started.body).toMatchObject({ status: 'in_progress', version: 2 });
    const shorter = await manager.patch(`/api/units/${unit.id}/decorations/${d.body.id}`, {
      version: 2,
      endsOn: '2026-10-01',
    });
    expect(shorter.body.error.fields).toEqual({ endsOn: '开始日期不能晚于结束日期' });

    const mistake = await manager.post(`/api/units/${unit.id}/decorations`, {
      startsOn: '2026-11-01',
      endsOn: '2026-11-02',
      contractor: '录错了',
    });
    expect(
      (await manager.delete(`/api/units/${unit.id}/decorations/${mistake.body.id}?version=9`)).status,
    ).toBe(409);
    expect(
      (await manager.delete(`/api/units/${unit.id}/decorations/${mistake.body.id}?version=1`)).status,
    ).toBe(204);
    const list = (await file()).decorations;
    expect(list.map((x: any) => x.id)).toEqual([d.body.id]);
    const [removed] = await rows<{ data: any }>(
      ctx.database.db,
      sql`select data from events where entity_id = ${mistake.body.id} and action = 'removed'`,
    );
    expect(removed!.data.record).toMatchObject({ contractor: '录错了' });
  });

  it('finds a record under its own unit only', async () => {
    const d = (await file()).decorations[0];
    const [other] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from units where estate_id = ${ygh} and id <> ${unit.id} limit 1`,
    );
    const res = await manager.patch(`/api/units/${other!.id}/decorations/${d.id}`, {
      version: d.version,
      status: 'cancelled',
    });
    expect(res.status).toBe(404);
  });
});

describe('documents', () => {
  it('attaches an uploaded document to the unit and takes it off again', async () => {
    const upload = await agent.post(`/api/files?estateId=${ygh}&kind=document`, PDF, {
      'content-type': 'application/pdf',
      'x-file-name': encodeURIComponent('房产证复印件.pdf'),
    });
    expect(upload.status).toBe(201);
    const attached = await agent.post(`/api/units/${unit.id}/documents`, {
      fileId: upload.body.id,
      title: '房产证复印件',
    });
    expect(attached.status).toBe(201);
    expect(attached.body).toMatchObject({
      name: '房产证复印件.pdf',
      title: '房产证复印件',
      url: upload.body.url,
    });
    expect((await file()).documents.map((d: any) => d.fileId)).toContain(upload.body.id);
    const again = await agent.post(`/api/units/${unit.id}/documents`, { fileId: upload.body.id });
    expect(again.body.error.fields).toEqual({
      fileId: '该附件已归档为房屋资料，不能再用于其他记录，请重新上传',
    });
    expect((await agent.delete(`/api/units/${unit.id}/documents/${upload.body.id}`)).status).toBe(204);
    expect((await file()).documents.map((d: any) => d.fileId)).not.toContain(upload.body.id);
  });

  it('refuses a file of another estate on the field, and a file of a request', async () => {
    const twd = (await twAgent.get('/api/estates')).body.items[0].id;
    const theirs = await twAgent.post(`/api/files?estateId=${twd}&kind=document`, PDF, {
      'content-type': 'application/pdf',
    });
    const res = await agent.post(`/api/units/${unit.id}/documents`, { fileId: theirs.body.id });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['fileId']);

    const photo = await agent.post(`/api/files?estateId=${ygh}&kind=document`, PDF, {
      'content-type': 'application/pdf',
    });
    const request = await agent.post('/api/requests', {
      estateId: ygh,
      unitId: unit.id,
      residentId: unit.residentId,
      channel: 'phone',
      type: 'repair',
      description: '阳台门关不上',
      attachments: [photo.body.id],
    });
    expect(request.status).toBe(201);
    const used = await agent.post(`/api/units/${unit.id}/documents`, { fileId: photo.body.id });
    expect(used.status).toBe(400);
    expect(Object.keys(used.body.error.fields)).toEqual(['fileId']);
  });
});

describe('one file, one record', () => {
  it('keeps a unit’s document off requests until it is taken off the unit', async () => {
    const doc = await agent.post(`/api/files?estateId=${ygh}&kind=document`, PDF, {
      'content-type': 'application/pdf',
    });
    expect((await agent.post(`/api/units/${unit.id}/documents`, { fileId: doc.body.id })).status).toBe(201);
    const intake = {
      estateId: ygh,
      unitId: unit.id,
      residentId: unit.residentId,
      channel: 'phone',
      type: 'repair',
      description: '入户门门锁松动',
      attachments: [doc.body.id],
    };
    const refused = await agent.post('/api/requests', intake);
    expect(refused.status).toBe(400);
    expect(refused.body.error.fields).toEqual({
      'attachments.0': '该附件已归档为房屋资料，不能再用于其他记录，请重新上传',
    });
    expect((await agent.delete(`/api/units/${unit.id}/documents/${doc.body.id}`)).status).toBe(204);
    expect((await agent.post('/api/requests', intake)).status).toBe(201);
  });

  it('keeps a resident’s signature on a visit from serving another visit or the unit’s documents', async () => {
    const sig = await steward.post(`/api/files?estateId=${ygh}&kind=signature`, PNG, {
      'content-type': 'image/png',
    });
    expect(sig.status).toBe(201);
    const visit = {
      estateId: ygh,
      unitId: unit.id,
      way: 'visit',
      topics: ['security'],
      signatureFileId: sig.body.id,
    };
    expect((await steward.post('/api/visits', visit)).status).toBe(201);
    const second = await steward.post('/api/visits', visit);
    expect(second.status).toBe(400);
    expect(second.body.error.fields).toEqual({
      signatureFileId: '该签名已用于一次走访记录，不能再用于其他记录',
    });
    const asDocument = await agent.post(`/api/units/${unit.id}/documents`, { fileId: sig.body.id });
    expect(asDocument.status).toBe(400);
    expect(Object.keys(asDocument.body.error.fields)).toEqual(['fileId']);
  });
});

describe('demo files', () => {
  it('gives every unit its meters, 1栋’s households a move-in, and units being decorated a decoration with keys out', async () => {
    const [decorating] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select id from units where estate_id = ${ygh} and status = 'decorating' order by id limit 1`,
    );
    const f = (await agent.get(`/api/units/${decorating!.id}/file`)).body;
    expect(f.meters.map((m: any) => m.kind).sort()).toEqual(['electricity', 'gas', 'water']);
    expect(f.decorations[0]).toMatchObject({
      status: 'in_progress',
      permitNo: expect.stringMatching(/^ZX-/),
    });
    expect(f.keys.some((k: any) => k.returnedAt === null && k.holderName.includes('装修负责人'))).toBe(true);
    expect(f.statusHistory[0]).toMatchObject({ from: 'vacant', to: 'decorating' });

    const [household] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select u.id from units u join buildings b on b.id = u.building_id
          where b.estate_id = ${ygh} and b.name = '1栋' and u.number = '1801'`,
    );
    const vip = (await agent.get(`/api/units/${household!.id}/file`)).body;
    expect(vip.moveIns[0].documentsChecked.length).toBeGreaterThan(0);
    expect(vip.decorations[0]).toMatchObject({ status: 'inspected' });
  });
});
