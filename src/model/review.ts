import type { Lang } from '../core/types.js';
import { TASK_STATUSES, type ItemSpec, type PlanSpec, type TaskStatus } from '../spec/schema.js';
import {
  completion,
  figureValue,
  goalSentenceTail,
  indicatorFigureCells,
  percent,
  targetBound,
  type Figures,
} from './figures.js';
import type { TableModel } from './model.js';
import { compare, ratio } from './ratio.js';
import { dropEmptyColumns } from './table.js';
import type { Words } from './words.js';

/**
 * The year-end review (工作总结 / annual review) built from the plan's own spec: `kind: review` or
 * `plangen build --review`. The review states each target beside its result; everything here is
 * derived from figures the plan already carries (target, baseline, actual) and the tasks' status.
 */

/** How an indicator ended: beyond its target, at it, short of it. */
export type IndicatorStatus = 'exceeded' | 'met' | 'missed';
/** `pending`: no actual yet; `unrated`: target or actual is not a number (a target in words). */
export type IndicatorOutcome = IndicatorStatus | 'pending' | 'unrated';

/**
 * Where the figures decide: the completion rate against 100% (so lower-is-better indicators with a
 * baseline, and losses, are judged along their own way; see completion()), else the actual against the
 * target itself — above it is better, unless the target is written "≤N" or is 0 with no baseline (read
 * as "none allowed": zero incidents). Exact comparisons, no rounding: 99.96% is missed, not "100%".
 */
export function indicatorOutcome(f: Figures): IndicatorOutcome {
  if (f.actual === undefined) return 'pending';
  const rate = completion(f);
  if (rate) return statusOf(compare(rate, ratio(1)));
  const bound = targetBound(f.target);
  const actual = figureValue(f.actual);
  if (!bound || !actual) return 'unrated';
  const lowerIsBetter =
    bound.direction === 'down' || (bound.direction === undefined && bound.value.n === 0n && f.baseline === undefined);
  const ahead = compare(actual, bound.value);
  return statusOf(lowerIsBetter ? -ahead : ahead);
}

const statusOf = (ahead: number): IndicatorStatus => (ahead > 0 ? 'exceeded' : ahead === 0 ? 'met' : 'missed');

interface ReviewWords {
  title: (title: string) => string;
  headings: Partial<Words['headings']>;
  indicatorHeader: string[];
  outcome: Record<IndicatorOutcome, string>;
  /** A goal's result, ending its sentence. */
  goalOutcome: Record<IndicatorOutcome, string>;
  summary: (counts: Counts) => string;
  taskStatus: Record<TaskStatus, string>;
  taskSummary: (counts: Array<[TaskStatus, number]>, total: number) => string;
  progress: string;
}

