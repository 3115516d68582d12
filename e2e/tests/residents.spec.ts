import { expect, type Page, test } from '@playwright/test';

// Privacy end to end (spec 03 §5): the desk finds a resident by name, opens the record, sees the phone
// masked and reveals it with 「查看」 (a toast says the view is recorded), opens the unit's file (the
// number masked there again) and comes back; the estate manager then finds
// that view on the audit page — who, whose number, when — filtered by the resident.

const FIRST_RENDER = { timeout: 30_000 };
test.describe.configure({ timeout: 120_000 });

async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/, FIRST_RENDER);
}

test('the desk reveals a resident’s phone and the manager sees the view on the audit page', async ({
  page,
}) => {
  await signIn(page, 'agent');
  // A resident whose name is theirs alone, so the search finds one row.
  const list = (await (await page.request.get('/api/residents?pageSize=200')).json()).items as {
    id: string;
    name: string;
    phones: string[];
  }[];
  const counts = new Map<string, number>();
  for (const r of list) counts.set(r.name, (counts.get(r.name) ?? 0) + 1);
  const someone = list.find((r) => counts.get(r.name) === 1 && r.phones.length > 0)!;

  await page.goto('/residents');
  await page.getByTestId('residents-search').fill(someone.name);
  await page.getByTestId('residents-search').press('Enter');
  const row = page.locator('.ant-table-row', { hasText: someone.name });
  await expect(row).toHaveCount(1, FIRST_RENDER);
  await expect(row).toContainText(someone.phones[0]!);
  await row.getByTestId('resident-link').click();

  await expect(page.getByTestId('resident-name')).toHaveText(someone.name, FIRST_RENDER);
  await expect(page.getByText(someone.phones[0]!)).toBeVisible();
  await page.getByTestId('reveal-phone-0').click();
  await expect(page.getByText('已显示完整号码，本次查看已记录')).toBeVisible();
  const shown = page.getByTestId('reveal-phone-0-value');
  await expect(shown).toHaveText(/^1[3-9]\d{9}$/);
  const full = (await shown.textContent())!;
  expect(full.slice(0, 3)).toBe(someone.phones[0]!.slice(0, 3));
  expect(full.slice(-4)).toBe(someone.phones[0]!.slice(-4));

  // From the record to the unit's file (一户一档), where the household's people stay masked, and back.
  await page.getByTestId('resident-unit-link').first().click();
  await expect(page.getByRole('heading', { name: /^一户一档 · / })).toBeVisible(FIRST_RENDER);
  const person = page.getByTestId('unit-people').locator('.ant-list-item', { hasText: someone.name });
  await expect(person).toContainText(someone.phones[0]!);
  await expect(page.getByTestId('unit-people')).not.toContainText(full);
  await person.getByTestId('unit-person-link').click();
  await expect(page.getByTestId('resident-name')).toHaveText(someone.name, FIRST_RENDER);

  // The manager's audit page, filtered by that resident.
  await page.context().clearCookies();
  await signIn(page, 'manager');
  await page.goto('/audit');
  const resident = page.getByTestId('audit-resident');
  await resident.click();
  await page.keyboard.type(someone.name);
  await page
    .locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: someone.name })
    .first()
    .click();
  const entry = page.getByTestId('audit-table').locator('.ant-table-row').first();
  await expect(entry).toContainText('李晓燕', FIRST_RENDER);
  await expect(entry).toContainText('查看号码');
  await expect(entry).toContainText(someone.name);
  await expect(entry).toContainText('电话');
});
