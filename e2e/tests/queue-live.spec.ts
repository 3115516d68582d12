import { type APIRequestContext, type Browser, expect, test } from '@playwright/test';
import { phonePage } from './phone';
import { FIRST_RENDER, signIn } from './session';

// The front desk's live queue: another member of staff's changes reach an open page without a reload
// (the request page, the desk queue in priority order), a missed clock tells its owner, the caller
// look-up shows everything in one go, and the queue exports to Excel.

/** A second member of staff working through the API in their own session (another browser). */
async function colleague(browser: Browser, username: string) {
  const context = await browser.newContext();
  const api = context.request;
  const login = await api.post('/api/auth/login', { data: { username, password: 'demo1234' } });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const headers = { 'x-csrf-token': csrfToken };
  const estates = (await (await api.get('/api/estates')).json()).items as { id: string; name: string }[];
  const ygh = estates.find((e) => e.name === '阳光花园')!.id;
  const depts = (await (await api.get(`/api/departments?estateId=${ygh}`)).json()).items as {
    id: string;
    kind: string;
  }[];
  return {
    ygh,
    engineering: depts.find((d) => d.kind === 'engineering')!.id,
    async post(url: string, data: object) {
      const res = await api.post(url, { data, headers });
      expect(res.ok(), `${url}: ${res.status()} ${await res.text()}`).toBe(true);
      return res.json();
    },
    api: api as APIRequestContext,
    close: () => context.close(),
  };
}

test('a colleague’s dispatch shows on my open request page, and the missed clock tells me', async ({
  page,
  browser,
}) => {
  await signIn(page, 'agent');
  const me = await colleague(browser, 'agent');
  const r = await me.post('/api/requests', {
    estateId: me.ygh,
    locationText: '3栋电梯厅',
    channel: 'patrol',
    type: 'repair',
    subtype: 'public',
    description: '3栋电梯厅顶灯闪烁',
  });
  await page.goto(`/requests/${r.id}`);
  await expect(page.getByTestId('request-state')).toContainText('已受理', FIRST_RENDER);

  const supervisor = await colleague(browser, 'supervisor');
  await supervisor.post(`/api/requests/${r.id}/transitions`, {
    action: 'dispatch',
    version: 1,
    departmentId: supervisor.engineering,
  });
  // No reload: the live stream brings the change.
  await expect(page.getByTestId('request-state')).toContainText('已派工');
  await expect(page.getByTestId('request-clocks')).toContainText('到场');
  await expect(page.getByText(`工单 ${r.number} 已由他人更新`)).toBeVisible();

  // The arrival clock misses 15 minutes after dispatch: its owner (me) is told at once.
  await supervisor.post('/api/dev/clock', { advanceMinutes: 20 });
  const notice = page.locator('.ant-notification-notice').filter({ hasText: r.number });
  await expect(notice).toContainText('到场时限已超时');
  await notice.getByTestId('live-alert-open').click();
  await expect(page).toHaveURL(new RegExp(`/requests/${r.id}$`));
  await supervisor.close();
  await me.close();
});

test('an emergency taken elsewhere jumps to the top of my desk queue, which exports to Excel', async ({
  page,
  browser,
}) => {
  await signIn(page, 'agent');
  await page.goto('/desk');
  const queue = page.getByTestId('desk-queue');
  await expect(queue.locator('.ant-table-row').first()).toBeVisible(FIRST_RENDER);

  const supervisor = await colleague(browser, 'supervisor');
  const r = await supervisor.post('/api/requests', {
    estateId: supervisor.ygh,
    locationText: '5栋2号电梯',
    channel: 'phone',
    type: 'repair',
    subtype: 'public',
    emergency: true,
    reporter: { name: '周女士', phone: '13955556666' },
    description: '5栋2号电梯困人，两位老人在里面',
  });
  const row = queue.locator('.ant-table-row').filter({ hasText: r.number });
  await expect(row).toBeVisible();
  await expect(row.getByTestId('queue-emergency')).toBeVisible();
  // Emergencies lead the queue: every row above this one is an emergency too.
  const rows = queue.locator('.ant-table-row');
  const position = await rows.evaluateAll(
    (els, number) => els.findIndex((e) => e.textContent?.includes(number)),
    r.number,
  );
  for (let i = 0; i < position; i++) await expect(rows.nth(i)).toHaveClass(/desk-row-emergency/);

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('desk-queue-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^工单_阳光花园_\d{8}-\d{4}\.xlsx$/);
  await expect(page.getByText(/已导出 \d+ 条工单/)).toBeVisible();
  await supervisor.close();
});

test('the caller look-up shows the resident, their homes, arrears and requests at once', async ({ page }) => {
  await signIn(page, 'agent');
  await page.goto('/desk');
  await page.getByTestId('desk-unit').click(FIRST_RENDER);
  await page.keyboard.type('1栋1201');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="1栋-1201"]').click();
  const lookup = page.getByTestId('desk-lookup-result');
  await expect(lookup.locator('.desk-resident-active')).toHaveCount(1, FIRST_RENDER);
  const history = lookup.getByTestId('desk-history');
  // 阳光花园 has an arrears list (the demo's, or one a spec loaded): what the caller owes as of its date.
  await expect(history.getByTestId('desk-arrears')).toContainText(/截至 \d{4}-\d{2}-\d{2}/);
  await expect(history).toContainText('未完成工单');
  await expect(history).toContainText('最近已结工单');
});

test('an order dispatched to the technician appears on their open phone page without a reload', async ({
  browser,
}) => {
  const tech = await phonePage(browser);
  await signIn(tech, 'tech');
  await tech.goto('/tech');
  await expect(tech.getByRole('heading', { name: '待处理工单' })).toBeVisible(FIRST_RENDER);
  await expect(tech.locator('.tech-page .ant-skeleton')).toHaveCount(0);
  const techId = (await (await tech.request.get('/api/auth/me')).json()).user.id as string;

  const desk = await colleague(browser, 'agent');
  const r = await desk.post('/api/requests', {
    estateId: desk.ygh,
    locationText: '5栋地下车库',
    channel: 'patrol',
    type: 'repair',
    subtype: 'public',
    description: '5栋地下车库照明灯不亮',
  });
  await expect(tech.getByTestId('tech-order').filter({ hasText: r.number })).toHaveCount(0);
  await desk.post(`/api/requests/${r.id}/transitions`, {
    action: 'dispatch',
    version: 1,
    departmentId: desk.engineering,
    assigneeId: techId,
  });
  // No reload: the live stream brings the new order to the phone.
  const card = tech.getByTestId('tech-order').filter({ hasText: r.number });
  await expect(card).toHaveAttribute('data-state', 'dispatched');
  await expect(card).toContainText('5栋地下车库照明灯不亮');
  await desk.close();
  await tech.context().close();
});
