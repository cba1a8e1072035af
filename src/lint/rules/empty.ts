import type { SpecPath } from '../../spec/locate.js';
import type { ItemSpec } from '../../spec/schema.js';
import type { Finding, LintContext, LintRule } from '../rule.js';

const blank = (text: string | string[] | undefined) =>
  text === undefined || (Array.isArray(text) ? text : [text]).every((t) => t.trim() === '');

/** Sections (and items) with a heading and nothing under it: a plan copied with parts still to write. */
export const emptySection: LintRule = {
  id: 'empty-section',
  severity: 'warning',
  description: 'a section or item with a heading and nothing under it',
  check({ spec }: LintContext): Finding[] {
    const findings: Finding[] = [];
    const empty = (path: SpecPath, what: string) =>
      findings.push({
        path,
        key: true,
        message: `${what} is empty`,
        hint: 'write its content or remove it',
      });
    const list = (value: unknown, inner: string): unknown[] | undefined =>
      Array.isArray(value) ? value : ((value as Record<string, unknown> | undefined)?.[inner] as unknown[] | undefined);
    const itemTree = (items: Array<string | ItemSpec> | undefined, path: SpecPath) =>
      items?.forEach((item, i) => {
        if (typeof item === 'string') {
          if (item.trim() === '') empty([...path, i], 'item');
          return;
        }
        const noItems = !item.items || item.items.length === 0;
        if (blank(item.text) && noItems && (item.title === undefined || item.items !== undefined) && !item.target)
          empty(item.items !== undefined ? [...path, i, 'items'] : [...path, i], `item "${item.title ?? ''}"`);
        itemTree(item.items, [...path, i, 'items']);
      });

    if (spec.guidance !== undefined) {
      const g = spec.guidance;
      if (blank(typeof g === 'object' && !Array.isArray(g) ? g.text : g)) empty(['guidance'], 'section "guidance"');
    }
    for (const [key, inner] of [
      ['goals', 'items'],
      ['indicators', 'rows'],
      ['schedule', 'stages'],
      ['risks', 'rows'],
      ['results', 'items'],
      ['tasks', 'items'],
      ['measures', 'items'],
    ] as const) {
      const value = spec[key];
      if (value === undefined) continue;
      const rows = list(value, inner);
      const path: SpecPath = Array.isArray(value) ? [key] : [key, inner];
      if (!rows || rows.length === 0) empty(path, `section "${key}"`);
      if (key === 'results' || key === 'tasks' || key === 'measures') itemTree(rows as Array<string | ItemSpec>, path);
    }
    spec.sections?.forEach((s, i) => {
      if (blank(s.text) && !s.items?.length) empty(['sections', i, 'heading'], `section "${s.heading}"`);
      itemTree(s.items, ['sections', i, 'items']);
    });
    return findings;
  },
};
