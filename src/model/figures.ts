import { formatFigure, formatNumber, numericValue } from './format.js';
import { abs, compare, div, exact, percentText, ratio, sub, type Ratio } from './ratio.js';
import type { Lang } from '../core/types.js';

/**
 * The cells an indicator row shares in the plan's table and the review's: No., name, unit, baseline,
 * target, actual, completion rate (empty when it has none).
 */
export function indicatorFigureCells(lang: Lang, row: Figures & { name: string }, index: number): string[] {
  const rate = completion(row);
  return [
    String(index + 1),
    row.name,
    row.unit ?? '',
    formatFigure(lang, row.baseline),
    formatFigure(lang, row.target),
    formatFigure(lang, row.actual),
    rate === undefined ? '' : percent(rate),
  ];
}

/** The figures a goal, an item or an indicator may carry. */
export interface Figures {
  target?: number | string;
  unit?: string;
  baseline?: number | string;
  actual?: number | string;
}

/**
 * A target as a number and the direction it declares: "≥95%" is 95, reached from below (up); "≤5" is 5,
 * reached from above (down: days to pay, incidents); a plain number declares none.
 */
export function targetBound(
  target: number | string | undefined,
): { value: Ratio; direction?: 'up' | 'down' } | undefined {
  if (target === undefined) return undefined;
  const text = String(target).trim();
  const sign = /^(≥|>=|≤|<=)/.exec(text)?.[1];
  const value = exact(text.slice(sign?.length ?? 0).replace(/%$/, ''));
  if (!value) return undefined;
  return sign ? { value, direction: sign === '≤' || sign === '<=' ? 'down' : 'up' } : { value };
}

/**
 * How far the result got: the share of the planned way covered, measured from a start point. The start
 * is zero for a quantity that grows from a non-negative base — actual ÷ target, as offices compute 完成率 —
 * and the baseline when lower is better (days to pay, defects: 72 s against a target of 60 from 140 is
 * 85%, not 120%; a target written "≤60" says so too) or when a value is negative (a loss narrowing from
 * −10 towards −5 that reached −7 has covered 60% of the way, not "140%"). Undefined where the way has no
 * length (target = start) or no known start (a "≤" target without a baseline). Exact: see ratio.ts.
 */
export function completion(f: Figures): Ratio | undefined {
  const bound = targetBound(f.target);
  const actual = figureValue(f.actual);
  if (bound === undefined || actual === undefined) return undefined;
  const { value: target, direction } = bound;
  const baseline = figureValue(f.baseline);
  const negative = (r: Ratio) => r.n < 0n;
  // A target below its baseline is reached downwards, unless it says otherwise (≥95% kept from 98%).
  const lowerIsBetter =
    direction === 'down' || (direction === undefined && baseline !== undefined && compare(target, baseline) < 0);
  // A "≤" target has a way to cover only down from a baseline above it; else only its status is known.
  if (direction === 'down' && (baseline === undefined || compare(baseline, target) <= 0)) return undefined;
  const fromBaseline =
    baseline !== undefined && (lowerIsBetter || negative(baseline) || negative(target) || negative(actual));
  const start = fromBaseline ? baseline! : ratio(0);
  if (compare(target, start) === 0 || (!fromBaseline && target.n <= 0n)) return undefined;
  return div(sub(actual, start), sub(target, start));
}

/** A figure's exact value: 30, "30", "95%" (→ 95); else undefined. */
export function figureValue(value: number | string | undefined): Ratio | undefined {
  if (value === undefined) return undefined;
  return exact(String(value).replace(/%\s*$/, ''));
}

/** Figures that are percentages: the unit says so, or both are written "95%". */
export function isPercent(f: Figures, a = f.target, b = f.baseline): boolean {
  return (
    f.unit?.trim() === '%' ||
    (typeof a === 'string' && a.trim().endsWith('%') && typeof b === 'string' && b.trim().endsWith('%'))
  );
}

/** A rate as offices write it, rounded once: whole percentages without ".0" (50%, 108.3%). */
export function percent(rate: Ratio | number): string {
  return percentText(typeof rate === 'number' ? exact(rate)! : rate);
}

/** A figure with its unit: "12家", "95%", "12 days" (English spaces a word unit, never a symbol). */
export function withUnit(lang: Lang, value: number | string, unit = ''): string {
  const text = formatFigure(lang, value);
  if (typeof value === 'string' && unit && text.endsWith(unit)) return text;
  return `${text}${lang === 'en' && /^\p{L}/u.test(unit) ? ' ' : ''}${unit}`;
}

/** |value − baseline| ÷ baseline, exactly, as a percentage (the baseline is a positive number here). */
function growth(baseline: number | string, value: number | string): string {
  const [from, to] = [figureValue(baseline)!, figureValue(value)!];
  return percent(div(abs(sub(to, from)), from)!);
}

/**
 * The change from the baseline to a value, worded: 比上年增加4家、增长50% / 下降20% / 提高3.5个百分点 /
 * up 26 percentage points from 64%. No percentage against a zero or negative base (it means nothing):
 * a negative base that turns positive is 扭亏为盈, one that narrows is 减亏 (a loss turned into a
 * profit, a loss narrowed). Undefined when either figure is not a number.
 */
