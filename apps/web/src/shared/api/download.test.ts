import { describe, expect, it } from 'vitest';
import { dispositionFilename } from './download';

describe('the name a download is saved under', () => {
  it('is the UTF-8 (Chinese) name when the server gives one, else the plain one', () => {
    const name = '回访_阳光花园_20261122-1000.xlsx';
    expect(
      dispositionFilename(
        `attachment; filename="callbacks-20261122-1000.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        'x.xlsx',
      ),
    ).toBe(name);
    expect(dispositionFilename('attachment; filename="callbacks.xlsx"', 'x.xlsx')).toBe('callbacks.xlsx');
    expect(dispositionFilename(null, 'x.xlsx')).toBe('x.xlsx');
  });
});
