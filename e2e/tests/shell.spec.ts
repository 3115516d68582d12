import { expect, type Page, test } from '@playwright/test';

async function signIn(page: Page, username: string) {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
}

test('an agent signs in, sees 阳光花园 with live counts, switches to English and signs out', async ({
  page,
}) => {
  await signIn(page, 'agent');

  const card = page.getByTestId('estate-card');
  await expect(card).toHaveCount(1);
  await expect(card).toContainText('阳光花园');
  await expect(card).toContainText('住宅小区');
  await expect(page.getByTestId('home-greeting')).toContainText('李晓燕');
  // Live numbers, not placeholders: the open-request count is a number.
  await expect(card).toContainText(/\d+/);
  await expect(page.getByTestId('estate-switcher')).toContainText('阳光花园');

  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('estate-card')).toContainText('Residential');
  await expect(page.getByRole('menu').first()).toContainText('Home');
  // The choice survives a reload (saved for the user).
  await page.reload();
  await expect(page.getByTestId('estate-card')).toContainText('Residential');

  await page.getByTestId('lang-switch').click();
  await expect(page.getByTestId('estate-card')).toContainText('住宅小区');

  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/');
  await expect(page).toHaveURL(/\/login/);
});

test('a wrong password shows the server message and keeps the user on the login page', async ({ page }) => {
  await page.goto('/login');
  await page.getByTestId('login-username').fill('agent');
  await page.getByTestId('login-password').fill('not-the-password');
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('login-error')).toContainText('用户名或密码错误');
  await expect(page).toHaveURL(/\/login/);
});

test('the company administrator sees both estates and can narrow the home page to one', async ({ page }) => {
  await signIn(page, 'admin');
  await expect(page.getByTestId('estate-card')).toHaveCount(2);
  await expect(page.getByTestId('estate-card').nth(1)).toContainText('天物大厦');

  await page.getByTestId('estate-switcher').click();
  await page.getByRole('option', { name: /天物大厦/ }).click();
  await expect(page.getByTestId('estate-card')).toHaveCount(1);
  await expect(page.getByTestId('estate-card')).toContainText('天物大厦');
});

test('the request list shows historical requests with Chinese types and states', async ({ page }) => {
  await signIn(page, 'supervisor');
  await expect(page.getByTestId('estate-card')).toHaveCount(1);
  await page.goto('/requests');
  const rows = page.locator('.ant-table-tbody tr.ant-table-row');
  await expect(rows.first()).toBeVisible();
  await expect(page.locator('.ant-table-tbody')).toContainText(/BX\d{12}|TS\d{12}|ZX\d{12}/);
  await expect(page.locator('.ant-table-tbody')).toContainText(/报修|投诉|咨询/);
});
