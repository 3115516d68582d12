/**
 * A clock's look (spec 01 §4): normal, amber from 75% of its window, red once overdue; paused while the
 * request is on hold; met / missed / cancelled once settled. Pure, so the countdown can be tested.
 */
export type ClockTone = 'normal' | 'warning' | 'overdue' | 'paused' | 'met' | 'missed' | 'cancelled';

/** SLA_DEFAULTS.warningFraction of @wuye/contracts: for a clock that does not say when it warns. */
export const WARNING_FRACTION = 0.75;

/** `warnAt`, when the server sends it, is the estate's own warning point (时限设置). */
export type ClockLike = { startedAt: string; dueAt: string; status: string; warnAt?: string | null };

export function clockTone(d: ClockLike, now: number, warningFraction = WARNING_FRACTION): ClockTone {
  if (d.status === 'met' || d.status === 'missed' || d.status === 'cancelled' || d.status === 'paused')
    return d.status;
  const start = Date.parse(d.startedAt);
  const due = Date.parse(d.dueAt);
  if (now >= due) return 'overdue';
  if (d.warnAt) return now >= Date.parse(d.warnAt) ? 'warning' : 'normal';
  const window = due - start;
  if (window > 0 && (now - start) / window >= warningFraction) return 'warning';
  return 'normal';
}

/** The share of the window used so far, 0..1 (for a progress bar). */
export function clockProgress(d: ClockLike, now: number): number {
  const start = Date.parse(d.startedAt);
  const due = Date.parse(d.dueAt);
  const window = due - start;
  if (window <= 0) return 1;
  return Math.min(1, Math.max(0, (now - start) / window));
}

export type Duration = { days: number; clock: string };

/** |ms| as whole days and the rest as H:MM:SS (MM:SS under an hour). */
export function splitDuration(ms: number): Duration {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86_400);
  const h = Math.floor((total % 86_400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  const clock = h > 0 || days > 0 ? `${h}:${pad(m)}:${pad(s)}` : `${pad(m)}:${pad(s)}`;
  return { days, clock };
}
