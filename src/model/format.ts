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

const NUMBER_FORMATS = new Map<string, Intl.NumberFormat>();

export function formatNumber(lang: Lang, value: number): string {
  // 5,000 in English; Chinese text groups digits only from 万 up (12,000), as offices write 5000.
  const useGrouping = Math.abs(value) >= (lang === 'en' ? 1000 : 10000);
  const key = `${lang}${useGrouping}`;
  let format = NUMBER_FORMATS.get(key);
  if (!format)
    NUMBER_FORMATS.set(
      key,
      (format = new Intl.NumberFormat(lang === 'zh-CN' ? 'zh-CN' : 'en-US', { maximumFractionDigits: 2, useGrouping })),
    );
  return minus(format.format(value));
}

/**
 * Negative figures take the minus sign U+2212, not the hyphen: word processors may break a line after a
 * hyphen ("change: -" / "97.9%"), and text extraction then drops it as a hyphenation.
 */
function minus(text: string): string {
  return text.replace(/^-(?=\d)/, '\u2212');
}

/** 1.0667 → 106.7% */
export function formatPercent(ratio: number): string {
  return minus(`${(Math.round(ratio * 1000) / 10).toFixed(1)}%`);
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
