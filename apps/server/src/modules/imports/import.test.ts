/**
 * The spreadsheet import and the exports in its layout, through the API on a real database: the
 * template, every row checked with errors by sheet/row/column in Chinese, all or nothing, duplicates in
 * the file and against the estate, scoping, and exports masked unless a manager asks for them in full.
 */
import { idChecksum } from '@wuye/contracts';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { infoLines, readWorkbook, sheetTable } from '../../testing/xlsx.ts';

let ctx: TestContext;
let admin: Client;
let manager: Client;
let agent: Client;
let twManager: Client;
let ygh: string;
let twd: string;

const UNIT_HEADER = ['楼栋', '房号', '楼层', '建筑面积', '用途', '状态'];
const RESIDENT_HEADER = [
  '姓名',
  '手机',
  '其他电话',
  '身份证号',
  '性别',
  '生日',
  '楼栋',
  '房号',
  '与房屋关系',
  '入住日期',
  '备注',
];

/** A valid 18-digit ID number: region 440305, the birthday, a sequence (odd 3rd digit: a man). */
const idNumber = (birthday: string, seq: string) => {
  const first17 = `440305${birthday.replaceAll('-', '')}${seq}`;
  return first17 + idChecksum(first17);
};

type Cell = string | number | Date | null;
async function workbook(sheets: Record<string, Cell[][]>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  for (const [name, table] of Object.entries(sheets)) {
    const ws = wb.addWorksheet(name);
    for (const r of table) ws.addRow(r);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = (client: Client, estateId: string, file: Buffer, dryRun = false) =>
  client.post(`/api/estates/${estateId}/import${dryRun ? '?dryRun=true' : ''}`, file, {
    'content-type': XLSX,
  });

async function counts(estateId: string) {
  const [r] = await rows<{ units: number; residents: number; relations: number; buildings: number }>(
    ctx.database.db,
    sql`select (select count(*)::int from units where estate_id = ${estateId}) as units,
               (select count(*)::int from residents where estate_id = ${estateId}) as residents,
               (select count(*)::int from resident_units where estate_id = ${estateId}) as relations,
               (select count(*)::int from buildings where estate_id = ${estateId}) as buildings`,
  );
  return r!;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items as { id: string; name: string }[];
  ygh = estates.find((e) => e.name === '阳光花园')!.id;
  twd = estates.find((e) => e.name === '天物大厦')!.id;
  manager = await ctx.login('manager');
  agent = await ctx.login('agent');
  twManager = await ctx.login('tw_manager');
});
afterAll(() => ctx.close());

describe('the template', () => {
  it('has the sheets 房屋 and 住户 with the model’s columns, an example row and notes', async () => {
    const res = await manager.download(`/api/estates/${ygh}/import/template`);
    expect(res.status).toBe(200);
    expect(String(res.headers['content-disposition'])).toContain(encodeURIComponent('房屋住户导入模板'));
    const wb = await readWorkbook(res.body);
    const units = sheetTable(wb.getWorksheet('房屋')!);
    expect(units.header).toEqual([...UNIT_HEADER, '项目']);
    expect(units.rows[0]?.slice(0, 3)).toEqual(['示例1栋', '101', 1]);
    const residents = sheetTable(wb.getWorksheet('住户')!);
    expect(residents.header).toEqual([...RESIDENT_HEADER, '项目']);
    expect(String(wb.getWorksheet('住户')!.getCell('I1').note)).toContain('业主');
    expect(wb.getWorksheet('填写说明')).toBeTruthy();
  });

  it('is refused when imported with its example rows left in', async () => {
    const template = (await manager.download(`/api/estates/${ygh}/import/template`)).body;
    const res = await upload(manager, ygh, template, true);
    expect(res.status).toBe(200);
    expect(res.body.ok).toBe(false);
    expect(res.body.errors).toEqual([
      { sheet: '房屋', row: 2, column: null, message: '这是模板的示例行，请删除后再导入' },
      { sheet: '住户', row: 2, column: null, message: '这是模板的示例行，请删除后再导入' },
    ]);
  });

  it('is for those who import: the desk gets 403, another estate’s manager 404', async () => {
    expect((await agent.download(`/api/estates/${ygh}/import/template`)).status).toBe(403);
    expect((await twManager.download(`/api/estates/${ygh}/import/template`)).status).toBe(404);
  });
});

describe('checking a file', () => {
  it('lists a bad row in the middle by sheet, row and column, and writes nothing', async () => {
    const before = await counts(ygh);
    const file = await workbook({
      房屋: [
        UNIT_HEADER,
        ['导1栋', '101', 1, 88.5, '住宅', '自住'],
        ['导1栋', '102', '一楼', 'abc', '车库', '空着'],
        ['导1栋', '201', 2, null, null, null],
      ],
      住户: [
        RESIDENT_HEADER,
        [
          '孙一',
          '13911110001',
          null,
          idNumber('1985-06-01', '123'),
          '男',
          '1985-06-01',
          '导1栋',
          '101',
          '业主',
        ],
        ['孙二', '1391111', null, '440305198506011235', '女', '1985-06-02', '导1栋', '999', '房东'],
        ['孙三', '13911110003', null, null, null, null, '导1栋', '201', '租户'],
        ['孙四', '13911110004', null, null, null, null, '导1栋', '102', '租户'],
      ],
    });
    const res = await upload(manager, ygh, file);
    expect(res.status).toBe(422);
    expect(res.body.ok).toBe(false);
    const at = (sheet: string, row: number) =>
      res.body.errors.filter((e: any) => e.sheet === sheet && e.row === row).map((e: any) => e.column);
    expect(at('房屋', 3)).toEqual(['楼层', '建筑面积', '用途', '状态']);
    expect(at('住户', 3)).toEqual(['手机', '身份证号', '与房屋关系', '房号']);
    expect(at('房屋', 2)).toEqual([]);
    expect(res.body.errors.find((e: any) => e.sheet === '住户' && e.row === 5).message).toBe(
      '房屋「导1栋-102」在「房屋」表第 3 行有错误，请先改正该行',
    );
    const floor = res.body.errors.find((e: any) => e.column === '楼层');
    expect(floor.message).toBe('应为 1–200 的整数');
    expect(res.body.errors.find((e: any) => e.column === '身份证号').message).toContain('校验码');
    expect(res.body.errorTotal).toBe(res.body.errors.length);
    expect(await counts(ygh)).toEqual(before);
  });

  it('checks only on a dry run, then imports everything in one go', async () => {
    const before = await counts(ygh);
    const id = idNumber('1990-03-15', '121');
    const file = await workbook({
      房屋: [
        UNIT_HEADER,
        ['导2栋', '0101', 1, '95.20㎡', '住宅', '自住'],
        ['导2栋', '0102', 1, null, '商铺', '出租'],
        ['导2栋', '1801', 18, null, null, null],
      ],
      住户: [
        RESIDENT_HEADER,
        [
          '周业主',
          '139 2222 0001',
          '0755-88886666',
          id,
          '男',
          new Date(Date.UTC(1990, 2, 15)),
          '导2栋',
          '0101',
          '业主',
          '2021/5/1',
          '老业主',
        ],
        // The same person (same ID number) owning a second unit: one resident, two relations.
        ['周业主', '13922220001', null, id, '男', null, '导2栋', '0102', '业主'],
        ['吴租客', '+86 139-2222-0002', null, null, '女', null, '导2栋', '0102', '租户', '2024-01-01'],
      ],
    });
    const check = await upload(manager, ygh, file, true);
    expect(check.status).toBe(200);
    expect(check.body).toEqual({
      ok: true,
      dryRun: true,
      counts: { units: 3, buildings: 1, residents: 2, relations: 3 },
      errors: [],
      errorTotal: 0,
    });
    expect(await counts(ygh)).toEqual(before);

    const res = await upload(manager, ygh, file);
    expect(res.status).toBe(201);
    expect(res.body.ok).toBe(true);
    expect(await counts(ygh)).toEqual({
      units: before.units + 3,
      residents: before.residents + 2,
      relations: before.relations + 3,
      buildings: before.buildings + 1,
    });
    const [building] = await rows<{ floors: number }>(
      ctx.database.db,
      sql`select floors from buildings where estate_id = ${ygh} and name = '导2栋'`,
    );
    expect(building!.floors).toBe(18);
    // The desk finds them by phone, with their units.
    const found = await agent.get('/api/residents?phone=13922220001');
    expect(found.body.items).toHaveLength(1);
    expect(found.body.items[0].name).toBe('周业主');
    expect(found.body.items[0].phones).toEqual(
      ['139****0001', '0755****6666'].map((p) => expect.stringContaining(p.slice(-4))),
    );
    expect(found.body.items[0].units.map((u: any) => u.unitLabel).sort()).toEqual([
      '导2栋-0101',
      '导2栋-0102',
    ]);
    const [person] = await rows<{ phones: string[]; birthday: string; move_in_date: string; notes: string }>(
      ctx.database.db,
      sql`select phones, birthday::text as birthday, move_in_date::text as move_in_date, notes from residents where id_number = ${id}`,
    );
    expect(person).toEqual({
      phones: ['13922220001', '075588886666'],
      birthday: '1990-03-15',
      move_in_date: '2021-05-01',
      notes: '老业主',
    });
    expect((await agent.get('/api/residents?phone=13922220002')).body.items[0].name).toBe('吴租客');
    const [event] = await rows<{ data: any; actor_id: string }>(
      ctx.database.db,
      sql`select data, actor_id from events where entity_type = 'estate' and entity_id = ${ygh} and action = 'imported'`,
    );
    expect(event!.data).toMatchObject({
      units: 3,
      buildings: 1,
      residents: 2,
      relations: 3,
      buildingsCreated: ['导2栋'],
    });
    expect(event!.actor_id).toBe(manager.user!.id);

    // The same file again: every row is now a duplicate of what is on file.
    const again = await upload(manager, ygh, file);
    expect(again.status).toBe(422);
    expect(again.body.errors.map((e: any) => `${e.sheet}${e.row}${e.column}`)).toEqual([
      '房屋2房号',
      '房屋3房号',
      '房屋4房号',
      '住户2身份证号',
      '住户3身份证号',
      '住户4手机',
    ]);
    expect(again.body.errors[0].message).toContain('已存在于本项目');
    expect(again.body.errors[3].message).toBe('该身份证号已登记在本项目住户「周业主」名下（导入只新增住户）');
  });

  it('finds duplicates inside the file', async () => {
    const id = idNumber('1970-01-01', '111');
    const file = await workbook({
      房屋: [UNIT_HEADER, ['导3栋', '101', 1], ['导3栋', '102', 1], ['导3栋', '101', 1]],
      住户: [
        RESIDENT_HEADER,
        ['郑甲', '13933330001', null, id, null, null, '导3栋', '101', '业主'],
        ['郑乙', '13933330002', null, id, null, null, '导3栋', '102', '业主'],
        ['王丙', '13933330003', null, null, null, null, '导3栋', '101', '租户'],
        ['王丙', '13933330003', null, null, null, null, '导3栋', '101', '家庭成员'],
      ],
    });
    const res = await upload(manager, ygh, file, true);
    expect(res.body.errors).toEqual([
      { sheet: '房屋', row: 4, column: '房号', message: '房屋「导3栋-101」与第 2 行重复' },
      { sheet: '住户', row: 3, column: '姓名', message: '与第 2 行身份证号相同，但姓名不同（「郑甲」）' },
      { sheet: '住户', row: 5, column: '房号', message: '与第 4 行重复：同一人、同一套房屋' },
    ]);
  });

  it('refuses a resident of the same name and phone as one on file', async () => {
    const [known] = await rows<{ name: string; phone: string }>(
      ctx.database.db,
      sql`select name, phones[1] as phone from residents where estate_id = ${ygh} and cardinality(phones) > 0 limit 1`,
    );
    const unit = (await manager.get(`/api/estates/${ygh}/units?pageSize=1`)).body.items[0];
    const file = await workbook({
      住户: [
        RESIDENT_HEADER,
        [known!.name, known!.phone, null, null, null, null, unit.buildingName, unit.number, '业主'],
      ],
    });
    const res = await upload(manager, ygh, file, true);
    expect(res.body.errors).toEqual([
      expect.objectContaining({
        sheet: '住户',
        row: 2,
        column: '手机',
        message: expect.stringContaining('同名同号码'),
      }),
    ]);
  });

  it('refuses a unit of another estate, and rows that name another estate', async () => {
    const twUnit = (await admin.get(`/api/estates/${twd}/units?pageSize=1`)).body.items[0];
    const file = await workbook({
      房屋: [
        [...UNIT_HEADER, '项目'],
        ['导4栋', '101', 1, null, null, null, '天物大厦'],
      ],
      住户: [
        RESIDENT_HEADER,
        ['冯某', '13944440001', null, null, null, null, twUnit.buildingName, twUnit.number, '租户'],
      ],
    });
    const before = await counts(ygh);
    const res = await upload(manager, ygh, file);
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([
      {
        sheet: '房屋',
        row: 2,
        column: '项目',
        message: '该行属于项目「天物大厦」，本次导入的是「阳光花园」（一套房屋只能属于一个项目）',
      },
      {
        sheet: '住户',
        row: 2,
        column: '房号',
        message: `房屋「${twUnit.buildingName}-${twUnit.number}」属于项目「天物大厦」，不能在「阳光花园」导入其住户`,
      },
    ]);
    expect(await counts(ygh)).toEqual(before);
  });

  it('says clearly what is wrong with an empty file, missing sheets or wrong headers', async () => {
    const empty = await upload(
      manager,
      ygh,
      await workbook({ 房屋: [UNIT_HEADER], 住户: [RESIDENT_HEADER] }),
      true,
    );
    expect(empty.body.errors).toEqual([
      { sheet: null, row: null, column: null, message: '文件中没有数据行（表头下方为空）' },
    ]);
    const noSheet = await upload(manager, ygh, await workbook({ Sheet1: [['a'], ['b']] }), true);
    expect(noSheet.body.errors[0].message).toBe(
      '文件中没有「房屋」或「住户」工作表（现有：Sheet1），请使用导入模板',
    );
    const headers = await upload(
      manager,
      ygh,
      await workbook({
        住户: [
          ['名字', '手机', '楼栋', '房号'],
          ['甲', '13900000000', '1栋', '101'],
        ],
      }),
      true,
    );
    expect(headers.body.errors).toEqual([
      expect.objectContaining({
        sheet: '住户',
        row: 1,
        column: '名字',
        message: expect.stringContaining('无法识别的列「名字」'),
      }),
      { sheet: '住户', row: 1, column: null, message: '缺少必填列：姓名、与房屋关系（请使用导入模板）' },
    ]);
    const notXlsx = await upload(manager, ygh, Buffer.from('姓名,手机\n张三,13800000000\n'));
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.fields.file).toContain('.xlsx');
    const nothing = await manager.post(`/api/estates/${ygh}/import`, Buffer.alloc(0), {
      'content-type': XLSX,
    });
    expect(nothing.status).toBe(400);
    expect(nothing.body.error.fields.file).toBe('请选择要导入的 Excel 文件（.xlsx）');
    const huge = await upload(manager, ygh, Buffer.alloc(21 * 1024 * 1024, 1));
    expect(huge.status).toBe(400);
    expect(huge.body.error.fields.file).toContain('文件过大');
  });

  it('says an ID number typed as a number lost its last digits', async () => {
    const file = await workbook({
      住户: [
        RESIDENT_HEADER,
        ['褚某', null, null, Number('440305198506011230'), null, null, '导2栋', '0101', '家庭成员'],
      ],
    });
    const res = await upload(manager, ygh, file, true);
    expect(res.body.errors).toEqual([
      expect.objectContaining({ row: 2, column: '身份证号', message: expect.stringContaining('文本格式') }),
    ]);
  });

  it('lists at most 200 errors and counts them all', async () => {
    const table: Cell[][] = [UNIT_HEADER];
    for (let i = 0; i < 300; i++) table.push(['导5栋', `${i}`, 'x']);
    const res = await upload(manager, ygh, await workbook({ 房屋: table }), true);
    expect(res.body.errors).toHaveLength(200);
    expect(res.body.errorTotal).toBe(300);
    expect(res.body.errors[199].row).toBe(201);
  });

  it('is for managers and the company of the estate: 403 for the desk, 404 for another estate', async () => {
    const file = await workbook({ 房屋: [UNIT_HEADER, ['导6栋', '101', 1]] });
    expect((await upload(agent, ygh, file, true)).status).toBe(403);
    expect((await upload(twManager, ygh, file, true)).status).toBe(404);
    expect((await upload(admin, ygh, file, true)).body.ok).toBe(true);
  });

  it('imports a few thousand rows in one transaction', async () => {
    const units: Cell[][] = [UNIT_HEADER];
    const people: Cell[][] = [RESIDENT_HEADER];
    for (let b = 1; b <= 4; b++)
      for (let f = 1; f <= 25; f++)
        for (let r = 1; r <= 10; r++) {
          const number = `${f}${String(r).padStart(2, '0')}`;
          units.push([`批${b}栋`, number, f, 90, '住宅', '自住']);
          const n = units.length;
          people.push([
            `业主${n}`,
            `137${String(n).padStart(8, '0')}`,
            null,
            null,
            null,
            null,
            `批${b}栋`,
            number,
            '业主',
          ]);
          people.push([
            `家属${n}`,
            `136${String(n).padStart(8, '0')}`,
            null,
            null,
            null,
            null,
            `批${b}栋`,
            number,
            '家庭成员',
          ]);
        }
    const before = await counts(ygh);
    const started = Date.now();
    const res = await upload(manager, ygh, await workbook({ 房屋: units, 住户: people }));
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({ units: 1000, buildings: 4, residents: 2000, relations: 2000 });
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(await counts(ygh)).toMatchObject({
      units: before.units + 1000,
      residents: before.residents + 2000,
    });
  });
});

