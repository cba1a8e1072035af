import type { Lang } from './numbering.js';
import type { StandardSection } from '../spec/schema.js';

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
}

export const WORDS: Record<Lang, Words> = {
  'zh-CN': {
    headings: { guidance: '指导思想', goals: '工作目标', indicators: '主要指标', tasks: '工作重点及措施', measures: '保障措施', schedule: '进度安排' },
    owner: '牵头', support: '配合', due: '时限', target: '目标', baseline: '基数', actual: '完成', change: '增长', completion: '完成率',
    attachment: '附件', colon: '：', separator: '；', open: '（', close: '）', runinStop: '。',
  },
  en: {
    headings: { guidance: 'Guiding principles', goals: 'Goals', indicators: 'Key indicators', tasks: 'Key tasks', measures: 'Safeguards', schedule: 'Schedule' },
    owner: 'lead', support: 'support', due: 'due', target: 'target', baseline: 'baseline', actual: 'actual', change: 'change', completion: 'completion',
    attachment: 'Attachment', colon: ': ', separator: '; ', open: ' (', close: ')', runinStop: '.',
  },
};
