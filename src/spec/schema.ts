import { z } from 'zod';
import { nearest } from './diagnostic.js';

/**
 * The plan spec: what a user writes in plan.yaml. Every object is strict, so a typo is an error that
 * names the nearest known key, not a silently ignored field.
 */
function strict<T extends z.ZodRawShape>(shape: T) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => {
      if (issue.code !== 'unrecognized_keys') return undefined;
      // One line per key, in the order of issue.keys; locate() pairs them with the keys' positions.
      return issue.keys
        .map((key) => {
          const guess = nearest(key, known);
          return guess ? `unknown key "${key}"; did you mean "${guess}"?` : `unknown key "${key}"; known keys: ${known.join(', ')}`;
        })
        .join('\n');
    },
  });
}

const nonEmpty = z.string().trim().min(1, 'must not be empty');

/** Paragraphs: one string (blank lines separate paragraphs) or a list of strings. Inline Markdown allowed. */
export const Text = z.union([z.string(), z.array(z.string())]).describe('Paragraphs (inline Markdown allowed) / 段落');

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{1,2}-\d{1,2}$/, { message: 'expected a date as YYYY-MM-DD, e.g. 2026-01-15', abort: true })
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number);
    const t = new Date(Date.UTC(y, m - 1, d));
    return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
  }, 'not a real calendar date');

/** A deadline: a date (2026-03-31), a month (2026-03), or a short phrase (每季度末, Q2). */
const Due = z.union([z.string(), z.number()]).transform(String).describe('Deadline: YYYY-MM-DD, YYYY-MM or text / 完成时限');
const Figure = z.union([z.number(), z.string()]).describe('A number, or text such as "≥95%" / 数值');

const numbering = z
  .enum(['nested', 'flat', 'ordinal'])
  .describe('nested: （一）→1.→（1）; flat: start at 1.; ordinal: 一是/二是 (en: First/Second)');

export interface ItemSpec {
  title?: string;
  text?: string | string[];
  owner?: string;
  support?: string;
  due?: string;
  numbering?: 'nested' | 'flat' | 'ordinal';
  items?: Array<string | ItemSpec>;
}

export const Item: z.ZodType<string | ItemSpec> = z.union([
  z.string(),
  strict({
    title: z.string().optional().describe('Item title, run-in or a heading / 标题'),
    text: Text.optional(),
    owner: z.string().optional().describe('Lead unit or person / 牵头单位'),
    support: z.string().optional().describe('Supporting units / 配合单位'),
    due: Due.optional(),
    numbering: numbering.optional().describe('How this item\'s sub-items are labelled / 下级条目编号方式'),
    get items() {
      return z.array(Item).optional();
    },
  }),
]);

function itemTreeSection() {
  return z.union([
    z.array(Item),
    strict({
      heading: nonEmpty.optional(),
      intro: Text.optional(),
      numbering: numbering.optional(),
      items: z.array(Item),
    }),
  ]);
}

export const GoalItem = z.union([
  z.string(),
  strict({
    text: nonEmpty,
    target: Figure.optional(),
    unit: z.string().optional(),
    baseline: Figure.optional(),
    actual: Figure.optional(),
  }),
]);

export const Indicator = strict({
  name: nonEmpty,
  unit: z.string().optional(),
  baseline: Figure.optional(),
  target: Figure,
  actual: Figure.optional(),
  owner: z.string().optional(),
  due: Due.optional(),
});

const Month = z.union([
  z.number().int().min(1).max(12),
  z.string().regex(/^\d{4}-\d{1,2}$/, 'expected a month: 1–12 or YYYY-MM'),
]);

export const Stage = strict({
  stage: nonEmpty,
  from: Month,
  to: Month.optional(),
  work: Text.optional(),
  owner: z.string().optional(),
});

export const STANDARD_SECTIONS = ['preface', 'guidance', 'goals', 'indicators', 'tasks', 'measures', 'schedule'] as const;
export type StandardSection = (typeof STANDARD_SECTIONS)[number];

export const CustomSection = strict({
  heading: nonEmpty,
  text: Text.optional(),
  numbering: numbering.optional(),
  items: z.array(Item).optional(),
  after: z.enum([...STANDARD_SECTIONS, 'start']).optional().describe('Place after this standard section / 位于哪一部分之后'),
});

export const Attachment = z.union([
  z.string(),
  strict({ title: nonEmpty, text: Text.optional(), items: z.array(Item).optional() }),
]);

export const PlanSpecSchema = strict({
  title: nonEmpty.describe('Document title / 标题'),
  subtitle: z.string().optional(),
  org: z.string().optional().describe('Issuing body / 发文机关'),
  year: z.number().int().min(1900).max(2999).optional(),
  date: IsoDate.optional().describe('Date written (成文日期), YYYY-MM-DD'),
  lang: z.enum(['zh-CN', 'en']).optional(),
  style: z.enum(['official', 'business']).optional(),
  preface: Text.optional(),
  guidance: z.union([Text, strict({ heading: nonEmpty.optional(), text: Text })]).optional(),
  goals: z
    .union([z.array(GoalItem), strict({ heading: nonEmpty.optional(), intro: Text.optional(), numbering: numbering.optional(), items: z.array(GoalItem) })])
    .optional(),
  indicators: z
    .union([z.array(Indicator), strict({ heading: nonEmpty.optional(), intro: Text.optional(), rows: z.array(Indicator) })])
    .optional(),
  tasks: itemTreeSection().optional(),
  measures: itemTreeSection().optional(),
  schedule: z.union([z.array(Stage), strict({ heading: nonEmpty.optional(), intro: Text.optional(), stages: z.array(Stage) })]).optional(),
  sections: z.array(CustomSection).optional(),
  signature: strict({ org: z.string().optional(), date: IsoDate.optional() }).optional(),
  attachments: z.array(Attachment).optional(),
});

export type PlanSpec = z.output<typeof PlanSpecSchema>;
