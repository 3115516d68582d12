/** Exporting request lists to xlsx: read back with exceljs, as an office would open them. */
import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '../../platform/db.ts';
import { type Client, createTestContext, type TestContext } from '../../testing/harness.ts';
import { exportRequests } from './requests.export.ts';

let ctx: TestContext;
let agent: Client;
let ygh: string;
let made: { id: string; number: string };

async function workbook(buffer: Buffer) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

beforeAll(async () => {
  ctx = await createTestContext();
  agent = await ctx.login('agent');
  ygh = (await agent.get('/api/estates')).body.items.find((e: any) => e.name === '阳光花园').id;
  made = (
    await agent.post('/api/requests', {
      estateId: ygh,
      locationText: '5栋地下车库',
      channel: 'phone',
      type: 'repair',
      subtype: 'public',
      emergency: true,
      reporter: { name: '孙女士', phone: '13812345678' },
      description: '地下车库水管爆裂，水漫到车位',
    })
  ).body;
});
afterAll(() => ctx.close());

describe('GET /api/requests/export', () => {
  it('gives the filtered list as a workbook with a Chinese header, local times, labels and masked phones', async () => {
    const res = await agent.download(
      `/api/requests/export?estateId=${ygh}&q=${encodeURIComponent('水管爆裂')}`,
    );
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    // 2026-11-22 10:00 in Shanghai (the test clock).
    expect(res.headers['content-disposition']).toBe(
      `attachment; filename="requests-20261122-1000.xlsx"; filename*=UTF-8''${encodeURIComponent('工单_阳光花园_20261122-1000.xlsx')}`,
    );
    expect(res.headers['x-export-capped']).toBe('false');

    const wb = await workbook(res.body);
    const sheet = wb.getWorksheet('工单')!;
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '工单号',
      '项目',
      '类型',
      '状态',
      '来源',
      '紧急',
      'VIP',
      '房号/位置',
      '内容',
      '报事人',
      '联系电话',
      '首接责任人',
      '受理时间',
      '最近时限',
      '时限截止',
      '已超时',
      '夜间受理',
    ]);
    expect(sheet.getColumn(9).width).toBe(48);
    const numbers = sheet.getColumn(1).values.slice(2);
    expect(numbers).toEqual([made.number]);
    const row = sheet.getRow(2);
    expect(row.getCell(2).value).toBe('阳光花园');
    expect(row.getCell(3).value).toBe('报修');
    expect(row.getCell(4).value).toBe('已受理');
    expect(row.getCell(5).value).toBe('来电');
    expect(row.getCell(6).value).toBe('是');
    expect(row.getCell(8).value).toBe('5栋地下车库');
    expect(row.getCell(11).value).toBe('138****5678');
    const received = row.getCell(13);
    expect(received.numFmt).toBe('yyyy-mm-dd hh:mm');
    // Excel has no zones: the cell holds the wall-clock time in Shanghai.
    expect((received.value as Date).toISOString()).toBe('2026-11-22T10:00:00.000Z');
    expect(res.body.includes(Buffer.from('13812345678'))).toBe(false);

    const info = wb.getWorksheet('导出说明')!;
    const lines = Object.fromEntries(
      info
        .getSheetValues()
        .slice(1)
        .map((r: any) => [r[1], r[2]]),
    );
    expect(lines).toMatchObject({
      导出人: '李晓燕',
      项目: '阳光花园',
      筛选条件: '关键词：水管爆裂',
      导出条数: '1',
    });
  });

  it('keeps the list’s order and filters (the desk queue: open, by priority)', async () => {
    const list = await agent.get(`/api/requests?estateId=${ygh}&open=true&sort=priority&pageSize=200`);
    const res = await agent.download(`/api/requests/export?estateId=${ygh}&open=true&sort=priority`);
    const sheet = (await workbook(res.body)).getWorksheet(1)!;
    const numbers = sheet.getColumn(1).values.slice(2);
    expect(numbers).toEqual(list.body.items.map((i: any) => i.number));
    // Emergencies lead, the one just taken among them.
    const at = numbers.indexOf(made.number);
    expect(list.body.items.slice(0, at + 1).every((i: any) => i.emergency)).toBe(true);
    expect(res.headers['x-export-rows']).toBe(String(list.body.total));
  });

  it('records who exported which filter and how many rows', async () => {
    await agent.download(`/api/requests/export?estateId=${ygh}&type=complaint`);
    const [event] = await rows<{ actor_id: string; estate_id: string; data: any }>(
      ctx.database.db,
      sql`select actor_id, estate_id, data from events where entity_type = 'export' order by at desc, id desc limit 1`,
    );
    expect(event).toMatchObject({
      actor_id: agent.user!.id,
      estate_id: ygh,
      data: {
        resource: 'requests',
        format: 'xlsx',
        filters: { estateId: ygh, type: 'complaint' },
        capped: false,
      },
    });
    expect(event!.data.rows).toBeGreaterThan(0);
  });

  it('speaks English to an English caller', async () => {
    const res = await agent.download(
      `/api/requests/export?estateId=${ygh}&q=${encodeURIComponent('水管爆裂')}`,
      {
        'accept-language': 'en',
      },
    );
    const sheet = (await workbook(res.body)).getWorksheet('Requests')!;
    expect(sheet.getRow(1).getCell(1).value).toBe('Number');
    expect(sheet.getRow(2).getCell(3).value).toBe('Repair');
  });

  it('refuses another estate (404), roles that may not export (403) and a bad filter (400)', async () => {
    const twd = (await (await ctx.login('admin')).get('/api/estates')).body.items.find(
      (e: any) => e.name === '天物大厦',
    ).id;
    expect((await agent.download(`/api/requests/export?estateId=${twd}`)).status).toBe(404);
    expect((await (await ctx.login('tech')).download('/api/requests/export')).status).toBe(403);
    const bad = await agent.get('/api/requests/export?state=finished');
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields.state).toMatch(/取值无效/);
  });
});

describe('the export limit', () => {
  it('stops at the limit and says so in the file, with the number of all matches', async () => {
    const actor = {
      userId: agent.user!.id,
      name: '李晓燕',
      companyId: agent.user!.companyId,
    } as Parameters<typeof exportRequests>[1];
    const file = await exportRequests(
      { db: ctx.database.db, clock: ctx.clock },
      actor,
      [ygh],
      { estateId: ygh },
      'zh-CN',
      5,
    );
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (c: Buffer) => chunks.push(c));
    await file.write(out);
    expect(file).toMatchObject({ rows: 5, capped: true });
    expect(file.total).toBeGreaterThan(300);
    const sheet = (await workbook(Buffer.concat(chunks))).getWorksheet('工单')!;
    expect(sheet.rowCount).toBe(7);
    expect(sheet.getRow(7).getCell(1).value).toBe(
      `已达导出上限：仅导出前 5 条（符合条件共 ${file.total} 条），请缩小筛选范围后分批导出。`,
    );
  });
});