interface Counts {
  total: number;
  exceeded: number;
  met: number;
  missed: number;
  pending: number;
  unrated: number;
  /** exceeded + met: completed, as the summary counts them. */
  done: number;
  /** done + missed: the indicators that could be judged. */
  judged: number;
  /** done ÷ judged, formatted; null when nothing could be judged. */
  rate: string | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

const REVIEW_WORDS: Record<Lang, ReviewWords> = {
  'zh-CN': {
    title: zhReviewTitle,
    headings: { goals: '目标完成情况', indicators: '主要指标完成情况', tasks: '重点工作完成情况' },
    indicatorHeader: ['序号', '指标', '单位', '基数', '目标', '完成', '完成率', '完成情况'],
    outcome: { exceeded: '超额完成', met: '完成', missed: '未完成', pending: '待统计', unrated: '—' },
    goalOutcome: {
      exceeded: '超额完成目标',
      met: '完成目标',
      missed: '未完成目标',
      pending: '尚无完成数据',
      unrated: '',
    },
    summary: (c) => {
      const { done, judged } = c;
      if (judged === 0) return `${c.total}项指标尚无可以比较的完成数据。`;
      const result =
        `完成${done}项${c.exceeded ? `（其中超额完成${c.exceeded}项）` : ''}` +
        `${c.missed ? `，未完成${c.missed}项` : ''}，完成率${c.rate}`;
      if (judged === c.total) return `${c.total}项指标${result}。`;
      const left = [
        c.pending ? `${c.pending}项尚无完成数据` : '',
        c.unrated ? `${c.unrated}项目标或完成值不是数值` : '',
      ];
      return `${c.total}项指标中已统计${judged}项，${result}；另有${left.filter(Boolean).join('，')}，未计入。`;
    },
    taskStatus: { done: '已完成', 'in-progress': '推进中', delayed: '滞后', 'not-started': '未启动' },
    taskSummary: (counts, total) =>
      `${total}项工作中，${counts.map(([s, n]) => `${REVIEW_WORDS['zh-CN'].taskStatus[s]}${n}项`).join('，')}。`,
    progress: '进展：',
  },
  en: {
    title: enReviewTitle,
    headings: { goals: 'Goals and results', indicators: 'Indicators and results', tasks: 'Progress on key tasks' },
    indicatorHeader: ['No.', 'Indicator', 'Unit', 'Baseline', 'Target', 'Actual', 'Completion', 'Status'],
    outcome: { exceeded: 'Exceeded', met: 'Met', missed: 'Missed', pending: 'Pending', unrated: '—' },
    goalOutcome: {
      exceeded: 'target exceeded',
      met: 'target met',
      missed: 'target missed',
      pending: 'no result yet',
      unrated: '',
    },
    summary: (c) => {
      const { done, judged } = c;
      if (judged === 0) return `None of the ${plural(c.total, 'indicator')} has a result that can be compared yet.`;
      const result =
        `${done} met${c.exceeded ? ` (${c.exceeded} of them exceeded)` : ''}` +
        `${c.missed ? `, ${c.missed} missed` : ''}: a completion rate of ${c.rate}`;
      if (judged === c.total) return `Of ${plural(c.total, 'indicator')}, ${result}.`;
      const left = [
        c.pending ? `${c.pending} without a result yet` : '',
        c.unrated ? `${c.unrated} with a target or result in words` : '',
      ];
      return `Of ${plural(c.total, 'indicator')}, ${judged} can be judged: ${result}; not counted: ${left.filter(Boolean).join(', ')}.`;
    },
    taskStatus: {
      done: 'done',
      'in-progress': 'in progress',
      delayed: 'behind schedule',
      'not-started': 'not started',
    },
    taskSummary: (counts, total) =>
      `Of ${plural(total, 'task')}, ${counts.map(([s, n]) => `${n} ${REVIEW_WORDS.en.taskStatus[s]}`).join(', ')}.`,
    progress: 'Progress: ',
  },
};

/**
 * The review's title from the plan's: 2026年工作计划 → 2026年工作总结; 科技工作要点 → 科技工作总结;
 * 招生计划 → 招生总结; a title that already names a review (总结, 完成情况, 报告) is kept; any other gets
 * 工作总结 after 工作, else 完成情况 (2026年重点任务 → 2026年重点任务完成情况).
 */
export function zhReviewTitle(title: string): string {
  if (/(总结|完成情况|报告)\s*$/.test(title)) return title;
  // The last 计划 (要点, 安排, 方案) is the document's kind; one earlier (计划生育工作方案) is not.
  const kinds = [...title.matchAll(/(工作)?(计划|要点|安排|方案)/g)];
  const last = kinds.at(-1);
  const replaced = last
    ? title.slice(0, last.index) + (last[1] ? '工作总结' : '总结') + title.slice(last.index + last[0].length)
    : title;
  if (replaced !== title) return replaced;
  return /工作\s*$/.test(title) ? `${title.trimEnd()}总结` : `${title.trimEnd()}完成情况`;
}

/**
 * Product Team Work Plan 2026 → Product Team Annual Review 2026 (also Annual Plan, Action Plan); any
 * other last "Plan" becomes "Review" (2026 Operating Plan → 2026 Operating Review); a title that already
 * names a review or report is kept; any other gets ": Annual Review" after it.
 */
export function enReviewTitle(title: string): string {
  if (/\b(review|report)\b/i.test(title)) return title;
  const keepCase = (found: string, replacement: string) =>
    found === found.toUpperCase()
      ? replacement.toUpperCase()
      : /^[a-z]/.test(found)
        ? replacement.toLowerCase()
        : replacement;
  const pairs = /\b(work|annual|action|yearly) plan\b/i.exec(title);
  if (pairs) return title.replace(pairs[0], keepCase(pairs[0], 'Annual Review'));
  const plan = /\bplan(s?)\b(?!.*\bplans?\b)/i.exec(title);
  if (plan) return title.slice(0, plan.index) + keepCase(plan[0], 'Review') + title.slice(plan.index + plan[0].length);
  return `${title.trimEnd()}: Annual Review`;
}

/** The spec as its review: `review:` fields in place of the plan's, the title derived when not given. */
export function reviewSpec(spec: PlanSpec): PlanSpec {
  const lang = spec.lang ?? 'zh-CN';
  const review = spec.review ?? {};
  return {
    ...spec,
    kind: 'review',
    title: review.title ?? REVIEW_WORDS[lang].title(spec.title),
    subtitle: review.subtitle ?? spec.subtitle,
    date: review.date ?? spec.date,
    preface: review.preface ?? spec.preface,
    closing: review.closing ?? spec.closing,
    signature: spec.signature && review.date ? { ...spec.signature, date: review.date } : spec.signature,
  };
}

/** The default headings of a review (目标完成情况, 主要指标完成情况, 重点工作完成情况). */
export function reviewWords(words: Words, lang: Lang): Words {
  return { ...words, headings: { ...words.headings, ...REVIEW_WORDS[lang].headings } };
}

type IndicatorRow = Figures & { name: string };

/** The review's indicator table (target, actual, completion rate, status) and its summary line. */
export function reviewIndicators(lang: Lang, rows: IndicatorRow[]): { table: TableModel; summary: string } {
  const words = REVIEW_WORDS[lang];
  const tally = { exceeded: 0, met: 0, missed: 0, pending: 0, unrated: 0 };
  const cells = rows.map((r, i) => {
    const outcome = indicatorOutcome(r);
    tally[outcome]++;
    return [...indicatorFigureCells(lang, r, i), words.outcome[outcome]];
  });
  const done = tally.exceeded + tally.met;
  const judged = done + tally.missed;
  const counts: Counts = {
    ...tally,
    total: rows.length,
    done,
    judged,
    rate: judged ? percent(ratio(done, judged)) : null,
  };
  const table = dropEmptyColumns(
    words.indicatorHeader,
    cells,
    ['center', 'left', 'center', 'right', 'right', 'right', 'right', 'center'],
    [0, 1, 4, 5, 6, 7],
  );
  return { table, summary: words.summary(counts) };
}

/** A goal restated with its result: …13家，完成目标12家的108.3%，比上年增加5家、增长62.5%，超额完成目标。 */
export function reviewGoalTail(lang: Lang, text: string, f: Figures): string {
  const tail = goalSentenceTail(lang, text, f);
  const outcome = REVIEW_WORDS[lang].goalOutcome[indicatorOutcome(f)];
  if (!outcome) return tail;
  return lang === 'zh-CN' ? tail.replace(/。$/, `，${outcome}。`) : tail.replace(/\.$/, `; ${outcome}.`);
}

/** A task's status as the first part of its note: （已完成；牵头：…）. */
export function taskStatusWord(lang: Lang, item: ItemSpec): string | undefined {
  return item.status && REVIEW_WORDS[lang].taskStatus[item.status];
}

/** The progress sentence after a task's text, led by 进展： when the task has text of its own. */
export function withProgress(lang: Lang, texts: string[], progress: string[]): string[] {
  if (progress.length === 0) return texts;
  if (texts.length === 0) return progress;
  const [first, ...rest] = progress;
  return [...texts, `${REVIEW_WORDS[lang].progress}${first}`, ...rest];
}

/** 12项工作中，已完成8项，推进中3项，未启动1项。 — over tasks at every level that state a status; null when none does. */
export function taskSummary(lang: Lang, list: Array<string | ItemSpec>): string | null {
  const counts = new Map<TaskStatus, number>();
  const walk = (items: Array<string | ItemSpec>) => {
    for (const item of items)
      if (typeof item !== 'string') {
        if (item.status) counts.set(item.status, (counts.get(item.status) ?? 0) + 1);
        walk(item.items ?? []);
      }
  };
  walk(list);
  const total = [...counts.values()].reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  const ordered = TASK_STATUSES.filter((s) => counts.has(s)).map((s): [TaskStatus, number] => [s, counts.get(s)!]);
  return REVIEW_WORDS[lang].taskSummary(ordered, total);
}
