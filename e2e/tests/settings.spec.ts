import { expect, type Page, test } from '@playwright/test';
import { signIn } from './session';

// 时限设置 end to end: the estate manager changes the arrival clock of 阳光花园, saves, reloads and sees it
// (and a repair dispatched afterwards gets the new clock); a concurrent change is reported and reloaded;
// the defaults come back with "全部恢复默认"; a supervisor only reads.

// Each test signs in, navigates and reloads several times: more than the default minute on a busy machine.
test.describe.configure({ timeout: 120_000 });

/** The API as the signed-in user of the page (its cookie, and the session's CSRF token for writes). */
async function apiOf(page: Page) {
  const me = await (await page.request.get('/api/auth/me')).json();
  const headers = { 'x-csrf-token': me.csrfToken as string };
  const estates = (await (await page.request.get('/api/estates')).json()).items as {
    id: string;
    name: string;
  }[];
  return {
    estateId: estates.find((e) => e.name === '阳光花园')!.id,
    get: async (url: string) => (await page.request.get(url)).json(),
    put: (url: string, data: unknown) => page.request.put(url, { data, headers }),
    post: async (url: string, data: unknown) => (await page.request.post(url, { data, headers })).json(),
  };
}

const onSite = (page: Page) => page.getByTestId('setting-onSiteMinutes-input');

/** The page after a navigation or reload: the first render may be slow on a busy machine. */
async function settingsShown(page: Page) {
  await expect(page.getByTestId('settings-form')).toBeVisible({ timeout: 30_000 });
}

test('the estate manager sets a 30-minute arrival clock, sees it after a reload, and restores the defaults', async ({
  page,
}) => {
  await signIn(page, 'manager');
  await page.getByRole('menuitem', { name: '时限设置' }).click();
  await expect(page).toHaveURL(/\/settings\/sla$/);
  await settingsShown(page);
  await expect(page.getByRole('heading', { name: '时限设置' })).toBeVisible();
  await expect(page.getByText('正在计时的工单保持原来的截止时间')).toBeVisible();
  await expect(onSite(page)).toHaveValue('15');
  await expect(page.getByTestId('setting-onSiteMinutes-default')).toHaveText('默认 15 分钟');
  await expect(page.getByTestId('settings-save')).toBeDisabled();

  await onSite(page).fill('30');
  await expect(page.getByTestId('setting-onSiteMinutes-overridden')).toHaveText('已调整');
  await expect(page.getByTestId('settings-unsaved')).toContainText('1');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('时限设置已保存')).toBeVisible();
  await expect(page.getByTestId('settings-version')).toContainText('第 1 版 · 钱主任');

  await page.reload();
  await settingsShown(page);
  await expect(onSite(page)).toHaveValue('30');
  await expect(page.getByTestId('setting-onSiteMinutes-overridden')).toBeVisible();
  await expect(page.getByTestId('settings-overridden-count')).toHaveText('本项目已调整 1 项');

  // A repair dispatched now gets the estate's 30 minutes.
  const api = await apiOf(page);
  const dept = (await api.get(`/api/departments?estateId=${api.estateId}`)).items.find(
    (d: { kind: string }) => d.kind === 'engineering',
  );
  const created = await api.post('/api/requests', {
    estateId: api.estateId,
    locationText: '2栋大堂',
    channel: 'patrol',
    type: 'repair',
    description: '大堂感应门不开',
  });
  const dispatched = await api.post(`/api/requests/${created.id}/transitions`, {
    action: 'dispatch',
    version: created.version,
    departmentId: dept.id,
  });
  const clock = dispatched.deadlines.find((d: { kind: string }) => d.kind === 'on_site');
  expect((Date.parse(clock.dueAt) - Date.parse(clock.startedAt)) / 60_000).toBe(30);

  await page.getByTestId('settings-reset').click();
  await expect(page.locator('.ant-modal-confirm-title')).toHaveText('恢复全部默认值？');
  await page.getByTestId('settings-reset-confirm').click();
  await expect(page.getByText('已恢复默认值')).toBeVisible();
  await expect(onSite(page)).toHaveValue('15');
  await expect(page.getByTestId('setting-onSiteMinutes-overridden')).toHaveCount(0);
  await expect(page.getByTestId('settings-overridden-count')).toHaveText('全部使用默认值');
  await expect(page.getByTestId('settings-version')).toContainText('第 2 版');
});

test('a change saved elsewhere meanwhile is reported and loaded instead of overwritten', async ({ page }) => {
  await signIn(page, 'manager');
  await page.goto('/settings/sla');
  await settingsShown(page);
  await expect(onSite(page)).toHaveValue('15');

  // Someone else saves first.
  const api = await apiOf(page);
  const current = await api.get(`/api/estates/${api.estateId}/sla-settings`);
  const other = await api.put(`/api/estates/${api.estateId}/sla-settings`, {
    settings: { ...current.settings, fixHours: 6 },
    version: current.version,
  });
  expect(other.status()).toBe(200);

  await onSite(page).fill('20');
  await page.getByTestId('settings-save').click();
  await expect(page.getByText('时限设置刚被他人修改')).toBeVisible();
  await settingsShown(page);
  await expect(page.getByTestId('setting-fixHours-input')).toHaveValue('6');
  await expect(onSite(page)).toHaveValue('15');
});

test('a customer-service supervisor reads the settings but cannot change them', async ({ page }) => {
  await signIn(page, 'supervisor');
  await page.goto('/settings/sla');
  await settingsShown(page);
  await expect(page.getByText('您可以查看本项目的时限设置')).toBeVisible();
  await expect(onSite(page)).toBeDisabled();
  await expect(page.getByTestId('settings-save')).toHaveCount(0);
  await expect(page.getByTestId('settings-reset')).toHaveCount(0);
});
