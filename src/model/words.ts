import type { Lang } from '../core/types.js';
import type { StandardSection } from '../spec/schema.js';

/** Counts already formatted; `what` is what was issued (问卷, questionnaires), `unit` the counting word (份). */
export interface SampleWords {
  what: string;
  unit: string;
  issued: string;
  returned?: string;
  valid: string;
  responseRate?: string;
  validRate: string;
}

/** Default headings and fixed words per language. Templates hold the rest of the wording. */
export interface Words {
  headings: Record<Exclude<StandardSection, 'preface'>, string>;
  owner: string;
  support: string;
  due: string;
  target: string;
  baseline: string;
  actual: string;
  change: string;
  completion: string;
  attachment: string;
  /** Joins "key：value" pairs inside the brackets of a meta note. */
  colon: string;
  separator: string;
  open: string;
  close: string;
  /** Ends a run-in title that has no punctuation of its own. */
  runinStop: string;
  /** A survey sample sentence (issued, returned, valid, rates), worded for the language. */
  sample: (s: SampleWords) => string;
  /** A change in percentage points, e.g. 14 → "14个百分点" / "+14 points". */
  points: (n: string) => string;
  /** Risk register levels. */
  levels: Record<'low' | 'medium' | 'high', string>;
}

export const WORDS: Record<Lang, Words> = {
  'zh-CN': {
    headings: {
      guidance: '指导思想',
      goals: '工作目标',
      indicators: '主要指标',
      results: '工作完成情况',
      tasks: '工作重点及措施',
      measures: '保障措施',
      schedule: '进度安排',
      risks: '主要风险及应对措施',
    },
    owner: '牵头',
    support: '配合',
    due: '时限',
    target: '目标',
    baseline: '基数',
    actual: '完成',
    change: '增长',
    completion: '完成率',
    attachment: '附件',
    colon: '：',
    separator: '；',
    open: '（',
    close: '）',
    runinStop: '。',
    sample: (s) =>
      `共发放${s.what}${s.issued}${s.unit}，` +
      (s.returned === undefined ? '' : `回收${s.returned}${s.unit}，回收率${s.responseRate}；其中`) +
      `有效${s.what}${s.valid}${s.unit}，有效回收率${s.validRate}。`,
    points: (n) => `${n}个百分点`,
    levels: { low: '低', medium: '中', high: '高' },
  },
  en: {
    headings: {
      guidance: 'Guiding principles',
      goals: 'Goals',
      indicators: 'Key indicators',
      results: 'Results',
      tasks: 'Key tasks',
      measures: 'Safeguards',
      schedule: 'Schedule',
      risks: 'Risks',
    },
    owner: 'lead',
    support: 'support',
    due: 'due',
    target: 'target',
    baseline: 'baseline',
    actual: 'actual',
    change: 'change',
    completion: 'completion',
    attachment: 'Attachment',
    colon: ': ',
    separator: '; ',
    open: ' (',
    close: ')',
    runinStop: '.',
    sample: (s) =>
      `${s.issued}${s.what ? ` ${s.what}` : ''} issued, ` +
      (s.returned === undefined ? '' : `${s.returned} returned (response rate ${s.responseRate}), `) +
      `${s.valid} valid (valid response rate ${s.validRate}).`,
    points: (n) => `${/^[-\u2212]/.test(n) ? n : `+${n}`} points`,
    levels: { low: 'Low', medium: 'Medium', high: 'High' },
  },
};
