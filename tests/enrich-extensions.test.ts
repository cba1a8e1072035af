import { describe, expect, it } from 'vitest';
import { enrichPlan } from '../src/model/enrich.js';
import type { ItemModel } from '../src/model/model.js';
import { planTree, validatePlan } from '../src/pipeline.js';
import type { PlanSpec } from '../src/spec/schema.js';

/**
 * The spec extensions the presets need (issue 3): survey samples with computed response rates, figures
 * on items (OKR key results), indicator narratives and a results section (reviews), a risk register
 * (project plans), closing paragraphs (student union plans), schedule dates (milestones).
 */
function model(yaml: string) {
  const { spec, diagnostics } = validatePlan(yaml, 'test.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return enrichPlan(spec as PlanSpec);
}

function errors(yaml: string) {
  return validatePlan(yaml, 'test.yaml')
    .diagnostics.filter((d) => d.severity === 'error')
    .map((d) => `${d.line}:${d.col} ${d.message}`);
}

const runin = (i: ItemModel) => `${i.label}${i.title ?? ''}${i.paragraphs.join('|')}${i.meta ?? ''}`;

describe('survey sample: the response rates are computed, never typed', () => {
  it('words issued, returned, valid and both rates in Chinese (rates to one decimal)', () => {
    const m = model(`title: t
sections:
  - heading: 调查的具体事宜
    items:
      - title: 样本情况
        sample: { what: 问卷, issued: 180, returned: 168, valid: 160 }
`);
    expect(runin(m.sections[0].items[0])).toBe(
      '（一）样本情况。共发放问卷180份，回收168份，回收率93.3%；其中有效问卷160份，有效回收率88.9%。',
    );
  });

  it("appends the sentence to the item's own text, and leaves out the response rate without a returned count", () => {
    const m = model(`title: t
tasks:
  - title: 样本
    text: 按年级分层抽样。
    sample: { issued: 300, valid: 251, unit: 人 }
`);
    expect(m.sections[0].items[0].paragraphs).toEqual(['按年级分层抽样。共发放300人，有效251人，有效回收率83.7%。']);
  });

  it('words it in English', () => {
    const m = model(`title: t
lang: en
tasks:
  - title: Sample
    sample: { what: questionnaires, issued: 250, returned: 200, valid: 190 }
`);
    expect(m.sections[0].items[0].paragraphs).toEqual([
      '250 questionnaires issued, 200 returned (response rate 80%), 190 valid (valid response rate 76%).',
    ]);
  });

  it('rejects counts that cannot be, at the count that is wrong', () => {
    expect(
      errors('title: t\ntasks:\n  - title: a\n    sample:\n      issued: 100\n      returned: 90\n      valid: 95\n'),
    ).toEqual(['7:14 tasks[0].sample.valid: more valid (95) than returned (90)']);
    expect(errors('title: t\ntasks:\n  - title: a\n    sample: { issued: 0, valid: 0 }\n')[0]).toMatch(
      /^4:23 tasks\[0\]\.sample\.issued: /,
    );
  });
});

describe('figures on items (key results, indicators written as tasks)', () => {
  it('puts target, baseline and change before owner and deadline', () => {
    const m = model(`title: t
lang: en
tasks:
  - title: Grow the user base
    items:
      - text: Weekly active teams
        target: 1200
        baseline: 800
        owner: Growth
        due: 2026-06-30
      - text: Churn
        target: 3
        unit: '%'
        actual: 3.6
`);
    const [kr1, kr2] = m.sections[0].items[0].items;
    expect(kr1.meta).toBe(' (target 1,200, up 400, or 50%, from 800; lead: Growth; due: June 30, 2026)');
    expect(kr2.meta).toBe(' (target 3%, actual 3.6%, 120% complete)');
  });

  it('gives the change of a percentage in points, not as a percentage of a percentage', () => {
    const zh = model(
      'title: t\ngoals:\n  - { text: 按时付款率, target: 95, unit: "%", baseline: 81 }\n  - { text: 覆盖率, target: "90%", baseline: "92.5%" }\n',
    );
    expect(zh.sections[0].goals.map((g) => g.figures)).toEqual([
      '达到95%，比上年提高14个百分点。',
      '达到90%，比上年降低2.5个百分点。',
    ]);
    const en = model(
      'title: t\nlang: en\ngoals:\n  - { text: On time, target: 95, unit: "%", baseline: 81 }\n  - { text: Wait, target: 4, unit: minutes, baseline: 11 }\n',
    );
    expect(en.sections[0].goals.map((g) => g.figures)).toEqual([
      ': 95%, up 14 percentage points from 81%.',
      ': 4 minutes, down 7 minutes, or 63.6%, from 11 minutes.',
    ]);
  });
});

describe('indicators with a narrative, and a results section (a year-end review)', () => {
  const m = model(`title: t
indicators:
  heading: 考核指标完成情况
  rows:
    - name: 新认定高新技术企业
      target: 2
      actual: 2
      items: [摸清底数。, 开展辅导。]
    - { name: 技术合同成交额, unit: 亿元, target: 3 }
    - { name: 有效发明专利, target: 22, actual: 18, text: 审查周期长。 }
results:
  heading: 重点工作完成情况
  items: [院地合作。]
tasks: [下一步工作。]
`);
  it('keeps every indicator in the table and numbers only those with a narrative, after it', () => {
    const [indicators] = m.sections;
    expect(indicators.table!.rows.map((r) => r[1])).toEqual(['新认定高新技术企业', '技术合同成交额', '有效发明专利']);
    expect(indicators.items.map((i) => [i.label, i.title, i.form])).toEqual([
      ['（一）', '新认定高新技术企业', 'heading'],
      ['（二）', '有效发明专利。', 'runin'],
    ]);
    expect(indicators.items[0].items.map((i) => i.label)).toEqual(['1.', '2.']);
  });
  it('places results after the indicators and before the tasks', () => {
    expect(m.sections.map((s) => s.label + s.heading)).toEqual([
      '一、考核指标完成情况',
      '二、重点工作完成情况',
      '三、工作重点及措施',
    ]);
  });
  it('renders the narrative after the table in the Markdown', () => {
    const { markdown } = planTree(
      validatePlan('title: t\nindicators:\n  - { name: 甲指标, target: 1, text: 说明。 }\n', 'x.yaml').spec!,
    );
    expect(markdown.indexOf('| 甲指标')).toBeGreaterThan(0);
    expect(markdown.indexOf(':lead[（一）甲指标。]')).toBeGreaterThan(markdown.indexOf('| 甲指标'));
  });
  it("limits the depth of an indicator's items, one level less than a task tree", () => {
    expect(
      errors(
        'title: t\nindicators:\n  - name: a\n    target: 1\n    items:\n      - title: b\n        items:\n          - title: c\n            items:\n              - title: d\n                items: [e]\n',
      ),
    ).toEqual([
      '11:17 indicators[0].items[0].items[0].items[0].items: items nest at most 4 levels deep (（一） 1. （1） ①)',
    ]);
  });
});

describe('risk register', () => {
  it('is a table with levels worded for the language, empty columns dropped', () => {
    const m = model(`title: t
lang: en
risks:
  - { risk: Vendor slips, likelihood: medium, impact: high, response: Weekly check-in, owner: PM }
  - { risk: Key person leaves, likelihood: low, impact: high }
`);
    const table = m.sections[0].table!;
    expect(m.sections[0].heading).toBe('Risks');
    expect(table.header).toEqual(['No.', 'Risk', 'Likelihood', 'Impact', 'Response', 'Owner']);
    expect(table.rows[1]).toEqual(['2', 'Key person leaves', 'Low', 'High', '', '']);
    expect(model('title: t\nrisks: [{ risk: 延误, impact: high }]\n').sections[0].table!.header).toEqual([
      '序号',
      '风险',
      '影响',
    ]);
  });
  it('accepts only low, medium and high', () => {
    expect(errors('title: t\nrisks:\n  - { risk: a, likelihood: likely }\n')).toEqual([
      '3:28 risks[0].likelihood: expected one of "low", "medium", "high"',
    ]);
  });
  it('comes after the schedule', () => {
    const m = model('title: t\nrisks: [{ risk: a }]\nschedule: [{ stage: s, from: 1 }]\n');
    expect(m.sections.map((s) => s.kind)).toEqual(['schedule', 'risks']);
  });
});

describe('closing paragraphs and milestone dates', () => {
  it('puts closing paragraphs after the last section and before the signature', () => {
    const spec = validatePlan(
      'title: t\norg: 某部\nsections: [{ heading: 活动, text: a }]\nclosing: 以上计划，请指正。\n',
      'x.yaml',
    ).spec!;
    const { markdown } = planTree(spec);
    expect(markdown.indexOf('以上计划')).toBeGreaterThan(markdown.indexOf('## 一、活动'));
    expect(markdown.indexOf('以上计划')).toBeLessThan(markdown.indexOf(':::signature'));
  });
  it('lets a schedule stage start and end on a day', () => {
    const m = model('title: t\nschedule: [{ stage: 上线, from: 2026-03-15, to: 2026-04-30 }]\n');
    expect(m.sections[0].table!.rows[0][1]).toBe('2026年3月15日—2026年4月30日');
  });
});

describe('negative figures', () => {
  it('take the minus sign U+2212, which no word processor breaks a line after', () => {
    const m = model(
      'title: t\nlang: en\ngoals:\n  - { text: Defects, target: 2, baseline: 95 }\n  - { text: Temperature, target: -5, unit: °C }\n',
    );
    expect(m.sections[0].goals.map((g) => g.figures)).toEqual([': 2, down 93, or 97.9%, from 95.', ': \u22125°C.']);
  });
});

describe('completion rates read the right way round', () => {
  it('is actual / target when more is better, and the share of the planned reduction when less is better', () => {
    const m = model(`title: t
lang: en
indicators:
  - { name: Patents, baseline: 96, target: 120, actual: 126 }
  - { name: Days to pay, baseline: 34, target: 21, actual: 25 }
  - { name: Days to repair, target: 4, actual: 5 }
tasks:
  - text: Median seconds to book
    baseline: 140
    target: 60
    actual: 72
`);
    // 126/120; (34−25)/(34−21); without a baseline the direction is unknown, so 5/4 as offices compute it.
    expect(m.sections[0].table!.rows.map((r) => r.at(-1))).toEqual(['105%', '69.2%', '125%']);
    expect(m.sections[1].items[0].meta).toContain('actual 72, 85% complete');
  });
});
