import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../src/pipeline.js';
import { enReviewTitle, indicatorOutcome, zhReviewTitle } from '../src/model/review.js';
import { completion } from '../src/model/figures.js';
import { exact, percentText, ratio } from '../src/model/ratio.js';
import { docxText } from './helpers/docx.js';
import { runCli, tempDir } from './helpers/cli.js';

const FIXTURES = join(import.meta.dirname, 'fixtures/review');
const EXAMPLE = join(import.meta.dirname, '../examples/science-park-review.yaml');

async function build(source: string, file = 'plan.yaml', options: Parameters<typeof buildPlan>[2] = {}) {
  const result = await buildPlan(source, file, { formats: ['md', 'docx'], lint: false, ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const [md, docx] = result.outputs!;
  return { markdown: new TextDecoder().decode(md.bytes), docx: docx.bytes };
}

/** The rows of the first GFM table in a Markdown text, cells trimmed. */
function tableRows(markdown: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines
    .slice(start, end)
    .filter((_, i) => i !== 1)
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

describe('exact ratios, rounded once for display', () => {
  it('reads decimals as written', () => {
    expect(exact(19.6)).toEqual(ratio(98, 5));
    expect(exact('3.45')).toEqual(ratio(69, 20));
    expect(exact(-120)).toEqual(ratio(-120));
    expect(exact(1e21)).toEqual(ratio(10n ** 21n));
    expect(exact('12家')).toBeUndefined();
    expect(exact('1,200')).toEqual(ratio(1200));
    expect(exact('12,000.5')).toEqual(ratio(24001, 2));
    expect(exact('1,20')).toBeUndefined();
  });

  it('rounds half away from zero on the exact value (floating point gets 203/400 and 803/400 wrong)', () => {
    // 203/400 = 50.75% exactly; 203/400*1000 in floating point is 507.4999…, which rounds to 50.7%.
    expect(percentText(ratio(203, 400))).toBe('50.8%');
    expect(percentText(ratio(803, 400))).toBe('200.8%');
    expect(percentText(ratio(1199, 1200))).toBe('99.9%');
    expect(percentText(ratio(2, 3))).toBe('66.7%');
    expect(percentText(ratio(3, 4))).toBe('75%');
    expect(percentText(ratio(-1, 5))).toBe('\u221220%');
    expect(percentText(ratio(-1, 10000))).toBe('0%');
  });
});

describe('indicator outcomes', () => {
  it('judges by the exact completion rate against 100%', () => {
    expect(indicatorOutcome({ target: 10, actual: 12 })).toBe('exceeded');
    expect(indicatorOutcome({ target: 10, actual: 10 })).toBe('met');
    // 1199/1200 is displayed 99.9% and is missed, not rounded up to "met".
    expect(indicatorOutcome({ target: 1200, actual: 1199 })).toBe('missed');
    expect(indicatorOutcome({ target: 100000, actual: 99999 })).toBe('missed');
  });

  it('lower is better when the target is below the baseline, or written ≤N, or is 0 with no baseline', () => {
    expect(indicatorOutcome({ baseline: 10, target: 5, actual: 4 })).toBe('exceeded');
    expect(indicatorOutcome({ baseline: 10, target: 5, actual: 6 })).toBe('missed');
    expect(indicatorOutcome({ target: '≤3', actual: 3 })).toBe('met');
    expect(indicatorOutcome({ target: '<=3', actual: 4 })).toBe('missed');
    expect(indicatorOutcome({ target: '≤3', actual: 1 })).toBe('exceeded');
    expect(indicatorOutcome({ target: 0, actual: 0 })).toBe('met');
    expect(indicatorOutcome({ target: 0, actual: 2 })).toBe('missed');
  });

  it('a declared direction wins over the baseline: ≥95% kept from 98% is met at 97; ≤5 from 3 is met at 4', () => {
    expect(indicatorOutcome({ baseline: 98, target: '≥95%', actual: 97 })).toBe('exceeded');
    expect(indicatorOutcome({ baseline: 98, target: '≥95%', actual: 94 })).toBe('missed');
    expect(indicatorOutcome({ baseline: 3, target: '≤5', actual: 4 })).toBe('exceeded');
    expect(indicatorOutcome({ baseline: 3, target: '≤5', actual: 6 })).toBe('missed');
    // From 9 down to ≤5, reaching 6: (6 − 9) / (5 − 9) = 75%.
    expect(completion({ baseline: 9, target: '≤5', actual: 6 })).toEqual(ratio(3, 4));
    expect(completion({ baseline: 3, target: '≤5', actual: 4 })).toBeUndefined();
  });

  it('a loss narrowing towards its target is judged along its own way', () => {
    expect(indicatorOutcome({ baseline: -10, target: -5, actual: -7 })).toBe('missed');
    expect(indicatorOutcome({ baseline: -10, target: -5, actual: -5 })).toBe('met');
    expect(indicatorOutcome({ baseline: -120, target: 50, actual: 60 })).toBe('exceeded');
  });

  it('no actual is pending; a target or actual in words cannot be judged', () => {
    expect(indicatorOutcome({ target: 12 })).toBe('pending');
    expect(indicatorOutcome({ target: '通过验收', actual: '已通过' })).toBe('unrated');
    expect(indicatorOutcome({ target: 12, actual: '约12' })).toBe('unrated');
    expect(indicatorOutcome({ target: '≥95%', actual: '96%' })).toBe('exceeded');
  });
});

describe('the review title from the plan title', () => {
  it.each([
    ['2026年工作计划', '2026年工作总结'],
    ['青禾区科技局2026年工作要点', '青禾区科技局2026年工作总结'],
    ['2026年度招生计划', '2026年度招生总结'],
    ['计划生育服务站2026年工作方案', '计划生育服务站2026年工作总结'],
    ['2026年工作计划（征求意见稿）', '2026年工作总结（征求意见稿）'],
    ['2026年科技工作', '2026年科技工作总结'],
    ['2026年重点任务', '2026年重点任务完成情况'],
    ['2026年工作总结', '2026年工作总结'],
    ['县科技工作考核指标完成情况', '县科技工作考核指标完成情况'],
  ])('%s → %s', (plan, review) => expect(zhReviewTitle(plan)).toBe(review));

  it.each([
    ['Product Team Work Plan 2026', 'Product Team Annual Review 2026'],
    ['Finance Annual Plan 2026', 'Finance Annual Review 2026'],
    ['2026 Operating Plan', '2026 Operating Review'],
    ['Smart Meter Pilot, 2026 Project Plan', 'Smart Meter Pilot, 2026 Project Review'],
    ['SALES WORK PLAN', 'SALES ANNUAL REVIEW'],
    ['Roadmap 2026', 'Roadmap 2026: Annual Review'],
    ['Annual Review 2026', 'Annual Review 2026'],
    ['Marketing plan for 2026', 'Marketing review for 2026'],
  ])('%s → %s', (plan, review) => expect(enReviewTitle(plan)).toBe(review));
});

describe('a review of 12 indicators, every figure computed by hand', () => {
  const spec = readFileSync(join(FIXTURES, 'twelve-indicators.yaml'), 'utf8');

  it('zh-CN: the table with completion rate and status, and the summary line counted from it', async () => {
    const { markdown } = await build(spec);
    expect(markdown).toMatch(/^# 示范园区2026年工作总结$/m);
    expect(tableRows(markdown)).toEqual([
      ['序号', '指标', '单位', '基数', '目标', '完成', '完成率', '完成情况'],
      ['1', '甲', '家', '', '10', '12', '120%', '超额完成'],
      ['2', '乙', '件', '', '400', '203', '50.8%', '未完成'],
      ['3', '丙', '万元', '', '80', '80', '100%', '完成'],
      ['4', '丁', '%', '60', '70', '70.5', '100.7%', '超额完成'],
      ['5', '戊', '天', '30', '20', '21', '90%', '未完成'],
      ['6', '己', '起', '', '≤3', '3', '', '完成'],
      ['7', '庚', '起', '', '0', '0', '', '完成'],
      ['8', '辛', '%', '', '≥98%', '98', '100%', '完成'],
      ['9', '壬', '万元', '\u221250', '20', '34', '120%', '超额完成'],
      ['10', '癸', '个', '', '3', '3', '100%', '完成'],
      ['11', '子', '人次', '', '1200', '1206', '100.5%', '超额完成'],
      ['12', '丑', '家', '', '6', '5', '83.3%', '未完成'],
    ]);
    // 4 exceeded + 5 met = 9 of 12 completed: 75%.
    expect(markdown).toContain('\n\n12项指标完成9项（其中超额完成4项），未完成3项，完成率75%。\n\n|');
  });

  it('en: the same figures and the summary in English', async () => {
    const { markdown } = await build(
      spec.replace('lang: zh-CN', 'lang: en').replace('示范园区2026年工作计划', 'Model Park Work Plan 2026'),
    );
    expect(tableRows(markdown)[0]).toEqual([
      'No.',
      'Indicator',
      'Unit',
      'Baseline',
      'Target',
      'Actual',
      'Completion',
      'Status',
    ]);
    expect(tableRows(markdown).map((r) => r[7])).toEqual([
      'Status',
      'Exceeded',
      'Missed',
      'Met',
      'Exceeded',
      'Missed',
      'Met',
      'Met',
      'Met',
      'Exceeded',
      'Met',
      'Exceeded',
      'Missed',
    ]);
    expect(markdown).toContain('Of 12 indicators, 9 met (4 of them exceeded), 3 missed: a completion rate of 75%.');
    expect(markdown).toMatch(/^# Model Park Annual Review 2026$/m);
  });
});

describe('the review example', () => {
  it('counts the pending indicator out of the rate, and says so: 7 of 11 completed is 63.6%', async () => {
    const { markdown } = await build(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    expect(markdown).toContain(
      '12项指标中已统计11项，完成7项（其中超额完成5项），未完成4项，完成率63.6%；另有1项尚无完成数据，未计入。',
    );
    expect(tableRows(markdown).at(-1)).toEqual(['12', '新建概念验证中心', '个', '', '1', '', '', '待统计']);
    // Goals restated with their results; (35 + 120) / (50 + 120) = 155/170 = 91.2%.
    expect(markdown).toContain('1.新增入驻科技企业33家，完成目标30家的110%，比上年增加9家、增长37.5%，超额完成目标。');
    expect(markdown).toContain('2.园区运营净收益35万元，完成目标50万元的91.2%，实现扭亏为盈，未完成目标。');
    expect(markdown).toContain('7项工作中，已完成4项，推进中1项，滞后1项，未启动1项。');
    expect(markdown).toContain(
      '进展：6月起实行新流程，平均办理时间由10个工作日缩短为4个工作日。（已完成；牵头：综合办公室；时限：2026年6月）',
    );
    // The review's own date signs it, not the plan's.
    expect(markdown).toContain('青禾高新区科技创新服务中心\n\n2026年12月18日\n');
    expect(markdown).not.toContain('2026年1月12日');
  });

  it('reads back through mammoth: title, summary, status cells and progress', async () => {
    const { docx } = await build(readFileSync(EXAMPLE, 'utf8'), EXAMPLE);
    const text = await docxText(docx);
    for (const expected of [
      '青禾高新区科技创新服务中心2026年工作总结',
      '完成率63.6%',
      '超额完成',
      '待统计',
      '99.9%',
      '进展：3月建成项目库',
      '（滞后；牵头：成果转化部',
    ])
      expect(text).toContain(expected);
  });
});

describe('kind, --review and the review fields in the spec', () => {
  const PLAN =
    'title: 2026年工作计划\ndate: 2026-01-05\nindicators:\n  - { name: 甲, unit: 家, target: 4, actual: 5 }\n';

  it('a plan stays a plan; --review (or kind: review) makes it the review', async () => {
    const plan = await build(PLAN);
    expect(plan.markdown).toMatch(/^# 2026年工作计划$/m);
    expect(plan.markdown).not.toContain('完成情况');
    const review = await build(PLAN, 'plan.yaml', { review: true });
    expect(review.markdown).toMatch(/^# 2026年工作总结$/m);
    expect(review.markdown).toContain('## 一、主要指标完成情况');
    expect((await build(`kind: review\n${PLAN}`)).markdown).toBe(review.markdown);
  });

  it('review.title wins over the derived title', async () => {
    const { markdown } = await build(`${PLAN}review:\n  title: 甲单位年度总结\n`, 'plan.yaml', { review: true });
    expect(markdown).toMatch(/^# 甲单位年度总结$/m);
  });

  it.each([
    ['kind: reveiw\n', 1, 'expected one of "plan", "review"'],
    [
      'tasks:\n  - title: 甲\n    status: finished\n',
      7,
      'expected one of "done", "in-progress", "delayed", "not-started"',
    ],
    ['review:\n  titel: x\n', 6, 'unknown key "titel"; did you mean "title"?'],
    ['review:\n  date: 2026-13-01\n', 6, 'not a real calendar date'],
  ])('bad input is located: %j', async (extra, line, message) => {
    const source = extra.startsWith('kind') ? `${extra}${PLAN}` : `${PLAN}${extra}`;
    const result = await buildPlan(source, 'plan.yaml', { formats: ['md'] });
    expect(result.outputs).toBeUndefined();
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.message).toContain(message);
    expect(error.line).toBe(line);
  });

  it('plangen build --review writes NAME.review.docx beside the plan and leaves NAME.docx alone', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    expect((await runCli(['build', 'plan.yaml', '-f', 'md', '--no-cache'], { cwd: dir })).code).toBe(0);
    const review = await runCli(['build', 'plan.yaml', '-f', 'md', '--review', '--no-cache'], { cwd: dir });
    expect(review.code).toBe(0);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toMatch(/^# 2026年工作计划$/m);
    expect(readFileSync(join(dir, 'plan.review.md'), 'utf8')).toMatch(/^# 2026年工作总结$/m);
    const bad = await runCli(['build', 'bad.yaml', '--review', '--no-cache'], { cwd: dir });
    expect(bad.code).toBe(2);
    writeFileSync(join(dir, 'bad.yaml'), 'kind: reveiw\ntitle: x\n');
    const typo = await runCli(['build', 'bad.yaml', '--no-cache'], { cwd: dir });
    expect(typo.code).toBe(1);
    expect(typo.stderr).toContain('bad.yaml:1:7');
    expect(existsSync(join(dir, 'bad.docx'))).toBe(false);
  });
});

describe('targets a hostile user writes', () => {
  it.each(['≥', '≤%', '12\n13', '≥ 95 %', '  7  ', '≥≤3', '-', '%', '1e400', '1e99999999', '0x10'])(
    'never throw: %j',
    (target) => {
      expect(['exceeded', 'met', 'missed', 'pending', 'unrated']).toContain(indicatorOutcome({ target, actual: 5 }));
    },
  );
});

describe('the summary line names what it left out', () => {
  it('a result in words is left out as such, not as a target in words', async () => {
    const spec = (lang: string) =>
      `title: 测试局2026年工作计划\nlang: ${lang}\nkind: review\nindicators:\n` +
      '  - { name: 甲, unit: 家, target: 10, actual: 12 }\n' +
      '  - { name: 乙, unit: 家, target: 10, actual: 部分完成 }\n' +
      '  - { name: 丙, unit: 家, target: 10 }\n';
    const zh = (await build(spec('zh-CN'))).markdown;
    expect(zh).toContain(
      '3项指标中已统计1项，完成1项（其中超额完成1项），完成率100%；另有1项尚无完成数据，1项目标或完成值不是数值，未计入。',
    );
    const en = (await build(spec('en'))).markdown;
    expect(en).toContain('not counted: 1 without a result yet, 1 with a target or result in words.');
  });
});

describe('the science-park-review preset', () => {
  it('is a plan as it is and its review with --review: 318/300, 93/≥90 exceeded, (6 − 8)/(5 − 8) = 66.7% missed', async () => {
    const path = join(import.meta.dirname, '../presets/science-park-review.yaml');
    const source = readFileSync(path, 'utf8');
    const plan = await build(source, path);
    expect(plan.markdown).toMatch(/^# 岚溪科技园服务中心2027年工作计划$/m);
    const { markdown } = await build(source, path, { review: true });
    expect(markdown).toMatch(/^# 岚溪科技园服务中心2027年工作总结$/m);
    expect(markdown).toContain('3项指标完成2项（其中超额完成2项），未完成1项，完成率66.7%。');
    expect(tableRows(markdown).map((r) => [r[5], r[6], r[7]])).toEqual([
      ['完成', '完成率', '完成情况'],
      ['318', '106%', '超额完成'],
      ['93', '103.3%', '超额完成'],
      ['6', '66.7%', '未完成'],
    ]);
  });
});
