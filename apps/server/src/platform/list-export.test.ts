/**
 * Every staff list exports the way the request list does (spec 01 §6 "export any list"): the list's
 * rows in its order under Chinese headers, phones masked, the caller's estate only, and an audit
 * event per export. One case per list; the request list's own export: requests.export.test.ts.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, createTestContext, type TestContext } from '../testing/harness.ts';
import { infoLines, readWorkbook, sheetTable } from '../testing/xlsx.ts';
import { rows } from './db.ts';
import { wallClock } from './xlsx.ts';

let ctx: TestContext;
let ygh: string;
let engineering: string;
/** The phones of the requests made below; the files must never hold them in full. */
const PHONES = ['13912345678', '13712345678'];
const MASKED = /^1\d{2}\*{4}\d{4}$/;

interface ExportCase {
  resource: string;
  /** Staff of 阳光花园 who may read the list. */
  user: string;
  /** Staff of 天物大厦 whose role the route admits. */
  foreign: string;
  list(): string;
  export(): string;
  /** The export with no estate named (lists that cover all the caller's estates). */
  exportAll?: string;
  numbers(body: any): string[];
  total(body: any): number;
  sheet: string;
  headers: string[];
  /** A time column and the list item's instant it shows (in the estate's wall-clock time). */
  time: { header: string; of(item: any): string | null };
}

const CASES: ExportCase[] = [
  {
    resource: 'callbacks',
    time: { header: '完工时间', of: (i) => i.completedAt },
    user: 'agent',
    foreign: 'tw_agent',
    list: () => `/api/callbacks/due?estateId=${ygh}&pageSize=200`,
    export: () => `/api/callbacks/due/export?estateId=${ygh}`,
    exportAll: '/api/callbacks/due/export',
    numbers: (b) => b.items.map((i: any) => i.number),
    total: (b) => b.total,
    sheet: '回访',
    headers: [
      '工单号',
      '项目',
      '类型',
      '状态',
      '房号/位置',
      '内容',
      '报事人',
      '联系电话',
      '首接责任人',
      '完工时间',
      '回访时限',
      '已超时',
      '未接通次数',
      '上次拨打',
      '下次重拨',
      '收费（元）',
      '抽查回访',
      '我的',
    ],
  },
  {
    resource: 'alerts',
    time: { header: '提醒时间', of: (i) => i.raisedAt },
    user: 'supervisor',
    foreign: 'tw_agent',
    list: () => `/api/alerts?estateId=${ygh}&all=true&pageSize=200`,
    export: () => `/api/alerts/export?estateId=${ygh}&all=true`,
    exportAll: '/api/alerts/export?all=true',
    numbers: (b) => b.items.map((i: any) => i.requestNumber),
    total: (b) => b.total,
    sheet: '超时与升级',
    headers: [
      '工单号',
      '项目',
      '类型',
      '工单状态',
      '房号/位置',
      '内容',
      '联系电话',
      '首接责任人',
      '时限',
      '提醒类别',
      '升级级别',
      '提醒对象',
      '时限截止',
      '提醒时间',
      '完成时间',
      '确认时间',
      '确认人',
    ],
  },
  {
    resource: 'payments',
    time: { header: '收款时间', of: (i) => i.collectedAt },
    user: 'cashier',
    foreign: 'tw_manager',
    list: () => `/api/payments?estateId=${ygh}&status=collected&pageSize=200`,
    export: () => `/api/payments/export?estateId=${ygh}&status=collected`,
    exportAll: '/api/payments/export?status=collected',
    numbers: (b) => b.items.map((i: any) => i.requestNumber),
    total: (b) => b.total,
    sheet: '收款记录',
    headers: [
      '工单号',
      '项目',
      '类型',
      '房号/位置',
      '内容',
      '联系电话',
      '金额（元）',
      '应收（元）',
      '收款方式',
      '状态',
      '收款人',
      '收款时间',
      '收据号',
      '确认人',
      '确认时间',
      '备注',
    ],
  },
  {
    resource: 'board',
    time: { header: '受理时间', of: (i) => i.receivedAt },
    user: 'eng_lead',
    foreign: 'tw_agent',
    list: () => `/api/departments/${engineering}/board`,
    export: () => `/api/departments/${engineering}/board/export`,
    numbers: (b) => b.items.map((i: any) => i.number),
    total: (b) => b.items.length,
    sheet: '部门看板_工程部',
    headers: [
      '工单号',
      '项目',
      '类型',
      '状态',
      '处理方式',
      '房号/位置',
      '内容',
      '报事人',
      '联系电话',
      '处理人',
      '预约时间',
      '当前时限',
      '时限截止',
      '已超时',
      '受理时间',
      'VIP',
      '夜间受理',
    ],
  },
  {
    resource: 'handover',
    time: { header: '受理时间', of: (i) => i.receivedAt },
    user: 'night',
    foreign: 'tw_agent',
    list: () => `/api/handovers/night?estateId=${ygh}`,
    export: () => `/api/handovers/night/export?estateId=${ygh}`,
    numbers: (b) => b.items.map((i: any) => i.number),
    total: (b) => b.items.length,
    sheet: '夜间交接_2026-11-22',
    headers: [
      '工单号',
      '项目',
      '类型',
      '状态',
      '来源',
      '处理方式',
      '房号/位置',
      '内容',
      '报事人',
      '联系电话',
      '受理时间',
      '受理人',
      '派往部门',
      '处理人',
      'VIP',
      '往夜遗留',
    ],
  },
];

