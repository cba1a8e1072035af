import { ganttTable } from './gantt.js';
import {
  STANDARD_SECTIONS,
  type ItemSpec,
  type PlanSpec,
  type SampleSpec,
  type StandardSection,
} from '../spec/schema.js';
import { figureNote, goalSentenceTail, indicatorFigureCells, percent } from './figures.js';
import { formatDate, formatNumber, formatPeriod } from './format.js';
import type {
  AttachmentModel,
  GoalModel,
  ItemForm,
  ItemModel,
  PlanModel,
  SectionKind,
  SectionModel,
  TableModel,
} from './model.js';
import { isStyle, type Lang, type Style } from '../core/types.js';
import { withNotice } from './notice.js';
import { ratio } from './ratio.js';
import {
  reviewGoalTail,
  reviewIndicators,
  reviewSpec,
  reviewWords,
  taskStatusWord,
  taskSummary,
  withProgress,
} from './review.js';
import { responsibilities } from './responsibilities.js';
import { dropEmptyColumns } from './table.js';
import { outlineLabel, ordinalLabel } from './numbering.js';
import { breakTitle } from './title.js';
import { WORDS, type Words } from './words.js';

type Numbering = 'nested' | 'flat' | 'ordinal';

const CJK = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/;
const CJK_SPACE_CJK =
  /([\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F])[ \t]+(?=[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F])/g;

/**
 * Paragraphs from a text field: blank lines separate paragraphs; a single line break joins (without a
 * space between CJK).
 */
export function paragraphs(text: string | string[] | undefined): string[] {
  if (text === undefined) return [];
  const blocks = (Array.isArray(text) ? text : [text]).flatMap((t) => t.split(/\n[ \t]*\n/));
  return blocks
    .map((block) =>
      block
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .reduce(
          (joined, line) =>
            joined === '' ? line : CJK.test(joined.at(-1)!) && CJK.test(line[0]) ? joined + line : `${joined} ${line}`,
          '',
        )
        // YAML's folded scalars (>) join lines with a space, which Chinese text does not have.
        .replace(CJK_SPACE_CJK, '$1'),
    )
    .filter(Boolean);
}

const KINDS: SectionKind[] = [
  'guidance',
  'goals',
  'indicators',
  'results',
  'tasks',
  'measures',
  'schedule',
  'risks',
  'custom',
  'responsibilities',
];

function flags(kind: SectionKind): Record<SectionKind, boolean> {
  return Object.fromEntries(KINDS.map((k) => [k, k === kind])) as Record<SectionKind, boolean>;
}

