import { describe, expect, it } from 'vitest';
import { buildPlan } from '../src/pipeline.js';
import { assignedTasks } from '../src/spec/assigned.js';
import { docxText } from './helpers/docx.js';

async function build(source: string) {
  const result = await buildPlan(source, 'plan.yaml', { formats: ['md', 'docx'], lint: false });
  expect(result.diagnostics).toEqual([]);
  const [md, docx] = result.outputs!;
  return { markdown: new TextDecoder().decode(md.bytes), docx: docx.bytes };
}

/** GFM table rows after `after` in the Markdown, cells trimmed, the delimiter row left out. */
function tableAfter(markdown: string, after: string): string[][] {
  const lines = markdown.slice(markdown.indexOf(after)).split('\n');
  const start = lines.findIndex((l) => l.startsWith('|'));
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines
    .slice(start, end === -1 ? undefined : end)
    .filter((_, i) => i !== 1)
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );
}

const TASKS = `title: 2026年工作计划
tasks:
  - title: 平台建设
    owner: 规划科
    items:
      - title: 建设中试基地
        owner: 成果转化科
        support: 财务科、驻区高校
        due: 2026-06-30
      - title: 不列入的子任务
        text: 没有牵头单位也没有时限。
      - text: 只写了时限的子任务，没有标题。
        due: 2026-09
  - 一条纯文字任务
  - title: 只有配合单位的任务
    support: 办公室
sections:
  - heading: 其他事项
    text: 一段话。
`;

describe('the responsibility table (责任分工)', () => {
  it('lists every task with an owner or a due date, at any depth, in plan order; none inherits its parent’s owner', () => {
    const spec = { tasks: [{ title: 'A', owner: 'x', items: [{ title: 'A1' }, { title: 'A2', due: '2026-01' }] }] };
    expect(assignedTasks(spec.tasks).map((t) => t.title)).toEqual(['A', 'A2']);
    expect(assignedTasks(['text', { title: 'B', support: 'y' }])).toEqual([]);
  });

  it('is the last section by default, after sections placed at the end', async () => {
    const { markdown } = await build(`${TASKS}responsibilities: true\n`);
    const headings = markdown.match(/^## .*$/gm);
    expect(headings).toEqual(['## 一、工作重点及措施', '## 二、其他事项', '## 三、责任分工']);
    expect(tableAfter(markdown, '## 三、责任分工')).toEqual([
      ['序号', '工作任务', '牵头单位', '配合单位', '完成时限'],
      ['1', '平台建设', '规划科', '', ''],
      ['2', '建设中试基地', '成果转化科', '财务科、驻区高校', '2026年6月30日'],
      ['3', '只写了时限的子任务，没有标题。', '', '', '2026年9月'],
    ]);
  });

  it('takes its own heading; the 配合单位 column goes when no task names one', async () => {
    const source = TASKS.replace(/ {8}support: 财务科、驻区高校\n/, '');
    const { markdown } = await build(`${source}responsibilities: { heading: 任务分工 }\n`);
    expect(tableAfter(markdown, '## 三、任务分工')[0]).toEqual(['序号', '工作任务', '牵头单位', '完成时限']);
  });

  it('as an attachment: named in the 附件 note after the plan’s own attachments, on its own page', async () => {
    const { markdown, docx } = await build(
      `${TASKS}attachments:\n  - 2026年重点项目清单\nresponsibilities: { as: attachment }\n`,
    );
    expect(markdown).not.toContain('## 三、');
    expect(markdown).toContain('附件：1.2026年重点项目清单\n\n2.重点工作责任分工表');
    expect(markdown).toMatch(/\*\*附件2\*\*\n\n# 重点工作责任分工表\n\n\| 序号 \| 工作任务/);
    const text = await docxText(docx);
    for (const cell of ['附件2', '重点工作责任分工表', '建设中试基地', '财务科、驻区高校', '2026年6月30日'])
      expect(text).toContain(cell);
  });

  it('in English: No., Task, Lead, Support, Due', async () => {
    const { markdown } = await build(
      'title: Work Plan 2026\nlang: en\ntasks:\n  - { title: Pilot line, owner: Operations, support: Finance, due: 2026-06 }\nresponsibilities: true\n',
    );
    expect(tableAfter(markdown, '## 2. Responsibilities')).toEqual([
      ['No.', 'Task', 'Lead', 'Support', 'Due'],
      ['1', 'Pilot line', 'Operations', 'Finance', 'June 2026'],
    ]);
  });

  it.each([
    ['responsibilities: yes\n', 20, 'expected'],
    ['responsibilities: { as: appendix }\n', 20, 'expected one of "section", "attachment"'],
    ['responsibilities: { heding: x }\n', 20, 'did you mean "heading"'],
  ])('bad input is located: %j', async (extra, line, message) => {
    const result = await buildPlan(`${TASKS}${extra}`, 'plan.yaml', { formats: ['md'] });
    expect(result.outputs).toBeUndefined();
    const error = result.diagnostics.find((d) => d.severity === 'error')!;
    expect(error.message).toContain(message);
    expect(error.line).toBe(line);
  });

  it('refuses a table with nothing to list, pointing at responsibilities', async () => {
    const result = await buildPlan('title: t\ntasks:\n  - 一条任务\nresponsibilities: true\n', 'plan.yaml', {
      formats: ['md'],
    });
    expect(result.outputs).toBeUndefined();
    expect(result.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [4, expect.stringContaining('no task has an owner or a due date')],
    ]);
  });
});
