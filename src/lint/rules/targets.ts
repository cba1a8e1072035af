import type { SpecPath } from '../../spec/locate.js';
import type { ItemSpec, PlanSpec } from '../../spec/schema.js';
import type { Finding, LintContext, LintRule } from '../rule.js';

interface Figured {
  path: SpecPath;
  target?: number | string;
  unit?: string;
  what: string;
  /** The name or text the figure belongs to: it may carry the unit ("Median wait, minutes", "时长（天）"). */
  name: string;
}

function itemName(item: ItemSpec): string {
  const text = item.title ?? (Array.isArray(item.text) ? item.text[0] : item.text) ?? '';
  return text.length > 30 ? `${text.slice(0, 30)}…` : text;
}

/** A unit stated in the name: "…, seconds", "…（天）", "…(%)". */
const UNIT_IN_NAME = /(?:,\s*[\p{L} ]{1,20}|[（(][^（）()]{1,6}[）)])\s*$/u;

/** Everything that carries a target: indicator rows, goals with figures, items with figures. */
function targets(spec: PlanSpec): Figured[] {
  const out: Figured[] = [];
  const items = (list: Array<string | ItemSpec> | undefined, path: SpecPath) =>
    list?.forEach((item, i) => {
      if (typeof item === 'string') return;
      if (item.target !== undefined)
        out.push({
          path: [...path, i],
          target: item.target,
          unit: item.unit,
          what: `item "${itemName(item)}"`,
          name: itemName(item),
        });
      items(item.items, [...path, i, 'items']);
    });
  if (spec.indicators) {
    const rows = Array.isArray(spec.indicators) ? spec.indicators : spec.indicators.rows;
    const base: SpecPath = Array.isArray(spec.indicators) ? ['indicators'] : ['indicators', 'rows'];
    rows.forEach((r, i) => {
      out.push({ path: [...base, i], target: r.target, unit: r.unit, what: `indicator "${r.name}"`, name: r.name });
      items(r.items, [...base, i, 'items']);
    });
  }
  if (spec.goals) {
    const list = Array.isArray(spec.goals) ? spec.goals : spec.goals.items;
    const base: SpecPath = Array.isArray(spec.goals) ? ['goals'] : ['goals', 'items'];
    list.forEach((g, i) => {
      if (typeof g !== 'string' && g.target !== undefined)
        out.push({ path: [...base, i], target: g.target, unit: g.unit, what: `goal "${g.text}"`, name: g.text });
    });
  }
  for (const key of ['results', 'tasks', 'measures'] as const) {
    const tree = spec[key];
    if (tree) items(Array.isArray(tree) ? tree : tree.items, Array.isArray(tree) ? [key] : [key, 'items']);
  }
  spec.sections?.forEach((s, i) => items(s.items, ['sections', i, 'items']));
  return out;
}

/** A plain number, written as a number or as text ("30"): it needs a unit beside it. */
const BARE_NUMBER = /^\s*[+-]?\d+(?:\.\d+)?\s*$/;

export const targetNumber: LintRule = {
  id: 'target-no-number',
  severity: 'warning',
  description: 'a target without a number (显著提高): nothing to measure the result against',
  check({ spec }: LintContext): Finding[] {
    return targets(spec)
      .filter((t) => typeof t.target === 'string' && !/\d/.test(t.target))
      .map((t) => ({
        path: [...t.path, 'target'],
        message: `the target of ${t.what} has no number ("${String(t.target)}")`,
        hint: 'give the figure to reach, e.g. `target: 30` with `unit: 项`',
      }));
  },
};

export const targetUnit: LintRule = {
  id: 'target-no-unit',
  severity: 'warning',
  description: 'a numeric target without a unit (Chinese counts take one: 30项, 5家)',
  check({ spec }: LintContext): Finding[] {
    // English counts read whole without a unit ("Trees planted: 2,500"); Chinese ones need a counting word.
    if ((spec.lang ?? 'zh-CN') === 'en') return [];
    return targets(spec)
      .filter((t) => (typeof t.target === 'number' || BARE_NUMBER.test(String(t.target))) && !t.unit?.trim())
      .filter((t) => !UNIT_IN_NAME.test(t.name))
      .map((t) => ({
        path: [...t.path, 'target'],
        message: `the target of ${t.what} has no unit`,
        hint: 'add `unit:` (家, 项, 万元, %, …)',
      }));
  },
};

const UNITS =
  '个百分点|人次|家次|万元|亿元|万人|平方米|%|项|家|个|件|次|场|所|户|名|人|篇|亩|台|套|条|期|门|批|处|座|支|种|份|部';
const VERBS =
  '力争|争取|确保|达到|完成|新增|实现|培育|引进|申报|组织|建成|建设|认定|突破|超过|不少于|不低于|增长|提高到|提升到|开展|举办|培训';
const BURIED = new RegExp(`(${VERBS})([^，。；,;\\d]{0,16}?)(\\d+(?:\\.\\d+)?)\\s*(${UNITS})(?:以上)?`, 'g');

/**
 * A figure inside a goal's sentence ("力争申报各类计划30项") that could be an indicator with a target
 * and, at year end, a result. Advice, not a fault.
 */
export const buriedTarget: LintRule = {
  id: 'buried-target',
  severity: 'info',
  description: 'a numeric target inside goal prose that could be an indicator with target and unit',
  check({ spec, fields }: LintContext): Finding[] {
    const findings: Finding[] = [];
    const goals = spec.goals === undefined ? [] : Array.isArray(spec.goals) ? spec.goals : spec.goals.items;
    for (const field of fields) {
      if (field.role !== 'goal') continue;
      // A goal with a target of its own already says what is measured.
      const goal = field.path.at(-1) === 'text' ? goals[field.path.at(-2) as number] : undefined;
      if (typeof goal === 'object' && goal.target !== undefined) continue;
      for (const m of field.text.matchAll(BURIED)) {
        const [, verb, object, figure, unit] = m;
        const name = `${verb}${object}`.trim();
        findings.push({
          path: field.path,
          match: m[0],
          message: `"${m[0]}" could be an indicator`,
          hint: `indicators: - { name: ${name}, target: ${figure}, unit: "${unit}" }`,
        });
      }
    }
    return findings;
  },
};
