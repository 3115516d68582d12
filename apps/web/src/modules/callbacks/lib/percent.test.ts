import { describe, expect, it } from 'vitest';
import { percent } from './percent';

describe('quota percentages', () => {
  it('shows whole percentages plainly and keeps one decimal where it matters', () => {
    expect(percent(0.3)).toBe('30%');
    expect(percent(1)).toBe('100%');
    expect(percent(2 / 21)).toBe('9.5%');
    expect(percent(0)).toBe('0%');
  });

  it('shows a dash when nothing was completed', () => {
    expect(percent(null)).toBe('—');
    expect(percent(undefined)).toBe('—');
  });
});
