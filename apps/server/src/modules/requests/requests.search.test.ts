import { describe, expect, it } from 'vitest';
import { normalizeForSearch, searchDocument, textQuery } from './requests.search.ts';

describe('search documents', () => {
  it('indexes every character and every adjacent pair of a Chinese description', () => {
    const doc = searchDocument({ estateId: 'e1', description: '楼上漏水' });
    expect(doc.searchTokens).toEqual(['@e:e1', '上', '上漏', '楼', '楼上', '水', '漏', '漏水'].sort());
    expect(doc.searchText).toBe('楼上漏水\n\n');
  });

  it('keeps pairs inside a run of letters and digits, never across punctuation or fields', () => {
    const doc = searchDocument({
      estateId: 'e1',
      description: '电梯困人，急！',
      reporterName: '王先生',
      locationText: '3栋',
    });
    expect(doc.searchTokens).toContain('困人');
    expect(doc.searchTokens).not.toContain('人，');
    expect(doc.searchTokens).not.toContain('人急');
    // The description's last character and the name's first are in different fields.
    expect(doc.searchTokens).not.toContain('急王');
    expect(doc.searchTokens).toEqual(expect.arrayContaining(['王先', '先生', '3栋']));
  });

  it('normalises full-width letters and digits and upper case, so ＬＥＤ１号 is found as led1', () => {
    expect(normalizeForSearch('ＬＥＤ灯１号')).toBe('led灯1号');
    expect(searchDocument({ estateId: 'e1', description: 'LED灯不亮' }).searchTokens).toContain('le');
  });

  it('counts characters outside the basic plane as one character', () => {
    const doc = searchDocument({ estateId: 'e1', description: '𠮷野家' });
    expect(doc.searchTokens).toContain('𠮷野');
    expect(doc.searchTokens).toContain('𠮷');
  });
});

describe('text queries', () => {
  it('asks the index for the bigrams of each term, and keeps the terms for the exact check', () => {
    expect(textQuery(' 楼上  漏水 ')).toEqual({ terms: ['楼上', '漏水'], tokens: ['楼上', '漏水'] });
    expect(textQuery('地漏反水')).toEqual({ terms: ['地漏反水'], tokens: ['地漏', '漏反', '反水'] });
  });

  it('asks for the unigram of a one-character term', () => {
    expect(textQuery('梯')).toEqual({ terms: ['梯'], tokens: ['梯'] });
  });

  it('has no index tokens for punctuation alone (the substring check still applies)', () => {
    expect(textQuery('——')).toEqual({ terms: ['——'], tokens: [] });
  });

  it('caps the index probe of a long query', () => {
    const q = textQuery('楼上装修噪音太大中午休息时间还在电钻隔壁装修周末早上七点就开始敲墙');
    expect(q.tokens.length).toBe(24);
    expect(q.terms).toHaveLength(1);
  });

  it('never asks for a token the matching text does not have', () => {
    const text = '卫生间天花板漏水，怀疑楼上防水层坏了';
    const doc = new Set(searchDocument({ estateId: 'e1', description: text }).searchTokens);
    for (let i = 0; i < text.length; i++) {
      for (let j = i + 1; j <= text.length; j++) {
        for (const token of textQuery(text.slice(i, j)).tokens) expect(doc.has(token)).toBe(true);
      }
    }
  });
});
