import { expect, test } from '@playwright/test';
import { apiSession, FIRST_RENDER, signIn } from './session';

// The company-level callback (seed 004 第四十二条): the estate handles and closes a complaint; the company
// complaint centre (赵总) finds it on 公司回访, calls the resident, and the complaint shows who called.

test('the company complaint centre calls back a complaint the estate has closed', async ({
  page,
  browser,
}) => {
  // The estate: the agent takes the complaint, the supervisor classes it invalid with the explanation,
  // the agent completes it at the desk and closes it with the result given.
  const { context: agentCtx, api: agent, headers: agentHeaders } = await apiSession(browser, 'agent');
  const estates = (await (await agent.get('/api/estates')).json()).items as { id: string; name: string }[];
  const ygh = estates.find((e) => e.name === '阳光花园')!.id;
  const taken = await agent.post('/api/requests', {
    headers: agentHeaders,
    data: {
      estateId: ygh,
      locationText: '南门快递柜',
      reporter: { name: '吴女士', phone: '13912345678' },
      channel: 'phone',
      type: 'complaint',
      description: '快递柜旁边堆满纸箱，进出很不方便',
    },
  });
  expect(taken.status(), await taken.text()).toBe(201);
  const complaint = (await taken.json()) as { id: string; number: string; version: number };

  const { context: supCtx, api: sup, headers: supHeaders } = await apiSession(browser, 'supervisor');
  const classed = await sup.patch(`/api/requests/${complaint.id}/complaint`, {
    headers: supHeaders,
    data: {
      version: complaint.version,
      validity: 'invalid',
      validityNote: '纸箱为快递公司临时堆放，已通知快递公司当日清走',
    },
  });
  expect(classed.status(), await classed.text()).toBe(200);
  let version = ((await classed.json()) as { version: number }).version;
  await supCtx.close();
  for (const body of [
    {
      action: 'complete',
      workDone: '已联系快递公司清走纸箱',
      chargeable: false,
      residentConfirmation: { method: 'phone' },
    },
    { action: 'close', resultGiven: { method: 'oral', text: '纸箱已清走，已电话告知吴女士' } },
  ]) {
    const res = await agent.post(`/api/requests/${complaint.id}/transitions`, {
      headers: agentHeaders,
      data: { version, ...body },
    });
    expect(res.status(), await res.text()).toBe(200);
    version = ((await res.json()) as { version: number }).version;
  }
  await agentCtx.close();

  // The company complaint centre: the closed complaint waits on 公司回访 with its result.
  await signIn(page, 'admin');
  await page.getByRole('menuitem', { name: '公司回访' }).click();
  await expect(page).toHaveURL(/\/complaints\/company-callbacks/);
  const table = page.getByTestId('company-callbacks');
  // The list has loaded when its total shows; oldest handled first, so today's is on the last page.
  await expect(page.locator('.ant-pagination-total-text')).toHaveText(/共 \d+ 条/, FIRST_RENDER);
  const pages = page.locator('.ant-pagination-item');
  if ((await pages.count()) > 1) await pages.last().click();
  const row = table.locator('tr', { hasText: complaint.number });
  await expect(row).toBeVisible(FIRST_RENDER);
  await expect(row).toContainText('已关闭');
  await expect(row).toContainText('纸箱已清走，已电话告知吴女士');
  await page.screenshot({ path: test.info().outputPath('company-callbacks.png'), fullPage: true });

  await page.getByTestId(`company-callback-${complaint.number}`).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText(`公司回访 · ${complaint.number}`, FIRST_RENDER);
  await dialog.getByTestId('callback-satisfaction').getByText('满意', { exact: true }).click();
  await dialog.getByRole('textbox').first().fill('纸箱当天就清走了，满意');
  await dialog.getByTestId('callback-submit').click();
  await expect(dialog).toBeHidden();

  // Off the due list, on the made one with the resident's words.
  await expect(row).toBeHidden();
  await page.getByTestId('company-callbacks-done').click();
  const made = page.getByTestId('company-callbacks').locator('tr', { hasText: complaint.number });
  await expect(made).toContainText('满意');
  await expect(made).toContainText('赵总');
  await expect(made).toContainText('纸箱当天就清走了，满意');

  // The complaint's page says who called back; no company callback is offered again.
  await made.getByRole('link', { name: complaint.number }).click();
  await expect(page.getByTestId('complaint-company-callback')).toContainText('赵总', FIRST_RENDER);
  await expect(page.getByTestId('action-callback')).toHaveCount(0);
});