/** Derive everything the templates need from a validated spec: labels, headings, figures, dates. */
export function enrichPlan(plan: PlanSpec): PlanModel {
  const spec = plan.kind === 'review' ? reviewSpec(plan) : plan;
  const lang: Lang = spec.lang ?? 'zh-CN';
  const review = spec.kind === 'review';
  const words = review ? reviewWords(WORDS[lang], lang) : WORDS[lang];
  const ctx: Ctx = { lang, words, sectionNumber: 0, review };

  const drafts: Array<Omit<SectionModel, 'label'>> = [];
  const custom = spec.sections ?? [];
  const pushCustom = (after: string) => {
    for (const s of custom.filter((c) => (c.after ?? 'end') === after)) {
      ctx.sectionNumber = drafts.length + 1;
      drafts.push(
        section(ctx, 'custom', s.heading, paragraphs(s.text), items(ctx, s.items ?? [], s.numbering ?? 'nested')),
      );
    }
  };
  pushCustom('start');
  for (const key of STANDARD_SECTIONS) {
    if (key !== 'preface') {
      ctx.sectionNumber = drafts.length + 1;
      const built = standardSection(ctx, spec, key);
      if (built) drafts.push(built);
    }
    pushCustom(key);
  }
  pushCustom('end');
  const duty = responsibilities(lang, spec, paragraphs);
  if (duty && !duty.asAttachment)
    drafts.push(section(ctx, 'responsibilities', duty.heading, [], [], { table: duty.table }));

  const sections = drafts.map((s, i) => ({ ...s, label: outlineLabel(lang, 1, [i + 1]) }));
  // A style file or reference DOCX is resolved by the pipeline, which passes its base profile's name here.
  const style = isStyle(spec.style ?? '') ? (spec.style as Style) : lang === 'zh-CN' ? 'official' : 'business';
  const widths = TITLE_WIDTHS[style];
  const titleLines = breakTitle(spec.title, widths?.title, spec.org);
  const subtitleLines = spec.subtitle ? breakTitle(spec.subtitle, widths?.subtitle) : [];
  const signatureOrg = spec.signature?.org ?? spec.org ?? null;
  const signatureDate = spec.signature?.date ?? spec.date ?? null;

  return withNotice(spec, {
    lang,
    style,
    title: joinLines(lang, titleLines),
    titleLines,
    subtitle: subtitleLines.length ? joinLines(lang, subtitleLines) : null,
    subtitleLines,
    org: spec.org ?? null,
    year: spec.year ?? null,
    date: spec.date ?? null,
    dateText: spec.date ? formatDate(lang, spec.date) : null,
    preface: paragraphs(spec.preface),
    sections,
    closing: paragraphs(spec.closing),
    attachments: attachments(ctx, spec.attachments ?? [], widths?.title, duty?.asAttachment ? duty : undefined),
    signature:
      spec.signature || signatureOrg
        ? { org: signatureOrg, dateText: signatureDate ? formatDate(lang, signatureDate) : null }
        : null,
    notice: null,
  });
}

/**
 * Line widths in characters of the title's own size, where titles are broken for the reader: the official
 * profile's 22 pt title in the 156 mm type area holds 20 characters (16 pt subtitle: 28). Business titles
 * wrap where the word processor wraps them, at spaces; only lines the user typed are kept.
 */
export const TITLE_WIDTHS: Record<PlanModel['style'], { title: number; subtitle: number } | undefined> = {
  official: { title: 20, subtitle: 28 },
  business: undefined,
};

/** The title on one line (file properties, the attachment note): Chinese lines join without a space. */
function joinLines(lang: Lang, lines: string[]): string {
  return lines.join(lang === 'en' ? ' ' : '');
}

interface Ctx {
  lang: Lang;
  words: Words;
  /** 1-based number of the section being built: English labels (1.2.3) start with it. */
  sectionNumber: number;
  /** The year-end review of the plan (review.ts). */
  review: boolean;
}

function section(
  ctx: Ctx,
  kind: SectionKind,
  heading: string,
  intro: string[],
  itemModels: ItemModel[] = [],
  extra: Partial<SectionModel> = {},
): Omit<SectionModel, 'label'> {
  return { kind, is: flags(kind), heading, depth: 2, intro, items: itemModels, goals: [], table: null, ...extra };
}

/**
 * The standard section `key`, or undefined when the spec leaves it out. Shorthand (a bare list) and full
 * forms meet here.
 */
