import { describe, expect, it } from 'vitest';
import { isAsOfAllowed, todayIn } from './asOf';

describe("an arrears list's date (截止日期)", () => {
  it('is today in the estate, not in the browser: 23:30 UTC is already the next day in Shanghai', () => {
    const now = new Date('2026-11-30T23:30:00Z');
    expect(todayIn('Asia/Shanghai', now)).toBe('2026-12-01');
    expect(todayIn('Europe/London', now)).toBe('2026-11-30');
  });

  it('may be any day up to today, and not before the current list', () => {
    expect(isAsOfAllowed('2026-12-03', '2026-12-03', '2026-11-30')).toBe(true);
    expect(isAsOfAllowed('2026-11-30', '2026-12-03', '2026-11-30')).toBe(true);
    expect(isAsOfAllowed('2026-12-04', '2026-12-03', '2026-11-30')).toBe(false);
    expect(isAsOfAllowed('2026-11-29', '2026-12-03', '2026-11-30')).toBe(false);
    expect(isAsOfAllowed('2020-01-01', '2026-12-03', null)).toBe(true);
  });
});
