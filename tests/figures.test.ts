import { describe, expect, it } from 'vitest';
import { changeFrom, completion, goalSentenceTail, percent } from '../src/model/figures.js';
import { ratio } from '../src/model/ratio.js';
import { enrichPlan } from '../src/model/enrich.js';
import { validatePlan } from '../src/pipeline.js';

function goals(yaml: string): string[] {
  const { spec, diagnostics } = validatePlan(yaml, 'x.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return enrichPlan(spec!).sections[0].goals.map((g) => `${g.label}${g.text}${g.figures ?? ''}`);
}

describe('figures read as sentences', () => {
  it('a rise and a fall, as offices write them; every goal ends with 。', () => {
    expect(
      goals(`title: t
goals:
  - { text: 新认定高新技术企业, target: 12, unit: 家, baseline: 8 }
  - { text: 无研发活动的企业, target: 60, unit: 家, baseline: 75 }
  - { text: 研发投入强度, target: 2.6%, baseline: 2.2% }
  - { text: 发明专利授权量, target: 120, unit: 件, baseline: 120 }
  - 完成调查表审核
  - 召开科技创新大会。
`),
    ).toEqual([
      '1.新认定高新技术企业12家，比上年增加4家、增长50%。',
      '2.无研发活动的企业60家，比上年减少15家、下降20%。',
      '3.研发投入强度达到2.6%，比上年提高0.4个百分点。',
      '4.发明专利授权量达到120件，与上年持平。',
      '5.完成调查表审核。',
      '6.召开科技创新大会。',
    ]);
  });

  it('whole percentages drop .0, others keep one decimal', () => {
    expect([percent(0.5), percent(1.0833), percent(2), percent(-0.2)]).toEqual(['50%', '108.3%', '200%', '\u221220%']);
  });

  it('English: up/down with the amount, percentage points for rates', () => {
    expect(changeFrom('en', { baseline: 64, unit: '%' }, 90)).toBe('up 26 percentage points from 64%');
    expect(changeFrom('en', { baseline: 75 }, 60)).toBe('down 15, or 20%, from 75');
    expect(goalSentenceTail('en', 'Trees planted', { target: 2500, baseline: 1800 })).toBe(
      ': 2,500, up 700, or 38.9%, from 1,800.',
    );
  });
});

describe('negative and zero figures (no percentage against a base of zero or below)', () => {
  it('a loss narrowing is 减亏, with no percentage; a loss turned into a profit is 扭亏为盈', () => {
    expect(changeFrom('zh-CN', { baseline: -10, unit: '万元' }, -5)).toBe('减亏5万元');
    expect(changeFrom('zh-CN', { baseline: -10, unit: '万元' }, -12)).toBe('增亏2万元');
    expect(changeFrom('zh-CN', { baseline: -10, unit: '万元' }, 20)).toBe('实现扭亏为盈');
    expect(changeFrom('zh-CN', { baseline: -10, unit: '万元' }, 0)).toBe('实现扭亏持平');
    expect(changeFrom('zh-CN', { baseline: 10, unit: '万元' }, -3)).toBe('由盈转亏');
    expect(changeFrom('en', { baseline: -10 }, 20)).toBe('from a loss of 10 to a profit');
    expect(changeFrom('en', { baseline: -10 }, -5)).toBe('loss narrowed by 5 from \u221210');
    for (const to of [-5, 20, 0, -12]) expect(changeFrom('zh-CN', { baseline: -10 }, to)).not.toMatch(/%/);
  });

  it('a zero base gives the amount, never a percentage', () => {
    expect(changeFrom('zh-CN', { baseline: 0, unit: '家' }, 5)).toBe('比上年增加5家');
    expect(changeFrom('en', { baseline: 0 }, 5000)).toBe('up 5,000 from 0');
  });

  it('completion is progress from the baseline when values are negative: −10 → −7 of the way to −5 is 60%, not 140%', () => {
    // Exact: (−7 + 10) / (−5 + 10) = 3/5; 126/120 = 21/20; (72 − 140) / (60 − 140) = 68/80 = 17/20.
    expect(completion({ target: -5, baseline: -10, actual: -7 })).toEqual(ratio(3, 5));
    expect(completion({ target: 120, baseline: 96, actual: 126 })).toEqual(ratio(21, 20));
    expect(completion({ target: 60, baseline: 140, actual: 72 })).toEqual(ratio(17, 20));
    expect(completion({ target: 0, actual: 3 })).toBeUndefined();
    expect(completion({ target: -5, actual: -7 })).toBeUndefined();
    expect(
      goals('title: t\ngoals:\n  - { text: 经营亏损, target: -5, unit: 万元, baseline: -10, actual: -7 }\n'),
    ).toEqual(['1.经营亏损\u22127万元，完成目标\u22125万元的60%，减亏3万元。']);
  });

  it('sample: { issued: 0 } is refused with "more than 0", not "at least 0"', () => {
    const { diagnostics } = validatePlan(
      'title: t\ntasks:\n  - title: a\n    sample: { issued: 0, valid: 0 }\n',
      'x.yaml',
    );
    expect(diagnostics.map((d) => d.message)).toEqual([expect.stringMatching(/issued: must be more than 0$/)]);
  });
});