function standardSection(
  ctx: Ctx,
  spec: PlanSpec,
  key: Exclude<StandardSection, 'preface'>,
): Omit<SectionModel, 'label'> | undefined {
  const value = spec[key];
  if (value === undefined) return undefined;
  const full = (typeof value === 'object' && !Array.isArray(value) ? value : {}) as {
    heading?: string;
    intro?: string | string[];
    numbering?: Numbering;
  };
  const heading = full.heading ?? ctx.words.headings[key];
  const intro = paragraphs(full.intro);
  switch (key) {
    case 'guidance': {
      const g = spec.guidance!;
      return section(ctx, key, heading, paragraphs(typeof g === 'object' && !Array.isArray(g) ? g.text : g));
    }
    case 'goals': {
      const list = Array.isArray(spec.goals) ? spec.goals : spec.goals!.items;
      return section(ctx, key, heading, intro, [], { goals: goals(ctx, list, full.numbering ?? 'flat') });
    }
    case 'indicators': {
      const rows = Array.isArray(spec.indicators) ? spec.indicators : spec.indicators!.rows;
      // An indicator with text or items gets a numbered heading after the table: what was done for it.
      const narrated = rows
        .filter((r) => r.text !== undefined || r.items?.length)
        .map((r): ItemSpec => ({ title: r.name, text: r.text, items: r.items }));
      const narrative = items(ctx, narrated, 'nested');
      if (!ctx.review) return section(ctx, key, heading, intro, narrative, { table: indicatorTable(ctx, rows) });
      const { table, summary } = reviewIndicators(ctx.lang, rows);
      return section(ctx, key, heading, [...intro, summary], narrative, { table });
    }
    case 'schedule': {
      const stages = Array.isArray(spec.schedule) ? spec.schedule : spec.schedule!.stages;
      const gantt = !Array.isArray(spec.schedule) && spec.schedule!.gantt === true;
      return section(ctx, key, heading, intro, [], {
        table: gantt ? ganttTable(ctx.lang, spec, stages) : scheduleTable(ctx, stages),
      });
    }
    case 'risks': {
      const rows = Array.isArray(spec.risks) ? spec.risks : spec.risks!.rows;
      return section(ctx, key, heading, intro, [], { table: riskTable(ctx, rows) });
    }
    case 'results':
    case 'tasks':
    case 'measures': {
      const tree = spec[key]!;
      const list = Array.isArray(tree) ? tree : tree.items;
      const summary = ctx.review && key === 'tasks' ? taskSummary(ctx.lang, list) : null;
      return section(
        ctx,
        key,
        heading,
        summary ? [...intro, summary] : intro,
        items(ctx, list, full.numbering ?? 'nested'),
      );
    }
  }
}

/** First label level used by a section's items under each numbering style. */
function firstLevel(ctx: Ctx, numbering: Numbering): number {
  if (numbering === 'ordinal') return 0;
  return numbering === 'flat' && ctx.lang === 'zh-CN' ? 3 : 2;
}

function items(ctx: Ctx, list: Array<string | ItemSpec>, numbering: Numbering): ItemModel[] {
  return itemsAt(ctx, list, firstLevel(ctx, numbering), []);
}

function itemsAt(ctx: Ctx, list: Array<string | ItemSpec>, level: number, path: number[]): ItemModel[] {
  return list.map((raw, i) => {
    const spec: ItemSpec = typeof raw === 'string' ? { text: raw } : raw;
    const here = [...path, i + 1];
    const label =
      level === 0 ? ordinalLabel(ctx.lang, i + 1) : outlineLabel(ctx.lang, level, [ctx.sectionNumber, ...here]);
    // Sub-items go one level down, unless the item asks for 一是/二是 (ordinal) or the 1. level (flat);
    // children of an ordinal item continue at the 1. level.
    const childLevel = spec.numbering === 'ordinal' ? 0 : level === 0 ? 3 : Math.min(level + 1, 5);
    const children = itemsAt(ctx, spec.items ?? [], childLevel, here);
    let texts = withProgress(ctx.lang, withSample(ctx, paragraphs(spec.text), spec.sample), paragraphs(spec.progress));
    let title = spec.title?.trim() || null;
    // An item with sub-items but no title: its first paragraph is the heading.
    if (title === null && children.length > 0 && texts.length > 0) [title, ...texts] = texts;
    // An ordinal item (一是…) is prose: its title runs in even when it has sub-items.
    const heading = (children.length > 0 || (title !== null && texts.length === 0)) && level !== 0;
    const form: ItemForm = heading ? 'heading' : title !== null ? 'runin' : 'plain';
    return {
      label,
      level,
      depth: Math.max(level, 2) + 1,
      form,
      isHeading: form === 'heading',
      isRunin: form === 'runin',
      title: title === null || heading ? title : runinTitle(ctx, title),
      paragraphs: texts,
      meta: metaNote(ctx, spec),
      owner: spec.owner ?? null,
      due: spec.due ? formatDate(ctx.lang, spec.due) : null,
      items: children,
    } satisfies ItemModel;
  });
}

