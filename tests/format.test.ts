import { describe, expect, it } from 'vitest';
import { formatDecimal, formatNumber } from '../src/model/format.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { random } from '../bench/specs.mjs';

/** What formatDecimal stands in for. */
function intl(locale: 'zh-CN' | 'en-US', value: number, useGrouping: boolean): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping }).format(value);
}

/** Values across magnitudes, with many on or next to a rounding boundary (x.xx5). */
function values(count: number): number[] {
  const rnd = random(2026) as () => number;
  const out = [0, -0, 1.005, 2.675, 0.125, -0.125, 0.005, 0.995, 999.995, -999.995, 1e21, 1.5e21, 1e-7, -1e-7];
  out.push(5e-324, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 0.1 + 0.2);
  for (let i = 0; i < count; i++) {
    let v = (rnd() - 0.5) * 2 * 10 ** (Math.floor(rnd() * 40) - 12);
    const r = rnd();
    if (r < 0.25) v = Math.round(v * 1000) / 1000;
    else if (r < 0.5) v = Math.round(v * 200) / 200 + 0.005 * Math.sign(v);
    else if (r < 0.6) v = Math.round(v);
    out.push(v);
  }
  return out;
}

describe('formatDecimal (the number formatter without Intl)', () => {
  it('writes what Intl.NumberFormat writes, zh-CN and en-US, with and without grouping', () => {
    const formats = new Map<string, Intl.NumberFormat>();
    for (const value of values(Number(process.env.PLANGEN_FORMAT_RUNS ?? 20_000)))
      for (const locale of ['zh-CN', 'en-US'] as const)
        for (const grouping of [true, false]) {
          const key = `${locale}${grouping}`;
          if (!formats.has(key))
            formats.set(key, new Intl.NumberFormat(locale, { maximumFractionDigits: 2, useGrouping: grouping }));
          expect(formatDecimal(value, grouping), `${value} ${key}`).toBe(formats.get(key)!.format(value));
        }
  });

  it('leaves what is not finite to Intl, and formatNumber still writes it', () => {
    for (const value of [NaN, Infinity, -Infinity]) {
      expect(formatDecimal(value, true)).toBeUndefined();
      expect(formatNumber('en', value)).toBe(
        intl('en-US', value, Math.abs(value) >= 1000).replace(/^-(?=\d)/, '\u2212'),
      );
    }
    expect(formatNumber('zh-CN', 12345.678)).toBe('12,345.68');
    expect(formatNumber('zh-CN', 5000)).toBe('5000');
    expect(formatNumber('en', -1234.5)).toBe('\u22121,234.5');
  });
});
