import { deflateSync } from 'node:zlib';
import { expect, type Locator, type Page, test } from '@playwright/test';
import { phonePage } from './phone';
import { signIn } from './session';

// The service desk end to end: an agent takes a phone repair at the front desk for a resident found by
// unit, dispatches it to 工程部/王师傅; the technician works it on a phone; the agent calls back and
// closes it; the request's timeline shows every step.

/** A real PNG of one colour (the server checks an upload's bytes, not only its name). */
function solidPng(width: number, height: number, rgb: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([Buffer.from([0]), Buffer.from(Array.from({ length: width }, () => rgb).flat())]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(Array.from({ length: height }, () => row)))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Picks `name` in an upload field and waits until the server has it. */
async function attach(field: Locator, name: string, rgb: [number, number, number]) {
  const done = field.locator('.ant-upload-list-item-done');
  const before = await done.count();
  await field
    .locator('input[type=file]')
    .setInputFiles({ name, mimeType: 'image/png', buffer: solidPng(96, 72, rgb) });
  await expect(done).toHaveCount(before + 1);
}

/** Picks an option of an antd Select by its exact label (antd sets the label as the option's title). */
async function choose(page: Page, select: Locator, optionLabel: string) {
  await select.click();
  await page.locator(`.ant-select-dropdown:visible .ant-select-item-option[title="${optionLabel}"]`).click();
}

test('a phone repair goes from the front desk to the technician and back to a closed callback', async ({
  page,
  browser,
}) => {
  // The whole day of one repair, three people and a phone: more than the default minute on a busy machine.
  test.setTimeout(150_000);
  // ---- the agent takes the call ----
  await signIn(page, 'agent');
  await page.goto('/desk');
  await expect(page.getByTestId('desk-phone')).toBeFocused();

  const unit = page.getByTestId('desk-unit');
  await unit.click();
  await page.keyboard.type('1栋1201');
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option[title="1栋-1201"]').click();
  const lookup = page.getByTestId('desk-lookup-result');
  await expect(lookup.locator('.desk-resident-active')).toHaveCount(1);
  await expect(lookup).toContainText('1栋-1201');
  // Phones are shown masked.
  await expect(lookup).toContainText(/1\d\d\*{4}\d{4}/);

  await expect(page.getByTestId('desk-description')).toBeFocused();
  await page.getByTestId('desk-description').fill('厨房水龙头漏水，关不紧，一直在滴水');
  // The resident sent a photo of the leak.
  await attach(page.getByTestId('desk-attachments'), '业主发来的漏水照片.png', [70, 130, 180]);
  await page.getByTestId('desk-submit').click();
  const readback = page.getByTestId('desk-readback');
  await expect(readback).toContainText('1栋-1201');
  await expect(readback).toContainText('来电报修：厨房水龙头漏水');
  await expect(readback).toContainText('即时处理');
  await page.getByTestId('desk-confirm').click();

  const link = page.getByTestId('desk-success-link');
  await expect(link).toHaveText(/^BX\d{12}$/);
  const number = (await link.textContent())!.trim();
  // The new request is in today's queue.
  await expect(page.getByTestId('desk-queue')).toContainText(number);
  // Ready for the next caller.
  await expect(page.getByTestId('desk-phone')).toBeFocused();

  await link.click();
  await expect(page.getByTestId('request-number')).toHaveText(number);
  await expect(page.getByTestId('request-state')).toContainText('已受理');

  // ---- dispatch to 工程部 / 王师傅 ----
  await page.getByTestId('action-dispatch').click();
  await choose(page, page.getByTestId('dispatch-department'), '工程部');
  await choose(page, page.getByTestId('dispatch-assignee'), '王师傅');
  await page.getByTestId('action-submit').click();
  await expect(page.getByTestId('request-state')).toContainText('已派工');
  await expect(page.getByTestId('request-clocks')).toContainText('到场');
  const requestUrl = page.url();

  // ---- the technician, on a phone ----
  const tech = await phonePage(browser);
  await signIn(tech, 'tech');
  await tech.goto('/tech');
  const card = tech.getByTestId('tech-order').filter({ hasText: number });
  await expect(card).toHaveAttribute('data-state', 'dispatched');

  await card.getByTestId('action-accept').click();
  await tech.getByTestId('action-submit').click();
  await expect(card).toHaveAttribute('data-state', 'accepted');

  await card.getByTestId('action-arrive').click();
  await tech.getByTestId('action-submit').click();
  await expect(card).toHaveAttribute('data-state', 'on_site');

  await card.getByTestId('action-complete').click();
  await expect(tech.getByTestId('request-number')).toHaveText(number);
  await tech.getByTestId('complete-work-done').fill('更换水龙头阀芯，试水不漏');
  await attach(tech.getByTestId('complete-photos-before'), 'IMG_0001.png', [200, 120, 50]);
  await attach(tech.getByTestId('complete-photos-after'), 'IMG_0002.png', [60, 160, 90]);

  // The resident signs on the canvas (the default way to confirm).
  const canvas = tech.getByTestId('signature-canvas');
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await tech.mouse.move(box.x + 30, box.y + box.height / 2);
  await tech.mouse.down();
  for (let i = 1; i <= 12; i++)
    await tech.mouse.move(box.x + 30 + i * 20, box.y + box.height / 2 + (i % 2 ? -25 : 25), { steps: 2 });
  await tech.mouse.up();
  // Something was drawn: the clear button is enabled.
  await expect(tech.getByRole('button', { name: '重签' })).toBeEnabled();
  await tech.getByTestId('action-submit').click();
  await expect(tech).toHaveURL(/\/tech$/);
  await expect(tech.getByTestId('tech-order').filter({ hasText: number })).toHaveCount(0);
  await tech.context().close();

  // ---- the agent calls back and closes ----
  await page.goto(requestUrl);
  await expect(page.getByTestId('request-state')).toContainText('业主已确认');
  await page.getByTestId('action-callback').click();
  await page.getByTestId('callback-satisfaction').getByText('满意', { exact: true }).click();
  await page.getByTestId('callback-stars').locator('.ant-rate-star').nth(4).click();
  await page.getByLabel('业主原话').fill('修得很快，很满意');
  await page.getByTestId('callback-submit').click();
  await expect(page.getByTestId('request-state')).toContainText('已回访');

  await page.getByTestId('action-close').click();
  await page.getByTestId('action-submit').click();
  await expect(page.getByTestId('request-state')).toContainText('已关闭');

  // ---- the timeline shows every step ----
  const timeline = page.getByTestId('timeline');
  const steps = timeline.locator('.timeline-entry');
  await expect(steps).toHaveCount(7);
  const actions = await steps.evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
  expect(actions).toEqual(['created', 'dispatch', 'accept', 'arrive', 'complete', 'callback', 'close']);
  for (const text of [
    '受理',
    '派工',
    '工程部 / 王师傅',
    '接单',
    '到场',
    '完工',
    '更换水龙头阀芯',
    '回访',
    '满意',
    '关闭',
  ])
    await expect(timeline).toContainText(text);
  await expect(timeline).toContainText('业主签名');
  await expect(timeline).toContainText('王师傅');
  await expect(timeline.locator('[data-action="callback"] .ant-rate-star-full')).toHaveCount(5);

  // ---- the photos and the signature are on the request, each served after the estate check ----
  const files = page.getByTestId('request-files');
  await expect(files.getByTestId('request-file')).toHaveCount(4);
  for (const text of ['业主发来的漏水照片.png', '维修前-IMG_0001.png', '维修后-IMG_0002.png', '签名'])
    await expect(files).toContainText(text);
  const shown = await files
    .locator('img')
    .evaluateAll((imgs) =>
      imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
    );
  expect(shown).toEqual([true, true, true, true]);
});

test('the work order prints without the app around it, in A4 or A5', async ({ page }) => {
  await signIn(page, 'agent');
  await page.goto('/requests');
  await page.locator('.ant-table-tbody tr.ant-table-row a').first().click();
  await expect(page.getByTestId('request-number')).toBeVisible();
  const number = await page.getByTestId('request-number').textContent();
  const id = page.url().split('/').pop();
  await page.goto(`/requests/${id}/print`);
  const sheet = page.getByTestId('print-sheet');
  await expect(sheet).toContainText(number!);
  await expect(sheet).toContainText('业主签名');
  await expect(page.locator('.app-sider')).toHaveCount(0);
  await page.getByTestId('print-paper').getByText('A5').click();
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.print-toolbar')).toBeHidden();
  await expect(sheet).toBeVisible();
});
