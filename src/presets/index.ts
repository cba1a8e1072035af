import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../core/package.js';
import type { Lang } from '../core/types.js';
import { nearest } from '../core/diagnostic.js';

export const PRESETS_DIR = join(PACKAGE_ROOT, 'presets');

export interface PresetInfo {
  /** File name in presets/ without .yaml; what `--preset` takes. */
  name: string;
  lang: Lang;
  /** The kind of document, as a user would look for it. */
  title: string;
  description: string;
  /** The plan in the seed file whose structure the preset follows (zh-CN presets). */
  seed?: string;
}

/**
 * Every preset, in the order `plangen presets` lists them. The seven zh-CN presets follow the
 * structures of the nine real plans our users write (篇五 and 篇六 are the same text), and one more
 * issues such a plan as an official notice (red header, 发文字号, 版记), one more is a plan that becomes its
 * own year-end review (--review); the three en presets cover the common business plans.
 */
export const PRESETS: readonly PresetInfo[] = [
  {
    name: 'tech-bureau-annual',
    lang: 'zh-CN',
    title: '区县科技局年度工作计划',
    description: '导语、指导思想、工作目标（带数值）、工作重点及措施、加强自身建设',
    seed: '篇一、篇七',
  },
  {
    name: 'county-tech-review',
    lang: 'zh-CN',
    title: '县科技工作考核指标完成情况',
    description: '考核指标完成表（自动算完成率）、逐项指标工作说明、重点工作完成情况',
    seed: '篇二',
  },
  {
    name: 'district-tech-plan',
    lang: 'zh-CN',
    title: '城区科技工作计划',
    description: '指导思想，主要工作任务按领域展开，最深四级',
    seed: '篇三',
  },
  {
    name: 'survey-plan',
    lang: 'zh-CN',
    title: '调查研究方案',
    description: '背景和目的，方法、时间、地点、对象，样本（自动算回收率），分工，结果说明',
    seed: '篇四',
  },
  {
    name: 'municipal-tech-plan',
    lang: 'zh-CN',
    title: '市科技工作计划',
    description: '按主题分部分，每部分以一是、二是、三是列举措施',
    seed: '篇五、篇六',
  },
  {
    name: 'student-union-dept',
    lang: 'zh-CN',
    title: '学生会部门工作计划',
    description: '部门概况和日常工作、主要活动、部门协作、结束语',
    seed: '篇八',
  },
  {
    name: 'education-bureau-annual',
    lang: 'zh-CN',
    title: '教育局年度工作计划',
    description: '总体思路、主要目标（百分比和数量）、分领域重点工作、队伍建设',
    seed: '篇九',
  },
  {
    name: 'tech-bureau-notice',
    lang: 'zh-CN',
    title: '以印发通知形式发文的年度工作计划',
    description: '红头、发文字号、主送和印发通知，计划另起页，末页版记（抄送、印发机关和印发日期）',
    seed: '篇七',
  },
  {
    name: 'science-park-review',
    lang: 'zh-CN',
    title: '年度工作计划及年终总结',
    description: '计划与总结同一文件：年终填完成值和进展，--review 生成工作总结（完成率、完成情况、分工表）',
    seed: '篇二',
  },
  {
    name: 'department-annual-plan',
    lang: 'en',
    title: 'Department annual plan',
    description:
      'Guiding principles, goals with figures, indicators, key tasks with owners and deadlines, safeguards, schedule',
  },
  {
    name: 'quarterly-okr',
    lang: 'en',
    title: 'Quarterly OKRs',
    description: 'Objectives with measurable key results: baseline, target, owner; check-in rhythm',
  },
  {
    name: 'project-plan',
    lang: 'en',
    title: 'Project plan',
    description: 'Scope, deliverables, milestones with owners, risk register, governance',
  },
];

export function findPreset(name: string): PresetInfo | undefined {
  return PRESETS.find((p) => p.name === name);
}

/** The closest preset name to a typo, among those of a language when one is given. */
export function suggestPreset(name: string, lang?: Lang): string | undefined {
  return nearest(
    name,
    PRESETS.filter((p) => !lang || p.lang === lang).map((p) => p.name),
  );
}

export function presetPath(name: string): string {
  return join(PRESETS_DIR, `${name}.yaml`);
}

export function readPreset(preset: PresetInfo): string {
  return readFileSync(presetPath(preset.name), 'utf8');
}
