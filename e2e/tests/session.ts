import { type APIRequestContext, type Browser, expect, type Page } from '@playwright/test';

/** The first render of a page on a busy machine (several people share its two cores) can be slow. */
export const FIRST_RENDER = { timeout: 30_000 };

/** Signs a demo user in through the login page (all demo accounts share the password demo1234). */
export async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/, FIRST_RENDER);
}

/**
 * A member of staff working through the API in a session of their own (another browser): the
 * request context to call with, and the CSRF header its writes need.
 */
export async function apiSession(browser: Browser, username: string) {
  const context = await browser.newContext();
  const api: APIRequestContext = context.request;
  const login = await api.post('/api/auth/login', { data: { username, password: 'demo1234' } });
  expect(login.ok()).toBe(true);
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return { context, api, headers: { 'x-csrf-token': csrfToken } };
}
