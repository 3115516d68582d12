import { expect, type Page, test } from '@playwright/test';

// 房屋 and 一户一档 end to end: the estate manager bulk-creates a new building's units from a pattern
// (with the preview's count and labels, and the duplicates the same pattern then reports), opens one
// unit's file, records a key hand-over to a decoration lead and its return, and a call to the owner
// recorded from the file as a visit (走访).

test.describe.configure({ timeout: 120_000 });

async function signIn(page: Page, username: string) {
  await page.goto('/login');
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill('demo1234');
  await page.getByTestId('login-submit').click();
  await expect(page).not.toHaveURL(/\/login/);
}

/** Types into an antd InputNumber (select all, then the new value). */
async function setNumber(page: Page, testId: string, value: number) {
  const input = page.getByTestId(testId);
  await input.click();
  await input.press('Control+A');
  await input.fill(String(value));
}

test('the manager bulk-creates a building’s units, opens one unit’s file and records a key hand-over and a visit', async ({
  page,
}) => {
  await signIn(page, 'manager');
  await page.getByRole('menuitem', { name: '房屋' }).click();
  await expect(page).toHaveURL(/\/units/);
  await expect(page.getByRole('heading', { name: '房屋资料' })).toBeVisible({ timeout: 30_000 });

  // 9栋, floors 1–6, two units per floor: 12 units, 9栋-101 … 9栋-602, in a building made with them.
  await page.getByTestId('units-bulk').click();
  const dialog = page.getByRole('dialog', { name: '批量生成房屋' });
  await dialog.getByText('按楼栋编号').click();
  await setNumber(page, 'bulk-buildings-from', 9);
  await setNumber(page, 'bulk-buildings-to', 9);
  await setNumber(page, 'bulk-floors-to', 6);
  await setNumber(page, 'bulk-rooms-to', 2);
  const preview = page.getByTestId('bulk-preview');
  await expect(preview.getByTestId('bulk-preview-count')).toHaveText('将生成 12 户');
  await expect(preview).toContainText('9栋-101 … 9栋-602');
  await expect(preview).toContainText('9栋（新建，6 层）');
  await page.getByTestId('bulk-submit').click();
  await expect(page.getByText('已生成 12 户（9栋-101 … 9栋-602）')).toBeVisible();
  await expect(dialog).toBeHidden();

  // The same pattern again: every unit exists, nothing can be created.
  await page.getByTestId('units-bulk').click();
  await dialog.getByText('按楼栋编号').click();
  await setNumber(page, 'bulk-buildings-from', 9);
  await setNumber(page, 'bulk-buildings-to', 9);
  await setNumber(page, 'bulk-floors-to', 6);
  await setNumber(page, 'bulk-rooms-to', 2);
  await expect(preview).toContainText('12 个房号已存在');
  await expect(page.getByTestId('bulk-submit')).toBeDisabled();
  await dialog.getByRole('button', { name: '取消' }).click();

  // The new building is listed with its units; open the file of 9栋-301.
  await page.getByRole('button', { name: /^9栋/ }).click();
  await page.getByTestId('unit-link-9栋-301').click();
  await expect(page).toHaveURL(/\/units\/[^/]+$/);
  await expect(page.getByRole('heading', { name: '一户一档 · 9栋-301' })).toBeVisible();
  await expect(page.getByTestId('unit-file-status')).toHaveText('空置');
  await expect(page.getByTestId('unit-keys')).toContainText('暂无钥匙交接记录');

  // A key hand-over to the decoration lead.
  await page.getByTestId('unit-keys-add').click();
  await page.getByTestId('key-holder').fill('王师傅（装修负责人）');
  await page.getByTestId('key-save').click();
  await expect(page.getByText('已保存')).toBeVisible();
  const keys = page.getByTestId('unit-keys');
  await expect(keys).toContainText('入户门钥匙');
  await expect(keys).toContainText('王师傅（装修负责人）');
  await expect(keys).toContainText('未归还');
  await expect(keys).toContainText('经办人：钱主任');

  // The keys come back.
  await keys.getByRole('button', { name: '登记归还' }).click();
  await page.getByTestId('key-save').click();
  await expect(keys).toContainText('已归还');
  await expect(keys).toContainText('由 钱主任 收回');

  // A call to the future owner is recorded from the file as a visit (走访) of this unit.
  const visits = page.getByTestId('unit-visits');
  await expect(visits).toContainText('暂无走访记录');
  await page.getByTestId('unit-visit-add').click();
  const drawer = page.locator('.ant-drawer-content');
  await expect(drawer).toContainText('9栋-301');
  await drawer.getByText('电话回访').click();
  await drawer.getByLabel('收费').check();
  await drawer.getByTestId('visit-opinions').fill('询问交房后物业费起算时间');
  await drawer.getByTestId('visit-save').click();
  await expect(visits).toContainText('询问交房后物业费起算时间');
  await expect(visits).toContainText('电话回访');
  await expect(visits).toContainText('收费');
  await expect(visits).toContainText('钱主任');

  // Still there after a reload: it is the server's record.
  await page.reload();
  await expect(page.getByTestId('unit-keys')).toContainText('王师傅（装修负责人）');
  await expect(page.getByTestId('unit-keys')).toContainText('已归还');
  await expect(page.getByTestId('unit-visits')).toContainText('询问交房后物业费起算时间');
});
