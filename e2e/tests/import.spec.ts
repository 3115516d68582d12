import { expect, test } from '@playwright/test';
import ExcelJS from 'exceljs';
import { FIRST_RENDER, signIn } from './session';

// The spreadsheet import end to end (spec 03 §6): the manager checks a file with a bad row (the errors
// by sheet, row and column; nothing written), fixes it, checks again and imports units and residents;
// the desk then finds an imported resident by phone and reveals the number (audited).

test.describe.configure({ timeout: 180_000 });

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
const PHONE = '13977001122';

async function workbook(residents: (string | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const units = wb.addWorksheet('房屋');
  units.addRow(UNIT_HEADER);
  units.addRow(['E2E栋', '0101', 1, 89.5, '住宅', '自住']);
  units.addRow(['E2E栋', '0102', 1, 76, '住宅', '出租']);
  const people = wb.addWorksheet('住户');
  people.addRow(RESIDENT_HEADER);
  for (const r of residents) people.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

test('a manager imports units and residents; the desk finds one by phone and reveals it', async ({
  page,
}) => {
  await signIn(page, 'manager');
  await page.goto('/units');
  await page.getByTestId('units-import').click(FIRST_RENDER);
  const dialog = page.locator('.ant-modal:visible');
  await expect(dialog).toContainText('下载导入模板');

  const bad = await workbook([
    ['严导入', PHONE, null, null, '男', null, 'E2E栋', '0101', '业主', '2020-05-01', null],
    ['卫租客', '1397700', null, null, null, null, 'E2E栋', '0102', '租户', null, null],
  ]);
  const input = dialog.locator('input[type=file]');
  await input.setInputFiles({ name: '住户名册.xlsx', mimeType: XLSX, buffer: bad });
  await dialog.getByTestId('import-check').click();
  await expect(dialog.getByTestId('import-errors')).toContainText('发现 1 处错误，未写入任何数据');
  const errorRow = dialog.getByTestId('import-error-table').locator('.ant-table-row').first();
  await expect(errorRow).toContainText('住户');
  await expect(errorRow).toContainText('3');
  await expect(errorRow).toContainText('手机');
  await expect(dialog.getByTestId('import-run')).toBeDisabled();
  await page.screenshot({ path: '../.tmp/import-errors.png' });

  const good = await workbook([
    ['严导入', PHONE, null, null, '男', null, 'E2E栋', '0101', '业主', '2020-05-01', null],
    ['卫租客', '13977003344', null, null, null, null, 'E2E栋', '0102', '租户', null, null],
  ]);
  await input.setInputFiles({ name: '住户名册.xlsx', mimeType: XLSX, buffer: good });
  await dialog.getByTestId('import-check').click();
  await expect(dialog.getByTestId('import-ok')).toContainText('检查通过');
  await expect(dialog.getByTestId('import-counts')).toContainText('2');
  await page.screenshot({ path: '../.tmp/import-checked.png' });
  await dialog.getByTestId('import-run').click();
  await expect(dialog.getByTestId('import-ok')).toContainText('导入完成');
  await expect(page.getByText('已导入 2 套房屋、2 位住户')).toBeVisible();
  await dialog.getByTestId('import-close').click();
  await expect(page.locator('.building-list')).toContainText('E2E栋');

  // The front desk: the caller's number finds the imported owner, masked, and 「查看」 shows it.
  await page.context().clearCookies();
  await signIn(page, 'agent');
  await page.goto('/desk');
  await page.getByTestId('desk-phone').fill(PHONE);
  await page.getByTestId('desk-phone').press('Enter');
  const lookup = page.getByTestId('desk-lookup-result');
  await expect(lookup).toContainText('严导入', FIRST_RENDER);
  await expect(lookup).toContainText('E2E栋-0101');

  await page.goto('/residents');
  await page.getByTestId('residents-search').fill('严导入');
  await page.getByTestId('residents-search').press('Enter');
  const row = page.locator('.ant-table-row', { hasText: '严导入' });
  await expect(row).toHaveCount(1, FIRST_RENDER);
  await expect(row).toContainText('139****1122');
  await row.getByTestId('resident-link').click();
  await page.getByTestId('reveal-phone-0').click();
  await expect(page.getByText('已显示完整号码，本次查看已记录')).toBeVisible();
  await expect(page.getByTestId('reveal-phone-0-value')).toHaveText(PHONE);
});
