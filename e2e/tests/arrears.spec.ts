import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiSession, FIRST_RENDER, signIn } from './session';

// The arrears list end to end (decision 0024): the cashier reads 阳光花园's demo list on 欠费名单, checks
// a new list with a bad row (the error by row and column; nothing loaded), fixes it and loads it as of
// today; the page shows the new list with the old one in history, the unit file shows what the unit
// owes (not to a technician), and the desk's look-up shows it to the agent with the list's date.
// 天物大厦 has loaded no list: its page says so and its desk shows arrears as unknown.
//
// The units are read through the API (real 阳光花园 units with residents), and the test asserts only on
// the list it loads itself, so it does not depend on the other specs' data.

test.describe.configure({ timeout: 180_000 });

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = ['楼栋', '房号', '欠费金额', '欠费月数', '起欠月份', '备注'];

type Unit = { id: string; buildingName: string; number: string; residentCount: number };
type Line = { unit: Unit; yuan: number; months: number; since: string; note: string };

/** Today in the estates' time zone (the list's date the dialog offers). */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());

/** The first month owed, `back` months before today's (so never after the list's date). */
function monthBefore(back: number): string {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const total = y * 12 + (m - 1) - back;
  return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, '0')}`;
}

async function workbook(rows: (string | number)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('欠费');
  sheet.addRow(HEADER);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function estateNamed(api: APIRequestContext, name: string): Promise<string> {
  const { items } = (await (await api.get('/api/estates')).json()) as {
    items: { id: string; name: string }[];
  };
  const estate = items.find((e) => e.name === name);
  expect(estate, name).toBeTruthy();
  return estate!.id;
}

/** Units of the estate's demo buildings (1栋 … / A座 …) with someone living there. */
async function inhabitedUnits(api: APIRequestContext, estateId: string): Promise<Unit[]> {
  const res = await api.get(`/api/estates/${estateId}/units`, { params: { pageSize: 200 } });
  expect(res.ok()).toBe(true);
  const { items } = (await res.json()) as { items: Unit[] };
  return items.filter((u) => u.residentCount > 0 && /^(\d+栋|[A-Z]座)$/.test(u.buildingName));
}

/** Whether every resident the desk finds in the unit lives in that unit only (their arrears are the unit's). */
async function onlyHome(api: APIRequestContext, estateId: string, unitId: string): Promise<boolean> {
  const res = await api.get('/api/lookup', { params: { estateId, unitId } });
  expect(res.ok()).toBe(true);
  const { residents } = (await res.json()) as { residents: { units: unknown[] }[] };
  return residents.length > 0 && residents.every((r) => r.units.length === 1);
}

/** The desk's look-up by unit, as an agent types it. */
async function lookUpUnit(page: Page, unit: Unit) {
  await page.goto('/desk');
  await page.getByTestId('desk-unit').click(FIRST_RENDER);
  await page.keyboard.type(`${unit.buildingName}${unit.number}`);
  const label = `${unit.buildingName}-${unit.number}`;
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${label}"]`).click();
  const lookup = page.getByTestId('desk-lookup-result');
  await expect(lookup.locator('.desk-resident-active')).toHaveCount(1, FIRST_RENDER);
  return lookup.getByTestId('desk-history').getByTestId('desk-arrears');
}

