/**
 * Deadline maths of the SLA clocks (spec 01 §4, "Time semantics"): pure functions of instants, an
 * estate's IANA time zone and a working calendar — no database, no `new Date()` of "now".
 *
 * - Hour and minute clocks run in calendar time (`addMinutes`).
 * - Day clocks land on the same local time of day N days later (`addDays`): local-time arithmetic,
 *   because N × 24 h drifts by an hour across a daylight-saving change; with working days, the Nth
 *   working day, and an event on a non-working day counts from 08:30 of the next working day.
 * - "Same day" is 24:00 local time of the starting day, or of the next day after 18:30 (`sameDayDeadline`).
 * - A clock on hold resumes with the time it had left (`pausedDeadline`).
 * - Amber at 75% of the window, red once the due time has passed (`warningAt`, `clockStatus`).
 */
// The night window (18:30–08:30) lives with the other local-time helpers; re-exported for SLA callers.
export { isNight } from './time.ts';

/** A `YYYY-MM-DD` day in an estate's time zone. */
export type CivilDate = string;

/** Which days are worked: public holidays and make-up working days (调休) over weekends. */
export interface WorkCalendar {
  isWorkday(date: CivilDate): boolean;
  /** A year nobody loaded: only weekends are known, holidays are missing (shown as provisional). */
  isProvisional(year: number): boolean;
}

/** The calendar of a year nobody has loaded: Monday to Friday are worked. */
export const WEEKENDS_ONLY: WorkCalendar = {
  isWorkday: (date) => !isWeekend(date),
  isProvisional: () => true,
};

const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** More consecutive non-working days than any real calendar has: a broken calendar, not a long holiday. */
const MAX_NON_WORKING_RUN = 366;

// ---- civil dates (no time zone: a date on the proleptic Gregorian calendar) ------------------------

const CIVIL_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function civilToUtcMs(date: CivilDate): number {
  const m = CIVIL_DATE.exec(date);
  if (!m) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const at = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC maps years 0–99 to 1900–1999.
  at.setUTCFullYear(y, mo - 1, d);
  if (at.getUTCFullYear() !== y || at.getUTCMonth() !== mo - 1 || at.getUTCDate() !== d) {
    throw new RangeError(`No such date: ${date}`);
  }
  return at.getTime();
}

function utcMsToCivil(ms: number): CivilDate {
  const at = new Date(ms);
  const y = String(at.getUTCFullYear()).padStart(4, '0');
  const mo = String(at.getUTCMonth() + 1).padStart(2, '0');
  const d = String(at.getUTCDate()).padStart(2, '0');
  return `${y}-${mo}-${d}`;
}

/** Whether a string is a real `YYYY-MM-DD` date (2026-02-30 is not). */
export function isCivilDate(value: string): boolean {
  try {
    civilToUtcMs(value);
    return true;
  } catch {
    return false;
  }
}

/** The date `n` days after (or before, when negative) `date`. */
export function addCivilDays(date: CivilDate, n: number): CivilDate {
  return utcMsToCivil(civilToUtcMs(date) + n * DAY_MS);
}

/** Days from `from` to `to` (negative when `to` comes first). */
export function civilDaysBetween(from: CivilDate, to: CivilDate): number {
  return Math.round((civilToUtcMs(to) - civilToUtcMs(from)) / DAY_MS);
}

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: CivilDate): number {
  const d = new Date(civilToUtcMs(date)).getUTCDay();
  return d === 0 ? 7 : d;
}

export function isWeekend(date: CivilDate): boolean {
  return isoWeekday(date) >= 6;
}

export function yearOf(date: CivilDate): number {
  return Number(date.slice(0, 4));
}

// ---- local wall time in a time zone -----------------------------------------------------------------

