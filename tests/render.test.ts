import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../src/pipeline.js';
import { tempDir } from './helpers/cli.js';

const SPEC = 'title: 计划\ngoals: [甲]\n';

async function withTemplates(files: Record<string, string>, spec = SPEC) {
  const dir = tempDir('plangen-tpl-');
  for (const [name, source] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), source);
  }
  const result = await buildPlan(spec, 'plan.yaml', { formats: ['md'], templateFolder: dir });
  return { dir, result, markdown: result.outputs ? new TextDecoder().decode(result.outputs[0].bytes) : undefined };
}

describe('user template folders', () => {
  it('override a built-in partial by file name, the rest stays built in', async () => {
    const { markdown } = await withTemplates({
      'goals.hbs': '{{#each goals}}\n\n- 目标：{{inline text}}\n{{/each}}\n',
    });
    expect(markdown).toBe('# 计划\n\n## 一、工作目标\n\n- 目标：甲。\n');
  });

  it('may hold per-language overrides in a <lang>/ subfolder', async () => {
    const { markdown } = await withTemplates({
      'zh-CN/goals.hbs': '\n\n中文目标\n',
      'en/goals.hbs': '\n\nEnglish goals\n',
    });
    expect(markdown).toContain('中文目标');
    expect(markdown).not.toContain('English goals');
  });

  it('report a syntax error with the template file and line, not a stack trace', async () => {
    const { dir, result } = await withTemplates({ 'goals.hbs': '{{#each goals}}\n{{md text}\n{{/each}}\n' });
    expect(result.outputs).toBeUndefined();
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ file: join(dir, 'goals.hbs'), line: 2, severity: 'error', code: 'template' }),
    ]);
  });

  it("may only call plangen's helpers", async () => {
    const { result } = await withTemplates({ 'goals.hbs': '{{shout heading}}\n' });
    expect(result.diagnostics[0].message).toMatch(/unknown helper shout/);
  });

  it('fail on a misspelt field instead of rendering nothing (strict mode)', async () => {
    const { result } = await withTemplates({ 'goals.hbs': '{{#each goals}}{{md txet}}{{/each}}\n' });
    expect(result.diagnostics[0].message).toMatch(/\{\{md …\}\} at line 1: no such field/);
    const bare = await withTemplates({ 'goals.hbs': '{{txet}}\n' });
    expect(bare.result.diagnostics[0].message).toMatch(/"txet" not defined/);
  });

  it('cannot reach prototypes of the plan data', async () => {
    const { result, markdown } = await withTemplates({
      'goals.hbs': '[{{lookup this "constructor"}}][{{md __proto__}}]\n',
    });
    expect(markdown).toBeUndefined();
    expect(result.diagnostics[0].code).toBe('template');
  });
});

describe('the helpers a template may call', () => {
  it('{{percent}} is exact and rounded once, always with its tenth', async () => {
    const { markdown, result } = await withTemplates({
      'goals.hbs':
        '\n\n{{percent 203 400}} {{percent 45 60}} {{percent (sum 12 30) 60}} {{percent -1 3}} 零{{percent 5 0}}零\n',
    });
    expect(result.diagnostics).toEqual([]);
    // 203/400 = 50.75% exactly: half away from zero is 50.8% (floating point gave 50.7%).
    expect(markdown).toContain('50.8% 75.0% 70.0% \u221233.3% 零零');
  });
});

describe('long runs of blanks', () => {
  it('builds a title and a paragraph of 80,000 spaces in linear time', async () => {
    await buildPlan('title: warm\n', 'p.yaml', { formats: ['md'] });
    const blanks = ' '.repeat(80_000);
    const started = performance.now();
    const built = await buildPlan(`title: "甲${blanks}乙"\npreface: "丙${blanks}\\t${blanks}丁"\n`, 'p.yaml', {
      formats: ['md'],
    });
    // 52 s before (a backtracking /[ \t]+$/gm over every blank), under 1 s after on a busy machine.
    expect(performance.now() - started).toBeLessThan(5000);
    expect(new TextDecoder().decode(built.outputs![0].bytes)).toMatch(/^# 甲[\s\S]*乙/);
  });
});
