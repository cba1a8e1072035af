import type { Lang } from '../core/types.js';
import type { PlanSpec } from '../spec/schema.js';
import type { TableModel } from './model.js';

/** The mark of a month in which a stage runs: shaded in DOCX (src/doc/docx/gantt-cell.ts), as is in Markdown. */
export const GANTT_MARK = '■';

const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

type Stage = { stage: string; from: number | string; to?: number | string };

/** A month as a count of months since year 0 (2026-03 → 2026·12 + 2). */
const monthIndex = (year: number, month: number) => year * 12 + month - 1;

function parseMonth(value: string): { year: number; month: number } | undefined {
  const m = /^(\d{4})-(\d{1,2})/.exec(value);
  return m ? { year: Number(m[1]), month: Number(m[2]) } : undefined;
}

/**
 * The months the chart spans: the plan's `period`, else its `year`, else the stages' own dates (or
 * January–December when they give months 1–12 only).
 */
function span(spec: PlanSpec, stages: Stage[]): { first: number; last: number } {
  if (spec.period) {
    const [from, to] = [parseMonth(spec.period.from)!, parseMonth(spec.period.to)!];
    return { first: monthIndex(from.year, from.month), last: monthIndex(to.year, to.month) };
  }
  const year = spec.year ?? stages.map((s) => parseMonth(String(s.from))?.year).find((y) => y !== undefined) ?? 2000;
  let [first, last] = [monthIndex(year, 1), monthIndex(year, 12)];
  for (const s of stages)
    for (const v of [s.from, s.to ?? s.from]) {
      const m = typeof v === 'string' ? parseMonth(v) : undefined;
      if (m)
        [first, last] = [Math.min(first, monthIndex(m.year, m.month)), Math.max(last, monthIndex(m.year, m.month))];
    }
  return { first, last };
}

/**
 * A month of a stage as an index: a month number 1–12 falls in the first year of the span, or in the
 * next when the span crosses a new year and the month comes before its first month (an academic year).
 */
function stageMonth(value: number | string, first: number): number {
  if (typeof value === 'string') {
    const m = parseMonth(value)!;
    return monthIndex(m.year, m.month);
  }
  const firstYear = Math.floor(first / 12);
  const index = monthIndex(firstYear, value);
  return index < first ? index + 12 : index;
}

/** `schedule: { gantt: true }`: one row per stage, one column per month of the span, the stage's months marked. */
export function ganttTable(lang: Lang, spec: PlanSpec, stages: Stage[]): TableModel {
  const { first, last } = span(spec, stages);
  const months = Array.from({ length: last - first + 1 }, (_, i) => first + i);
  const [firstYear, lastYear] = [Math.floor(first / 12), Math.floor(last / 12)];
  const crossesYear = firstYear !== lastYear;
  const label = (index: number) => {
    const [year, month] = [Math.floor(index / 12), (index % 12) + 1];
    // Chinese columns are bare month numbers under 阶段＼月份 (the years in the corner when they change):
    // at 四号 in the official type area, twelve columns of "12月" leave the stage names two characters
    // and LibreOffice wraps 月 under its number.
    if (lang === 'zh-CN') return String(month);
    // A new year's first column carries the year, so a chart across two years reads without guessing.
    const withYear = crossesYear && (index === first || month === 1);
    return withYear ? `${EN_MONTHS[month - 1]} ${year}` : EN_MONTHS[month - 1];
  };
  const corner = lang === 'en' ? 'Stage' : crossesYear ? `阶段＼月份（${firstYear}—${lastYear}年）` : '阶段＼月份';
  const rows = stages.map((s) => {
    const from = stageMonth(s.from, first);
    const to = stageMonth(s.to ?? s.from, first);
    return [s.stage, ...months.map((m) => (m >= from && m <= to ? GANTT_MARK : ''))];
  });
  return {
    header: [corner, ...months.map(label)],
    rows,
    align: ['left', ...months.map(() => 'center' as const)],
  };
}