function runinTitle(ctx: Ctx, title: string): string {
  return /[。.!?！？：:；;]$/.test(title)
    ? ctx.lang === 'en'
      ? `${title} `
      : title
    : `${title}${ctx.words.runinStop}${ctx.lang === 'en' ? ' ' : ''}`;
}

/** The sample sentence (issued, returned, valid and the rates) ends the item's last paragraph, or is its only one. */
function withSample(ctx: Ctx, texts: string[], sample: SampleSpec | undefined): string[] {
  if (!sample) return texts;
  const { lang, words } = ctx;
  const count = (n: number) => formatNumber(lang, n);
  const sentence = words.sample({
    what: sample.what ?? '',
    unit: sample.unit ?? (lang === 'zh-CN' ? '份' : ''),
    issued: count(sample.issued),
    returned: sample.returned === undefined ? undefined : count(sample.returned),
    valid: count(sample.valid),
    responseRate: sample.returned === undefined ? undefined : percent(ratio(sample.returned, sample.issued)),
    validRate: percent(ratio(sample.valid, sample.issued)),
  });
  if (texts.length === 0) return [sentence];
  const last = texts.at(-1)!;
  return [...texts.slice(0, -1), `${last}${lang === 'en' ? ' ' : ''}${sentence}`];
}

function metaNote(ctx: Ctx, spec: ItemSpec): string | null {
  const { words } = ctx;
  // Figures read as one clause (目标40%，比上年提高15个百分点), set off from owner and deadline as those are from each other.
  const figures = figureNote(ctx.lang, spec);
  const parts: string[] = figures ? [figures] : [];
  const status = taskStatusWord(ctx.lang, spec);
  if (status) parts.unshift(status);
  if (spec.owner) parts.push(`${words.owner}${words.colon}${spec.owner}`);
  if (spec.support) parts.push(`${words.support}${words.colon}${spec.support}`);
  if (spec.due) parts.push(`${words.due}${words.colon}${formatDate(ctx.lang, spec.due)}`);
  return parts.length ? `${words.open}${parts.join(words.separator)}${words.close}` : null;
}

function goals(
  ctx: Ctx,
  list: NonNullable<PlanSpec['goals']> extends infer G ? (G extends Array<infer I> ? I[] : never) : never,
  numbering: Numbering,
): GoalModel[] {
  const level = firstLevel(ctx, numbering);
  // A review restates each goal with its result (超额完成目标 / target met).
  const tail = ctx.review ? reviewGoalTail : goalSentenceTail;
  return list.map((raw, i) => {
    const label =
      level === 0 ? ordinalLabel(ctx.lang, i + 1) : outlineLabel(ctx.lang, level, [ctx.sectionNumber, i + 1]);
    // Every goal is a sentence with its closing stop; figures end it (…12家，比上年增加4家、增长50%。).
    const stop = ctx.lang === 'en' ? '.' : '。';
    const text = (typeof raw === 'string' ? raw : raw.text).trim();
    const hasFigures =
      typeof raw !== 'string' && (raw.target !== undefined || raw.actual !== undefined || raw.baseline !== undefined);
    if (!hasFigures) return { label, text: /[。.!?！？…；;]$/.test(text) ? text : `${text}${stop}`, figures: null };
    // A goal already written as a sentence keeps its stop; its figures follow as a sentence of their own.
    if (/[。.!?！？]$/.test(text))
      return {
        label,
        text,
        figures: `${ctx.lang === 'en' ? ' Target' : '目标'}${tail(ctx.lang, '', raw)}`,
      };
    return { label, text, figures: tail(ctx.lang, text, raw) };
  });
}

type IndicatorSpec = {
  name: string;
  unit?: string;
  baseline?: number | string;
  target: number | string;
  actual?: number | string;
  owner?: string;
  due?: string;
};

