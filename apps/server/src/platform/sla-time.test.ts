/** Deadline maths: calendar and working days, same day, time zones, holds and the 75% warning. */
import { describe, expect, it } from 'vitest';
import { buildCompanyCalendar } from '../modules/calendar/calendar.usecases.ts';
import {
  addDays,
  addMinutes,
  clockStatus,
  isNight,
  nextWorkday,
  pausedDeadline,
  remainingAtPause,
  sameDayDeadline,
  WEEKENDS_ONLY,
  type WorkCalendar,
  wallTime,
  warningAt,
  zonedInstant,
} from './sla-time.ts';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
/** The shipped national calendar (2025 and 2026 announced) with no company entries. */
const china = buildCompanyCalendar({ days: [], years: [] });
const at = (iso: string) => new Date(iso);
const working = (n: number, calendar: WorkCalendar = china, tz = SH) => ({
  tz,
  calendar,
  workingDays: true,
  n,
});
const addWorkingDays = (start: Date, o: ReturnType<typeof working>) => addDays(start, o.n, o);

describe('minute and hour clocks run in calendar time', () => {
  it('runs a 15-minute on-site clock across midnight', () => {
    expect(addMinutes(at('2026-11-22T23:50:00+08:00'), 15)).toEqual(at('2026-11-23T00:05:00+08:00'));
  });

  it('runs an 8-hour fix clock through the night and into a holiday', () => {
    expect(addMinutes(at('2026-09-30T20:00:00+08:00'), 8 * 60)).toEqual(at('2026-10-01T04:00:00+08:00'));
  });
});

describe('calendar days', () => {
  it('lands on the same local time of day across a month end and a year end', () => {
    expect(addDays(at('2026-01-30T10:00:00+08:00'), 2, { tz: SH })).toEqual(at('2026-02-01T10:00:00+08:00'));
    expect(addDays(at('2026-12-30T16:45:30+08:00'), 3, { tz: SH })).toEqual(at('2027-01-02T16:45:30+08:00'));
    expect(addDays(at('2028-02-28T09:00:00+08:00'), 1, { tz: SH })).toEqual(at('2028-02-29T09:00:00+08:00'));
  });

  it('counts holidays and weekends like any other day', () => {
    expect(addDays(at('2026-02-14T10:00:00+08:00'), 2, { tz: SH, calendar: china })).toEqual(
      at('2026-02-16T10:00:00+08:00'),
    );
  });

  it('uses the local date, not the UTC one: 01:00 in Shanghai is still the day before in UTC', () => {
    expect(addDays(at('2026-11-22T17:00:00Z'), 1, { tz: SH })).toEqual(at('2026-11-24T01:00:00+08:00'));
  });
});

