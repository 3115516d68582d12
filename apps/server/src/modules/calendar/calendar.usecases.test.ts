/** The shipped national calendar and how a company's own entries sit over it (no database). */
import { describe, expect, it } from 'vitest';
import { isoWeekday, isWeekend } from '../../platform/sla-time.ts';
import { SHIPPED_DAYS, SHIPPED_YEARS } from './calendar.data.ts';
import {
  buildCompanyCalendar,
  importErrors,
  kindsAllowedOn,
  lastDayWithinThreeYears,
} from './calendar.usecases.ts';

const count = (year: number, kind: string, name: string) =>
  SHIPPED_DAYS.filter((d) => d.date.startsWith(`${year}-`) && d.kind === kind && d.name === name).length;

describe('the shipped calendar, as the State Council announced it', () => {
  it('ships 2025 and 2026 with each date once', () => {
    expect(SHIPPED_YEARS).toEqual([2025, 2026]);
    expect(new Set(SHIPPED_DAYS.map((d) => d.date)).size).toBe(SHIPPED_DAYS.length);
    for (const d of SHIPPED_DAYS) expect(SHIPPED_YEARS).toContain(Number(d.date.slice(0, 4)));
  });

  it('has the number of days off each notice gives (共N天)', () => {
    expect([
      count(2025, 'holiday', '元旦'),
      count(2025, 'holiday', '春节'),
      count(2025, 'holiday', '清明节'),
      count(2025, 'holiday', '劳动节'),
      count(2025, 'holiday', '端午节'),
      count(2025, 'holiday', '国庆节、中秋节'),
    ]).toEqual([1, 8, 3, 5, 3, 8]);
    expect([
      count(2026, 'holiday', '元旦'),
      count(2026, 'holiday', '春节'),
      count(2026, 'holiday', '清明节'),
      count(2026, 'holiday', '劳动节'),
      count(2026, 'holiday', '端午节'),
      count(2026, 'holiday', '中秋节'),
      count(2026, 'holiday', '国庆节'),
    ]).toEqual([3, 9, 3, 5, 3, 3, 7]);
  });

  it('puts every make-up working day on a weekend', () => {
    const makeups = SHIPPED_DAYS.filter((d) => d.kind === 'makeup_workday');
    expect(makeups.map((d) => d.date)).toEqual([
      '2025-01-26',
      '2025-02-08',
      '2025-04-27',
      '2025-09-28',
      '2025-10-11',
      '2026-01-04',
      '2026-02-14',
      '2026-02-28',
      '2026-05-09',
      '2026-09-20',
      '2026-10-10',
    ]);
    for (const d of makeups) expect(isWeekend(d.date)).toBe(true);
  });

  it('starts the 2026 Spring Festival on Sunday 2/15 and ends it on Monday 2/23', () => {
    const days = SHIPPED_DAYS.filter(
      (d) => d.name === '春节' && d.kind === 'holiday' && d.date.startsWith('2026'),
    );
    expect([days[0]?.date, days.at(-1)?.date]).toEqual(['2026-02-15', '2026-02-23']);
    expect([isoWeekday('2026-02-15'), isoWeekday('2026-02-23')]).toEqual([7, 1]);
  });
});

describe('a company calendar', () => {
  it('resolves shipped days, weekends and workdays', () => {
    const cal = buildCompanyCalendar({ days: [], years: [] });
    expect(cal.day('2026-02-14')).toEqual({
      date: '2026-02-14',
      workday: true,
      kind: 'makeup_workday',
      name: '春节',
    });
    expect(cal.day('2026-02-21')).toEqual({
      date: '2026-02-21',
      workday: false,
      kind: 'holiday',
      name: '春节',
    });
    expect(cal.day('2026-03-07')).toEqual({ date: '2026-03-07', workday: false, kind: 'weekend' });
    expect(cal.day('2026-03-09')).toEqual({ date: '2026-03-09', workday: true, kind: 'workday' });
  });

  it("puts the company's own day over the shipped one", () => {
    const cal = buildCompanyCalendar({
      days: [
        { date: '2026-02-23', kind: 'workday', name: null },
        { date: '2026-03-09', kind: 'holiday', name: '公司年会' },
      ],
      years: [],
    });
    expect(cal.day('2026-02-23')).toMatchObject({ workday: true, kind: 'workday' });
    expect(cal.day('2026-02-23')).not.toHaveProperty('name');
    expect(cal.day('2026-03-09')).toMatchObject({ workday: false, kind: 'holiday', name: '公司年会' });
  });

  it('replaces the shipped data of a year the company imported, and loads a new year', () => {
    const cal = buildCompanyCalendar({
      days: [
        { date: '2026-10-08', kind: 'holiday', name: '国庆节' },
        { date: '2027-02-08', kind: 'holiday', name: '春节' },
      ],
      years: [
        { year: 2026, source: 'imported' },
        { year: 2027, source: 'imported' },
      ],
    });
    expect(cal.day('2026-02-16')).toMatchObject({ kind: 'workday' });
    expect(cal.day('2026-10-08')).toMatchObject({ kind: 'holiday' });
    expect(cal.isProvisional(2027)).toBe(false);
    expect(cal.isWorkday('2027-02-08')).toBe(false);
    expect(cal.isProvisional(2028)).toBe(true);
  });
});

describe('rules', () => {
  it('allows a weekend day to be a make-up day but a weekday never "weekend"', () => {
    expect(kindsAllowedOn('2026-02-14')).toEqual(['weekend', 'holiday', 'makeup_workday']);
    expect(kindsAllowedOn('2026-02-16')).toEqual(['workday', 'holiday']);
  });

  it('limits a range to three years', () => {
    expect(lastDayWithinThreeYears('2025-01-01')).toBe('2027-12-31');
    expect(lastDayWithinThreeYears('2025-03-01')).toBe('2028-02-29');
    expect(lastDayWithinThreeYears('2024-02-29')).toBe('2027-02-28');
  });

  it('names each bad row of an import', () => {
    const fields = importErrors(2027, [
      { date: '2027-01-01', kind: 'holiday', name: '元旦' },
      { date: '2026-12-31', kind: 'holiday' },
      { date: '2028-01-01', kind: 'holiday' },
      { date: '2027-01-05', kind: 'weekend' },
      { date: '2027-01-01', kind: 'holiday' },
      { date: '2027-01-09', kind: 'workday' },
    ]);
    expect(fields).toEqual({
      'days.1.date': { key: 'validation.tooSmall', params: { n: '2027-01-01' } },
      'days.2.date': { key: 'validation.tooBig', params: { n: '2027-12-31' } },
      'days.3.kind': { key: 'validation.enum', params: { values: 'workday, holiday' } },
      'days.4.date': { key: 'validation.invalid' },
      'days.5.kind': { key: 'validation.enum', params: { values: 'weekend, holiday, makeup_workday' } },
    });
    expect(importErrors(2027, [{ date: '2027-01-01', kind: 'holiday', name: '元旦' }])).toEqual({});
  });
});
