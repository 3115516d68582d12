/**
 * The list's date (截止日期) the import dialog offers: the server refuses a date after today in the
 * estate, or before the current list's (decision 0024), so the picker offers neither.
 */
import { toZoned } from '../../../shared/format';

/** Today in the estate's time zone, as YYYY-MM-DD. */
export function todayIn(timeZone: string | undefined, now: Date = new Date()): string {
  return toZoned(now.toISOString(), timeZone).format('YYYY-MM-DD');
}

/** Whether `date` (YYYY-MM-DD) may be a new list's date. */
export function isAsOfAllowed(date: string, today: string, currentAsOf: string | null | undefined): boolean {
  if (date > today) return false;
  return !currentAsOf || date >= currentAsOf;
}
