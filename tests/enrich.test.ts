import { describe, expect, it } from 'vitest';
import { enrichPlan, paragraphs } from '../src/model/enrich.js';
import type { ItemModel } from '../src/model/model.js';
import { validatePlan } from '../src/pipeline.js';
import type { PlanSpec } from '../src/spec/schema.js';

function model(yaml: string) {
  const { spec, diagnostics } = validatePlan(yaml, 'test.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return enrichPlan(spec as PlanSpec);
}

/** label + title or first paragraph, depth-first: the outline as a reader sees it. */
function outline(items: ItemModel[], indent = ''): string[] {
  return items.flatMap((i) => [
    `${indent}${i.label}${i.title ?? i.paragraphs[0] ?? ''}`,
    ...outline(i.items, `${indent}  `),
  ]);
}

describe('paragraphs', () => {
  it('splits on blank lines and joins wrapped lines (no space between Chinese characters)', () => {
    expect(paragraphs('第一段第一行\n第一段第二行\n\n second para\nwraps here')).toEqual([
      '第一段第一行第一段第二行',
      'second para wraps here',
    ]);
  });
  it('removes the space YAML folding puts between Chinese lines, not between Latin words', () => {
    expect(paragraphs('围绕中心工作， 突出重点 推进 plan and do')).toEqual(['围绕中心工作，突出重点推进 plan and do']);
  });
  it('takes a list as one paragraph each', () => expect(paragraphs(['甲', '乙\n\n丙'])).toEqual(['甲', '乙', '丙']));
});

describe('numbering is computed', () => {
  it('labels sections 一、二、 and a task tree （一） 1. （1） ① in zh-CN', () => {
    const m = model(`title: t
guidance: 指导
tasks:
  - title: 甲
    items:
      - title: 乙
        items:
          - title: 丙
            items: [丁, 戊]
      - 己
  - 庚
`);
    expect(m.sections.map((s) => s.label + s.heading)).toEqual(['一、指导思想', '二、工作重点及措施']);
    expect(outline(m.sections[1].items)).toEqual([
      '（一）甲',
      '  1.乙',
      '    （1）丙',
      '      ①丁',
      '      ②戊',
      '  2.己',
      '（二）庚',
    ]);
  });

  it('labels an English plan 1. / 1.1 / 1.1.1 / (a) with the section number', () => {
    const m = model(`title: t
lang: en
goals: [g]
tasks:
  - title: A
    items:
      - title: B
        items: [C, D]
`);
    expect(m.sections.map((s) => s.label + s.heading)).toEqual(['1. Goals', '2. Key tasks']);
    expect(outline(m.sections[1].items)).toEqual(['2.1 A', '  2.1.1 B', '    (a) C', '    (b) D']);
    expect(m.style).toBe('business');
  });

  it('starts goals at the 1. level, and honours numbering: nested / ordinal', () => {
    const m = model(`title: t
goals: [甲, 乙]
measures: { numbering: ordinal, items: [加强领导, 加大投入] }
sections:
  - heading: 其他
    numbering: flat
    items: [丙]
`);
    expect(m.sections[0].goals.map((g) => g.label)).toEqual(['1.', '2.']);
    expect(outline(m.sections[1].items)).toEqual(['一是加强领导', '二是加大投入']);
    expect(outline(m.sections[2].items)).toEqual(['1.丙']);
  });

  it('lets an item enumerate its sub-items 一是/二是', () => {
    const m = model(`title: t
tasks:
  numbering: flat
  items:
    - title: 农业
      numbering: ordinal
      items: [甲, 乙]
`);
    expect(outline(m.sections[0].items)).toEqual(['1.农业', '  一是甲', '  二是乙']);
  });
});

describe('item forms', () => {
  const m = model(`title: t
tasks:
  - title: 标题加正文
    text: 正文。
    owner: 办公室
    due: 2026-06-30
  - title: 有下级
    items: [x]
  - 只有正文
  - text: 无标题有下级
    items: [y]
  - title: 只有标题
  - title: "Ends with punctuation："
    text: z
`);
  const items = m.sections[0].items;
  it('renders title + text run-in, title + sub-items as a heading, text as a numbered paragraph', () => {
    expect(items.map((i) => i.form)).toEqual(['runin', 'heading', 'plain', 'heading', 'heading', 'runin']);
  });
  it('ends a run-in title with 。 unless it has punctuation', () => {
    expect(items[0].title).toBe('标题加正文。');
    expect(items[5].title).toBe('Ends with punctuation：');
  });
  it('makes the first paragraph the heading of an untitled item with sub-items', () => {
    expect(items[3].title).toBe('无标题有下级');
    expect(items[3].paragraphs).toEqual([]);
  });
  it('words owner and deadline', () => expect(items[0].meta).toBe('（牵头：办公室；时限：2026年6月30日）'));
});

describe('sections', () => {
  it('keeps the standard order, custom headings, and places custom sections with `after`', () => {
    const m = model(`title: t
sections:
  - { heading: 结尾, text: e }
  - { heading: 开头, text: s, after: start }
  - { heading: 目标之后, text: m, after: goals }
measures: [m]
tasks: { heading: 主要任务, items: [t] }
goals: { heading: 主要目标, items: [g] }
guidance: { heading: 总体要求, text: x }
`);
    expect(m.sections.map((s) => s.label + s.heading)).toEqual([
      '一、开头',
      '二、总体要求',
      '三、主要目标',
      '四、目标之后',
      '五、主要任务',
      '六、保障措施',
      '七、结尾',
    ]);
  });
});

describe('derived figures', () => {
  it('computes growth over the baseline and completion against the target', () => {
    const m = model(`title: t
goals:
  - { text: 申报项目, target: 30, unit: 项, baseline: 24 }
  - { text: 专利授权, target: 120, unit: 件, actual: 126 }
  - { text: 覆盖率, target: "95%" }
`);
    expect(m.sections[0].goals.map((g) => g.figures)).toEqual([
      '30项，比上年增加6项、增长25%。',
      '126件，完成目标120件的105%。',
      '达到95%。',
    ]);
  });

  it('builds the indicator table, adding completion only when actuals are given and dropping empty columns', () => {
    const m = model(`title: t
indicators:
  - { name: 高新技术企业, unit: 家, baseline: 21, target: 25, actual: 20, owner: 高新股, due: 2026-11-30 }
  - { name: 发明专利, unit: 件, target: 22 }
`);
    const table = m.sections[0].table!;
    expect(table.header).toEqual(['序号', '指标', '单位', '基数', '目标', '完成', '完成率', '牵头单位', '完成时限']);
    expect(table.rows[0]).toEqual(['1', '高新技术企业', '家', '21', '25', '20', '80%', '高新股', '2026年11月30日']);
    expect(table.rows[1]).toEqual(['2', '发明专利', '件', '', '22', '', '', '', '']);
    const plain = model('title: t\nindicators: [{ name: a, target: 1 }]\n').sections[0].table!;
    expect(plain.header).toEqual(['序号', '指标', '目标']);
  });

  it('words schedule periods', () => {
    const m = model(`title: t
schedule:
  - { stage: 部署, from: 1, to: 3, work: 制定方案 }
  - { stage: 推进, from: 4 }
  - { stage: 总结, from: 2026-11, to: 2027-01 }
`);
    expect(m.sections[0].table!.rows.map((r) => r[1])).toEqual(['1—3月', '4月', '2026年11月—2027年1月']);
  });
});

describe('dates, signature and attachments', () => {
  it('formats dates with Arabic numerals, full year and no leading zeros', () => {
    const m = model('title: t\norg: 某局\ndate: 2025-01-05\n');
    expect(m.signature).toEqual({ org: '某局', dateText: '2025年1月5日' });
    expect(model('title: t\nlang: en\ndate: 2025-01-05\nsignature: { org: Office }\n').signature).toEqual({
      org: 'Office',
      dateText: 'January 5, 2025',
    });
  });
  it('has no signature without an issuing body or signature', () =>
    expect(model('title: t\ndate: 2025-01-05\n').signature).toBeNull());
  it('numbers several attachments and leaves a single one unnumbered', () => {
    expect(
      model('title: t\nattachments: [甲, { title: 乙, text: 内容 }]\n').attachments.map((a) => [
        a.label,
        a.number,
        a.hasBody,
      ]),
    ).toEqual([
      ['附件1', '1.', false],
      ['附件2', '2.', true],
    ]);
    expect(model('title: t\nattachments: [甲]\n').attachments.map((a) => [a.label, a.number])).toEqual([['附件', '']]);
  });
});