const yuan = (n: number) =>
  `¥${n.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;

test('the cashier loads a new arrears list; the page, the unit file and the desk show it as of its date', async ({
  page,
  browser,
}) => {
  const cashier = await apiSession(browser, 'cashier');
  const estateId = await estateNamed(cashier.api, '阳光花园');
  const before = (await (await cashier.api.get(`/api/estates/${estateId}/arrears`)).json()) as {
    list: { asOf: string; units: number } | null;
  };
  expect(before.list, '阳光花园 has a demo list').not.toBeNull();
  const demoAsOf = before.list!.asOf;

  // Three real units; the first is the desk's, with residents who live there only.
  const agent = await apiSession(browser, 'agent');
  const units = await inhabitedUnits(cashier.api, estateId);
  let deskUnit: Unit | undefined;
  for (const u of units.slice(0, 30))
    if (await onlyHome(agent.api, estateId, u.id)) {
      deskUnit = u;
      break;
    }
  expect(deskUnit, 'a unit whose residents have no other home').toBeTruthy();
  const others = units.filter((u) => u.id !== deskUnit!.id).slice(0, 2);
  const lines: Line[] = [
    { unit: deskUnit!, yuan: 1234.56, months: 4, since: monthBefore(3), note: '欠物业费（E2E）' },
    { unit: others[0]!, yuan: 888, months: 2, since: monthBefore(1), note: '已电话催缴' },
    { unit: others[1]!, yuan: 99.5, months: 1, since: monthBefore(0), note: '' },
  ];
  const total = lines.reduce((n, l) => n + l.yuan, 0);
  const row = (l: Line) => [l.unit.buildingName, l.unit.number, l.yuan, l.months, l.since, l.note];
  await cashier.context.close();
  await agent.context.close();

  // ---- the demo list on 欠费名单 ----
  await signIn(page, 'cashier');
  await page.getByRole('menuitem', { name: '欠费名单' }).click();
  await expect(page).toHaveURL(/\/arrears$/);
  await expect(page.getByTestId('arrears-list-asof')).toHaveText(demoAsOf, FIRST_RENDER);
  await expect(page.getByTestId('arrears-list')).toContainText('郑会计');
  await expect(page.getByTestId('arrears-summary-units')).toHaveText(`${before.list!.units} 户`);
  await expect(page.getByTestId('arrears-summary-amount')).toContainText('¥');
  const table = page.getByTestId('arrears-table');
  await expect(table.locator('.ant-table-row').first()).toContainText(/\d+栋-\d+/);
  // A band filters the table to it.
  await page.getByTestId('arrears-age-over6').click();
  await expect(page).toHaveURL(/age=over6/);
  await expect(table.locator('.ant-table-row').first()).toContainText('180天以上');
  await page.getByTestId('arrears-summary-total').click();
  await expect(page).not.toHaveURL(/age=/);

  // ---- a file with a bad row: the error by row and column, nothing loaded ----
  await page.getByTestId('arrears-import').click();
  const dialog = page.locator('.ant-modal:visible');
  await expect(dialog).toContainText('下载导入模板');
  await expect(dialog.getByTestId('arrears-import-asof')).toHaveValue(today);
  const input = dialog.locator('input[type=file]');
  const badAmount = [lines[0]!.unit.buildingName, lines[0]!.unit.number, '一千二', 4, lines[0]!.since, ''];
  await input.setInputFiles({
    name: '欠费明细.xlsx',
    mimeType: XLSX,
    buffer: await workbook([badAmount, ...lines.slice(1).map(row)]),
  });
  await dialog.getByTestId('import-check').click();
  await expect(dialog.getByTestId('import-errors')).toContainText('发现 1 处错误，未写入任何数据');
  const errorRow = dialog.getByTestId('import-error-table').locator('.ant-table-row').first();
  await expect(errorRow).toContainText('欠费');
  await expect(errorRow).toContainText('2');
  await expect(errorRow).toContainText('欠费金额');
  await expect(errorRow).toContainText('不是金额');
  await expect(dialog.getByTestId('import-run')).toBeDisabled();
  await expect(page.getByTestId('arrears-list-asof')).toHaveText(demoAsOf);

  // ---- the fixed file: checked, then loaded as of today ----
  await input.setInputFiles({
    name: '欠费明细.xlsx',
    mimeType: XLSX,
    buffer: await workbook(lines.map(row)),
  });
  await dialog.getByTestId('import-check').click();
  await expect(dialog.getByTestId('import-ok')).toContainText('检查通过');
  const counts = dialog.getByTestId('import-counts');
  await expect(counts).toContainText('3 户');
  await expect(counts).toContainText(yuan(total));
  await expect(page.getByTestId('arrears-list-asof')).toHaveText(demoAsOf);
  await dialog.getByTestId('import-run').click();
  await expect(dialog.getByTestId('import-ok')).toContainText('导入完成');
  await expect(page.getByText(`已导入截至 ${today} 的欠费名单：3 户`)).toBeVisible();
  await dialog.getByTestId('import-close').click();

  await expect(page.getByTestId('arrears-list-asof')).toHaveText(today);
  await expect(page.getByTestId('arrears-summary-units')).toHaveText('3 户');
  await expect(page.getByTestId('arrears-summary-amount')).toHaveText(yuan(total));
  await expect(table.locator('.ant-table-row')).toHaveCount(3);
  const first = table.locator('.ant-table-row').first();
  await expect(first).toContainText(`${deskUnit!.buildingName}-${deskUnit!.number}`);
  await expect(first).toContainText('¥1,234.56');
  await expect(first).toContainText('4 个月');
  await expect(first).toContainText('91–180天');
  await expect(first).toContainText(lines[0]!.since);
  await expect(first).toContainText('欠物业费（E2E）');
  // The demo list is history now.
  await expect(page.getByTestId('arrears-history')).toContainText(demoAsOf);

  // ---- the unit file shows what the unit owes, with the list's date ----
  await first.getByTestId('arrears-unit-link').click();
  const fact = page.getByTestId('unit-arrears');
  await expect(fact).toContainText('欠费 ¥1,234.56 · 4 个月', FIRST_RENDER);
  await expect(fact).toContainText(`起欠 ${lines[0]!.since}`);
  await expect(fact).toContainText(`截至 ${today}`);
  const unitUrl = page.url();

  // A technician reads the unit file without its arrears.
  await page.context().clearCookies();
  await signIn(page, 'tech');
  await page.goto(unitUrl);
  await expect(page.getByTestId('unit-file')).toBeVisible(FIRST_RENDER);
  await expect(page.getByTestId('unit-arrears')).toHaveCount(0);

  // ---- the agent at the desk: the caller owes, as of the list's date ----
  await page.context().clearCookies();
  await signIn(page, 'agent');
  const arrears = await lookUpUnit(page, deskUnit!);
  await expect(arrears).toContainText('欠费 ¥1,234.56（4 个月）');
  await expect(arrears).toContainText(`截至 ${today}`);
  await expect(arrears).toHaveClass(/desk-arrears-owing/);
});

test('an estate without an arrears list says so, and its desk shows arrears as unknown', async ({
  page,
  browser,
}) => {
  const tw = await apiSession(browser, 'tw_agent');
  const estateId = await estateNamed(tw.api, '天物大厦');
  const [unit] = await inhabitedUnits(tw.api, estateId);
  expect(unit, 'a 天物大厦 unit with residents').toBeTruthy();
  await tw.context.close();

  await signIn(page, 'tw_manager');
  await page.goto('/arrears');
  await expect(page.getByTestId('arrears-none')).toContainText('本项目尚未导入欠费名单', FIRST_RENDER);
  await expect(page.getByTestId('arrears-none')).toContainText('未知');
  await expect(page.getByTestId('arrears-import')).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, 'tw_agent');
  const arrears = await lookUpUnit(page, unit!);
  await expect(arrears).toHaveText('未知（本项目未导入欠费名单）');
});
