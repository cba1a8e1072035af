import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { scaffoldPreset } from '../src/presets/scaffold.js';
import { schemaReference } from '../src/presets/schema-ref.js';
import { tempDir } from './helpers/cli.js';

const PRESET = `# yaml-language-server: $schema=../schema/plan.schema.json
# 标题和发文机关
title: 桐溪区科学技术局2027年工作计划
org: 桐溪区科学技术局
year: 2027
date: 2027-01-15
# 导语
preface: >-
  2027年，桐溪区科学技术局将在2026年工作的基础上，
  为2028年打好基础。代号20270不是年份。
goals:
  - { text: 申报项目, target: 2027, unit: 项 }
signature: { org: 桐溪区科学技术局, date: 2027-12-31 }
`;

describe('scaffoldPreset', () => {
  it('replaces the modeline, moves every year by the same amount and keeps comments and layout', () => {
    const out = scaffoldPreset(PRESET, 'p.yaml', 'https://example.test/s.json', { year: 2030 });
    expect(out.diagnostics).toEqual([]);
    const lines = out.text.split('\n');
    expect(lines[0]).toBe('# yaml-language-server: $schema=https://example.test/s.json');
    expect(lines[1]).toBe('# 标题和发文机关');
    expect(lines).toContain('# 导语');
    const spec = parse(out.text);
    expect(spec.title).toBe('桐溪区科学技术局2030年工作计划');
    expect(spec.year).toBe(2030);
    expect(spec.date).toBe('2030-01-15');
    expect(spec.preface).toBe('2030年，桐溪区科学技术局将在2029年工作的基础上， 为2031年打好基础。代号20270不是年份。');
    expect(spec.signature.date).toBe('2030-12-31');
    expect(out).toMatchObject({ year: 2030, org: '桐溪区科学技术局' });
  });

  it('puts the organisation wherever the sample one was', () => {
    const spec = parse(scaffoldPreset(PRESET, 'p.yaml', 's.json', { org: '樊城区科技局' }).text);
    expect(spec.org).toBe('樊城区科技局');
    expect(spec.title).toBe('樊城区科技局2027年工作计划');
    expect(spec.signature.org).toBe('樊城区科技局');
    expect(JSON.stringify(spec)).not.toContain('桐溪');
  });

  it('keeps the YAML meaning when the organisation holds YAML syntax, by replacing in the tree', () => {
    const org = 'Acme: "R&D" #1 \'Lab\'';
    const out = scaffoldPreset(PRESET, 'p.yaml', 's.json', { org, year: 2026 });
    expect(out.diagnostics).toEqual([]);
    const spec = parse(out.text);
    expect(spec.org).toBe(org);
    expect(spec.signature.org).toBe(org);
    expect(spec.title).toBe(`${org}2026年工作计划`);
    expect(out.text.split('\n')[0]).toBe('# yaml-language-server: $schema=s.json');
  });

  it('reports a plan that no longer validates, such as 29 February moved to a common year', () => {
    const leap = 'title: t\norg: o\nyear: 2028\ndate: 2028-02-29\n';
    const out = scaffoldPreset(leap, 'p.yaml', 's.json', { year: 2027 });
    expect(out.diagnostics.map((d) => d.message)).toEqual(['date: not a real calendar date']);
  });

  it('refuses a preset without the year and organisation it replaces', () => {
    expect(() => scaffoldPreset('title: t\n', 'p.yaml', 's.json', {})).toThrow(/must set year and org/);
  });
});

describe('schemaReference', () => {
  it("uses the project's node_modules/plangen, relative to the plan, when the project installed plangen", () => {
    const project = tempDir();
    mkdirSync(join(project, 'node_modules/plangen/schema'), { recursive: true });
    writeFileSync(join(project, 'node_modules/plangen/schema/plan.schema.json'), '{}');
    expect(schemaReference(join(project, 'plan.yaml'), '/usr/lib/node_modules/plangen', '1.2.3')).toBe(
      './node_modules/plangen/schema/plan.schema.json',
    );
    expect(schemaReference(join(project, 'plans/a/plan.yaml'), '/usr/lib/node_modules/plangen', '1.2.3')).toBe(
      '../../node_modules/plangen/schema/plan.schema.json',
    );
  });

  it('uses a relative path inside a plangen checkout (its examples)', () => {
    const checkout = tempDir();
    expect(schemaReference(join(checkout, 'examples/x.yaml'), checkout, '1.2.3')).toBe('../schema/plan.schema.json');
  });

  it('falls back to the schema of this exact version on unpkg for a global install', () => {
    const elsewhere = tempDir();
    expect(schemaReference(join(elsewhere, 'plan.yaml'), '/usr/lib/node_modules/plangen', '1.2.3')).toBe(
      'https://unpkg.com/plangen@1.2.3/schema/plan.schema.json',
    );
  });
});