describe('working days', () => {
  it('skips a weekend: 2 working days from Friday afternoon is Tuesday afternoon', () => {
    expect(addWorkingDays(at('2026-11-20T14:00:00+08:00'), working(1))).toEqual(
      at('2026-11-23T14:00:00+08:00'),
    );
    expect(addWorkingDays(at('2026-11-20T14:00:00+08:00'), working(2))).toEqual(
      at('2026-11-24T14:00:00+08:00'),
    );
  });

  it('skips the 2026 Spring Festival (2/15–2/23) but works its make-up Saturdays 2/14 and 2/28', () => {
    const friday = at('2026-02-13T10:00:00+08:00');
    expect(addWorkingDays(friday, working(1))).toEqual(at('2026-02-14T10:00:00+08:00'));
    expect(addWorkingDays(friday, working(2))).toEqual(at('2026-02-24T10:00:00+08:00'));
    expect(addWorkingDays(at('2026-02-27T15:00:00+08:00'), working(1))).toEqual(
      at('2026-02-28T15:00:00+08:00'),
    );
  });

  it('counts a make-up Saturday as a working day to start from', () => {
    expect(addWorkingDays(at('2026-02-14T09:00:00+08:00'), working(1))).toEqual(
      at('2026-02-24T09:00:00+08:00'),
    );
  });

  it('counts an event on a holiday from 08:30 of the next working day', () => {
    const onHoliday = at('2026-02-16T11:00:00+08:00');
    expect(addWorkingDays(onHoliday, working(0))).toEqual(at('2026-02-24T08:30:00+08:00'));
    expect(addWorkingDays(onHoliday, working(1))).toEqual(at('2026-02-25T08:30:00+08:00'));
  });

  it('counts an event on an ordinary Sunday from Monday 08:30, or another configured start', () => {
    const sunday = at('2026-11-22T10:00:00+08:00');
    expect(addWorkingDays(sunday, working(2))).toEqual(at('2026-11-25T08:30:00+08:00'));
    expect(addDays(sunday, 1, { tz: SH, calendar: china, workingDays: true, workdayStart: '09:00' })).toEqual(
      at('2026-11-24T09:00:00+08:00'),
    );
  });

  it('knows the 2025 National Day and Mid-Autumn week with its make-up Saturday 10/11', () => {
    expect(addWorkingDays(at('2025-09-30T17:00:00+08:00'), working(1))).toEqual(
      at('2025-10-09T17:00:00+08:00'),
    );
    expect(addWorkingDays(at('2025-10-10T17:00:00+08:00'), working(1))).toEqual(
      at('2025-10-11T17:00:00+08:00'),
    );
  });

  it('counts weekends only in a year nobody loaded, which is provisional', () => {
    expect(china.isProvisional(2026)).toBe(false);
    expect(china.isProvisional(2027)).toBe(true);
    // 2027-01-01 is a Friday: no holiday is known yet.
    expect(addWorkingDays(at('2026-12-31T10:00:00+08:00'), working(1))).toEqual(
      at('2027-01-01T10:00:00+08:00'),
    );
    expect(addWorkingDays(at('2026-12-31T10:00:00+08:00'), working(2, WEEKENDS_ONLY))).toEqual(
      at('2027-01-04T10:00:00+08:00'),
    );
  });

  it('refuses a calendar without a single working day instead of looping forever', () => {
    const never: WorkCalendar = { isWorkday: () => false, isProvisional: () => false };
    expect(() => nextWorkday(never, '2026-01-01')).toThrow(/No working day/);
    expect(() => addDays(at('2026-01-01T00:00:00Z'), 1, { tz: SH, workingDays: true })).toThrow(/calendar/);
  });
});

describe('same day (即日, 小修不过夜)', () => {
  it('is due at 24:00 of the day it starts, before 18:30', () => {
    expect(sameDayDeadline(at('2026-11-20T10:00:00+08:00'), { tz: SH })).toEqual(
      at('2026-11-21T00:00:00+08:00'),
    );
    expect(sameDayDeadline(at('2026-11-20T18:29:59+08:00'), { tz: SH })).toEqual(
      at('2026-11-21T00:00:00+08:00'),
    );
    expect(sameDayDeadline(at('2026-11-20T00:30:00+08:00'), { tz: SH })).toEqual(
      at('2026-11-21T00:00:00+08:00'),
    );
  });

  it('is due at 24:00 of the next day from 18:30 on', () => {
    expect(sameDayDeadline(at('2026-11-20T18:30:00+08:00'), { tz: SH })).toEqual(
      at('2026-11-22T00:00:00+08:00'),
    );
    expect(sameDayDeadline(at('2026-11-20T23:59:00+08:00'), { tz: SH })).toEqual(
      at('2026-11-22T00:00:00+08:00'),
    );
    expect(sameDayDeadline(at('2026-11-20T17:45:00+08:00'), { tz: SH, nightStart: '17:30' })).toEqual(
      at('2026-11-22T00:00:00+08:00'),
    );
  });
});

