import type { SpecPath } from '../spec/locate.js';
import type { ItemSpec, PlanSpec } from '../spec/schema.js';

/**
 * What a piece of text is in the plan. `start` marks the text an item, goal or heading begins with:
 * where numbering typed by hand would sit.
 */
export type FieldRole = 'title' | 'heading' | 'item' | 'goal' | 'name' | 'prose';

export interface TextField {
  path: SpecPath;
  text: string;
  role: FieldRole;
  /** The first words of an item, a goal or a heading. */
  start: boolean;
  /** The top-level key it sits under (tasks, goals, sections, …). */
  section: string;
}

type Text = string | string[] | undefined;

/** Every piece of prose in the spec with its data path, in document order. */
export function textFields(spec: PlanSpec): TextField[] {
  const out: TextField[] = [];
  const add = (path: SpecPath, text: Text, role: FieldRole, start = false) => {
    if (text === undefined) return;
    const section = String(path[0]);
    if (typeof text === 'string') out.push({ path, text, role, start, section });
    else text.forEach((t, i) => out.push({ path: [...path, i], text: t, role, start: start && i === 0, section }));
  };
  const items = (list: Array<string | ItemSpec> | undefined, path: SpecPath) =>
    list?.forEach((item, i) => {
      const at = [...path, i];
      if (typeof item === 'string') return add(at, item, 'item', true);
      add([...at, 'title'], item.title, 'item', true);
      add([...at, 'text'], item.text, item.title === undefined ? 'item' : 'prose', item.title === undefined);
      items(item.items, [...at, 'items']);
    });
  const full = <T extends object>(value: T | unknown[], key: string): value is T =>
    !Array.isArray(value) && key in value;

  add(['title'], spec.title, 'title');
  add(['subtitle'], spec.subtitle, 'title');
  add(['preface'], spec.preface, 'prose');
  if (spec.guidance !== undefined) {
    const g = spec.guidance;
    if (typeof g === 'object' && !Array.isArray(g)) {
      add(['guidance', 'heading'], g.heading, 'heading', true);
      add(['guidance', 'text'], g.text, 'prose');
    } else add(['guidance'], g, 'prose');
  }
  if (spec.goals) {
    const g = spec.goals;
    const base: SpecPath = Array.isArray(g) ? ['goals'] : ['goals', 'items'];
    if (!Array.isArray(g)) {
      add(['goals', 'heading'], g.heading, 'heading', true);
      add(['goals', 'intro'], g.intro, 'prose');
    }
    (Array.isArray(g) ? g : g.items).forEach((goal, i) =>
      typeof goal === 'string'
        ? add([...base, i], goal, 'goal', true)
        : add([...base, i, 'text'], goal.text, 'goal', true),
    );
  }
  if (spec.indicators) {
    const ind = spec.indicators;
    const base: SpecPath = Array.isArray(ind) ? ['indicators'] : ['indicators', 'rows'];
    if (!Array.isArray(ind)) {
      add(['indicators', 'heading'], ind.heading, 'heading', true);
      add(['indicators', 'intro'], ind.intro, 'prose');
    }
    (Array.isArray(ind) ? ind : ind.rows).forEach((row, i) => {
      add([...base, i, 'name'], row.name, 'name', true);
      add([...base, i, 'text'], row.text, 'prose');
      items(row.items, [...base, i, 'items']);
    });
  }
  for (const key of ['results', 'tasks', 'measures'] as const) {
    const tree = spec[key];
    if (!tree) continue;
    if (full<{ heading?: string; intro?: Text }>(tree, 'items')) {
      add([key, 'heading'], tree.heading, 'heading', true);
      add([key, 'intro'], tree.intro, 'prose');
    }
    items(Array.isArray(tree) ? tree : tree.items, Array.isArray(tree) ? [key] : [key, 'items']);
  }
  if (spec.schedule) {
    const s = spec.schedule;
    const base: SpecPath = Array.isArray(s) ? ['schedule'] : ['schedule', 'stages'];
    if (!Array.isArray(s)) {
      add(['schedule', 'heading'], s.heading, 'heading', true);
      add(['schedule', 'intro'], s.intro, 'prose');
    }
    (Array.isArray(s) ? s : s.stages).forEach((stage, i) => {
      add([...base, i, 'stage'], stage.stage, 'name', true);
      add([...base, i, 'work'], stage.work, 'prose');
    });
  }
  if (spec.risks) {
    const r = spec.risks;
    const base: SpecPath = Array.isArray(r) ? ['risks'] : ['risks', 'rows'];
    if (!Array.isArray(r)) {
      add(['risks', 'heading'], r.heading, 'heading', true);
      add(['risks', 'intro'], r.intro, 'prose');
    }
    (Array.isArray(r) ? r : r.rows).forEach((row, i) => {
      add([...base, i, 'risk'], row.risk, 'name', true);
      add([...base, i, 'response'], row.response, 'prose');
    });
  }
  spec.sections?.forEach((s, i) => {
    add(['sections', i, 'heading'], s.heading, 'heading', true);
    add(['sections', i, 'text'], s.text, 'prose');
    items(s.items, ['sections', i, 'items']);
  });
  add(['closing'], spec.closing, 'prose');
  spec.attachments?.forEach((a, i) => {
    if (typeof a === 'string') return add(['attachments', i], a, 'name', true);
    add(['attachments', i, 'title'], a.title, 'name', true);
    add(['attachments', i, 'text'], a.text, 'prose');
    items(a.items, ['attachments', i, 'items']);
  });
  return out;
}
