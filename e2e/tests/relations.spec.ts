// Relationship work (客户关系维护): a steward records a visit with the resident's signature and a
// follow-up repair, which becomes a real work order; the manager schedules a reception day at least a
// week ahead on a weekend and prints its notice.
import { expect, test } from '@playwright/test';
import { apiSession, FIRST_RENDER, signIn } from './session';

test('a steward records a visit with a signature and a follow-up repair', async ({ page }) => {
  await signIn(page, 'steward');
  await page.goto('/relations/visits');
  await expect(page.getByRole('heading', { name: '走访' })).toBeVisible(FIRST_RENDER);
  await page.getByTestId('visit-new').click();

  const unit = page.getByTestId('residents-unit');
  await unit.click();
  await page.keyboard.type('1栋301');
  await page.locator('.ant-select-item-option').filter({ hasText: '1栋-301' }).first().click();
  // The unit's dropdown closes with an animation: pick from the resident's list, not the closing one.
  await expect(page.locator('.ant-select-dropdown:visible')).toHaveCount(0);
  await page.getByTestId('visit-resident').click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option').first().click();
  await page.getByLabel('维修').check();
  await page.getByLabel('安全').check();
  await page.getByTestId('visit-opinions').fill('业主反映厨房水龙头漏水，单元门禁偶尔失灵');

  // The resident signs on screen.
  const canvas = page.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  await page.mouse.down();
  for (let i = 1; i <= 12; i++)
    await page.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 2 });
  await page.mouse.up();
  await expect(page.getByRole('button', { name: '重签' })).toBeEnabled();

  await page.getByTestId('visit-add-followup').click();
  await page.getByTestId('visit-followup-text').fill('厨房水龙头漏水（走访时业主反映）');
  await page.getByTestId('visit-save').click();
  const toast = page.locator('.ant-message').getByText(/已生成工单 BX\d{12}/);
  await expect(toast).toBeVisible();
  const number = (await toast.textContent())!.match(/BX\d{12}/)![0];

  // The record is listed with its signature and its work order, which is a real request.
  await page.getByRole('tab', { name: '走访记录' }).click();
  const row = page.getByTestId('visit-records').locator('tr').filter({ hasText: number });
  await expect(row).toContainText('1栋-301');
  await expect(row).toContainText('已签名');
  await row.getByRole('link', { name: number }).click();
  await expect(page.getByTestId('request-number')).toHaveText(number, FIRST_RENDER);
});

test('the manager schedules a reception day and prints its notice', async ({ page, browser }) => {
  // A weekend at least 8 days after the server's clock (tests may have moved it), not a make-up workday.
  const { api, context } = await apiSession(browser, 'manager');
  const now = new Date(((await (await api.get('/api/dev/clock')).json()) as { now: string }).now);
  const from = new Date(now.getTime() + 8 * 86_400_000).toISOString().slice(0, 10);
  const to = new Date(now.getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
  const days = (await (await api.get(`/api/calendar/days?from=${from}&to=${to}`)).json()) as {
    items: { date: string; workday: boolean }[];
  };
  const date = days.items.find((d) => !d.workday)!.date;
  await context.close();

  await signIn(page, 'manager');
  await page.goto('/relations/manager');
  await page.getByTestId('reception-new').click(FIRST_RENDER);
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('reception-date').click();
  await page.keyboard.type(date);
  await page.keyboard.press('Enter');
  await dialog.getByRole('button', { name: /保\s*存/ }).click();
  await expect(page.locator('.ant-message')).toContainText('接待日已安排，通知已发布');

  const row = page.getByTestId('reception-days').locator('tr').filter({ hasText: date }).first();
  await expect(row).toContainText('待举行');
  const [print] = await Promise.all([
    page.waitForEvent('popup'),
    row.getByRole('link', { name: /打印通知/ }).click(),
  ]);
  await expect(print.getByTestId('notice-sheet')).toContainText(date, FIRST_RENDER);
  await expect(print.getByTestId('notice-sheet')).toContainText('经理接待日');
  await expect(print.getByTestId('notice-sheet')).toContainText('阳光花园管理处');
  await expect(print.getByTestId('print-now')).toBeVisible();
});
