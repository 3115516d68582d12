// Screenshots of the web app for a visual check: node apps/web/scripts/screens.mjs [baseUrl] [outDir]
// Needs a running server with the demo data and Debian's /usr/bin/chromium.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const base = process.argv[2] ?? 'http://127.0.0.1:3000';
const out = process.argv[3] ?? '.tmp/screens';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});

const problems = [];

async function newPage(viewport) {
  const context = await browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.text().includes('401 (Unauthorized)')) return; // /auth/me before sign-in
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  return page;
}

async function settle(page) {
  // Not 'networkidle': the staff shell keeps its live-update stream (GET /api/stream) open.
  await page.waitForLoadState('load');
  await page
    .locator('.ant-spin-spinning, .ant-skeleton-active')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.waitForTimeout(600);
}

async function setLocale(page, locale) {
  const current = await page.evaluate(() => document.documentElement.lang);
  if (current !== locale) {
    await page.getByTestId('lang-switch').click();
    await page.waitForFunction((l) => document.documentElement.lang === l, locale);
    await page.mouse.move(0, 0);
  }
}

async function shot(page, name) {
  await settle(page);
  await page.screenshot({ path: join(out, `${name}.png`) });
  console.log('saved', name);
}

async function login(page, username, locale) {
  await page.goto(`${base}/login`);
  await setLocale(page, locale);
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await setLocale(page, locale);
}

for (const locale of ['zh-CN', 'en']) {
  const tag = locale === 'zh-CN' ? 'zh' : 'en';

  const page = await newPage({ width: 1440, height: 900 });
  await page.goto(`${base}/login`);
  await setLocale(page, locale);
  await shot(page, `login-${tag}`);

  await page.getByTestId('login-username').fill('agent');
  await page.getByTestId('login-password').fill('wrong-password');
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-error').waitFor();
  await shot(page, `login-error-${tag}`);

  await login(page, 'agent', locale);
  await shot(page, `home-agent-${tag}`);
  for (const path of [
    'requests',
    'units',
    'residents',
    'organization',
    'organization?tab=staff',
    'categories',
    'callbacks',
    'callbacks?tab=retrying',
    'alerts',
  ]) {
    await page.goto(`${base}/${path}`);
    await shot(page, `${path.replace(/[?=]/g, '-')}-agent-${tag}`);
  }
  await page.goto(`${base}/categories?type=complaint`);
  await shot(page, `categories-complaint-agent-${tag}`);
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').waitFor();
  await shot(page, `user-menu-agent-${tag}`);
  // Leave the account's saved language as the demo data has it (zh-CN), for whoever signs in next.
  await page.keyboard.press('Escape');
  await setLocale(page, 'zh-CN');
  await page.getByTestId('user-menu').click();
  await page.getByTestId('logout').click();
  await page.waitForURL((url) => url.pathname === '/login' && !url.search);
  await page.context().close();

  const admin = await newPage({ width: 1440, height: 900 });
  await login(admin, 'admin', locale);
  await shot(admin, `home-admin-${tag}`);
  await admin.getByTestId('estate-switcher').click();
  await shot(admin, `estate-switcher-admin-${tag}`);
  await admin.keyboard.press('Escape');
  for (const path of ['requests', 'residents', 'organization?tab=staff']) {
    await admin.goto(`${base}/${path}`);
    await shot(admin, `${path.replace(/[?=]/g, '-')}-admin-${tag}`);
  }
  await setLocale(admin, 'zh-CN');
  await admin.waitForTimeout(500); // let the preference save before the page closes
  await admin.context().close();

  const mobile = await newPage({ width: 390, height: 844 });
  await mobile.goto(`${base}/login`);
  await setLocale(mobile, locale);
  await shot(mobile, `login-mobile-${tag}`);
  await mobile.context().close();
}

await browser.close();
if (problems.length) {
  console.log('\nbrowser problems:');
  for (const p of [...new Set(problems)]) console.log(' ', p);
}
