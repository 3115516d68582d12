import { type APIRequestContext, expect, request, test } from '@playwright/test';
import { signIn } from './session';

// The callback centre end to end: repairs completed through the API until one is sampled for the
// customer-service supervisor; the supervisor finds it under 我的抽查, calls back, and the quota progress
// moves. Then an alert addressed to the supervisor is acknowledged on 超时与升级.

type Api = { ctx: APIRequestContext; csrf: string; userId: string };

/** An API session for a demo account (cookie + CSRF token), as the web app holds one. */
async function apiAs(baseURL: string, username: string): Promise<Api> {
  const ctx = await request.newContext({ baseURL });
  const res = await ctx.post('/api/auth/login', { data: { username, password: 'demo1234' } });
  expect(res.ok()).toBe(true);
  const body = await res.json();
  return { ctx, csrf: body.csrfToken, userId: body.user.id };
}

async function post(api: Api, url: string, data: object) {
  const res = await api.ctx.post(url, { data, headers: { 'x-csrf-token': api.csrf } });
  expect(res.ok(), `${url}: ${await res.text()}`).toBe(true);
  return res.json();
}

/** A repair taken by the agent, dispatched to 王师傅 and completed by him. */
async function completedRepair(agent: Api, tech: Api, estateId: string, departmentId: string, n: number) {
  const created = await post(agent, '/api/requests', {
    estateId,
    locationText: `${n}栋大堂`,
    channel: 'patrol',
    type: 'repair',
    description: `大堂照明灯不亮（回访抽查测试 ${n}）`,
  });
  let detail = await post(agent, `/api/requests/${created.id}/transitions`, {
    action: 'dispatch',
    version: created.version,
    departmentId,
    assigneeId: tech.userId,
  });
  for (const body of [
    { action: 'accept' },
    { action: 'arrive' },
    {
      action: 'complete',
      workDone: '更换灯管',
      chargeable: false,
      residentConfirmation: { method: 'phone' },
    },
  ])
    detail = await post(tech, `/api/requests/${created.id}/transitions`, {
      ...body,
      version: detail.version,
    });
  return detail as { id: string; number: string };
}

test('the supervisor calls back a repair sampled for them, and the quota progress moves', async ({
  page,
  baseURL,
}) => {
  // Up to six repairs through their whole lifecycle before the page work begins.
  test.setTimeout(180_000);
  const agent = await apiAs(baseURL!, 'agent');
  const tech = await apiAs(baseURL!, 'tech');
  const supervisor = await apiAs(baseURL!, 'supervisor');
  const estates = (await (await agent.ctx.get('/api/estates')).json()).items;
  const estateId = estates.find((e: { name: string }) => e.name === '阳光花园').id;
  const departments = (await (await agent.ctx.get(`/api/departments?estateId=${estateId}`)).json()).items;
  const eng = departments.find((d: { kind: string }) => d.kind === 'engineering').id;

  // At least every fourth repair is sampled for the supervisor (30%): complete until one is.
  let sampled: { id: string; number: string } | undefined;
  for (let n = 1; n <= 6 && !sampled; n++) {
    const r = await completedRepair(agent, tech, estateId, eng, n);
    const mine = await (
      await supervisor.ctx.get(`/api/callbacks/due?estateId=${estateId}&mine=true&pageSize=200`)
    ).json();
    if (mine.items.some((i: { id: string }) => i.id === r.id)) sampled = r;
  }
  expect(sampled).toBeDefined();

  await signIn(page, 'supervisor');
  await page.goto('/callbacks');
  const done = page.getByTestId('quota-cs_supervisor-done');
  // (the first page load of a fresh server can be slow on a busy machine)
  await expect(done).toContainText('已回访', { timeout: 30_000 });
  const before = Number((await done.textContent())!.match(/已回访 (\d+)/)![1]);

  await page.getByTestId('tab-mine').click();
  const row = page.getByTestId('due-mine').locator('tr', { hasText: sampled!.number });
  await expect(row).toContainText('我的');
  await expect(row).toContainText('客服主管 孙主管');
  await row.getByTestId(`callback-${sampled!.number}`).click();

  const modal = page.locator('.ant-modal', { hasText: `回访 · ${sampled!.number}` });
  await expect(modal).toBeVisible();
  await modal.getByTestId('callback-satisfaction').getByText('满意', { exact: true }).click();
  await modal.getByLabel('业主原话').fill('主管回访，业主表示灯已修好');
  await modal.getByTestId('callback-submit').click();
  await expect(page.getByText('回访已记录')).toBeVisible();

  // Done: no longer owed by me, and the supervisor's progress counts it.
  await expect(page.getByTestId('due-mine').locator('tr', { hasText: sampled!.number })).toHaveCount(0);
  await expect(done).toContainText(`已回访 ${before + 1}`);
  const detail = await (await supervisor.ctx.get(`/api/requests/${sampled!.id}`)).json();
  expect(detail.state).toBe('callback_done');
  expect(detail.callbacks[0].byName).toBe('孙主管');
});

test('an alert addressed to the supervisor is acknowledged on the overdue and escalation page', async ({
  page,
  baseURL,
}) => {
  // Sweep the clocks now (the demo history has missed ones), rather than wait for the 15-second sweep.
  const supervisor = await apiAs(baseURL!, 'supervisor');
  await post(supervisor, '/api/dev/clock', { advanceMinutes: 0 });

  await signIn(page, 'supervisor');
  await expect(page.getByTestId('nav-alerts-badge')).toBeVisible();
  await page.goto('/alerts');
  const table = page.getByTestId('alerts-table');
  const ack = table.locator('[data-testid^="ack-"]').first();
  await expect(ack).toBeVisible({ timeout: 30_000 });
  const id = (await ack.getAttribute('data-testid'))!.slice('ack-'.length);
  const row = table.locator(`tr[data-row-key="${id}"]`);
  await expect(row.getByTestId('alert-ladder')).toContainText(/第 \d 级|预警/);
  await expect(row).toContainText(/已超|剩余/);
  await ack.click();
  await expect(page.getByText('已确认提醒')).toBeVisible();
  // Gone from the open list; shown as acknowledged, by whom, under 全部.
  await expect(table.locator(`tr[data-row-key="${id}"]`)).toHaveCount(0);
  await page.getByTestId('alerts-status').getByText('全部').click();
  await expect(table.locator(`tr[data-row-key="${id}"]`)).toContainText('孙主管');
  await expect(table.locator(`tr[data-row-key="${id}"]`)).toContainText('已确认');
});

test('导出 on the callback page downloads the list as an xlsx file', async ({ page }) => {
  await signIn(page, 'supervisor');
  await page.goto('/callbacks');
  await expect(page.getByTestId('tab-all')).toBeVisible();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('callbacks-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^回访_.+_\d{8}-\d{4}\.xlsx$/);
  const path = await download.path();
  const { readFileSync } = await import('node:fs');
  // An xlsx file is a zip archive.
  expect(readFileSync(path).subarray(0, 2).toString()).toBe('PK');
  await expect(page.getByText(/已导出 \d+ 条回访/)).toBeVisible();
});
