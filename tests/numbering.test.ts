import { describe, expect, it } from 'vitest';
import { chineseNumeral, ordinalLabel, outlineLabel } from '../src/model/numbering.js';

describe('chineseNumeral', () => {
  it.each([
    [1, '一'],
    [9, '九'],
    [10, '十'],
    [11, '十一'],
    [19, '十九'],
    [20, '二十'],
    [21, '二十一'],
    [99, '九十九'],
    [100, '一百'],
    [101, '一百零一'],
    [110, '一百一十'],
    [115, '一百一十五'],
    [120, '一百二十'],
  ])('%i → %s', (n, text) => expect(chineseNumeral(n)).toBe(text));
});

describe('outlineLabel zh-CN: the GB/T 9704 hierarchy as literal text', () => {
  it.each([
    [1, [3], '三、'],
    [2, [1, 4], '（四）'],
    [3, [1, 2, 12], '12.'],
    [4, [1, 1, 1, 7], '（7）'],
    [5, [1, 1, 1, 1, 3], '③'],
    [5, [1, 1, 1, 1, 21], '21)'],
  ])('level %i at %j → %s', (level, path, label) => expect(outlineLabel('zh-CN', level, path)).toBe(label));
  it('counts past ten in Chinese numerals', () => expect(outlineLabel('zh-CN', 2, [1, 12])).toBe('（十二）'));
});

describe('outlineLabel en: decimal outline', () => {
  it.each([
    [1, [2], '2. '],
    [2, [2, 3], '2.3 '],
    [3, [2, 3, 4], '2.3.4 '],
    [4, [2, 3, 4, 2], '(b) '],
    [4, [1, 1, 1, 27], '(aa) '],
    [5, [1, 1, 1, 1, 4], '(iv) '],
  ])('level %i at %j → %j', (level, path, label) => expect(outlineLabel('en', level, path)).toBe(label));
});

describe('ordinalLabel', () => {
  it('enumerates in prose', () => {
    expect([1, 2, 10, 11].map((n) => ordinalLabel('zh-CN', n))).toEqual(['一是', '二是', '十是', '十一是']);
    expect([1, 3, 11].map((n) => ordinalLabel('en', n))).toEqual(['First, ', 'Third, ', '11. ']);
  });
});
