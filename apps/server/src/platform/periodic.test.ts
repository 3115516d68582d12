import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runEvery } from './periodic.ts';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('runEvery', () => {
  it('never overlaps runs: a sweep still going when the next is due lets that one pass', async () => {
    let release!: () => void;
    const work = vi.fn(() => new Promise<void>((resolve) => (release = resolve)));
    const stop = runEvery(1000, work);
    await vi.advanceTimersByTimeAsync(3500);
    expect(work).toHaveBeenCalledTimes(1);
    release();
    await vi.advanceTimersByTimeAsync(1000);
    expect(work).toHaveBeenCalledTimes(2);
    stop();
  });

  it('hands errors to the caller and keeps going; stops when told', async () => {
    const errors: unknown[] = [];
    let n = 0;
    const stop = runEvery(
      1000,
      async () => {
        n++;
        if (n === 1) throw new Error('database restarting');
      },
      { onError: (e) => errors.push(e), immediately: true },
    );
    await vi.advanceTimersByTimeAsync(0);
    expect(n).toBe(1);
    expect(errors).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(2000);
    expect(n).toBe(3);
    stop();
    await vi.advanceTimersByTimeAsync(5000);
    expect(n).toBe(3);
    expect(errors).toHaveLength(1);
  });
});
