import type { Finding, LintContext, LintRule } from '../rule.js';

const HAN_DIGITS = '一二三四五六七八九十';

/**
 * Labels typed at the start of an item, a goal or a heading: plangen numbers them itself, so a typed
 * label doubles (一、一、…) and breaks when items move (（四） whose first item is 2、).
 */
const LABEL = new RegExp(
  [
    `^[${HAN_DIGITS}]+[、，,.．]`, // 一、
    `^[（(][${HAN_DIGITS}]+[）)]`, // （一）
    `^[${HAN_DIGITS}]+是(?=[${'\\u3400-\\u9FFF'}])`, // 一是
    `^第[${HAN_DIGITS}]+[，,、是：:]`, // 第一，
    `^[（(]\\d{1,2}[）)]`, // (1)
    '^\\d{1,2}[、．]', // 1、 1．
    '^\\d{1,2}\\.(?!\\d)\\s*', // 1.  (not 1.5倍)
    '^\\d{1,2}\\)\\s*', // 1)
    '^[①-⑳]',
    '^[a-zA-Z][.)]\\s+(?=\\S)', // a. / a)
  ].join('|'),
);

export const handNumbering: LintRule = {
  id: 'hand-numbering',
  severity: 'warning',
  description: 'numbering typed by hand at the start of an item (1、 （一） 一是 (1) 1.), which plangen adds itself',
  check(ctx: LintContext): Finding[] {
    const findings: Finding[] = [];
    for (const field of ctx.fields) {
      if (!field.start) continue;
      const m = LABEL.exec(field.text.trimStart());
      if (!m) continue;
      const label = m[0].trim();
      findings.push({
        path: field.path,
        match: label,
        message: `numbering "${label}" typed by hand`,
        hint: 'remove it: plangen numbers items itself (set `numbering: ordinal` for 一是/二是)',
      });
    }
    return findings;
  },
};
