/**
 * The person record through the API (spec 03 §2–3, §5; contract 09 "Residents"): create with clear
 * field errors and nothing written on bad input, masked numbers in every answer, changes at a version,
 * grading with its history and roles, relations to units, the owners' letters, the audited reveal per
 * role (and the technician's assigned order), and the audit list scoped to the caller's estates.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';

let ctx: TestContext;
let ygh: string;
let twd: string;
let eng: string;
const clients: Record<string, Client> = {};
/** Free units of each estate (no resident yet), for relations. */
const freeUnits: Record<string, string[]> = {};
let twdUnit: string;

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n', 'latin1');
const MASKED_PHONE = /^\d{3}\*{4}\d{4}$/;
const MASKED_ID = /^\d{6}\*{8}[\dX]{4}$/;

const USERS = [
  'admin',
  'manager',
  'supervisor',
  'agent',
  'steward',
  'lobby',
  'cashier',
  'tech',
  'tech2',
  'eng_lead',
  'night',
  'quality',
  'tw_agent',
  'tw_manager',
] as const;
const as = (u: (typeof USERS)[number]) => clients[u]!;

beforeAll(async () => {
  ctx = await createTestContext();
  for (const u of USERS) clients[u] = await ctx.login(u);
  const estates = (await as('admin').get('/api/estates')).body.items;
  ygh = estates.find((e: any) => e.name === '阳光花园').id;
  twd = estates.find((e: any) => e.name === '天物大厦').id;
  eng = (await as('agent').get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  for (const row of await rows<{ id: string; estate_id: string }>(
    ctx.database.db,
    sql`select u.id, u.estate_id from units u
        where not exists (select 1 from resident_units ru where ru.unit_id = u.id) order by u.id`,
  )) {
    freeUnits[row.estate_id] ??= [];
    freeUnits[row.estate_id]!.push(row.id);
  }
  twdUnit = freeUnits[twd]![0]!;
});
afterAll(() => ctx.close());

let seq = 0;
/** A valid new person of 阳光花园 (distinct phone and ID number each time). */
function person(extra: Record<string, unknown> = {}) {
  seq++;
  const birthday = `1990-${String(1 + Math.floor(seq / 28)).padStart(2, '0')}-${String(1 + (seq % 28)).padStart(2, '0')}`;
  const first17 = `440305${birthday.replaceAll('-', '')}013`;
  return {
    estateId: ygh,
    name: `测试住户${seq}`,
    gender: 'male',
    birthday,
    phones: [`1390000${String(7000 + seq).padStart(4, '0')}`],
    idNumber: first17 + checksum(first17),
    ...extra,
  };
}
function checksum(first17: string) {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * w[i]!;
  return '10X98765432'[sum % 11]!;
}

async function create(extra: Record<string, unknown> = {}) {
  const body = person(extra);
  const res = await as('agent').post('/api/residents', body);
  expect(res.status).toBe(201);
  return { body, resident: res.body };
}

async function countResidents() {
  const [r] = await rows<{ n: number }>(ctx.database.db, sql`select count(*)::int as n from residents`);
  return r!.n;
}

async function reveals(residentId: string) {
  return rows<{ actor_id: string; data: any }>(
    ctx.database.db,
    sql`select actor_id, data from events where entity_type = 'resident' and entity_id = ${residentId}
        and action = 'reveal' order by at, id`,
  );
}

/** Nothing in the answer holds these numbers in full. */
function expectNoneOf(body: unknown, secrets: string[]) {
  const text = JSON.stringify(body);
  for (const s of secrets) expect(text).not.toContain(s);
}

describe('POST /api/residents', () => {
  it('registers a person with normalised numbers, answering with them masked', async () => {
    const first17 = '31010419851120345';
    const res = await as('agent').post('/api/residents', {
      estateId: ygh,
      name: ' 林小雨 ',
      gender: 'male',
      birthday: '1985-11-20',
      phones: ['+86 138-0013-8000', '0755 8888 6666'],
      idNumber: `${first17}x`,
      segment: 'couple_with_children',
      vehicles: ['粤b 12345', '粤BD12345'],
      emergencyContact: { name: '林太太', phone: '139 2222 3333', relation: '配偶' },
      moveInDate: '2019-06-01',
      notes: '喜欢电话联系',
      units: [{ unitId: freeUnits[ygh]![0], relation: 'owner', since: '2019-05-20' }],
    });
    expect(res.body.error).toBeUndefined();
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      estateId: ygh,
      estateName: '阳光花园',
      name: '林小雨',
      phones: ['138****8000', '075****6666'],
      idNumber: '310104********345X',
      segment: 'couple_with_children',
      vehicles: ['粤B12345', '粤BD12345'],
      emergencyContact: { name: '林太太', phone: '139****3333', relation: '配偶' },
      moveInDate: '2019-06-01',
      grade: 'C',
      gradeHistory: [],
      vipCard: null,
      version: 1,
      units: [{ unitId: freeUnits[ygh]![0], relation: 'owner', since: '2019-05-20' }],
    });
    expectNoneOf(res.body, ['13800138000', '075588886666', '13922223333', first17]);
    const [stored] = await rows<{ phones: string[]; id_number: string; emergency_phone: string }>(
      ctx.database.db,
      sql`select phones, id_number, emergency_phone from residents where id = ${res.body.id}`,
    );
    expect(stored).toEqual({
      phones: ['13800138000', '075588886666'],
      id_number: `${first17}X`,
      emergency_phone: '13922223333',
    });
    const audit = await as('manager').get(`/api/audit?residentId=${res.body.id}`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({ action: 'created', actorName: as('agent').user!.name }),
    ]);
  });

  it('names every bad field in Chinese and writes nothing', async () => {
    const before = await countResidents();
    const res = await as('agent').post('/api/residents', {
      estateId: ygh,
      name: '',
      phones: ['1380013800', '13800138000', '138 0013 8000'],
      idNumber: '110105194912310021',
      vehicles: ['粤B1234'],
      emergencyContact: { name: '张三', phone: '88886666' },
      units: [{ unitId: twdUnit, relation: 'owner' }],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    expect(res.body.error.fields).toMatchObject({
      name: '必填',
      'phones.0': expect.stringContaining('11 位手机号'),
      'phones.2': '与前面的重复',
      idNumber: '身份证号校验码不正确，请逐位核对',
      'vehicles.0': expect.stringContaining('车牌号格式不正确'),
      'emergencyContact.phone': expect.stringContaining('带区号的固定电话'),
    });
    expect(await countResidents()).toBe(before);
  });

  it('refuses 15-digit ID numbers, impossible birth dates and a unit of another estate, on their fields', async () => {
    const before = await countResidents();
    const legacy = await as('agent').post('/api/residents', person({ idNumber: '110105491231002' }));
    expect(legacy.status).toBe(400);
    expect(legacy.body.error.fields.idNumber).toBe('15 位一代身份证号已停止使用，请填写 18 位身份证号');
    const feb30 = '11010519490230002';
    const bad = await as('agent').post('/api/residents', person({ idNumber: feb30 + checksum(feb30) }));
    expect(bad.body.error.fields.idNumber).toMatch(/出生日期/);
    const born2030 = '11010520300101002';
    const future = await as('agent').post(
      '/api/residents',
      person({ idNumber: born2030 + checksum(born2030), birthday: null, gender: null }),
    );
    expect(future.body.error.fields.idNumber).toMatch(/出生日期/);

    // Checks across fields: the birthday and gender the number holds.
    const mismatch = await as('agent').post(
      '/api/residents',
      person({ idNumber: '11010519491231002X', birthday: '1950-01-01', gender: 'male' }),
    );
    expect(mismatch.status).toBe(400);
    expect(mismatch.body.error.fields).toEqual({
      birthday: '出生日期与身份证号中的日期（1949-12-31）不一致',
      gender: '性别与身份证号不一致（身份证号为女性）',
    });

    const foreign = await as('agent').post(
      '/api/residents',
      person({
        units: [
          { unitId: freeUnits[ygh]![1], relation: 'owner' },
          { unitId: twdUnit, relation: 'tenant' },
        ],
      }),
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual({ 'units.1.unitId': '房屋不存在或不属于该项目' });

    const otherEstate = await as('agent').post('/api/residents', person({ estateId: twd }));
    expect(otherEstate.status).toBe(400);
    expect(otherEstate.body.error.fields).toHaveProperty('estateId');
    expect(await countResidents()).toBe(before);

    const english = await as('agent').post('/api/residents', person({ idNumber: '110105194912310021' }), {
      'accept-language': 'en',
    });
    expect(english.body.error.fields.idNumber).toBe(
      'The check digit does not match; check the number digit by digit',
    );
  });

  it('refuses an ID number already on file in the estate', async () => {
    const { body } = await create();
    const again = await as('agent').post('/api/residents', person({ idNumber: body.idNumber }));
    expect(again.status).toBe(400);
    expect(again.body.error.fields.idNumber).toBe(`该身份证号已登记在本项目住户“${body.name}”名下`);
  });

  it('is for the desk, stewards and management only', async () => {
    for (const u of ['lobby', 'cashier', 'tech', 'quality'] as const)
      expect((await as(u).post('/api/residents', person())).status).toBe(403);
    expect((await as('steward').post('/api/residents', person())).status).toBe(201);
  });
});

describe('GET /api/residents/:id', () => {
  it('shows the record masked, with units, and is 404 for another estate’s staff', async () => {
    const { body, resident } = await create({
      emergencyContact: { name: '王五', phone: '13911112222' },
      units: [{ unitId: freeUnits[ygh]![2], relation: 'tenant' }],
    });
    const res = await as('tech').get(`/api/residents/${resident.id}`);
    expect(res.status).toBe(200);
    expect(res.body.phones.every((p: string) => MASKED_PHONE.test(p))).toBe(true);
    expect(res.body.idNumber).toMatch(MASKED_ID);
    expect(res.body.units[0]).toMatchObject({ relation: 'tenant', unitLabel: expect.stringMatching(/栋-/) });
    expectNoneOf(res.body, [...body.phones, body.idNumber, '13911112222']);
    expect((await as('tw_agent').get(`/api/residents/${resident.id}`)).status).toBe(404);
    expect((await as('tw_manager').get(`/api/residents/${resident.id}`)).status).toBe(404);
  });

  it('keeps the residents list and the desk look-up masked and working', async () => {
    const { body, resident } = await create({ units: [{ unitId: freeUnits[ygh]![3], relation: 'agent' }] });
    const list = await as('agent').get(`/api/residents?estateId=${ygh}&phone=${body.phones[0]}`);
    expect(list.body.items).toEqual([
      expect.objectContaining({ id: resident.id, phones: [expect.stringMatching(MASKED_PHONE)] }),
    ]);
    expect(list.body.items[0].units[0].relation).toBe('agent');
    const lookup = await as('agent').get(`/api/lookup?estateId=${ygh}&phone=${body.phones[0]}`);
    expect(lookup.body.residents[0]).toMatchObject({ id: resident.id, grade: 'C', vip: false });
    expectNoneOf([list.body, lookup.body], [body.phones[0] as string, body.idNumber]);
  });
});

describe('PATCH /api/residents/:id', () => {
  it('changes the record at its version, keeping masked phones by position; a stale version is 409', async () => {
    const { resident } = await create({ phones: ['13700001111', '13700002222'] });
    const res = await as('supervisor').patch(`/api/residents/${resident.id}`, {
      version: 1,
      name: '改名后',
      phones: [{ keep: 1 }, '021-62345678'],
      vehicles: ['京A·88888'],
      segment: 'empty_nest',
      notes: null,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '改名后',
      phones: ['137****2222', '021****5678'],
      vehicles: ['京A88888'],
      segment: 'empty_nest',
      notes: null,
      version: 2,
    });
    const [stored] = await rows<{ phones: string[] }>(
      ctx.database.db,
      sql`select phones from residents where id = ${resident.id}`,
    );
    expect(stored!.phones).toEqual(['13700002222', '02162345678']);

    const stale = await as('manager').patch(`/api/residents/${resident.id}`, { version: 1, name: '晚了' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect((await as('agent').get(`/api/residents/${resident.id}`)).body.name).toBe('改名后');

    // The audit event holds what changed, numbers masked.
    const [event] = await rows<{ data: any }>(
      ctx.database.db,
      sql`select data from events where entity_id = ${resident.id} and action = 'updated'`,
    );
    expect(event!.data.fields).toEqual(['name', 'phones', 'segment', 'vehicles']);
    expect(event!.data.changes.phones).toEqual({
      from: ['137****1111', '137****2222'],
      to: ['137****2222', '021****5678'],
    });
    expectNoneOf(event, ['13700001111', '13700002222', '02162345678']);
  });

  it('gives field errors and changes nothing on bad input', async () => {
    const { resident } = await create();
    const res = await as('supervisor').patch(`/api/residents/${resident.id}`, {
      version: 1,
      phones: [{ keep: 3 }, '12345'],
      idNumber: '11010519491231003X',
      emergencyContact: { name: '赵六' },
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields).toMatchObject({
      'phones.1': expect.stringContaining('11 位手机号'),
      idNumber: '身份证号校验码不正确，请逐位核对',
    });
    const second = await as('supervisor').patch(`/api/residents/${resident.id}`, {
      version: 1,
      phones: [{ keep: 3 }],
      emergencyContact: { name: '赵六' },
    });
    expect(second.body.error.fields).toEqual({
      'phones.0': '要保留的号码不存在（现有 1 个号码）',
      'emergencyContact.phone': '请填写紧急联系人电话',
    });
    const after = await as('agent').get(`/api/residents/${resident.id}`);
    expect(after.body).toMatchObject({ version: 1, emergencyContact: null });
  });

  it('is for the supervisor, the manager and the company (others 403)', async () => {
    const { resident } = await create();
    for (const u of [
      'agent',
      'steward',
      'lobby',
      'cashier',
      'tech',
      'eng_lead',
      'night',
      'quality',
    ] as const) {
      const res = await as(u).patch(`/api/residents/${resident.id}`, { version: 1, notes: '越权' });
      expect({ u, status: res.status }).toEqual({ u, status: 403 });
    }
    expect(
      (await as('tw_manager').patch(`/api/residents/${resident.id}`, { version: 1, notes: 'x' })).status,
    ).toBe(404);
    const ok = await as('admin').patch(`/api/residents/${resident.id}`, { version: 1, notes: '公司备注' });
    expect(ok.body).toMatchObject({ notes: '公司备注', version: 2 });
  });
});

describe('grading', () => {
  it('records each change with who, when, from, to and the reason; a reason is required', async () => {
    const { resident } = await create();
    const noReason = await as('supervisor').patch(`/api/residents/${resident.id}`, {
      version: 1,
      grade: 'D',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.fields).toEqual({ gradeReason: '调整客户等级须填写原因' });

    const d = await as('supervisor').patch(`/api/residents/${resident.id}`, {
      version: 1,
      grade: 'D',
      gradeReason: '一年内 5 次无效投诉',
    });
    expect(d.status).toBe(200);
    ctx.clock.advanceMinutes(10);
    const a = await as('manager').patch(`/api/residents/${resident.id}`, {
      version: d.body.version,
      grade: 'A',
      gradeReason: '区人大代表',
    });
    expect(a.body.grade).toBe('A');
    expect(a.body.gradeHistory).toEqual([
      {
        at: expect.any(String),
        from: 'C',
        to: 'D',
        reason: '一年内 5 次无效投诉',
        byId: as('supervisor').user!.id,
        byName: as('supervisor').user!.name,
      },
      expect.objectContaining({ from: 'D', to: 'A', reason: '区人大代表', byId: as('manager').user!.id }),
    ]);
    expect(new Date(a.body.gradeHistory[1].at).getTime()).toBeGreaterThan(
      new Date(a.body.gradeHistory[0].at).getTime(),
    );
    // The same grade again is no change (and needs no reason).
    const same = await as('manager').patch(`/api/residents/${resident.id}`, {
      version: a.body.version,
      grade: 'A',
    });
    expect(same.body).toMatchObject({ version: a.body.version, gradeHistory: a.body.gradeHistory });
  });

  it('refuses a grade change from every other role', async () => {
    const { resident } = await create();
    for (const u of ['agent', 'steward', 'lobby', 'cashier', 'tech', 'night', 'quality'] as const) {
      const res = await as(u).patch(`/api/residents/${resident.id}`, {
        version: 1,
        grade: 'A',
        gradeReason: '越权',
      });
      expect({ u, status: res.status }).toEqual({ u, status: 403 });
    }
    expect((await as('agent').get(`/api/residents/${resident.id}`)).body.grade).toBe('C');
  });

  it('puts an A-grade resident’s requests first in the desk’s queue at once', async () => {
    const { resident } = await create({ units: [{ unitId: freeUnits[ygh]![4], relation: 'owner' }] });
    const r = await as('agent').post('/api/requests', {
      estateId: ygh,
      unitId: freeUnits[ygh]![4],
      residentId: resident.id,
      channel: 'phone',
      type: 'enquiry',
      description: '咨询停车位租赁',
    });
    const vip = async () =>
      (await as('agent').get(`/api/requests?estateId=${ygh}&sort=priority&pageSize=200`)).body.items.find(
        (i: any) => i.id === r.body.id,
      ).vip;
    expect(await vip()).toBe(false);
    await as('manager').patch(`/api/residents/${resident.id}`, {
      version: 1,
      grade: 'A',
      gradeReason: '重点客户',
    });
    expect(await vip()).toBe(true);
  });
});

describe('relations to units', () => {
  it('adds and ends a relation; a unit of another estate is a 400 on the field and nothing is written', async () => {
    const { resident } = await create();
    const unit = freeUnits[ygh]![5]!;
    const added = await as('steward').post(`/api/residents/${resident.id}/units`, {
      unitId: unit,
      relation: 'decoration_lead',
      since: '2026-10-01',
    });
    expect(added.status).toBe(201);
    expect(added.body.units).toEqual([
      expect.objectContaining({ unitId: unit, relation: 'decoration_lead', since: '2026-10-01' }),
    ]);
    const twice = await as('steward').post(`/api/residents/${resident.id}/units`, {
      unitId: unit,
      relation: 'owner',
    });
    expect(twice.status).toBe(400);
    expect(twice.body.error.fields.unitId).toBe('该住户已与此房屋登记为“装修负责人”，如需变更请先结束原关系');

    const foreign = await as('agent').post(`/api/residents/${resident.id}/units`, {
      unitId: twdUnit,
      relation: 'owner',
    });
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.fields).toEqual({ unitId: '房屋不存在或不属于该项目' });
    const [links] = await rows<{ n: number }>(
      ctx.database.db,
      sql`select count(*)::int as n from resident_units where resident_id = ${resident.id}`,
    );
    expect(links!.n).toBe(1);

    const ended = await as('agent').post(`/api/residents/${resident.id}/units/${unit}/end`, {
      reason: '装修完工',
    });
    expect(ended.status).toBe(200);
    expect(ended.body.units).toEqual([]);
    expect(ended.body.pastUnits).toEqual([
      expect.objectContaining({
        unitId: unit,
        relation: 'decoration_lead',
        since: '2026-10-01',
        endedOn: '2026-11-22',
        reason: '装修完工',
      }),
    ]);
    expect((await as('agent').post(`/api/residents/${resident.id}/units/${unit}/end`, {})).status).toBe(404);
    expect(
      (
        await as('tw_agent').post(`/api/residents/${resident.id}/units`, {
          unitId: twdUnit,
          relation: 'owner',
        })
      ).status,
    ).toBe(404);
  });
});

describe('the owner’s authorisation letter', () => {
  it('files a letter of the unit’s owner for its tenant, with its validity', async () => {
    const unit = freeUnits[ygh]![6]!;
    const { resident: owner } = await create({ units: [{ unitId: unit, relation: 'owner' }] });
    const { resident: tenant } = await create({ units: [{ unitId: unit, relation: 'tenant' }] });
    const upload = (estateId: string) =>
      as('agent').post(`/api/files?estateId=${estateId}&kind=document`, PDF, {
        'content-type': 'application/pdf',
        'x-file-name': encodeURIComponent('业主委托书.pdf'),
      });
    const file = (await upload(ygh)).body;
    const letter = {
      unitId: unit,
      fileId: file.id,
      validFrom: '2026-11-01',
      validUntil: '2027-10-31',
      ownerResidentId: owner.id,
      note: '网络开户',
    };
    const res = await as('agent').post(`/api/residents/${tenant.id}/authorisations`, letter);
    expect(res.status).toBe(201);
    expect(res.body.authorisations).toEqual([
      expect.objectContaining({
        unitId: unit,
        ownerResidentId: owner.id,
        ownerName: owner.name,
        status: 'valid',
        note: '网络开户',
        file: expect.objectContaining({ id: file.id, name: '业主委托书.pdf', url: `/api/files/${file.id}` }),
      }),
    ]);

    const again = await as('agent').post(`/api/residents/${tenant.id}/authorisations`, letter);
    expect(again.body.error.fields).toEqual({
      fileId: '该附件已作为业主委托书登记，不能再用于其他记录，请重新上传',
    });
    // The letter is the letter only: not also a document of the unit.
    const asDocument = await as('agent').post(`/api/units/${unit}/documents`, { fileId: file.id });
    expect(asDocument.body.error.fields).toEqual({
      fileId: '该附件已作为业主委托书登记，不能再用于其他记录，请重新上传',
    });
    const file2 = (await upload(ygh)).body;
    const forOwner = await as('agent').post(`/api/residents/${owner.id}/authorisations`, {
      ...letter,
      fileId: file2.id,
      ownerResidentId: tenant.id,
    });
    expect(forOwner.status).toBe(400);
    expect(Object.keys(forOwner.body.error.fields).sort()).toEqual(['ownerResidentId', 'unitId']);
    const backwards = await as('agent').post(`/api/residents/${tenant.id}/authorisations`, {
      ...letter,
      fileId: file2.id,
      validUntil: '2026-10-01',
      ownerResidentId: undefined,
    });
    expect(backwards.body.error.fields).toEqual({
      validUntil: '有效期截止日不能早于开始日',
      ownerName: '请选择委托的业主，或填写业主姓名',
    });
    const expired = await as('agent').post(`/api/residents/${tenant.id}/authorisations`, {
      ...letter,
      fileId: file2.id,
      validFrom: '2025-01-01',
      validUntil: '2025-12-31',
      ownerResidentId: undefined,
      ownerName: '房东本人',
    });
    expect(expired.body.authorisations.map((a: any) => a.status)).toEqual(['valid', 'expired']);
    const otherFile = (
      await as('tw_agent').post(`/api/files?estateId=${twd}&kind=document`, PDF, {
        'content-type': 'application/pdf',
      })
    ).body;
    const foreignFile = await as('agent').post(`/api/residents/${tenant.id}/authorisations`, {
      ...letter,
      fileId: otherFile.id,
    });
    expect(foreignFile.status).toBe(400);
    expect(foreignFile.body.error.fields).toHaveProperty('fileId');
  });
});

describe('POST /api/residents/:id/reveal', () => {
  it('shows a number in full to the roles that need it, each view audited in the same transaction', async () => {
    const { body, resident } = await create({
      phones: ['13600001111', '0755-26668888'],
      emergencyContact: { name: '紧急联系人', phone: '13600002222' },
    });
    for (const u of ['agent', 'supervisor', 'steward', 'cashier', 'manager', 'admin'] as const) {
      const res = await as(u).post(`/api/residents/${resident.id}/reveal`, { field: 'phone' });
      expect({ u, status: res.status, body: res.body }).toEqual({
        u,
        status: 200,
        body: { value: '13600001111' },
      });
    }
    expect(
      (await as('agent').post(`/api/residents/${resident.id}/reveal`, { field: 'phone', index: 1 })).body,
    ).toEqual({ value: '075526668888' });
    expect(
      (await as('agent').post(`/api/residents/${resident.id}/reveal`, { field: 'idNumber' })).body,
    ).toEqual({
      value: body.idNumber,
    });
    expect(
      (await as('steward').post(`/api/residents/${resident.id}/reveal`, { field: 'emergencyPhone' })).body,
    ).toEqual({ value: '13600002222' });
    const audit = await reveals(resident.id);
    expect(audit.map((a) => a.actor_id)).toEqual([
      ...(['agent', 'supervisor', 'steward', 'cashier', 'manager', 'admin'] as const).map(
        (u) => as(u).user!.id,
      ),
      as('agent').user!.id,
      as('agent').user!.id,
      as('steward').user!.id,
    ]);
    expect(audit.slice(-3).map((a) => a.data)).toEqual([
      { field: 'phone', index: 1 },
      { field: 'idNumber' },
      { field: 'emergencyPhone' },
    ]);

    const missing = await as('agent').post(`/api/residents/${resident.id}/reveal`, {
      field: 'phone',
      index: 2,
    });
    expect(missing.status).toBe(400);
    expect(missing.body.error.fields).toEqual({ index: '没有第 3 个号码' });
    expect((await reveals(resident.id)).length).toBe(audit.length);
  });

  it('refuses the other roles (403) and other estates’ staff (404), recording nothing', async () => {
    const { resident } = await create();
    for (const u of ['lobby', 'eng_lead', 'night', 'quality', 'tech'] as const) {
      const res = await as(u).post(`/api/residents/${resident.id}/reveal`, { field: 'phone' });
      expect({ u, status: res.status }).toEqual({ u, status: 403 });
    }
    expect(
      (await as('tw_agent').post(`/api/residents/${resident.id}/reveal`, { field: 'phone' })).status,
    ).toBe(404);
    expect(
      (await as('tw_manager').post(`/api/residents/${resident.id}/reveal`, { field: 'idNumber' })).status,
    ).toBe(404);
    expect(await reveals(resident.id)).toEqual([]);
  });

  it('shows a technician the phone of a resident on an open order assigned to them, audited; nothing else', async () => {
    const { body, resident } = await create({ units: [{ unitId: freeUnits[ygh]![7], relation: 'owner' }] });
    const r = await as('agent').post('/api/requests', {
      estateId: ygh,
      unitId: freeUnits[ygh]![7],
      residentId: resident.id,
      channel: 'phone',
      type: 'repair',
      description: '卫生间漏水',
    });
    const reveal = (u: 'tech' | 'tech2', field = 'phone') =>
      as(u).post(`/api/residents/${resident.id}/reveal`, { field });
    expect((await reveal('tech')).status).toBe(403);
    const dispatched = await as('agent').post(`/api/requests/${r.body.id}/transitions`, {
      action: 'dispatch',
      version: r.body.version,
      departmentId: eng,
      assigneeId: as('tech').user!.id,
    });
    expect(dispatched.status).toBe(200);

    const seen = await reveal('tech');
    expect(seen.status).toBe(200);
    expect(seen.body).toEqual({ value: body.phones[0] });
    expect((await reveal('tech', 'idNumber')).status).toBe(403);
    const other = await reveal('tech2');
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe('维修人员只能查看派给本人、尚未关闭的工单上的住户电话');
    expect(await reveals(resident.id)).toEqual([
      { actor_id: as('tech').user!.id, data: { field: 'phone', index: 0, requestId: r.body.id } },
    ]);

    // The reporter's phone on the order itself, from the technician's order page.
    const onOrder = await as('tech').post(`/api/requests/${r.body.id}/reveal`, { field: 'reporterPhone' });
    expect(onOrder.body).toEqual({ value: body.phones[0] });
    expect(
      (await as('tech2').post(`/api/requests/${r.body.id}/reveal`, { field: 'reporterPhone' })).status,
    ).toBe(403);
    expect(
      (await as('lobby').post(`/api/requests/${r.body.id}/reveal`, { field: 'reporterPhone' })).status,
    ).toBe(403);
    expect(
      (await as('tw_agent').post(`/api/requests/${r.body.id}/reveal`, { field: 'reporterPhone' })).status,
    ).toBe(404);
    const detail = await as('agent').get(`/api/requests/${r.body.id}`);
    expect(detail.body.reporterPhone).toMatch(MASKED_PHONE);
    expect(detail.body.events.filter((e: any) => e.action === 'reveal')).toEqual([
      expect.objectContaining({ actorId: as('tech').user!.id }),
    ]);

    // Both views are in the resident's audit: the record's phone (naming the order) and the reporter's.
    const audit = await as('manager').get(`/api/audit?residentId=${resident.id}&action=reveal`);
    expect(audit.body.items).toEqual([
      expect.objectContaining({
        actorId: as('tech').user!.id,
        source: 'reporter',
        field: 'phone',
        requestId: r.body.id,
        requestNumber: r.body.number,
        residentId: resident.id,
      }),
      expect.objectContaining({
        source: 'record',
        field: 'phone',
        index: 0,
        requestId: r.body.id,
        requestNumber: r.body.number,
      }),
    ]);

    // Once the order is cancelled, the technician no longer sees the number.
    await as('agent').post(`/api/requests/${r.body.id}/transitions`, {
      action: 'cancel',
      version: dispatched.body.version,
      reason: '业主自行处理',
    });
    expect((await reveal('tech')).status).toBe(403);
    expect(
      (await as('tech').post(`/api/requests/${r.body.id}/reveal`, { field: 'reporterPhone' })).status,
    ).toBe(403);
  });
});

describe('GET /api/audit', () => {
  it('lists who saw which number when, for the manager and the company, paged and filtered', async () => {
    const { resident } = await create();
    await as('agent').post(`/api/residents/${resident.id}/reveal`, { field: 'phone' });
    ctx.clock.advanceMinutes(1);
    await as('cashier').post(`/api/residents/${resident.id}/reveal`, { field: 'idNumber' });

    const res = await as('manager').get(`/api/audit?residentId=${resident.id}&action=reveal`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(res.body.items).toEqual([
      {
        id: expect.any(String),
        at: expect.any(String),
        estateId: ygh,
        actorId: as('cashier').user!.id,
        actorName: as('cashier').user!.name,
        action: 'reveal',
        field: 'idNumber',
        source: 'record',
        residentId: resident.id,
        residentName: resident.name,
      },
      expect.objectContaining({ actorId: as('agent').user!.id, action: 'reveal', field: 'phone', index: 0 }),
    ]);
    const all = await as('admin').get(`/api/audit?residentId=${resident.id}`);
    expect(all.body.items.map((i: any) => i.action)).toEqual(['reveal', 'reveal', 'created']);
    const byAgent = await as('manager').get(
      `/api/audit?actorId=${as('agent').user!.id}&action=reveal&pageSize=200`,
    );
    expect(byAgent.body.items.every((i: any) => i.actorId === as('agent').user!.id)).toBe(true);
    expect(byAgent.body.items.some((i: any) => i.residentId === resident.id)).toBe(true);
    const paged = await as('manager').get(`/api/audit?action=reveal&pageSize=1&page=2`);
    expect(paged.body.items).toHaveLength(1);
    expect(paged.body.total).toBeGreaterThan(2);
    const today = await as('manager').get(
      `/api/audit?residentId=${resident.id}&from=2026-11-22&to=2026-11-22`,
    );
    expect(today.body.total).toBe(3);
    const before = await as('manager').get(`/api/audit?residentId=${resident.id}&to=2026-11-21`);
    expect(before.body.total).toBe(0);
  });

  it('shows another estate’s manager nothing of 阳光花园, and is closed to the other roles', async () => {
    const { resident } = await create();
    await as('agent').post(`/api/residents/${resident.id}/reveal`, { field: 'phone' });
    expect((await as('tw_manager').get(`/api/audit?residentId=${resident.id}`)).status).toBe(404);
    expect((await as('tw_manager').get(`/api/audit?estateId=${ygh}`)).status).toBe(404);
    const theirs = await as('tw_manager').get('/api/audit?pageSize=200');
    expect(theirs.status).toBe(200);
    expect(theirs.body.items.filter((i: any) => i.estateId !== twd)).toEqual([]);
    for (const u of ['agent', 'supervisor', 'steward', 'cashier', 'tech', 'quality'] as const)
      expect((await as(u).get(`/api/audit?residentId=${resident.id}`)).status).toBe(403);
  });
});

describe('demo data', () => {
  it('has a tenant with the owner’s letters and graded A/D customers with their history', async () => {
    const [tenant] = await rows<{ resident_id: string }>(
      ctx.database.db,
      sql`select resident_id from resident_authorisations order by valid_until desc limit 1`,
    );
    const res = await as('agent').get(`/api/residents/${tenant!.resident_id}`);
    expect(res.body.authorisations.map((a: any) => a.status)).toEqual(['valid', 'expired']);
    expect(res.body.units[0].relation).toBe('tenant');
    const [a] = await rows<{ id: string }>(
      ctx.database.db,
      sql`select r.id from residents r join resident_units ru on ru.resident_id = r.id
          where r.grade = 'A' and ru.relation <> 'member'
            and not exists (select 1 from vip_cards c where c.resident_id = r.id) order by r.id limit 1`,
    );
    // Contract 09's demo rule: an A-grade resident without a card (others hold one: demo.vip.ts).
    const vip = await as('agent').get(`/api/residents/${a!.id}`);
    expect(vip.body).toMatchObject({ grade: 'A', vipCard: null });
    const [holder] = await rows<{ resident_id: string }>(
      ctx.database.db,
      sql`select resident_id from vip_cards where status = 'active' order by number limit 1`,
    );
    const card = (await as('agent').get(`/api/residents/${holder!.resident_id}`)).body.vipCard;
    expect(card).toMatchObject({ number: expect.stringMatching(/^JK[012]\d{3}$/), status: 'active' });
    expect(vip.body.gradeHistory).toEqual([
      expect.objectContaining({ from: 'C', to: 'A', reason: expect.any(String) }),
    ]);
  });
});
