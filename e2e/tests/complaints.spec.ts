import { expect, test } from '@playwright/test';
import { apiSession, FIRST_RENDER, signIn } from './session';

// Complaints: five households of one building call about the same renovation noise; the desk takes each
// call; the system links them as one issue, raises it to hot and forms a collective complaint that the
// supervisor sees by building and floor, then classes one of them effective from its page.

const CALLS = [
  '楼上装修电钻噪音太大，中午也在施工，影响老人休息',
  '楼上装修噪音很大，中午施工电钻声影响休息',
  '邻居家装修，中午电钻噪音不停，家里老人没法休息',
  '装修噪音严重，中午一直在用电钻，影响休息',
  '楼上装修电钻声音很吵，中午不让人休息',
];

test('five households’ noise complaints become one collective event the supervisor sees', async ({
  page,
  browser,
}) => {
  // The desk takes the five calls (through the API, as the agent's own session would).
  const { context: desk, api, headers } = await apiSession(browser, 'agent');
  const estates = (await (await api.get('/api/estates')).json()).items as { id: string; name: string }[];
  const ygh = estates.find((e) => e.name === '阳光花园')!.id;
  const buildings = (await (await api.get(`/api/estates/${ygh}/buildings`)).json()).items as {
    id: string;
    name: string;
  }[];
  // A building with no complaint about this yet (linking is building-wide; a repeated run picks another).
  const taken = (
    (await (await api.get(`/api/complaints?estateId=${ygh}&pageSize=200`)).json()).items as {
      unitLabel: string | null;
      categoryName: string | null;
    }[]
  )
    .filter((c) => c.categoryName === '装修噪音')
    .map((c) => c.unitLabel?.split('-')[0]);
  const building = ['5栋', '6栋', '4栋', '2栋', '1栋']
    .map((name) => buildings.find((b) => b.name === name)!)
    .find((b) => !taken.includes(b.name))!;
  expect(building).toBeTruthy();
  const units = (
    await (await api.get(`/api/estates/${ygh}/units?buildingId=${building.id}&pageSize=50`)).json()
  ).items as { id: string; number: string; floor: number }[];
  const flat = (items: any[]): any[] => items.flatMap((c) => [c, ...flat(c.children ?? [])]);
  const noise = flat((await (await api.get('/api/categories')).json()).items).find(
    (c) => c.type === 'complaint' && c.code === 'noise_decoration',
  );
  const chosen = units.filter((u) => u.floor >= 7).slice(0, 5);
  expect(chosen).toHaveLength(5);
  const numbers: string[] = [];
  for (const [i, u] of chosen.entries()) {
    const res = await api.post('/api/requests', {
      headers,
      data: {
        estateId: ygh,
        unitId: u.id,
        reporter: { name: `住户${i + 1}`, phone: `1380013${String(8000 + i)}` },
        channel: 'phone',
        type: 'complaint',
        categoryId: noise.id,
        description: CALLS[i],
      },
    });
    expect(res.status(), await res.text()).toBe(201);
    numbers.push(((await res.json()) as { number: string }).number);
  }
  await desk.close();

  // The supervisor's workbench: the five are waiting to be classed, hot, linked to each other.
  await signIn(page, 'supervisor');
  await page.goto('/complaints');
  const bench = page.getByTestId('complaint-bench');
  for (const n of numbers) {
    const row = bench.locator('tr', { hasText: n });
    await expect(row).toBeVisible(FIRST_RENDER);
    await expect(row).toContainText('热点投诉');
    await expect(row).toContainText('待主管判定');
    await expect(row).toContainText('集体投诉');
  }
  await expect(page.getByTestId('bench-unclassed')).not.toContainText('–');

  // Each new complaint told the supervisor (the responsible person of a general complaint).
  await page.getByTestId('notification-bell').click();
  const panel = page.getByTestId('notification-panel');
  await expect(panel).toContainText(`新投诉 ${numbers[0]}`);
  await page.keyboard.press('Escape');

  // The collective complaints.
  await page.goto('/complaints/events');
  const event = page.getByTestId('complaint-event').filter({ hasText: numbers[4]! });
  await expect(event).toBeVisible(FIRST_RENDER);
  await expect(event).toContainText('5 户');
  await expect(event).toContainText('热点投诉');
  await expect(event.getByTestId('complaint-event-building')).toHaveCount(1);
  await expect(event.getByTestId('complaint-event-building')).toContainText(building.name);
  await expect(event.getByTestId('complaint-event-unit')).toHaveCount(5);
  for (const n of numbers) await expect(event.getByRole('link', { name: n })).toBeVisible();

  // One of them: linked to the other four, hot by rule, part of the collective event.
  await event.getByRole('link', { name: numbers[0]! }).click();
  const card = page.getByTestId('complaint-card');
  await expect(card).toBeVisible(FIRST_RENDER);
  await expect(card.getByTestId('complaint-grade')).toHaveAttribute('data-grade', 'hot');
  await expect(card.getByTestId('complaint-collective')).toBeVisible();
  await expect(card.getByTestId('complaint-links').locator('[data-status="linked"]')).toHaveCount(4);
  await expect(card.getByTestId('complaint-history')).toContainText('3 位不同投诉人');
  await expect(page.getByTestId('timeline')).toContainText('形成集体投诉');

  // The supervisor classes it effective: the 2-hour contact clock appears.
  await card.getByTestId('complaint-classify').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByText('有效投诉', { exact: true }).click();
  await dialog.getByRole('button', { name: '保存' }).click();
  await expect(card.getByTestId('complaint-validity')).toHaveText('有效投诉');
  await expect(page.getByText('投诉联系').first()).toBeVisible();

  // The supervisor sends it up as a 工作传签单 and, holding the first level, decides it.
  await page.getByTestId('memo-send').click();
  const memoDialog = page.getByRole('dialog');
  await memoDialog
    .getByLabel('需要解决的问题')
    .fill('5 户业主要求限制中午装修施工，是否发通知并约谈装修户？');
  await memoDialog.getByPlaceholder('补救方案').first().fill('向 5栋全体住户发装修时间通知');
  await memoDialog.getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('memo-step')).toHaveCount(1);
  await page.getByTestId('memo-decide').click();
  await page.getByRole('dialog').getByLabel('处理意见').fill('同意，今天下午发出通知并约谈 1003 装修户');
  await page.getByRole('dialog').getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('memo-chain')).toContainText('已批示');
  await expect(page.getByTestId('timeline')).toContainText('传签单批示');

  // The complaint record prints as 投诉记录表 with its class and grade.
  const popup = page.waitForEvent('popup');
  await page.getByTestId('request-print').click();
  const sheet = (await popup).getByTestId('print-sheet');
  await expect(sheet).toBeVisible(FIRST_RENDER);
  await expect(sheet.getByRole('heading', { name: '投诉记录表' })).toBeVisible();
  await expect(sheet).toContainText('有效投诉 · 热点投诉 · 集体投诉事件');
  await expect(sheet).toContainText(CALLS[0]!);
});
