import { readFileSync } from 'node:fs';
import { isMap, isPair, isScalar, parseDocument } from 'yaml';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../src/pipeline.js';
import { findPreset, PRESETS, presetPath, readPreset, suggestPreset } from '../src/presets/index.js';
import { PLACEHOLDER } from './helpers/placeholders.js';

describe('preset registry', () => {
  it('has the ten presets of issue 3 (seven zh-CN modelled on the seed plans, three en), the notice of issue 13 and the plan-and-review of issue 11', () => {
    expect(PRESETS.map((p) => p.name)).toEqual([
      'tech-bureau-annual',
      'county-tech-review',
      'district-tech-plan',
      'survey-plan',
      'municipal-tech-plan',
      'student-union-dept',
      'education-bureau-annual',
      'tech-bureau-notice',
      'science-park-review',
      'department-annual-plan',
      'quarterly-okr',
      'project-plan',
    ]);
    expect(PRESETS.filter((p) => p.lang === 'zh-CN').every((p) => p.seed)).toBe(true);
    expect(PRESETS.filter((p) => p.lang === 'en')).toHaveLength(3);
  });

  it('gives every preset a title and a one-line description', () => {
    for (const p of PRESETS) {
      expect(p.title.trim(), p.name).not.toBe('');
      expect(p.description.trim(), p.name).not.toBe('');
      expect(p.description, p.name).not.toContain('\n');
    }
  });

  it('finds presets by exact name and suggests the nearest on a typo, within a language when asked', () => {
    expect(findPreset('survey-plan')?.lang).toBe('zh-CN');
    expect(findPreset('survey')).toBeUndefined();
    expect(suggestPreset('tech-burea-anual')).toBe('tech-bureau-annual');
    expect(suggestPreset('quartely-okr')).toBe('quarterly-okr');
    expect(suggestPreset('project-plna', 'en')).toBe('project-plan');
    expect(suggestPreset('something-else-entirely')).toBeUndefined();
  });
});

describe.each(PRESETS.map((p) => [p.name, p] as const))('preset %s', (name, preset) => {
  const source = readPreset(preset);
  const data = parseDocument(source).toJS() as Record<string, unknown>;

  it('is written in the language the registry says, and sets the year and organisation init replaces', () => {
    expect(data.lang ?? 'zh-CN').toBe(preset.lang);
    expect(typeof data.year).toBe('number');
    expect(typeof data.org).toBe('string');
    // The title names the organisation in full, so init's replacement reaches it.
    expect(data.title).toContain(String(data.org));
  });

  it('points editors at the schema in this repository', () => {
    expect(source.split('\n')[0]).toBe('# yaml-language-server: $schema=../schema/plan.schema.json');
  });

  it('has no placeholder left in', () => {
    expect(source).not.toMatch(PLACEHOLDER);
  });

  it('says in a comment what belongs in every section', () => {
    const doc = parseDocument(source);
    expect(isMap(doc.contents)).toBe(true);
    const META = new Set(['org', 'year', 'date', 'lang', 'style', 'subtitle']);
    const uncommented: string[] = [];
    for (const pair of (doc.contents as { items: unknown[] }).items) {
      if (!isPair(pair) || !isScalar(pair.key)) continue;
      const key = String(pair.key.value);
      // A custom section list may comment each section instead of the list as a whole.
      const commented = Boolean(pair.key.commentBefore) || (key === 'title' && Boolean(doc.commentBefore));
      const eachCommented = key === 'sections' && isSeqOfCommented(pair.value);
      if (!META.has(key) && !commented && !eachCommented) uncommented.push(key);
    }
    expect(uncommented).toEqual([]);
  });

  it('builds as it is, with no warnings', async () => {
    const result = await buildPlan(readFileSync(presetPath(name), 'utf8'), `${name}.yaml`, { formats: ['md', 'docx'] });
    expect(result.diagnostics).toEqual([]);
    expect(result.outputs).toHaveLength(2);
  });
});

/** Every item of a list has a comment before it (yaml attaches the first one to the list itself). */
function isSeqOfCommented(value: unknown): boolean {
  const seq = value as { commentBefore?: string; items?: Array<{ commentBefore?: string }> };
  return (
    Array.isArray(seq?.items) &&
    seq.items.length > 0 &&
    seq.items.every((i, n) => Boolean(i.commentBefore || (n === 0 && seq.commentBefore)))
  );
}
