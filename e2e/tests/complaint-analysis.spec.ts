import { expect, request, test } from '@playwright/test';
import { signIn } from './session';

// 投诉分析 on the demo data: the four complaint KPI cards show what GET /api/kpis says (value, target
// state, numerator and denominator in words), a card opens the records behind it, and the recurring car
// park problem (demo.analysis.ts) is listed with its preventive action and its complaints.

/** The page's percentage: at most one decimal ("28.6%", "50%"), "—" for nothing to measure. */
function percent(v: number | null): string {
  if (v === null) return '—';
  const x = Math.round(v * 1000) / 10;
  return `${Number.isInteger(x) ? x.toFixed(0) : x.toFixed(1)}%`;
}

const WORDS: Record<string, (n: number, d: number) => string> = {
  complaint_handling_rate: (n, d) => `已处理 ${n} / 受理 ${d}`,
  complaint_callback_rate: (n, d) => `回访 ${n} / 已处理 ${d}`,
  complaint_timeliness_rate: (n, d) => `按时处理 ${n} / 已处理 ${d}`,
  effective_complaint_rate: (n, d) => `有效投诉 ${n} / 入住户数 ${d}`,
};

type Kpi = {
  key: string;
  value: number | null;
  target: number;
  direction: 'min' | 'max';
  numerator: number;
  denominator: number;
};

test('the complaint analysis shows the KPIs the API counts and the recurring car-park problem with its preventive action', async ({
  page,
  baseURL,
}) => {
  const api = await request.newContext({ baseURL });
  const login = await api.post('/api/auth/login', { data: { username: 'supervisor', password: 'demo1234' } });
  expect(login.ok()).toBe(true);
  const kpis = (await (await api.get('/api/kpis')).json()) as { from: string; to: string; items: Kpi[] };
  const analysis = (await (await api.get('/api/complaints/analysis')).json()) as {
    month: string;
    total: number;
    recurring: {
      categoryName: string;
      locationLabel: string | null;
      count: number;
      recurredLastMonth: boolean;
      requests: { number: string }[];
      preventiveActions: { correctiveAction: string | null }[];
    }[];
  };
  await api.dispose();
  expect(kpis.from).toBe(`${analysis.month}-01`);

  await signIn(page, 'supervisor');
  await page.getByRole('menuitem', { name: '投诉分析' }).click();
  await expect(page).toHaveURL(/\/complaints\/analysis$/);
  await expect(page.getByRole('heading', { name: '投诉分析' })).toBeVisible();

  for (const key of Object.keys(WORDS)) {
    const k = kpis.items.find((i) => i.key === key)!;
    const card = page.getByTestId(`kpi-${key}`);
    await expect(card.getByTestId(`kpi-${key}-value`)).toHaveText(percent(k.value));
    await expect(card.getByTestId(`kpi-${key}-words`)).toHaveText(WORDS[key]!(k.numerator, k.denominator));
    const met = k.value === null || (k.direction === 'min' ? k.value >= k.target : k.value < k.target);
    await expect(card).toHaveAttribute('data-state', k.value === null ? 'none' : met ? 'met' : 'off');
  }
  await expect(page.getByTestId('kpi-complaint_callback_rate')).toContainText('目标 ≥ 50%');
  await expect(page.getByTestId('kpi-effective_complaint_rate')).toContainText('目标 < 2%');
  await expect(page.getByTestId('analysis-counts')).toContainText(`共 ${analysis.total} 件`);

  // The records behind the callback rate: its denominator, the called-back ones marked.
  const callback = kpis.items.find((i) => i.key === 'complaint_callback_rate')!;
  await page.getByTestId('kpi-complaint_callback_rate').click();
  const drawer = page.getByTestId('kpi-records');
  await expect(drawer).toBeVisible();
  await expect(drawer).toContainText(`共 ${callback.denominator} 条`);
  if (callback.denominator <= 20)
    await expect(drawer.locator('[data-testid=kpi-record-counted][data-in=true]')).toHaveCount(
      callback.numerator,
    );
  await page.keyboard.press('Escape');
  await expect(drawer).toBeHidden();

  // The car park keeps coming back: listed with last month's recurrence and what was done about it.
  const carPark = analysis.recurring.find(
    (g) => g.categoryName === '停车' && g.locationLabel === '地下停车场',
  )!;
  expect(carPark).toBeTruthy();
  expect(carPark.preventiveActions.length).toBeGreaterThan(0);
  const row = page.getByTestId('recurring-problem').filter({ hasText: '地下停车场' });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('停车');
  await expect(row.getByTestId('recurring-count')).toHaveText(`${carPark.count} 次`);
  if (carPark.recurredLastMonth) await expect(row.getByTestId('recurring-last-month')).toBeVisible();
  await expect(row.getByTestId('recurring-actions')).toContainText(
    carPark.preventiveActions[0]!.correctiveAction!,
  );
  await row.locator('.ant-table-row-expand-icon').click();
  const requests = page.getByTestId('recurring-requests');
  await expect(requests.getByTestId('recurring-request-link')).toHaveCount(carPark.requests.length);
  await requests.getByTestId('recurring-request-link').first().click();
  await expect(page).toHaveURL(/\/requests\/[^/]+$/);
  await expect(page.getByText(carPark.requests[0]!.number).first()).toBeVisible();
});