const INDICATOR_HEADER: Record<Lang, string[]> = {
  'zh-CN': ['序号', '指标', '单位', '基数', '目标', '完成', '完成率', '牵头单位', '完成时限'],
  en: ['No.', 'Indicator', 'Unit', 'Baseline', 'Target', 'Actual', 'Completion', 'Owner', 'Due'],
};

function indicatorTable(ctx: Ctx, rows: IndicatorSpec[]): TableModel {
  const { lang } = ctx;
  const cells = rows.map((r, i) => [
    ...indicatorFigureCells(lang, r, i),
    r.owner ?? '',
    r.due ? formatDate(lang, r.due) : '',
  ]);
  return dropEmptyColumns(
    INDICATOR_HEADER[lang],
    cells,
    ['center', 'left', 'center', 'right', 'right', 'right', 'right', 'left', 'left'],
    [0, 1, 4],
  );
}

const SCHEDULE_HEADER: Record<Lang, string[]> = {
  'zh-CN': ['阶段', '时间', '主要工作', '牵头单位'],
  en: ['Stage', 'Period', 'Work', 'Owner'],
};

function scheduleTable(
  ctx: Ctx,
  stages: Array<{
    stage: string;
    from: number | string;
    to?: number | string;
    work?: string | string[];
    owner?: string;
  }>,
): TableModel {
  const cells = stages.map((s) => [
    s.stage,
    formatPeriod(ctx.lang, s.from, s.to),
    paragraphs(s.work).join(ctx.lang === 'en' ? ' ' : ''),
    s.owner ?? '',
  ]);
  return dropEmptyColumns(SCHEDULE_HEADER[ctx.lang], cells, ['left', 'center', 'left', 'left'], [0, 1]);
}

type RiskSpec = {
  risk: string;
  likelihood?: 'low' | 'medium' | 'high';
  impact?: 'low' | 'medium' | 'high';
  response?: string;
  owner?: string;
};

const RISK_HEADER: Record<Lang, string[]> = {
  'zh-CN': ['序号', '风险', '可能性', '影响', '应对措施', '责任人'],
  en: ['No.', 'Risk', 'Likelihood', 'Impact', 'Response', 'Owner'],
};

function riskTable(ctx: Ctx, rows: RiskSpec[]): TableModel {
  const level = (l: RiskSpec['likelihood']) => (l ? ctx.words.levels[l] : '');
  const cells = rows.map((r, i) => [
    String(i + 1),
    r.risk,
    level(r.likelihood),
    level(r.impact),
    r.response ?? '',
    r.owner ?? '',
  ]);
  return dropEmptyColumns(RISK_HEADER[ctx.lang], cells, ['center', 'left', 'center', 'center', 'left', 'left'], [0, 1]);
}

function attachments(
  ctx: Ctx,
  list: NonNullable<PlanSpec['attachments']>,
  titleWidth: number | undefined,
  tableAttachment?: { heading: string; table: TableModel },
): AttachmentModel[] {
  const all = tableAttachment ? [...list, { title: tableAttachment.heading }] : list;
  const several = all.length > 1;
  return all.map((raw, i) => {
    ctx.sectionNumber = i + 1;
    const spec = typeof raw === 'string' ? { title: raw } : raw;
    const table = tableAttachment && i === list.length ? tableAttachment.table : null;
    const body = paragraphs('text' in spec ? spec.text : undefined);
    const children = itemsAt(ctx, ('items' in spec ? spec.items : undefined) ?? [], 2, []);
    const space = ctx.lang === 'en' ? ' ' : '';
    const titleLines = breakTitle(spec.title, titleWidth);
    return {
      label: several ? `${ctx.words.attachment}${space}${i + 1}` : ctx.words.attachment,
      number: several ? `${i + 1}.` : '',
      title: joinLines(ctx.lang, titleLines),
      titleLines,
      hasBody: body.length > 0 || children.length > 0 || table !== null,
      paragraphs: body,
      items: children,
      table,
    };
  });
}
