import { expect, type Locator, type Page, test } from '@playwright/test';
import { signIn } from './session';

// The first page after the server starts can be slow while the clock sweeper works through the
// demo's missed clocks on a busy machine: the first look at each page waits longer.
const FIRST = { timeout: 30_000 };
test.describe.configure({ timeout: 120_000 });

// The service desk's back office end to end, on the demo data: the engineering lead assigns an order
// on the department board; the cashier confirms a fee a technician collected; the morning shift
// dispatches a request the night shift took and records the hand-over.

/** Picks an option of an antd Select by its exact label (antd sets the label as the option's title). */
async function choose(page: Page, select: Locator, optionLabel: string) {
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionLabel}"]`).click();
}

test('the engineering lead assigns an order on the department board', async ({ page }) => {
  await signIn(page, 'eng_lead');
  await page.goto('/board');
  const column = page.getByTestId('board-column-dispatched');
  const card = column.getByTestId('board-card').filter({ hasText: '入户门锁芯卡住' });
  await expect(card).toBeVisible(FIRST);
  await expect(card.getByTestId('board-card-assignee')).toContainText('未指派');
  // The arrival clock counts down on the card.
  await expect(card).toContainText(/到场\s*剩余|到场\s*已超时/);

  const member = page.getByTestId('board-member').filter({ hasText: '蒋师傅' });
  const before = Number((await member.getByTestId('board-member-count').textContent())!.replace(/\D/g, ''));

  await card.getByTestId('board-assign').click();
  await page.getByTestId('assign-member').filter({ hasText: '蒋师傅' }).click();
  await page.getByTestId('assign-submit').click();

  await expect(card.getByTestId('board-card-assignee')).toHaveText(/蒋师傅/);
  await expect(member.getByTestId('board-member-count')).toHaveText(`在办 ${before + 1}`);

  // The assignment is the lifecycle's dispatch, on the request's timeline.
  await card.locator('a').first().click();
  await expect(page.getByTestId('timeline').locator('.timeline-entry').last()).toContainText(
    '工程部 / 蒋师傅',
  );
});

test('the cashier confirms a fee the technician collected', async ({ page }) => {
  await signIn(page, 'cashier');
  await page.goto('/cashier');
  const pending = page.getByTestId('cashier-stat-pending');
  await expect(pending).toContainText('3 笔', FIRST);
  const row = page.getByTestId('cashier-pending').locator('tr', { hasText: '厨房水龙头关不紧' });
  await expect(row).toContainText('¥45.00');
  await expect(row).toContainText('技工收现金');

  await row.getByTestId('cashier-confirm').click();
  await page.getByTestId('confirm-receipt').fill('SJ-000813');
  await page.getByTestId('confirm-submit').click();

  await expect(row).toHaveCount(0);
  await expect(pending).toContainText('2 笔');
  await expect(page.getByTestId('cashier-stat-confirmed')).toContainText('¥165.00');

  await page.getByRole('tab', { name: '已确认' }).click();
  const confirmed = page.getByTestId('cashier-confirmed').locator('tr', { hasText: '厨房水龙头关不紧' });
  await expect(confirmed).toContainText('SJ-000813');
  await expect(confirmed).toContainText('郑会计');

  // The request shows the confirmation, and its timeline the two steps.
  await confirmed.locator('a').first().click();
  await expect(page.getByTestId('payment-card').getByTestId('payment-status')).toHaveText('已确认');
  const actions = await page
    .getByTestId('timeline')
    .locator('.timeline-entry')
    .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  // Collected before confirmed (a callback try may fall between them).
  const collected = actions.indexOf('payment_collected');
  expect(collected).toBeGreaterThanOrEqual(0);
  expect(actions.indexOf('payment_confirmed')).toBeGreaterThan(collected);
  expect(actions.at(-1)).toBe('payment_confirmed');
});

test('the morning shift dispatches a night request and records the hand-over', async ({ page }) => {
  await signIn(page, 'agent');
  await page.goto('/handover');
  await expect(page.getByTestId('handover-stats')).toBeVisible(FIRST);
  const row = page.getByTestId('handover-list').locator('tr', { hasText: '楼上漏水，客厅天花板在滴水' });
  await expect(row).toContainText('已受理');

  const dispatch = row.getByTestId('quick-dispatch');
  await expect(dispatch.getByTestId('quick-department')).toContainText('工程部');
  await choose(page, dispatch.getByTestId('quick-person'), '王师傅');
  await dispatch.getByTestId('quick-submit').click();
  await expect(row).toContainText('已派工');
  await expect(row.getByTestId('handover-dispatched')).toHaveText('工程部 / 王师傅');

  const form = page.getByTestId('handover-form');
  await expect(form.getByTestId('handover-from')).toContainText('褚值班');
  await expect(form.getByTestId('handover-to')).toContainText('李晓燕');
  await form.getByTestId('handover-notes').fill('3栋-1102 漏水已派工程部王师傅；其余白天派工');
  await form.getByTestId('handover-submit').click();

  const record = page.getByTestId('handover-record');
  await expect(record).toContainText('褚值班 → 李晓燕');
  await expect(record).toContainText('3栋-1102 漏水已派工程部王师傅');
  await expect(page.getByTestId('handover-form')).toHaveCount(0);

  // The request's timeline has the dispatch and the hand-over.
  await row.locator('a').first().click();
  const timeline = page.getByTestId('timeline');
  await expect(timeline).toContainText('工程部 / 王师傅');
  await expect(timeline).toContainText('褚值班 交给 李晓燕');
});
