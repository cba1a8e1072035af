import type Handlebars from 'handlebars';
import type { Lang } from '../core/types.js';
import { formatDate, formatNumber, numericValue } from '../model/format.js';
import { div, exact, percentText } from '../model/ratio.js';
import { outlineLabel } from '../model/numbering.js';
import { escapeMarkdown } from './escape.js';

/**
 * Helpers for template authors: labels, dates, numbers, percentages, sums and joins, in the plan's
 * language. Each returns Markdown-safe text (numbers and dates have nothing to escape; joined text is
 * escaped), reads only its arguments and the plan's `lang`, and fails with a message a template author
 * can act on. Documented with an example each in templates/README.md.
 */

/** The last argument of every helper call is Handlebars' options; the plan's language is on its root. */
function langOf(options: Handlebars.HelperOptions): Lang {
  const root = (options.data as { root?: { lang?: unknown } } | undefined)?.root;
  return root?.lang === 'en' ? 'en' : 'zh-CN';
}

function args(all: unknown[]): { values: unknown[]; options: Handlebars.HelperOptions } {
  return { values: all.slice(0, -1), options: all[all.length - 1] as Handlebars.HelperOptions };
}

function whole(value: unknown, helper: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > 9999)
    throw new Error(`{{${helper}}} expects a whole number from 1, got ${String(value)}`);
  return n;
}

function numbers(values: unknown[]): number[] {
  const flat = values.flatMap((v) => (Array.isArray(v) ? v : [v]));
  return flat
    .map((v) => (typeof v === 'number' || typeof v === 'string' ? numericValue(v) : undefined))
    .filter((v): v is number => v !== undefined);
}

export const FORMAT_HELPERS = {
  /** `{{label 2 3}}` → （三） (zh-CN) or `1.3 ` (en): the outline label of item n at a level (1–5). */
  label: (...all: unknown[]) => {
    const { values, options } = args(all);
    const level = Math.min(whole(values[0], 'label'), 5);
    return outlineLabel(langOf(options), level, [1, 1, 1, 1, whole(values[1], 'label')].slice(-level));
  },
  /** `{{date "2026-3-5"}}` → 2026年3月5日 / 5 March 2026; nothing for a null date. */
  date: (...all: unknown[]) => {
    const { values, options } = args(all);
    if (values[0] === null || values[0] === undefined || values[0] === '') return '';
    const iso = String(values[0]);
    if (!/^\d{4}-\d{1,2}-\d{1,2}$/.test(iso)) throw new Error(`{{date}} expects YYYY-MM-DD, got "${iso}"`);
    return formatDate(langOf(options), iso);
  },
  /** `{{number 12000}}` → 12,000; Chinese text groups digits only from 万 up. */
  number: (...all: unknown[]) => {
    const { values, options } = args(all);
    const [n] = numbers([values[0]]);
    return n === undefined ? escapeMarkdown(String(values[0] ?? '')) : formatNumber(langOf(options), n);
  },
  /** `{{percent 45 60}}` → 75.0%: the first number as a share of the second. */
  percent: (...all: unknown[]) => {
    const { values } = args(all);
    const [part, total] = numbers(values.slice(0, 2));
    const rate = part === undefined || !total ? undefined : div(exact(part)!, exact(total)!);
    // Exact, rounded once (203 of 400 is 50.8%; in floating point 50.7%), always with its tenth.
    return rate ? percentText(rate).replace(/^(\u2212?\d+)%$/, '$1.0%') : '';
  },
  /** `{{sum 1 2 3}}` or `{{sum list}}` → 6, in the plan's number format; text that is not a number is skipped. */
  sum: (...all: unknown[]) => {
    const { values, options } = args(all);
    return formatNumber(
      langOf(options),
      numbers(values).reduce((a, b) => a + b, 0),
    );
  },
  /** `{{join list "、"}}` → 甲、乙、丙: a list of texts, each shown literally, with a separator (default "、"). */
  join: (...all: unknown[]) => {
    const { values } = args(all);
    const list = Array.isArray(values[0]) ? values[0] : [];
    const separator = typeof values[1] === 'string' ? values[1] : '、';
    return list
      .filter((v) => v !== null && v !== undefined && typeof v !== 'object')
      .map((v) => escapeMarkdown(String(v)))
      .join(escapeMarkdown(separator));
  },
} as const;
