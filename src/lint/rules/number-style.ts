import type { Finding, LintContext, LintRule } from '../rule.js';

/** Counting words after which GB/T 15835 wants Arabic numerals in a count (17家, 3项). */
const COUNTERS = '家|项|个|所|次|场|件|篇|名|户|座|条|支|台|套|批|期|届|门|种|位|处|人次|人';
const HAN = '[二三四五六七八九十百千]|一[十百千]';
const HAN_COUNT = new RegExp(
  `(?<![第一二三四五六七八九十百千万\\d“"《])((?:${HAN})[一二三四五六七八九十百千零]*)(${COUNTERS})`,
  'g',
);
const ARABIC_COUNT = new RegExp(`\\d+(${COUNTERS})`, 'g');

/**
 * Counts written two ways in one document (三家 beside 17家): GB/T 15835 has counts with units take
 * Arabic numerals. Only reported when the plan also writes counts with the same counting word in Arabic
 * numerals (same category, same form), so a text written wholly in words is left alone. Idiom is left
 * alone too: 一 alone (一个, 一批), 两 (两个关键 reads wrong as 2个关键), words in quotes (“三个代表”).
 */
export const numberStyle: LintRule = {
  id: 'number-style',
  severity: 'warning',
  description: 'numbers written two ways (三家 beside 17家); counts with units take Arabic numerals (GB/T 15835)',
  check({ fields }: LintContext): Finding[] {
    // Same category, same form: 三家 is reported where the plan also writes 17家, not beside 10项.
    const arabic = new Map<string, string>();
    for (const f of fields)
      for (const m of f.text.matchAll(ARABIC_COUNT)) if (!arabic.has(m[1])) arabic.set(m[1], m[0]);
    if (arabic.size === 0) return [];
    const findings: Finding[] = [];
    for (const field of fields) {
      const seen = new Map<string, number>();
      for (const m of field.text.matchAll(HAN_COUNT)) {
        // Inside quotation marks: a fixed phrase.
        const example = arabic.get(m[2]);
        if (!example) continue;
        const before = field.text.slice(0, m.index);
        if ((before.match(/“/g)?.length ?? 0) > (before.match(/”/g)?.length ?? 0)) continue;
        const n = seen.get(m[0]) ?? 0;
        seen.set(m[0], n + 1);
        findings.push({
          path: field.path,
          match: m[0],
          occurrence: n,
          message: `"${m[0]}" beside counts in Arabic numerals such as "${example}"`,
          hint: 'write counts with units in Arabic numerals (GB/T 15835), e.g. 3家',
        });
      }
    }
    return findings;
  },
};
