/**
 * Outline labels are literal text computed here, never Word list numbering: the same label then
 * appears in Markdown, in the DOCX and in every word processor (Word's ideographTraditional renders
 * 甲乙丙, not 一二三).
 */
import type { Lang } from '../core/types.js';

// Label levels: 1 = section (一、 / 1.), 2 = （一） / 1.1, 3 = 1. / 1.1.1, 4 = （1） / (a), 5 = ① / (i).

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 105 → 一百零五. */
export function chineseNumeral(n: number): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`not a count: ${n}`);
  if (n < 10) return DIGITS[n];
  if (n < 20) return `十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 100) return `${DIGITS[Math.floor(n / 10)]}十${n % 10 ? DIGITS[n % 10] : ''}`;
  if (n < 1000) {
    const rest = n % 100;
    const tail =
      rest === 0
        ? ''
        : rest < 10
          ? `零${DIGITS[rest]}`
          : rest < 20
            ? `一${chineseNumeral(rest)}`
            : chineseNumeral(rest);
    return `${DIGITS[Math.floor(n / 100)]}百${tail}`;
  }
  return String(n);
}

const CIRCLED = '①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳';

function letters(n: number): string {
  let s = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) s = String.fromCharCode(97 + ((k - 1) % 26)) + s;
  return s;
}

function roman(n: number): string {
  const table: Array<[number, string]> = [
    [1000, 'm'],
    [900, 'cm'],
    [500, 'd'],
    [400, 'cd'],
    [100, 'c'],
    [90, 'xc'],
    [50, 'l'],
    [40, 'xl'],
    [10, 'x'],
    [9, 'ix'],
    [5, 'v'],
    [4, 'iv'],
    [1, 'i'],
  ];
  let s = '';
  for (const [value, digits] of table) for (; n >= value; n -= value) s += digits;
  return s;
}

/**
 * The label of an item, including its trailing separator. `path` holds the 1-based position at every
 * level from the section down to this item (English labels such as 1.2.3 need the ancestors; Chinese
 * labels only the last position).
 */
export function outlineLabel(lang: Lang, level: number, path: readonly number[]): string {
  const n = path[path.length - 1];
  if (lang === 'zh-CN') {
    switch (level) {
      case 1:
        return `${chineseNumeral(n)}、`;
      case 2:
        return `（${chineseNumeral(n)}）`;
      case 3:
        return `${n}.`;
      case 4:
        return `（${n}）`;
      default:
        return n <= CIRCLED.length ? CIRCLED[n - 1] : `${n})`;
    }
  }
  switch (level) {
    case 1:
      return `${n}. `;
    case 2:
    case 3:
      return `${path.slice(-level).join('.')} `;
    case 4:
      return `(${letters(n)}) `;
    default:
      return `(${roman(n)}) `;
  }
}

const EN_ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** Run-in enumeration inside prose: 一是 / 二是 …, First, / Second, … */
export function ordinalLabel(lang: Lang, n: number): string {
  if (lang === 'zh-CN') return `${chineseNumeral(n)}是`;
  return n <= EN_ORDINALS.length ? `${EN_ORDINALS[n - 1]}, ` : `${n}. `;
}
