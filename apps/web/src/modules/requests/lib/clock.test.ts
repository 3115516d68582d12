import { describe, expect, it } from 'vitest';
import { clockProgress, clockTone, splitDuration } from './clock';
import { fenToYuan, maskPhone, yuanToFen } from './format';

const clock = (status = 'pending') => ({
  startedAt: '2026-11-22T08:00:00Z',
  dueAt: '2026-11-22T08:20:00Z',
  status,
});
const at = (hhmm: string) => Date.parse(`2026-11-22T${hhmm}:00Z`);

describe('clock tone', () => {
  it('is amber from 75% of the window and red once overdue', () => {
    expect(clockTone(clock(), at('08:10'))).toBe('normal');
    expect(clockTone(clock(), at('08:15'))).toBe('warning');
    expect(clockTone(clock(), at('08:20'))).toBe('overdue');
    expect(clockProgress(clock(), at('08:05'))).toBe(0.25);
  });
  it('turns amber at the estate’s own warning point when the clock carries it', () => {
    const half = { ...clock(), warnAt: '2026-11-22T08:10:00Z' };
    expect(clockTone(half, at('08:09'))).toBe('normal');
    expect(clockTone(half, at('08:10'))).toBe('warning');
  });
  it('shows settled and paused clocks as they are', () => {
    for (const s of ['met', 'missed', 'cancelled', 'paused'])
      expect(clockTone(clock(s), at('09:00'))).toBe(s);
  });
  it('splits durations into days and a clock', () => {
    expect(splitDuration(65_000)).toEqual({ days: 0, clock: '01:05' });
    expect(splitDuration(-(3600_000 + 61_000))).toEqual({ days: 0, clock: '1:01:01' });
    expect(splitDuration(2 * 86_400_000 + 5_000)).toEqual({ days: 2, clock: '0:00:05' });
  });
});

describe('format', () => {
  it('masks phones', () => {
    expect(maskPhone('13932772866')).toBe('139****2866');
    expect(maskPhone('0755-12345678')).toBe('0755-****5678');
    expect(maskPhone('139****2866')).toBe('139****2866');
    expect(maskPhone(null)).toBe('');
  });
  it('converts money without float drift', () => {
    expect(yuanToFen(35.1)).toBe(3510);
    expect(yuanToFen(0.29)).toBe(29);
    expect(fenToYuan(3510)).toBe(35.1);
  });
});
