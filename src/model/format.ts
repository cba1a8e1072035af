import type { Lang } from '../core/types.js';

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** 2025-01-10 → 2025年1月10日 (Arabic numerals, full year, no leading zeros) / January 10, 2025. */
export function formatDate(lang: Lang, iso: string): string {
  const m = /^(\d{4})-(\d{1,2})(?:-(\d{1,2}))?$/.exec(iso.trim());
  if (!m) return iso;
  const [year, month, day] = [Number(m[1]), Number(m[2]), m[3] === undefined ? undefined : Number(m[3])];
  if (month < 1 || month > 12) return iso;
  if (lang === 'zh-CN') return `${year}年${month}月${day === undefined ? '' : `${day}日`}`;
  return day === undefined ? `${EN_MONTHS[month - 1]} ${year}` : `${EN_MONTHS[month - 1]} ${day}, ${year}`;
}

/** A month of the schedule: 3 → 3月 / March; 2026-03 → 2026年3月 / March 2026. */
export function formatMonth(lang: Lang, month: number | string): string {
  if (typeof month === 'string') return formatDate(lang, month);
  return lang === 'zh-CN' ? `${month}月` : EN_MONTHS[month - 1];
}

export function formatPeriod(lang: Lang, from: number | string, to?: number | string): string {
  if (to === undefined || to === from) return formatMonth(lang, from);
  // 1—3月 reads better than 1月—3月 when both are plain months of the plan's year.
  if (lang === 'zh-CN' && typeof from === 'number' && typeof to === 'number') return `${from}—${to}月`;
  return `${formatMonth(lang, from)}${lang === 'zh-CN' ? '—' : '–'}${formatMonth(lang, to)}`;
}

export function formatNumber(lang: Lang, value: number): string {
  // 5,000 in English; Chinese text groups digits only from 万 up (12,000), as offices write 5000.
  const useGrouping = Math.abs(value) >= (lang === 'en' ? 1000 : 10000);
  return minus(formatDecimal(value, useGrouping) ?? intlFormat(lang, value, useGrouping));
}

/**
 * What `Intl.NumberFormat('zh-CN' or 'en-US', { maximumFractionDigits: 2, useGrouping })` writes, without
 * building an Intl object (25 ms at start-up for zh-CN): both locales write `1,234.5`. Like Intl, it rounds
 * the number's shortest decimal form (String(value): 1.005 → 1.01) half away from zero, and keeps the
 * sign of a negative number that rounds to zero (−0). Undefined for what is not finite.
 * tests/format.test.ts compares it with Intl over a wide range.
 */
export function formatDecimal(value: number, useGrouping: boolean): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  const sign = value < 0 || Object.is(value, -0) ? '-' : '';
  // Shortest digits and the position of the decimal point: 1.5e-7 → "15", point at -6.
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const [whole, fraction = ''] = mantissa.split('.');
  let digits = whole + fraction;
  let point = whole.length + Number(exponent);
  const leading = /^0*/.exec(digits)![0].length;
  if (leading === digits.length) return `${sign}0`;
  digits = digits.slice(leading);
  point -= leading;
  // Keep two decimals: round half away from zero on the decimal digits.
  const keep = point + 2;
  if (keep < 0) return `${sign}0`;
  let kept = digits.slice(0, keep).padEnd(Math.max(keep, 0), '0');
  if (digits.length > keep && digits[keep] >= '5') {
    const up = (BigInt(kept || '0') + 1n).toString().padStart(kept.length, '0');
    if (up.length > kept.length) point++;
    kept = up;
  }
  const intPart = point > 0 ? kept.slice(0, point) : '0';
  const fracPart = (point > 0 ? kept.slice(point) : '0'.repeat(-point) + kept).replace(/0+$/, '');
  const grouped = useGrouping ? intPart.replace(/\B(?=(\d{3})+$)/g, ',') : intPart;
  return `${sign}${grouped}${fracPart ? `.${fracPart}` : ''}`;
}

const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

function intlFormat(lang: Lang, value: number, useGrouping: boolean): string {
  const key = `${lang}${useGrouping}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format)
    NUMBER_FORMATS.set(
      key,
      (format = new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2, useGrouping })),
    );
  return format.format(value);
}

/**
 * Negative figures take the minus sign U+2212, not the hyphen: word processors may break a line after a
 * hyphen ("change: -" / "97.9%"), and text extraction then drops it as a hyphenation.
 */
function minus(text: string): string {
  return text.replace(/^-(?=\d)/, '\u2212');
}

/** A figure from the spec: numbers formatted, text kept (≥95%). */
export function formatFigure(lang: Lang, value: number | string | undefined): string {
  if (value === undefined) return '';
  return typeof value === 'number' ? formatNumber(lang, value) : value;
}

/** A numeric value behind a figure, for derived rates: 30, "30", "95%" (→ 95); else undefined. */
export function numericValue(value: number | string | undefined): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*([+-]?\d+(?:\.\d+)?)\s*%?\s*$/.exec(value);
  return m ? Number(m[1]) : undefined;
}