interface WallTime {
  date: CivilDate;
  /** Milliseconds since local midnight. */
  timeMs: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Local time minus UTC at an instant, read from Intl (a formatToParts call: microseconds, not nanoseconds). */
function zoneOffsetFromIntl(instantMs: number, timeZone: string): number {
  const p: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(instantMs))) p[part.type] = part.value;
  const date = `${p.year!.padStart(4, '0')}-${p.month}-${p.day}`;
  // Zone offsets are whole seconds, so the instant's milliseconds are the local milliseconds.
  const ms = ((instantMs % 1000) + 1000) % 1000;
  const timeMs = ((Number(p.hour) * 60 + Number(p.minute)) * 60 + Number(p.second)) * 1000 + ms;
  return civilToUtcMs(date) + timeMs - instantMs;
}

/**
 * Offsets already read, by zone and quarter-hour of UTC. Today's zones change their offset only at
 * whole quarter-hours of UTC (whole-hour and half-hour local times, in zones whose offsets are
 * multiples of 15 minutes), so one reading serves a quarter-hour — and a quarter-hour whose two ends
 * disagree is not kept: its instants are read one by one. An intake's clocks read the zone dozens of
 * times; Intl's formatToParts was a visible share of its CPU.
 */
const offsetCache = new Map<string, number>();
const OFFSET_SPAN_MS = 15 * MINUTE_MS;
const OFFSET_CACHE_MAX = 20_000;

/** Local time minus UTC at an instant, in ms (+8 h for Asia/Shanghai). */
export function zoneOffsetMs(instantMs: number, timeZone: string): number {
  const span = Math.floor(instantMs / OFFSET_SPAN_MS);
  const key = `${timeZone} ${span}`;
  const known = offsetCache.get(key);
  if (known !== undefined) return known;
  const start = span * OFFSET_SPAN_MS;
  const offset = zoneOffsetFromIntl(start, timeZone);
  if (zoneOffsetFromIntl(start + OFFSET_SPAN_MS - 1, timeZone) !== offset)
    return zoneOffsetFromIntl(instantMs, timeZone);
  if (offsetCache.size >= OFFSET_CACHE_MAX) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}

/** The local date and time of day of an instant in a time zone. */
export function wallTime(at: Date, timeZone: string): WallTime {
  const local = at.getTime() + zoneOffsetMs(at.getTime(), timeZone);
  const midnight = Math.floor(local / DAY_MS) * DAY_MS;
  return { date: utcMsToCivil(midnight), timeMs: local - midnight };
}

/**
 * The instant of a local date and time of day in a time zone. A time skipped by a daylight-saving
 * change (02:30 on a spring-forward night) moves forward by the gap; a time that happens twice takes
 * the first — the "compatible" choice of Temporal and of most calendars.
 */
export function zonedInstant(date: CivilDate, timeMs: number, timeZone: string): Date {
  const wall = civilToUtcMs(date) + timeMs;
  // Any transition near this wall time lies between the offsets a day before and a day after.
  const before = zoneOffsetMs(wall - DAY_MS, timeZone);
  const after = zoneOffsetMs(wall + DAY_MS, timeZone);
  const candidates = [...new Set([before, after])]
    .map((offset) => wall - offset)
    .filter((t) => zoneOffsetMs(t, timeZone) + t === wall)
    .sort((a, b) => a - b);
  return new Date(candidates[0] ?? wall - before);
}

/** `HH:MM` as milliseconds since midnight. */
export function timeOfDayMs(hhmm: string): number {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(hhmm);
  if (!m) throw new RangeError(`Not an HH:MM time of day: ${hhmm}`);
  return (Number(m[1]) * 60 + Number(m[2])) * MINUTE_MS;
}

// ---- deadlines --------------------------------------------------------------------------------------

/** Hour and minute clocks: calendar time, always (nights, weekends and holidays included). */
export function addMinutes(start: Date, minutes: number): Date {
  if (!Number.isFinite(minutes)) throw new RangeError(`Not a number of minutes: ${minutes}`);
  return new Date(start.getTime() + Math.round(minutes * MINUTE_MS));
}