async function transition(client: Client, id: string, body: object) {
  const current = await client.get(`/api/requests/${id}`);
  const res = await client.post(`/api/requests/${id}/transitions`, {
    version: current.body.version,
    ...body,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

beforeAll(async () => {
  ctx = await createTestContext();
  const agent = await ctx.login('agent');
  const tech = await ctx.login('tech');
  ygh = (await agent.get('/api/estates')).body.items.find((e: any) => e.name === '阳光花园').id;
  engineering = (await agent.get(`/api/departments?estateId=${ygh}`)).body.items.find(
    (d: any) => d.kind === 'engineering',
  ).id;
  const repair = async (description: string, phone: string) =>
    (
      await agent.post('/api/requests', {
        estateId: ygh,
        locationText: '3栋地下车库',
        channel: 'phone',
        type: 'repair',
        reporter: { name: '周先生', phone },
        description,
      })
    ).body.id as string;
  // On the board, and late for its arrival clock (an alert) once the clock moves on.
  const waiting = await repair('车库排水泵不工作，积水', PHONES[0]!);
  await transition(agent, waiting, { action: 'dispatch', departmentId: engineering });
  // Done and paid on site: on the callback list and the cashier's.
  const done = await repair('车库消防栓漏水', PHONES[1]!);
  await transition(agent, done, {
    action: 'dispatch',
    departmentId: engineering,
    assigneeId: tech.user!.id,
  });
  await transition(tech, done, { action: 'accept' });
  await transition(tech, done, { action: 'arrive' });
  await transition(tech, done, {
    action: 'complete',
    workDone: '更换消防栓阀门',
    chargeable: true,
    feeFen: 5000,
    residentConfirmation: { method: 'phone' },
  });
  const paid = await tech.post(`/api/requests/${done}/payments`, {
    amountFen: 5000,
    method: 'technician_cash',
  });
  expect(paid.status).toBe(201);
  await agent.post('/api/dev/clock', { advanceMinutes: 20 });
});
afterAll(() => ctx.close());

for (const c of CASES) {
  describe(`the ${c.resource} list as xlsx`, () => {
    it('holds the list’s rows in its order under Chinese headers, phones masked', async () => {
      const client = await ctx.login(c.user);
      const list = await client.get(c.list());
      expect(list.status).toBe(200);
      const res = await client.download(c.export());
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toContain(
        `filename*=UTF-8''${encodeURIComponent(`${c.sheet}_阳光花园_20261122-1020.xlsx`)}`,
      );
      const total = c.total(list.body);
      expect(total).toBeGreaterThan(0);
      expect(res.headers).toMatchObject({ 'x-export-rows': String(total), 'x-export-capped': 'false' });

      const wb = await readWorkbook(res.body);
      const table = sheetTable(wb.getWorksheet(c.sheet)!);
      expect(table.header).toEqual(c.headers);
      expect(table.rows.length).toBe(total);
      expect(table.rows.map((r) => r[0])).toEqual(c.numbers(list.body));
      expect(new Set(table.rows.map((r) => r[1]))).toEqual(new Set(['阳光花园']));
      // Excel has no zones: a time cell holds the wall-clock time in Shanghai.
      const at = c.headers.indexOf(c.time.header);
      expect(table.rows.map((r) => (r[at] ? (r[at] as Date).toISOString() : null))).toEqual(
        list.body.items.map((i: any) => {
          const iso = c.time.of(i);
          return iso ? wallClock(new Date(iso), 'Asia/Shanghai').toISOString() : null;
        }),
      );

      const phones = table.rows.map((r) => r[c.headers.indexOf('联系电话')]).filter(Boolean);
      expect(phones.length).toBeGreaterThan(0);
      for (const p of phones) expect(p).toMatch(MASKED);
      for (const p of PHONES) expect(res.body.includes(Buffer.from(p))).toBe(false);
      expect(infoLines(wb)).toMatchObject({ 项目: '阳光花园', 导出条数: String(total) });
    });

    it('records who exported what and how many rows', async () => {
      const client = await ctx.login(c.user);
      const res = await client.download(c.export());
      const [event] = await rows<{ actor_id: string; estate_id: string; data: any }>(
        ctx.database.db,
        sql`select actor_id, estate_id, data from events where entity_type = 'export'
            order by at desc, id desc limit 1`,
      );
      expect(event).toMatchObject({
        actor_id: client.user!.id,
        estate_id: ygh,
        data: {
          resource: c.resource,
          format: 'xlsx',
          rows: Number(res.headers['x-export-rows']),
          capped: false,
        },
      });
    });

    it('gives staff of another estate nothing of 阳光花园', async () => {
      const foreign = await ctx.login(c.foreign);
      expect((await foreign.download(c.export())).status).toBe(404);
      if (!c.exportAll) return;
      const theirs = await foreign.download(c.exportAll);
      expect(theirs.status).toBe(200);
      const table = sheetTable((await readWorkbook(theirs.body)).worksheets[0]!);
      expect(table.rows.map((r) => r[1]).filter((e) => e !== '天物大厦')).toEqual([]);
    });
  });
}

describe('an export in English', () => {
  it('speaks the caller’s language: headers, labels and the sheet', async () => {
    const cashier = await ctx.login('cashier');
    const res = await cashier.download(`/api/payments/export?estateId=${ygh}&status=collected`, {
      'accept-language': 'en',
    });
    const table = sheetTable((await readWorkbook(res.body)).getWorksheet('Payments')!);
    expect(table.header.slice(0, 3)).toEqual(['Number', 'Estate', 'Type']);
    expect(table.rows.some((r) => r[8] === 'Cash to technician')).toBe(true);
  });
});

describe('who may take a list away as a file', () => {
  it('lets any staff read the alerts but only the roles that export requests download them', async () => {
    const tech = await ctx.login('tech');
    expect((await tech.get(`/api/alerts?estateId=${ygh}`)).status).toBe(200);
    const refused = await tech.get(`/api/alerts/export?estateId=${ygh}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('FORBIDDEN');
    const supervisor = await ctx.login('supervisor');
    expect((await supervisor.download(`/api/alerts/export?estateId=${ygh}`)).status).toBe(200);
  });
});