export function changeFrom(lang: Lang, f: Figures, value: number | string | undefined): string | undefined {
  const [to, from] = [numericValue(value), numericValue(f.baseline)];
  if (to === undefined || from === undefined) return undefined;
  const unit = f.unit ?? '';
  const points = isPercent(f, value, f.baseline);
  const diff = Math.round(Math.abs(to - from) * 100) / 100;
  const amount = points ? formatNumber(lang, diff) : withUnit(lang, diff, unit.replace(/^%$/, ''));
  const baseText = withUnit(lang, f.baseline!, unit);
  const up = to > from;
  if (lang === 'zh-CN') {
    if (to === from) return '与上年持平';
    if (points) return `比上年${up ? '提高' : '降低'}${amount}个百分点`;
    if (from < 0 && to >= 0) return to === 0 ? '实现扭亏持平' : '实现扭亏为盈';
    if (from < 0) return up ? `减亏${amount}` : `增亏${amount}`;
    if (from > 0 && to < 0) return '由盈转亏';
    if (from === 0) return `比上年${up ? '增加' : '减少'}${amount}`;
    return `比上年${up ? '增加' : '减少'}${amount}、${up ? '增长' : '下降'}${growth(f.baseline!, value!)}`;
  }
  if (to === from) return `unchanged from ${baseText}`;
  const direction = up ? 'up' : 'down';
  if (points) return `${direction} ${amount} percentage point${diff === 1 ? '' : 's'} from ${baseText}`;
  if (from < 0 && to >= 0)
    return `from a loss of ${withUnit(lang, -from, unit)} to ${to === 0 ? 'break-even' : 'a profit'}`;
  if (from < 0) return `loss ${up ? 'narrowed' : 'widened'} by ${amount} from ${baseText}`;
  if (from > 0 && to < 0) return `from ${baseText} to a loss`;
  if (from === 0) return `${direction} ${amount} from ${baseText}`;
  return `${direction} ${amount}, or ${growth(f.baseline!, value!)}, from ${baseText}`;
}

/** A goal that ends with a quantity noun takes 达到 before its figure: 发明专利授权量达到120件. */
const QUANTITY_NOUN = /(?:量|率|数|额|值|占比|比重|比例|强度|规模|总数|人次|指数)$/;

/**
 * A goal's figures as the end of its sentence, including the closing stop:
 * 新认定高新技术企业 + `12家，比上年增加4家、增长50%。`; 无研发活动的企业 + `60家，比上年减少15家、下降20%。`;
 * a review: `13家，完成目标12家的108.3%，比上年增加5家、增长62.5%。`; English: `: 12, up 4, or 50%, from 8.`
 */
export function goalSentenceTail(lang: Lang, text: string, f: Figures): string {
  const unit = f.unit ?? '';
  const main = f.actual ?? f.target;
  const clauses: string[] = [];
  if (lang === 'zh-CN') {
    let lead = '';
    if (main !== undefined) lead = `${QUANTITY_NOUN.test(text) ? '达到' : ''}${withUnit(lang, main, unit)}`;
    if (f.actual !== undefined && f.target !== undefined) {
      const rate = completion(f);
      clauses.push(
        rate === undefined
          ? `目标${withUnit(lang, f.target, unit)}`
          : `完成目标${withUnit(lang, f.target, unit)}的${percent(rate)}`,
      );
    }
    const change = changeFrom(lang, f, main);
    if (change) clauses.push(change);
    return `${lead}${clauses.map((c) => `，${c}`).join('')}。`;
  }
  if (f.actual !== undefined && f.target !== undefined) {
    const rate = completion(f);
    clauses.push(
      `against a target of ${withUnit(lang, f.target, unit)}${rate === undefined ? '' : `, ${percent(rate)} complete`}`,
    );
  }
  const change = changeFrom(lang, f, main);
  if (change) clauses.push(change);
  const lead = main === undefined ? '' : `: ${withUnit(lang, main, unit)}`;
  return `${lead}${clauses.map((c) => `, ${c}`).join('')}.`;
}

/**
 * An item's figures inside its note (目标12家，比上年增加4家、增长50%；牵头：…): the same wording as a goal's,
 * led by 目标 / target, or by 完成 / actual in a review.
 */
export function figureNote(lang: Lang, f: Figures): string | undefined {
  const unit = f.unit ?? '';
  const main = f.actual ?? f.target;
  if (main === undefined && f.baseline === undefined) return undefined;
  const parts: string[] = [];
  const zh = lang === 'zh-CN';
  if (f.target !== undefined) parts.push(`${zh ? '目标' : 'target '}${withUnit(lang, f.target, unit)}`);
  if (f.actual !== undefined) {
    const rate = completion(f);
    parts.push(
      `${zh ? '完成' : 'actual '}${withUnit(lang, f.actual, unit)}${
        rate === undefined ? '' : zh ? `，完成率${percent(rate)}` : `, ${percent(rate)} complete`
      }`,
    );
  }
  const change = changeFrom(lang, f, main);
  if (change) parts.push(change);
  else if (f.baseline !== undefined) parts.push(`${zh ? '基数' : 'baseline '}${withUnit(lang, f.baseline, unit)}`);
  return parts.join(zh ? '，' : ', ');
}