describe('time zones other than Shanghai', () => {
  it('keeps the local day of Urumqi (UTC+6), two hours behind Beijing time', () => {
    const instant = at('2026-11-22T17:30:00Z'); // 23:30 in Urumqi, 01:30 the next day in Shanghai
    expect(sameDayDeadline(instant, { tz: 'Asia/Urumqi' })).toEqual(at('2026-11-24T00:00:00+06:00'));
    expect(sameDayDeadline(at('2026-11-22T11:00:00Z'), { tz: 'Asia/Urumqi' })).toEqual(
      at('2026-11-23T00:00:00+06:00'),
    );
    expect(sameDayDeadline(at('2026-11-22T11:00:00Z'), { tz: SH })).toEqual(at('2026-11-24T00:00:00+08:00'));
    expect(isNight(at('2026-11-22T11:00:00Z'), SH)).toBe(true); // 19:00
    expect(isNight(at('2026-11-22T11:00:00Z'), 'Asia/Urumqi')).toBe(false); // 17:00
  });

  it('lands on the same local time across daylight-saving changes in New York (23 h and 25 h days)', () => {
    const spring = addDays(at('2026-03-07T09:00:00-05:00'), 1, { tz: NY });
    expect(spring).toEqual(at('2026-03-08T09:00:00-04:00'));
    expect(spring.getTime() - at('2026-03-07T09:00:00-05:00').getTime()).toBe(23 * 3600_000);
    const autumn = addDays(at('2026-10-31T09:00:00-04:00'), 1, { tz: NY });
    expect(autumn).toEqual(at('2026-11-01T09:00:00-05:00'));
    expect(autumn.getTime() - at('2026-10-31T09:00:00-04:00').getTime()).toBe(25 * 3600_000);
  });

  it('moves a skipped local time forward and takes the first of a repeated one', () => {
    expect(addDays(at('2026-03-07T02:30:00-05:00'), 1, { tz: NY })).toEqual(at('2026-03-08T03:30:00-04:00'));
    expect(addDays(at('2026-10-31T01:30:00-04:00'), 1, { tz: NY })).toEqual(at('2026-11-01T01:30:00-04:00'));
    expect(zonedInstant('2026-11-01', 90 * 60_000, NY)).toEqual(at('2026-11-01T05:30:00Z'));
  });

  it('ends a New York same day at local midnight on a daylight-saving day', () => {
    expect(sameDayDeadline(at('2026-03-08T10:00:00-04:00'), { tz: NY })).toEqual(
      at('2026-03-09T00:00:00-04:00'),
    );
  });

  it('counts working days in local time', () => {
    // Saturday 2026-11-21 in New York: from Monday 08:30 local, one working day on.
    expect(
      addDays(at('2026-11-21T12:00:00-05:00'), 1, { tz: NY, workingDays: true, calendar: WEEKENDS_ONLY }),
    ).toEqual(at('2026-11-24T08:30:00-05:00'));
  });

  it('reads the local wall time of an instant to the millisecond', () => {
    expect(wallTime(at('2026-11-22T16:00:00.250Z'), SH)).toEqual({ date: '2026-11-23', timeMs: 250 });
  });

  it('reads the same wall time as Intl around every offset change, in zones with odd offsets too', () => {
    // wallTime keeps each quarter-hour's offset: around a change, every instant must still read right.
    const intl = (instant: Date, tz: string) => {
      const f = new Intl.DateTimeFormat('en-US', {
        timeZone: tz,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
      const p = Object.fromEntries(f.formatToParts(instant).map((x) => [x.type, x.value]));
      const ms = instant.getUTCMilliseconds();
      return {
        date: `${p.year}-${p.month}-${p.day}`,
        timeMs: ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + ms,
      };
    };
    const cases: [string, string][] = [
      [NY, '2026-03-08T07:00:00Z'], // 02:00 EST → 03:00 EDT
      [NY, '2026-11-01T06:00:00Z'], // 02:00 EDT → 01:00 EST
      ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'], // a half-hour change: +11 → +10:30
      ['America/St_Johns', '2026-03-08T05:30:00Z'], // −3:30 → −2:30
      ['Asia/Kathmandu', '2026-06-01T00:00:00Z'], // +5:45, no change
      ['Europe/London', '2026-03-29T01:00:00Z'],
      [SH, '2026-11-22T16:00:00Z'],
    ];
    let compared = 0;
    for (const [tz, change] of cases) {
      const t0 = at(change).getTime();
      // Every 7 min 13.5 s from two hours before the change to two hours after, both ways round.
      for (let t = t0 - 7_200_000; t <= t0 + 7_200_000; t += 433_500) {
        for (const instant of [new Date(t), new Date(t0 * 2 - t)]) {
          expect(wallTime(instant, tz), `${tz} ${instant.toISOString()}`).toEqual(intl(instant, tz));
          compared++;
        }
      }
      // The change's last millisecond and first one.
      for (const instant of [new Date(t0 - 1), new Date(t0)])
        expect(wallTime(instant, tz), `${tz} ${instant.toISOString()}`).toEqual(intl(instant, tz));
    }
    expect(compared).toBeGreaterThan(200);
    // New York's change really moves the wall clock an hour in a millisecond.
    expect(wallTime(at('2026-03-08T06:59:59.999Z'), NY).timeMs).toBe(2 * 3600_000 - 1);
    expect(wallTime(at('2026-03-08T07:00:00.000Z'), NY).timeMs).toBe(3 * 3600_000);
  });
});

describe('on hold', () => {
  it('resumes with the time it had left', () => {
    const due = at('2026-11-22T10:15:00+08:00');
    const paused = at('2026-11-22T10:05:00+08:00');
    const resumed = at('2026-11-22T11:00:00+08:00');
    expect(remainingAtPause(due, paused)).toBe(10 * 60_000);
    const newDue = pausedDeadline(due, paused, resumed);
    expect(newDue).toEqual(at('2026-11-22T11:10:00+08:00'));
    expect(newDue.getTime() - resumed.getTime()).toBe(remainingAtPause(due, paused));
  });

  it('stays overdue when held after the deadline had passed', () => {
    const start = at('2026-11-22T10:00:00+08:00');
    const due = at('2026-11-22T10:15:00+08:00');
    const paused = at('2026-11-22T10:20:00+08:00');
    expect(remainingAtPause(due, paused)).toBe(-5 * 60_000);
    const resumed = at('2026-11-23T09:00:00+08:00');
    const [s, d] = [pausedDeadline(start, paused, resumed), pausedDeadline(due, paused, resumed)];
    expect(clockStatus(resumed, s, d)).toBe('overdue');
  });

  it('refuses to resume before the pause', () => {
    expect(() =>
      pausedDeadline(at('2026-11-22T10:15:00Z'), at('2026-11-22T10:05:00Z'), at('2026-11-22T10:00:00Z')),
    ).toThrow();
  });
});

describe('warnings', () => {
  const start = at('2026-11-22T10:00:00+08:00');
  const due = at('2026-11-22T10:15:00+08:00');

  it('turns amber at 75% of the window and red only after the due time', () => {
    expect(warningAt(start, due)).toEqual(at('2026-11-22T10:11:15+08:00'));
    expect(clockStatus(at('2026-11-22T10:11:14.999+08:00'), start, due)).toBe('ok');
    expect(clockStatus(at('2026-11-22T10:11:15+08:00'), start, due)).toBe('warning');
    expect(clockStatus(due, start, due)).toBe('warning');
    expect(clockStatus(at('2026-11-22T10:15:00.001+08:00'), start, due)).toBe('overdue');
  });

  it('takes a configured fraction', () => {
    expect(warningAt(start, due, 0.5)).toEqual(at('2026-11-22T10:07:30+08:00'));
    expect(clockStatus(at('2026-11-22T10:08:00+08:00'), start, due, 0.9)).toBe('ok');
    expect(() => warningAt(start, due, 0)).toThrow();
    expect(() => warningAt(due, start)).toThrow();
  });

  it('measures running time only once the start and due times have moved by the hold', () => {
    const paused = at('2026-11-22T10:05:00+08:00');
    const resumed = at('2026-11-22T11:00:00+08:00');
    const [s, d] = [pausedDeadline(start, paused, resumed), pausedDeadline(due, paused, resumed)];
    // 6 running minutes of 15: green, though 61 minutes have passed since the start.
    expect(clockStatus(at('2026-11-22T11:01:00+08:00'), s, d)).toBe('ok');
    expect(clockStatus(at('2026-11-22T11:06:15+08:00'), s, d)).toBe('warning');
  });
});
