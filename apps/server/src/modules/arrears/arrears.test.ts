/**
 * Arrears lists through the API on a real database: the demo's current list and history, the desk's
 * arrears flag and the unit file, the template, the check with errors by row and column (nothing
 * written), a load replacing the current list, its date rules, the export loading again, and who may.
 */
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { readWorkbook, sheetTable } from '../../testing/xlsx.ts';

let ctx: TestContext;
let admin: Client;
let cashier: Client;
let agent: Client;
let tech: Client;
let twManager: Client;
let twAgent: Client;
let ygh: string;
let twd: string;

const HEADER = ['楼栋', '房号', '欠费金额', '欠费月数', '起欠月份', '备注'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

type Cell = string | number | null;
async function workbook(table: Cell[][], sheet = '欠费'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  for (const r of table) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const load = (client: Client, estateId: string, file: Buffer, query = '') =>
  client.post(`/api/estates/${estateId}/arrears/import${query}`, file, {
    'content-type': XLSX,
    'x-file-name': encodeURIComponent('欠费明细.xlsx'),
  });

interface UnitRow {
  id: string;
  building: string;
  number: string;
}
/** Occupied units of 阳光花园 with a resident, in a stable order. */
let units: (UnitRow & { resident_id: string; phone: string })[];

async function listCount(estateId: string): Promise<number> {
  const [r] = await rows<{ n: number }>(
    ctx.database.db,
    sql`select count(*)::int as n from arrears_lists where estate_id = ${estateId}`,
  );
  return r!.n;
}

beforeAll(async () => {
  ctx = await createTestContext();
  admin = await ctx.login('admin');
  const estates = (await admin.get('/api/estates')).body.items as { id: string; name: string }[];
  ygh = estates.find((e) => e.name === '阳光花园')!.id;
  twd = estates.find((e) => e.name === '天物大厦')!.id;
  cashier = await ctx.login('cashier');
  agent = await ctx.login('agent');
  tech = await ctx.login('tech');
  twManager = await ctx.login('tw_manager');
  twAgent = await ctx.login('tw_agent');
  // Units whose only resident is one person with a mobile: the look-up's sum is that unit's line.
  units = await rows(
    ctx.database.db,
    sql`select u.id, b.name as building, u.number, min(r.id) as resident_id, min(r.phones[1]) as phone
        from units u join buildings b on b.id = u.building_id
        join resident_units ru on ru.unit_id = u.id join residents r on r.id = ru.resident_id
        where u.estate_id = ${ygh} and array_length(r.phones, 1) >= 1
          and not exists (select 1 from resident_units o where o.resident_id = r.id and o.unit_id <> u.id)
        group by u.id, b.name, u.number having count(*) = 1
        order by u.id limit 6`,
  );
});
afterAll(() => ctx.close());

describe('the demo list', () => {
  it('阳光花园 has a current list as of the end of last month, with one before it; 天物大厦 has none', async () => {
    const page = await cashier.get(`/api/estates/${ygh}/arrears`);
    expect(page.status).toBe(200);
    expect(page.body.list).toMatchObject({
      estateId: ygh,
      asOf: '2026-10-31',
      importedByName: expect.any(String),
    });
    expect(page.body.history).toEqual([expect.objectContaining({ asOf: '2026-09-30' })]);
    expect(page.body.total).toBe(page.body.list.units);
    expect(page.body.summary.units).toBe(page.body.list.units);
    expect(page.body.summary.totalFen).toBe(page.body.list.totalFen);
    // Sorted by amount, largest first; each line names its unit, age band and owners.
    const amounts = page.body.items.map((i: { amountFen: number }) => i.amountFen);
    expect(amounts).toEqual([...amounts].sort((a, b) => b - a));
    expect(page.body.items[0]).toMatchObject({
      unitLabel: expect.stringMatching(/栋-/),
      age: expect.any(String),
    });

    const none = await twManager.get(`/api/estates/${twd}/arrears`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ list: null, items: [], total: 0, history: [] });
  });

  it('filters by age band and by room number', async () => {
    const all = (await cashier.get(`/api/estates/${ygh}/arrears?pageSize=200`)).body;
    const over6 = (await cashier.get(`/api/estates/${ygh}/arrears?age=over6&pageSize=200`)).body;
    expect(over6.items.length).toBeGreaterThan(0);
    expect(over6.items.every((i: { months: number }) => i.months > 6)).toBe(true);
    expect(over6.total).toBe(all.summary.byAge.find((a: { age: string }) => a.age === 'over6').units);
    const one = all.items[0];
    const byRoom = (await cashier.get(`/api/estates/${ygh}/arrears?q=${encodeURIComponent(one.unitLabel)}`))
      .body;
    expect(byRoom.items.map((i: { unitId: string }) => i.unitId)).toEqual([one.unitId]);
  });
});

describe('loading a list', () => {
  it('offers a template whose example row is refused', async () => {
    const res = await cashier.download(`/api/estates/${ygh}/arrears/template`);
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.body);
    const { header, rows: body } = sheetTable(wb.getWorksheet('欠费')!);
    expect(header).toEqual(HEADER);
    const before = await listCount(ygh);
    const check = await load(cashier, ygh, res.body, '?dryRun=true');
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(false);
    expect(check.body.errors).toEqual([
      expect.objectContaining({ sheet: '欠费', row: 2, message: expect.stringMatching(/示例行/) }),
    ]);
    expect(body).toHaveLength(1);
    expect(await listCount(ygh)).toBe(before);
  });

  it('lists every bad row by row and column in Chinese and writes nothing', async () => {
    const [a, b] = units;
    const file = await workbook([
      HEADER,
      [a!.building, a!.number, '1,280.50', 3, '2026-08', '欠物业费'],
      ['99栋', '0101', 100, 1, null, null],
      [a!.building, a!.number, 200, 1, null, null],
      [b!.building, b!.number, '一百', 0, '2026-13', null],
      [b!.building, null, -5, 2, '2027-01', null],
    ]);
    const before = await listCount(ygh);
    const res = await load(cashier, ygh, file);
    expect(res.status).toBe(422);
    expect(res.body.ok).toBe(false);
    const at = (row: number, column: string) =>
      res.body.errors.find((e: { row: number; column: string }) => e.row === row && e.column === column)
        ?.message;
    expect(at(3, '房号')).toMatch(/本项目没有房屋 99栋-0101/);
    expect(at(4, '房号')).toMatch(/与第 2 行重复/);
    expect(at(5, '欠费金额')).toMatch(/不是金额/);
    expect(at(5, '欠费月数')).toMatch(/1–600/);
    expect(at(5, '起欠月份')).toMatch(/不是月份/);
    expect(at(6, '房号')).toBe('必填');
    expect(at(6, '欠费金额')).toMatch(/不是金额/);
    expect(at(6, '起欠月份')).toMatch(/晚于名单的截止日期/);
    expect(await listCount(ygh)).toBe(before);
  });

  it('names the estate a unit of another estate belongs to', async () => {
    const [tw] = await rows<UnitRow>(
      ctx.database.db,
      sql`select u.id, b.name as building, u.number from units u join buildings b on b.id = u.building_id
          where u.estate_id = ${twd}
            and not exists (select 1 from units y join buildings yb on yb.id = y.building_id
                            where y.estate_id = ${ygh} and yb.name = b.name and y.number = u.number)
          order by u.id limit 1`,
    );
    const file = await workbook([HEADER, [tw!.building, tw!.number, 100, 1]]);
    const res = await load(cashier, ygh, file, '?dryRun=true');
    expect(res.body.ok).toBe(false);
    expect(res.body.errors[0]).toMatchObject({
      row: 2,
      column: '房号',
      message: expect.stringMatching(/属于「天物大厦」/),
    });
  });

  it('refuses a date after today or before the current list, changing nothing', async () => {
    const file = await workbook([HEADER, [units[0]!.building, units[0]!.number, 100, 1]]);
    const future = await load(cashier, ygh, file, '?asOf=2026-11-23');
    expect(future.status).toBe(400);
    expect(future.body.error.fields.asOf).toMatch(/不能晚于今天（2026-11-22）/);
    const older = await load(cashier, ygh, file, '?asOf=2026-10-15');
    expect(older.status).toBe(400);
    expect(older.body.error.fields.asOf).toMatch(/早于当前欠费名单的截止日期（2026-10-31）/);
    const notXlsx = await cashier.post(`/api/estates/${ygh}/arrears/import`, Buffer.from('楼栋,房号'), {
      'content-type': 'text/csv',
    });
    expect(notXlsx.status).toBe(400);
    expect(notXlsx.body.error.fields.file).toMatch(/xlsx/);
  });

  it('checks, then loads a list that becomes the current one: the desk and the unit file show it', async () => {
    const [a, b, c] = units;
    const file = await workbook([
      HEADER,
      [a!.building, a!.number, '¥1,280.50', 3, '2026年9月', '欠物业费、水费'],
      [b!.building, b!.number, 356.9, 1, null, null],
    ]);
    const check = await load(cashier, ygh, file, '?dryRun=true&asOf=2026-11-20');
    expect(check.status).toBe(200);
    expect(check.body).toMatchObject({
      ok: true,
      dryRun: true,
      asOf: '2026-11-20',
      counts: { units: 2, totalFen: 163_740 },
    });
    const before = await listCount(ygh);
    expect(await listCount(ygh)).toBe(before);

    const res = await load(cashier, ygh, file, '?asOf=2026-11-20');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ ok: true, dryRun: false, counts: { units: 2, totalFen: 163_740 } });
    expect(await listCount(ygh)).toBe(before + 1);

    const page = (await agent.get(`/api/estates/${ygh}/arrears?sort=unit`)).body;
    expect(page.list).toMatchObject({
      asOf: '2026-11-20',
      units: 2,
      totalFen: 163_740,
      fileName: '欠费明细.xlsx',
    });
    expect(page.history[0]).toMatchObject({ asOf: '2026-10-31' });
    expect(page.items.find((i: { unitId: string }) => i.unitId === a!.id)).toMatchObject({
      amountFen: 128_050,
      months: 3,
      since: '2026-09',
      note: '欠物业费、水费',
      age: 'm3',
    });

    // The desk: a resident of a listed unit owes its line; one of an unlisted unit owes nothing.
    const owing = (await agent.get(`/api/lookup?estateId=${ygh}&phone=${a!.phone}`)).body.residents;
    expect(owing.find((r: { id: string }) => r.id === a!.resident_id).arrears).toEqual({
      amountFen: 128_050,
      months: 3,
      asOf: '2026-11-20',
    });
    const clear = (await agent.get(`/api/lookup?estateId=${ygh}&unitId=${c!.id}`)).body.residents;
    expect(clear[0].arrears).toEqual({ amountFen: 0, months: 0, asOf: '2026-11-20' });

    // The unit file, for those who read arrears; not the technicians.
    const fileOf = (await agent.get(`/api/units/${b!.id}/file`)).body;
    expect(fileOf.arrears).toEqual({
      asOf: '2026-11-20',
      amountFen: 35_690,
      months: 1,
      since: null,
      note: null,
    });
    expect((await tech.get(`/api/units/${b!.id}/file`)).body.arrears).toBeNull();

    const [event] = await rows<{ actor: string; data: { units: number; asOf: string } }>(
      ctx.database.db,
      sql`select u.username as actor, e.data from events e join users u on u.id = e.actor_id
          where e.entity_type = 'arrears_list' order by e.at desc, e.id desc limit 1`,
    );
    expect(event).toMatchObject({ actor: 'cashier', data: { units: 2, asOf: '2026-11-20' } });
  });

  it('exports the current list in the layout, which loads again as the same list', async () => {
    const res = await agent.download(`/api/estates/${ygh}/arrears/export`);
    expect(res.status).toBe(200);
    const wb = await readWorkbook(res.body);
    const { header, rows: body } = sheetTable(wb.getWorksheet('欠费')!);
    expect(header).toEqual(HEADER);
    expect(body).toHaveLength(2);
    const again = await load(cashier, ygh, res.body, '?dryRun=true&asOf=2026-11-22');
    expect(again.body).toMatchObject({ ok: true, counts: { units: 2, totalFen: 163_740 } });
  });

  it('a sheet with only its header loads an empty list: nobody owes', async () => {
    const res = await load(cashier, ygh, await workbook([HEADER]), '?asOf=2026-11-22');
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual({ units: 0, totalFen: 0 });
    const owing = (await agent.get(`/api/lookup?estateId=${ygh}&phone=${units[0]!.phone}`)).body.residents;
    expect(owing.find((r: { id: string }) => r.id === units[0]!.resident_id).arrears).toEqual({
      amountFen: 0,
      months: 0,
      asOf: '2026-11-22',
    });
    // 天物大厦 still has none: its residents' arrears are unknown.
    const [tw] = await rows<{ phone: string }>(
      ctx.database.db,
      sql`select phones[1] as phone from residents where estate_id = ${twd} and array_length(phones, 1) >= 1 limit 1`,
    );
    const unknown = (await twAgent.get(`/api/lookup?estateId=${twd}&phone=${tw!.phone}`)).body.residents;
    expect(unknown[0].arrears).toBeNull();
  });
});

describe('who may', () => {
  it('lets the cashier and managers load; not the desk agent; technicians do not read; other estates get 404', async () => {
    const file = await workbook([HEADER]);
    expect((await load(agent, ygh, file, '?dryRun=true')).status).toBe(403);
    expect((await agent.download(`/api/estates/${ygh}/arrears/template`)).status).toBe(403);
    expect((await tech.get(`/api/estates/${ygh}/arrears`)).status).toBe(403);
    expect((await twManager.get(`/api/estates/${ygh}/arrears`)).status).toBe(404);
    expect((await load(twManager, ygh, file, '?dryRun=true')).status).toBe(404);
    expect((await twManager.download(`/api/estates/${twd}/arrears/export`)).status).toBe(400);
  });
});