describe('exports in the import layout', () => {
  it('exports the units of an estate as the 房屋 sheet, audited', async () => {
    const res = await agent.download(`/api/estates/${ygh}/units/export`);
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.body);
    const { header, rows: list } = sheetTable(wb.getWorksheet('房屋')!);
    expect(header).toEqual([...UNIT_HEADER, '项目']);
    expect(list.find((r) => r[0] === '导2栋' && r[1] === '0101')).toEqual([
      '导2栋',
      '0101',
      1,
      95.2,
      '住宅',
      '自住',
      '阳光花园',
    ]);
    expect(infoLines(wb).隐私).toContain('不含个人信息');
    expect((await twManager.download(`/api/estates/${ygh}/units/export`)).status).toBe(404);
  });

  it('masks phones and ID numbers by default; a manager’s full export shows them and is audited', async () => {
    const masked = await agent.download(`/api/residents/export?estateId=${ygh}`);
    expect(masked.status).toBe(200);
    const table = sheetTable((await readWorkbook(masked.body)).getWorksheet('住户')!);
    expect(table.header).toEqual([...RESIDENT_HEADER, '项目']);
    const row = table.rows.find((r) => r[0] === '周业主' && r[7] === '0101')!;
    expect(row.slice(1, 4)).toEqual([
      '139****0001',
      '075****6666',
      `440305********${idNumber('1990-03-15', '121').slice(-4)}`,
    ]);
    expect(row.slice(4, 11)).toEqual(['男', '1990-03-15', '导2栋', '0101', '业主', '2021-05-01', '老业主']);

    expect((await agent.download(`/api/residents/export?estateId=${ygh}&full=true`)).status).toBe(403);
    const full = await manager.download(`/api/residents/export?estateId=${ygh}&full=true`);
    expect(full.status).toBe(200);
    const wb = await readWorkbook(full.body);
    const fullRow = sheetTable(wb.getWorksheet('住户')!).rows.find(
      (r) => r[0] === '周业主' && r[7] === '0101',
    )!;
    expect(fullRow.slice(1, 4)).toEqual(['13922220001', '0755-88886666', idNumber('1990-03-15', '121')]);
    expect(infoLines(wb).隐私).toContain('完整');
    const exports = await rows<{ actor_id: string; data: any }>(
      ctx.database.db,
      sql`select actor_id, data from events where action = 'export' and data->>'resource' = 'residents' order by at, id`,
    );
    expect(exports.map((e) => [e.actor_id, e.data.filters.full])).toEqual([
      [agent.user!.id, false],
      [manager.user!.id, true],
    ]);
    expect((await twManager.download(`/api/residents/export?estateId=${ygh}`)).status).toBe(404);

    // The managers' audit page lists them (not the units' export, which holds no personal data), and an
    // export across the company's estates is shown to each estate's manager.
    expect((await admin.download('/api/residents/export?full=true')).status).toBe(200);
    const audit = await manager.get('/api/audit?action=export');
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((i: any) => [i.actorId, i.estateId, i.export.full])).toEqual([
      [admin.user!.id, null, true],
      [manager.user!.id, ygh, true],
      [agent.user!.id, ygh, false],
    ]);
    expect(audit.body.items[1]).toMatchObject({ action: 'export', residentId: null });
    expect(audit.body.items[1].export.rows).toBe(table.rows.length);
    const tw = await twManager.get('/api/audit?action=export');
    expect(tw.body.items.map((i: any) => i.actorId)).toEqual([admin.user!.id]);
    const all = await manager.get('/api/audit?pageSize=100');
    expect(all.body.items.filter((i: any) => i.action === 'export')).toHaveLength(3);
  });

  it('a full export imported again: the rows already on file come back as duplicates', async () => {
    const full = await manager.download(`/api/residents/export?estateId=${ygh}&full=true`);
    const units = await manager.download(`/api/estates/${ygh}/units/export`);
    const wb = await readWorkbook(full.body);
    const unitSheet = (await readWorkbook(units.body)).getWorksheet('房屋')!;
    const merged = new ExcelJS.Workbook();
    const copy = (from: ExcelJS.Worksheet, name: string, keep: (r: unknown[]) => boolean) => {
      const ws = merged.addWorksheet(name);
      const { header, rows: list } = sheetTable(from);
      ws.addRow(header);
      for (const r of list.filter(keep)) ws.addRow(r as Cell[]);
    };
    copy(unitSheet, '房屋', (r) => r[0] === '导2栋');
    copy(wb.getWorksheet('住户')!, '住户', (r) => r[6] === '导2栋');
    const res = await upload(manager, ygh, Buffer.from(await merged.xlsx.writeBuffer()), true);
    expect(res.body.ok).toBe(false);
    const kinds = res.body.errors.map((e: any) =>
      e.message.includes('已存在于本项目')
        ? 'unit'
        : e.message.includes('已登记')
          ? 'id'
          : e.message.includes('同名同号码')
            ? 'name+phone'
            : e.message,
    );
    expect(kinds.sort()).toEqual(['id', 'id', 'name+phone', 'unit', 'unit', 'unit']);
  });
});
