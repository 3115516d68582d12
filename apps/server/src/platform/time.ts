/** Calendar helpers in an estate's time zone (every "day" is a day in that zone). */
import { wallTime } from './sla-time.ts';

/** The local date and time parts of an instant in a time zone. */
export function localParts(at: Date, timeZone: string) {
  const { date, timeMs } = wallTime(at, timeZone);
  const minutes = Math.floor(timeMs / 60_000);
  return {
    date,
    compactDate: date.replaceAll('-', ''),
    hour: Math.floor(minutes / 60),
    minute: minutes % 60,
  };
}

/** Whether an instant falls in the night window (default 18:30–08:30 local time). */
export function isNight(at: Date, timeZone: string, window = { start: '18:30', end: '08:30' }): boolean {
  const { hour, minute } = localParts(at, timeZone);
  const m = hour * 60 + minute;
  const [sh, sm] = window.start.split(':').map(Number) as [number, number];
  const [eh, em] = window.end.split(':').map(Number) as [number, number];
  return m >= sh * 60 + sm || m < eh * 60 + em;
}
