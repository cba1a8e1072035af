import type { SpecPath } from '../../spec/locate.js';
import type { ItemSpec, PlanSpec } from '../../spec/schema.js';
import type { Finding, LintContext, LintRule } from '../rule.js';

/** A calendar point as a comparable number (year·10000 + month·100 + day) and the span it names. */
interface Point {
  year: number;
  first: number;
  last: number;
}

/** 2026-03-31, 2026-03, or a month 1–12 of the plan's year; text deadlines (每季度末) are not dates. */
export function datePoint(value: string | number | undefined, year?: number): Point | undefined {
  if (typeof value === 'number') {
    if (year === undefined) return undefined;
    return { year, first: year * 10000 + value * 100 + 1, last: year * 10000 + value * 100 + 31 };
  }
  const m = /^\s*(\d{4})-(\d{1,2})(?:-(\d{1,2}))?\s*$/.exec(value ?? '');
  if (!m) return undefined;
  const [y, mo] = [Number(m[1]), Number(m[2])];
  const base = y * 10000 + mo * 100;
  return m[3] === undefined
    ? { year: y, first: base + 1, last: base + 31 }
    : { year: y, first: base + Number(m[3]), last: base + Number(m[3]) };
}

interface Dated {
  path: SpecPath;
  value: string | number;
  what: string;
}

/** Every deadline in the spec with its path: items (any depth, any section) and indicator rows. */
function deadlines(spec: PlanSpec): Dated[] {
  const out: Dated[] = [];
  const items = (list: Array<string | ItemSpec> | undefined, path: SpecPath) =>
    list?.forEach((item, i) => {
      if (typeof item === 'string') return;
      if (item.due !== undefined) out.push({ path: [...path, i, 'due'], value: item.due, what: 'deadline' });
      items(item.items, [...path, i, 'items']);
    });
  if (spec.indicators) {
    const rows = Array.isArray(spec.indicators) ? spec.indicators : spec.indicators.rows;
    const base: SpecPath = Array.isArray(spec.indicators) ? ['indicators'] : ['indicators', 'rows'];
    rows.forEach((r, i) => {
      if (r.due !== undefined) out.push({ path: [...base, i, 'due'], value: r.due, what: 'deadline' });
      items(r.items, [...base, i, 'items']);
    });
  }
  for (const key of ['results', 'tasks', 'measures'] as const) {
    const tree = spec[key];
    if (tree) items(Array.isArray(tree) ? tree : tree.items, Array.isArray(tree) ? [key] : [key, 'items']);
  }
  spec.sections?.forEach((s, i) => items(s.items, ['sections', i, 'items']));
  return out;
}

function stages(spec: PlanSpec) {
  if (!spec.schedule) return [];
  const list = Array.isArray(spec.schedule) ? spec.schedule : spec.schedule.stages;
  const base: SpecPath = Array.isArray(spec.schedule) ? ['schedule'] : ['schedule', 'stages'];
  return list.map((s, i) => ({ stage: s, path: [...base, i] as SpecPath }));
}

/** The plan's period: `period` (an academic year), else the calendar `year`. */
export function planPeriod(spec: PlanSpec): { first: number; last: number; label: string } | undefined {
  if (spec.period) {
    const [from, to] = [datePoint(spec.period.from), datePoint(spec.period.to)];
    if (from && to) return { first: from.first, last: to.last, label: `${spec.period.from} – ${spec.period.to}` };
  }
  if (spec.year !== undefined)
    return { first: spec.year * 10000 + 101, last: spec.year * 10000 + 1231, label: String(spec.year) };
  return undefined;
}

/**
 * A date or a month of the plan as a point. A month number falls in the plan's year; in a `period`
 * that crosses a new year (an academic year), months from the first month on fall in the first year,
 * the others in the next.
 */
export function pointIn(spec: PlanSpec, value: string | number): Point | undefined {
  const period = planPeriod(spec);
  if (typeof value === 'number' && spec.period && period) {
    const firstYear = Math.floor(period.first / 10000);
    const firstMonth = Math.floor(period.first / 100) % 100;
    return datePoint(value, value >= firstMonth ? firstYear : Math.floor(period.last / 10000));
  }
  return datePoint(value, spec.year ?? (typeof value === 'number' ? 2000 : undefined));
}

export const dateOutsidePeriod: LintRule = {
  id: 'date-outside-period',
  severity: 'warning',
  description: "a deadline or schedule date outside the plan's period (its year, or `period`)",
  check({ spec }: LintContext): Finding[] {
    const period = planPeriod(spec);
    if (period === undefined) return [];

    const dated: Dated[] = [...deadlines(spec)];
    for (const { stage, path } of stages(spec)) {
      dated.push({ path: [...path, 'from'], value: stage.from, what: 'stage start' });
      if (stage.to !== undefined) dated.push({ path: [...path, 'to'], value: stage.to, what: 'stage end' });
    }
    return dated.flatMap((d) => {
      if (typeof d.value === 'number' && !spec.period && spec.year === undefined) return [];
      const p = pointIn(spec, d.value);
      if (!p || (p.last >= period.first && p.first <= period.last)) return [];
      return [
        {
          path: d.path,
          message: `${d.what} ${String(d.value)} is outside the plan's period (${period.label})`,
          hint: "a date within the period, or set the plan's `year` or `period`",
        },
      ];
    });
  },
};

export const dueBeforeStart: LintRule = {
  id: 'due-before-start',
  severity: 'warning',
  description: 'a deadline before the plan starts (before its date, or before its year)',
  check({ spec }: LintContext): Finding[] {
    const period = planPeriod(spec);
    const start = datePoint(spec.date) ?? (period ? { year: 0, first: period.first, last: period.first } : undefined);
    if (!start) return [];
    return deadlines(spec).flatMap((d) => {
      const p = datePoint(d.value, spec.year);
      // Outside the period is reported by date-outside-period; here, a deadline within it that had passed.
      if (!p || p.last >= start.first || (period && p.last < period.first)) return [];
      return [
        {
          path: d.path,
          message: `deadline ${String(d.value)} comes before the plan starts (${spec.date ?? spec.year})`,
          hint: 'a deadline after the plan is written',
        },
      ];
    });
  },
};
