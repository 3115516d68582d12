/**
 * Display formats of the product (spec README, principle 3): dates `YYYY-MM-DD HH:mm` in the estate's
 * time zone (Asia/Shanghai unless the estate says otherwise), money as ¥ with two decimals from fen.
 */
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

export function toZoned(iso: string, timeZone: string = DEFAULT_TIME_ZONE): dayjs.Dayjs {
  return dayjs(iso).tz(timeZone);
}

export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const d = dayjs(iso);
  if (!d.isValid()) return '';
  return toZoned(iso, timeZone).format('YYYY-MM-DD HH:mm');
}

export function formatDate(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  const d = dayjs(iso);
  if (!d.isValid()) return '';
  return toZoned(iso, timeZone).format('YYYY-MM-DD');
}

export function formatTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '';
  return toZoned(iso, timeZone).format('HH:mm');
}

/** Integer fen → "¥1,234.50". Negative amounts keep their sign before the currency symbol. */
export function formatMoney(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return '';
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.round(fen));
  const yuan = Math.floor(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan.toLocaleString('en-US')}.${cents}`;
}

/** A ratio as a whole percentage ("92%"); empty when the denominator is 0. */
export function formatPercent(numerator: number, denominator: number): string {
  if (!denominator) return '';
  return `${Math.round((numerator / denominator) * 100)}%`;
}

/** A `YYYY-MM-DD` day moved by whole days (calendar arithmetic, no time zone involved). */
export function addDaysToDate(date: string, days: number): string {
  return dayjs.utc(date).add(days, 'day').format('YYYY-MM-DD');
}
