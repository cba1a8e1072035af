import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { validatePlan } from '../src/pipeline.js';

const MALFORMED = join(import.meta.dirname, 'fixtures/malformed');

/** Each malformed fixture states its expected first error in its first line: `# expect: LINE:COL message`. */
function expectation(source: string): { line: number; col: number; message: string } {
  const m = /^# expect: (\d+):(\d+) (.*)$/m.exec(source.split('\n')[0]);
  return m
    ? { line: Number(m[1]), col: Number(m[2]), message: m[3].trim() }
    : { line: 1, col: 1, message: 'the file is empty' };
}

describe('malformed plans: every one is an error at the right line and column', () => {
  const files = readdirSync(MALFORMED).filter((f) => f.endsWith('.yaml'));
  it('has a corpus covering syntax and schema mistakes', () => {
    expect(files.length).toBeGreaterThanOrEqual(24);
  });
  it.each(files)('%s', (name) => {
    const source = readFileSync(join(MALFORMED, name), 'utf8');
    const want = expectation(source);
    const { spec, diagnostics } = validatePlan(source, name);
    expect(spec).toBeUndefined();
    const first = diagnostics.find((d) => d.severity === 'error');
    expect(first, JSON.stringify(diagnostics)).toBeDefined();
    expect({ line: first!.line, col: first!.col }).toEqual({ line: want.line, col: want.col });
    expect(first!.message).toContain(want.message);
    expect(first!.file).toBe(name);
  });
});

describe('valid plans', () => {
  it('accepts the smallest plan: one line with a title', () => {
    const { spec, diagnostics } = validatePlan('title: 某单位2026年工作计划\n', 'min.yaml');
    expect(diagnostics).toEqual([]);
    expect(spec).toEqual({ title: '某单位2026年工作计划' });
  });

  it('suggests the nearest key for a typo at any depth', () => {
    const { diagnostics } = validatePlan('title: t\nindicators:\n  - name: n\n    targt: 3\n', 'x.yaml');
    expect(diagnostics.map((d) => [d.line, d.col, d.message])).toContainEqual([
      4,
      5,
      'unknown key "targt"; did you mean "target"?',
    ]);
  });

  it('lists the known keys when nothing is close', () => {
    const { diagnostics } = validatePlan('title: t\nsignature:\n  zzzzzzzz: 1\n', 'x.yaml');
    expect(diagnostics[0].message).toMatch(/unknown key "zzzzzzzz"; known keys: org, date/);
  });

  it('points into aliased content at the alias target', () => {
    const { diagnostics } = validatePlan('base: &b\n  name: 指标\ntitle: t\n', 'x.yaml');
    expect(diagnostics[0]).toMatchObject({ line: 1, col: 1, message: expect.stringContaining('unknown key "base"') });
  });

  it('strips characters a Word file cannot hold, with a warning at the first of them, and keeps the rest', () => {
    const { spec, diagnostics } = validatePlan('title: "计划\\u0007名称"\ngoals:\n  - "目标\\u0000一"\n', 'x.yaml');
    expect(spec?.title).toBe('计划名称');
    expect(spec?.goals).toEqual(['目标一']);
    expect(diagnostics.map((d) => [d.severity, d.line, d.col, d.code])).toEqual([
      ['warning', 1, 11, 'control-char'],
      ['warning', 3, 8, 'control-char'],
    ]);
  });

  it('reports every schema error of a file, not only the first', () => {
    const { diagnostics } = validatePlan('title: t\nyear: x\nlang: fr\ndate: 2026-13-01\n', 'x.yaml');
    expect(diagnostics.map((d) => d.line)).toEqual([2, 3, 4]);
  });
});

describe('YAML conveniences', () => {
  it('supports merge keys, and ignores top-level x- keys so shared blocks have a home', () => {
    const source =
      'x-office: &office { owner: 办公室, due: 2026-06 }\ntitle: t\ntasks:\n  - { title: a, text: b, <<: *office }\n';
    const { spec, diagnostics } = validatePlan(source, 'x.yaml');
    expect(diagnostics).toEqual([]);
    expect(spec?.tasks).toEqual([{ title: 'a', text: 'b', owner: '办公室', due: '2026-06' }]);
    expect(spec).not.toHaveProperty('x-office');
  });
});

describe('stages given as month numbers', () => {
  const plan = (extra: string, from: number, to: number, full = false) =>
    `title: 学年工作计划\nyear: 2026\n${extra}schedule:\n${full ? '  gantt: true\n  stages:\n' : ''}` +
    `  - stage: 准备\n    from: 9\n    to: 10\n  - stage: 实施\n    from: ${from}\n    to: ${to}\n`;
  const academic = 'period: { from: 2026-09, to: 2027-06 }\n';

  it('run across the new year inside a period that does (November to April)', () => {
    expect(validatePlan(plan(academic, 11, 4), 'p.yaml').diagnostics).toEqual([]);
    expect(validatePlan(plan(academic, 12, 1, true), 'p.yaml').diagnostics).toEqual([]);
  });

  it('end before they start in a calendar year, or backwards in the period: an error at the stage’s `to`', () => {
    for (const [source, line] of [
      [plan('', 12, 1), 9],
      [plan('', 11, 4), 9],
      [plan(academic, 4, 11), 10],
      [plan('period: { from: 2026-01, to: 2026-12 }\n', 11, 4, true), 12],
    ] as const) {
      const { diagnostics } = validatePlan(source, 'p.yaml');
      expect(diagnostics, source).toMatchObject([{ line, severity: 'error' }]);
      expect(diagnostics[0].message).toContain('before it starts');
    }
  });
});
