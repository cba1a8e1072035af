import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { chineseNumeral } from '../src/model/numbering.js';
import { PRESETS, presetPath } from '../src/presets/index.js';
import { docxText } from './helpers/docx.js';
import { PLACEHOLDER } from './helpers/placeholders.js';
import { buildMarkdownAndDocx } from './helpers/build.js';

/**
 * Every example builds cleanly, and every zh-CN example and preset keeps the section structure of the
 * seed plan it is modelled on (../shared/seeds: 篇一 … 篇九). A structure is the sequence of top-level
 * headings — each must contain the seed's key phrase — plus what distinguishes that plan.
 */
const ROOT = join(import.meta.dirname, '..');

interface Structure {
  seed: string;
  /** Key phrase of each top-level heading, in order. */
  sections: string[];
  /** What else makes the plan that kind of plan, checked on the rendered Markdown. */
  also?: (markdown: string) => void;
}

/** Body text of each top-level section (between its heading and the next). */
function sectionBodies(markdown: string): string[] {
  return markdown
    .split(/^## .*$/m)
    .slice(1)
    .map((s) => s.split(/^:::signature|^附件：/m)[0]);
}

const eachSectionEnumerates = (markdown: string) => {
  for (const body of sectionBodies(markdown)) expect(body).toMatch(/^(\*\*)?一是[\s\S]*^(\*\*)?二是/m);
};

const STRUCTURES: Record<string, Structure> = {
  // 篇一: 一、工作目标 二、工作重点及措施 三、加强自身建设，努力提高科技管理水平
  'tech-bureau-annual': { seed: '篇一', sections: ['工作目标', '工作重点及措施', '加强自身建设'] },
  // 篇二: 一、市对县考核指标完成情况 （一）（二）each indicator and its work 二、重点工作完成情况
  'county-tech-review': {
    seed: '篇二',
    sections: ['考核指标完成情况', '重点工作完成情况'],
    also: (md) => {
      const [indicators] = sectionBodies(md);
      expect(indicators).toMatch(/^\| 序号 .*完成率/m);
      expect(indicators.indexOf('（一）')).toBeGreaterThan(indicators.indexOf('| 序号'));
    },
  },
  // 篇二 as a year-end review built from the plan's spec (kind: review): goals, indicators and tasks with results.
  'science-park-review': {
    seed: '篇二',
    sections: ['目标完成情况', '主要指标完成情况', '重点工作完成情况'],
    also: (md) => {
      const [, indicators] = sectionBodies(md);
      expect(indicators).toMatch(/^\| 序号 .*完成率 \| 完成情况 \|$/m);
      expect(indicators.indexOf('完成率')).toBeGreaterThan(indicators.indexOf('12项指标'));
    },
  },
  // 篇三: 指导思想; （二）主要工作任务: 1、信息化建设 2、农业科技示范 3、企业科技服务 4、科普, each with （1）（2）…
  'district-tech-plan': {
    seed: '篇三',
    sections: ['指导思想', '主要工作任务'],
    also: (md) => {
      const fields = [...md.matchAll(/^(?:#+ |\*\*)(\d)\.(信息化建设|农业科技示范|企业科技服务|科普)/gm)].map(
        (m) => m[1] + m[2],
      );
      expect(fields).toEqual(['1信息化建设', '2农业科技示范', '3企业科技服务', '4科普']);
      expect(md).toMatch(/^(\*\*)?（1）/m);
      expect(md).toMatch(/^(\*\*)?①/m); // four levels: 二、 1. （1） ①
    },
  },
  // 篇四: 一.调查背景和目的 二.调查的具体事宜 (1.方法 2.时间 3.地点 4.对象 5.样本 6.成员 7.分工) 三.数据统计结果及说明
  'survey-plan': {
    seed: '篇四',
    sections: ['调查背景和目的', '调查的具体事宜', '数据统计结果及说明'],
    also: (md) => {
      const details = sectionBodies(md)[1];
      const titles = [...details.matchAll(/^(?:#+ |\*\*)\d\.(\S+?)(?:\*\*|$)/gm)].map((m) => m[1].replace(/。$/, ''));
      expect(titles).toEqual(['调查方法', '调查时间', '调查地点', '调查对象', '样本情况', '成员名单', '任务分工']);
      expect(details).toMatch(/有效回收率\d+\.\d%/);
    },
  },
  // 篇五 (= 篇六): themes — industry, agriculture, livelihoods, cooperation, province–city consultation,
  // intellectual property, plans — each enumerating 一是/二是/三是.
  'municipal-tech-plan': {
    seed: '篇五、篇六',
    sections: ['产业', '农业', '民生', '合作', '会商', '知识产权', '规划'],
    also: eachSectionEnumerates,
  },
  // 篇七: 一、指导思想 二、工作目标 三、重点工作 四、主要措施
  'city-tech-bureau': { seed: '篇七', sections: ['指导思想', '工作目标', '重点工作', '主要措施'] },
  // 篇八: the department and its daily work; activities 1. 2. 3.; cooperation; a closing paragraph.
  'student-union-dept': {
    seed: '篇八',
    sections: ['日常工作', '活动', '协作'],
    also: (md) => {
      expect(sectionBodies(md)[1]).toMatch(/^\*\*1\.[\s\S]*^\*\*2\.[\s\S]*^\*\*3\./m);
      const last = sectionBodies(md).at(-1)!.trim().split('\n\n');
      expect(last.length).toBeGreaterThanOrEqual(2); // the section's text, then the closing paragraph
    },
  },
  // 篇九: an opening on the approach; 主要目标 (percentages and counts); the five 建设 it names, each 一是/二是.
  'education-bureau-annual': {
    seed: '篇九',
    sections: ['主要目标', '基础教育', '职业教育', '民办教育', '素质教育', '队伍'],
    also: (md) => {
      expect(md.split(/^## /m)[0].split('\n\n').length).toBeGreaterThan(1); // the opening paragraph
      const goals = sectionBodies(md)[0];
      // Figures end the goal's sentence: …率达到97%以上。 …学位4500个。
      expect(goals).toMatch(/达到\d+%/);
      expect(goals).toMatch(/\d+(所|个)。/);
      const [, ...fields] = sectionBodies(md).map((b) => `\n${b}`);
      for (const body of fields) expect(body).toMatch(/\n(\*\*)?一是[\s\S]*\n(\*\*)?二是/);
    },
  },
  // 篇七's structure, issued as a notice (issue 13): the notice comes first, the plan after a page break.
  'tech-bureau-notice': {
    seed: '篇七',
    sections: ['指导思想', '工作目标', '重点工作', '主要措施'],
    also: expectNotice,
  },
};

/**
 * A plan issued as a notice: 发文机关标志 and 发文字号 first, the notice titled 关于印发《plan》的通知 with
 * 主送 and 落款, a page break, the plan under its own title, and the 版记 as the last block.
 */
function expectNotice(markdown: string): void {
  const [notice, plan] = markdown.split(/^---$/m);
  const title = /^# (.+)$/m.exec(plan)![1].replace(/<br>/g, '');
  const lines = notice.trim().replace(/<br>/g, '').split('\n\n');
  expect(lines[0]).toMatch(/文件$/);
  expect(lines[1]).toMatch(/^\S+〔\d{4}〕[1-9]\d*号$/);
  expect(lines[2]).toBe(`# ${lines[0].replace(/文件$/, '')}关于印发《${title}》的通知`);
  expect(lines[3]).toMatch(/：$/);
  expect(lines.at(-1)).toMatch(/^\d{4}年\d{1,2}月\d{1,2}日$/);
  expect(notice).not.toMatch(/^## /m);
  const record = markdown.trimEnd().split('\n\n').at(-1)!.split('\n');
  expect(record.filter((line) => line !== '>')).toEqual([
    expect.stringMatching(/^> 抄送：.+。$/),
    expect.stringMatching(/^> \S+$/),
    expect.stringMatching(/^> \d{4}年\d{1,2}月\d{1,2}日印发$/),
  ]);
}

/** The preset adds 篇七's 指导思想 to 篇一's structure, as issue 3 asks. */
const PRESET_STRUCTURES: Record<string, Structure> = {
  ...STRUCTURES,
  'tech-bureau-annual': { seed: '篇一、篇七', sections: ['指导思想', '工作目标', '工作重点及措施', '加强自身建设'] },
  // The plan half of a plan-and-review spec; with --review it is 篇二's review (tests/review.test.ts).
  'science-park-review': { seed: '篇二', sections: ['工作目标', '主要指标', '工作重点及措施'] },
};

function expectStructure(markdown: string, structure: Structure): void {
  const headings = [...markdown.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
  expect(headings.map((h) => h.slice(0, h.indexOf('、') + 1))).toEqual(
    structure.sections.map((_, i) => `${chineseNumeral(i + 1)}、`),
  );
  expect(headings.map((h, i) => h.includes(structure.sections[i]))).toEqual(structure.sections.map(() => true));
  structure.also?.(markdown);
}

const examples = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => basename(f, '.yaml'));

describe('examples', () => {
  it('has one per preset', () => expect(examples).toEqual(expect.arrayContaining(PRESETS.map((p) => p.name))));

  it.each(examples)('%s builds with no warnings, no placeholder, and the DOCX holds its title', async (name) => {
    const path = join(ROOT, 'examples', `${name}.yaml`);
    expect(readFileSync(path, 'utf8')).not.toMatch(PLACEHOLDER);
    const { markdown, docx } = await buildMarkdownAndDocx(path);
    const text = await docxText(docx);
    // A long title is set on several lines (<br> in the Markdown, a line break in the DOCX).
    expect(text.replace(/\n/g, '')).toContain(
      markdown
        .split('\n')[0]
        .replace(/^# /, '')
        .replace(/\\|<br>/g, ''),
    );
    expect(text).not.toMatch(/20xx|xx|\*\*/i);
  });

  const zh = examples.filter(
    (name) => !/^lang: en$/m.test(readFileSync(join(ROOT, 'examples', `${name}.yaml`), 'utf8')),
  );
  it('knows the seed plan of every zh-CN example', () => expect(zh.filter((name) => !STRUCTURES[name])).toEqual([]));
  it.each(zh.filter((name) => STRUCTURES[name]))('%s follows the section structure of its seed plan', async (name) => {
    const { markdown } = await buildMarkdownAndDocx(join(ROOT, 'examples', `${name}.yaml`));
    expectStructure(markdown, STRUCTURES[name]);
  });
});

describe('zh-CN presets follow the section structure of their seed plans', () => {
  it.each(PRESETS.filter((p) => p.lang === 'zh-CN').map((p) => p.name))('%s', async (name) => {
    expect(PRESETS.find((p) => p.name === name)!.seed).toBe(PRESET_STRUCTURES[name].seed);
    const { markdown } = await buildMarkdownAndDocx(presetPath(name));
    expectStructure(markdown, PRESET_STRUCTURES[name]);
  });
});