export interface DayClockOptions {
  /** The estate's IANA time zone, e.g. Asia/Shanghai. */
  tz: string;
  /** Count working days instead of calendar days (needs `calendar`). */
  workingDays?: boolean;
  calendar?: WorkCalendar;
  /** Where a clock started on a non-working day counts from, on the next working day. Default 08:30. */
  workdayStart?: string;
}

/**
 * Day clocks. Calendar days: the same local time of day `n` days later. Working days: the same local
 * time of day on the `n`th working day after the start; a start on a non-working day counts from
 * `workdayStart` (08:30) of the next working day, so 1 working day from a Sunday is Tuesday 08:30.
 */
export function addDays(start: Date, n: number, options: DayClockOptions): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Not a number of days: ${n}`);
  const { date, timeMs } = wallTime(start, options.tz);
  if (!options.workingDays) return zonedInstant(addCivilDays(date, n), timeMs, options.tz);

  const calendar = options.calendar;
  if (!calendar) throw new Error('Counting working days needs a calendar');
  let day = date;
  let time = timeMs;
  if (!calendar.isWorkday(day)) {
    day = nextWorkday(calendar, day);
    time = timeOfDayMs(options.workdayStart ?? '08:30');
  }
  for (let i = 0; i < n; i++) day = nextWorkday(calendar, day);
  return zonedInstant(day, time, options.tz);
}

/** The first working day after `date`. */
export function nextWorkday(calendar: WorkCalendar, date: CivilDate): CivilDate {
  let day = date;
  for (let i = 0; i < MAX_NON_WORKING_RUN; i++) {
    day = addCivilDays(day, 1);
    if (calendar.isWorkday(day)) return day;
  }
  throw new Error(`No working day within ${MAX_NON_WORKING_RUN} days after ${date}`);
}

/**
 * "Same day" (即日, 小修不过夜): 24:00 local time of the day the clock starts; from `nightStart` (18:30,
 * the start of the night window — an 18:30 request is a night request) it is 24:00 of the next day.
 */
export function sameDayDeadline(start: Date, options: { tz: string; nightStart?: string }): Date {
  const { date, timeMs } = wallTime(start, options.tz);
  const late = timeMs >= timeOfDayMs(options.nightStart ?? '18:30');
  return zonedInstant(addCivilDays(date, late ? 2 : 1), 0, options.tz);
}

// ---- on hold ----------------------------------------------------------------------------------------

/** The time a clock had left when it was paused (negative when it was already overdue). */
export function remainingAtPause(dueAt: Date, pausedAt: Date): number {
  return dueAt.getTime() - pausedAt.getTime();
}

/**
 * The due time after a hold: shifted by the time spent on hold, so the clock resumes with the time it
 * had left. Shift the clock's start the same way, so `warningAt` and `clockStatus` keep measuring
 * running time only.
 */
export function pausedDeadline(dueAt: Date, pausedAt: Date, resumedAt: Date): Date {
  const held = resumedAt.getTime() - pausedAt.getTime();
  if (held < 0) throw new RangeError('A clock cannot resume before it was paused');
  return new Date(dueAt.getTime() + held);
}

// ---- warnings ---------------------------------------------------------------------------------------

export type ClockStatus = 'ok' | 'warning' | 'overdue';

/** When a clock turns amber: after `fraction` (75%) of its window has run. */
export function warningAt(startedAt: Date, dueAt: Date, fraction = 0.75): Date {
  if (!(fraction > 0 && fraction <= 1)) throw new RangeError(`Not a fraction of a window: ${fraction}`);
  const window = dueAt.getTime() - startedAt.getTime();
  if (window < 0) throw new RangeError('A clock cannot be due before it starts');
  return new Date(startedAt.getTime() + Math.ceil(window * fraction));
}

/** Green until the warning point, amber from it up to the due time itself, red once it has passed. */
export function clockStatus(now: Date, startedAt: Date, dueAt: Date, fraction = 0.75): ClockStatus {
  if (now.getTime() > dueAt.getTime()) return 'overdue';
  if (now.getTime() >= warningAt(startedAt, dueAt, fraction).getTime()) return 'warning';
  return 'ok';
}
