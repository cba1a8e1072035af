/*
 * The plan spec: what a user writes in plan.yaml. Every object is strict, so a typo is an error that
 * names the nearest known key, not a silently ignored field. Every field carries a description in
 * English and Chinese: `plangen schema` exports them, and editors show them while the user types.
 */
import { z } from 'zod';
import { LANGS, STYLES } from '../core/types.js';
import { RULE_IDS } from '../lint/ids.js';
import { assignedTasks } from './assigned.js';
import { strict } from './strict.js';

/** A style file (YAML) or a reference Word file. */
export const STYLE_FILE = /\.(ya?ml|docx)$/i;

const nonEmpty = () => z.string().trim().min(1, 'must not be empty');

/** Paragraphs: one string (blank lines separate paragraphs) or a list of strings. Inline Markdown allowed. */
const text = () => z.union([z.string(), z.array(z.string())]);
export const Text = text().describe('Paragraphs (inline Markdown allowed) / 段落（可用行内 Markdown）');

/** `2026-02-31` and `2026-13` look like dates but are none: a deadline or a stage must not hide them. */
function isCalendarDate(text: string): boolean {
  const [y, m, d = 1] = text.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

const DATE_LIKE = /^\d{4}-\d{1,2}(-\d{1,2})?$/;

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{1,2}-\d{1,2}$/, { message: 'expected a date as YYYY-MM-DD, e.g. 2026-01-15', abort: true })
  .refine(isCalendarDate, 'not a real calendar date');

/** A deadline: a date (2026-03-31), a month (2026-03), or a short phrase (每季度末, Q2). */
const due = () =>
  z
    .union([
      z
        .string()
        .refine(
          (s) => !DATE_LIKE.test(s.trim()) || isCalendarDate(s.trim()),
          'not a real calendar date or month (YYYY-MM-DD or YYYY-MM)',
        ),
      z.number(),
    ])
    .transform(String);
const figure = () => z.union([z.number(), z.string()]);
const heading = () => nonEmpty().optional().describe('Heading replacing the default one / 标题（替换默认标题）');
const intro = () => text().optional().describe('Paragraphs before the content / 导语段落');

const numbering = () =>
  z
    .enum(['nested', 'flat', 'ordinal'])
    .describe('Labels: nested （一）→1.→（1）; flat starts at 1.; ordinal 一是/二是 (en First/Second) / 编号方式');

/** Target, baseline and result of something measurable; enrich derives change and completion rates. */
const figureFields = () => ({
  target: figure().optional().describe('Target: a number, or text such as "≥95%" / 目标值'),
  unit: z.string().optional().describe('Unit written after the figures, e.g. 家, 项, % / 计量单位'),
  baseline: figure().optional().describe("Starting value, e.g. last year's / 基数（上年值）"),
  actual: figure().optional().describe('Result achieved; gives a completion rate / 实际完成值'),
});

export interface SampleSpec {
  what?: string;
  issued: number;
  returned?: number;
  valid: number;
  unit?: string;
}

/** Questionnaires (or forms, samples) issued, returned and valid: enrich computes the response rates. */
export const Sample = strict({
  what: z.string().optional().describe('What was issued, e.g. 问卷 or questionnaires / 调查材料，如“问卷”'),
  issued: z.number().int().positive().describe('How many were issued / 发放数量'),
  returned: z.number().int().min(0).optional().describe('How many came back / 回收数量'),
  valid: z.number().int().min(0).describe('How many were valid / 有效数量'),
  unit: z.string().optional().describe('Counting word (zh-CN default 份) / 量词，默认“份”'),
})
  .superRefine((s, ctx) => {
    if (s.returned !== undefined && s.returned > s.issued)
      ctx.addIssue({
        code: 'custom',
        path: ['returned'],
        message: `more returned (${s.returned}) than issued (${s.issued})`,
      });
    const ceiling = s.returned ?? s.issued;
    if (s.valid > ceiling)
      ctx.addIssue({
        code: 'custom',
        path: ['valid'],
        message: `more valid (${s.valid}) than ${s.returned !== undefined ? 'returned' : 'issued'} (${ceiling})`,
      });
  })
  .describe(
    'A survey sample: issued, returned and valid counts; the response rates are computed / 样本情况（自动计算回收率）',
  );

export const TASK_STATUSES = ['done', 'in-progress', 'delayed', 'not-started'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const taskStatus = () =>
  z
    .enum(TASK_STATUSES)
    .describe(
      'Where the task stands: done, in-progress, delayed, not-started / 完成情况：已完成、推进中、滞后、未启动',
    );

export interface ItemSpec {
  title?: string;
  text?: string | string[];
  owner?: string;
  support?: string;
  due?: string;
  target?: number | string;
  unit?: string;
  baseline?: number | string;
  actual?: number | string;
  sample?: SampleSpec;
  status?: TaskStatus;
  progress?: string | string[];
  numbering?: 'nested' | 'flat' | 'ordinal';
  items?: Array<string | ItemSpec>;
}

export const Item: z.ZodType<string | ItemSpec> = z
  .union([
    z.string().describe('An item of plain text / 条目正文'),
    strict({
      title: z
        .string()
        .optional()
        .describe('Item title: run-in before the text, or a heading when the item has sub-items / 条目标题'),
      text: text().optional().describe('Item text; paragraphs, inline Markdown allowed / 条目正文'),
      owner: z.string().optional().describe('Lead unit or person / 牵头单位或责任人'),
      support: z.string().optional().describe('Supporting units / 配合单位'),
      due: due().optional().describe('Deadline: YYYY-MM-DD, YYYY-MM or text / 完成时限'),
      ...figureFields(),
      sample: Sample.optional(),
      status: taskStatus().optional(),
      progress: text()
        .optional()
        .describe('What was done, for a review: a sentence or paragraphs / 进展情况（总结用）'),
      numbering: numbering().optional().describe("How this item's sub-items are labelled / 下级条目编号方式"),
      get items() {
        return z.array(Item).optional().describe('Sub-items, at most four levels in all / 下级条目（最多四级）');
      },
    }).describe('An item with a title, text, owner, deadline, figures or sub-items / 条目'),
  ])
  .meta({
    id: 'Item',
    description: 'An item: plain text, or a mapping with title, text, owner, due, figures and sub-items / 条目',
  });

function itemList(what: string) {
  return z.array(Item).describe(what);
}

function itemTreeSection(description: string) {
  return z
    .union([
      itemList('The items, numbered （一） 1. （1） ① / 条目列表'),
      strict({
        heading: heading(),
        intro: intro(),
        numbering: numbering().optional(),
        items: itemList('The items / 条目列表'),
      }).describe('Full form: heading, intro, numbering and items / 完整形式'),
    ])
    .describe(description);
}

export const GoalItem = z.union([
  z.string().describe('A goal in words / 目标表述'),
  strict({
    text: nonEmpty().describe('The goal in words / 目标表述'),
    ...figureFields(),
  }).describe('A goal with figures; change and completion rates are computed / 带数值的目标'),
]);

export const Indicator = strict({
  name: nonEmpty().describe('Indicator name / 指标名称'),
  unit: z.string().optional().describe('Unit of measure / 计量单位'),
  baseline: figure().optional().describe('Starting value / 基数'),
  target: figure().describe('Target: a number, or text such as "≥95%" / 目标值'),
  actual: figure().optional().describe('Result achieved; gives a completion rate / 实际完成值'),
  owner: z.string().optional().describe('Lead unit / 牵头单位'),
  due: due().optional().describe('Deadline: YYYY-MM-DD, YYYY-MM or text / 完成时限'),
  text: text()
    .optional()
    .describe('What was done or is planned for this indicator, after the table / 指标说明（表格之后）'),
  items: z
    .array(Item)
    .optional()
    .describe('Work done or planned for this indicator, after the table / 指标相关工作（表格之后）'),
}).describe('One row of the indicator table / 指标表的一行');

const month = () =>
  z.union([
    z.number().int().min(1).max(12),
    z
      .string()
      .regex(DATE_LIKE, { message: 'expected a month: 1–12, YYYY-MM or YYYY-MM-DD', abort: true })
      .refine(isCalendarDate, 'not a real calendar date or month'),
  ]);

/** A stage's start and end as comparable [year, month, day]; a bare month number has no year (0). */
function stageBound(value: number | string, end: boolean): number[] {
  if (typeof value === 'number') return [0, value, end ? 31 : 1];
  const [y, m, d] = value.split('-').map(Number);
  return [y, m, d ?? (end ? 31 : 1)];
}

export const Stage = strict({
  stage: nonEmpty().describe('Stage or milestone name / 阶段名称'),
  from: month().describe("Start: a month 1–12 of the plan's year, YYYY-MM or YYYY-MM-DD / 开始时间"),
  to: month().optional().describe('End: a month 1–12, YYYY-MM or YYYY-MM-DD / 结束时间'),
  work: text().optional().describe('Work in this stage / 主要工作'),
  owner: z.string().optional().describe('Lead unit or person / 牵头单位或责任人'),
})
  .superRefine((stage, ctx) => {
    // Two month numbers are compared by the plan (stageMonthOrder): an academic year runs 9 … 6.
    if (stage.to === undefined || typeof stage.to !== typeof stage.from || typeof stage.to === 'number') return;
    const from = stageBound(stage.from, false);
    const to = stageBound(stage.to, true);
    const before = to[0] - from[0] || to[1] - from[1] || to[2] - from[2];
    if (before < 0)
      ctx.addIssue({
        code: 'custom',
        path: ['to'],
        message: `the stage ends (${stage.to}) before it starts (${stage.from})`,
      });
  })
  .describe('A stage of the schedule / 进度安排的一个阶段');

const level = () => z.enum(['low', 'medium', 'high']);

const yearMonth = () => z.string().regex(/^\d{4}-(0?[1-9]|1[0-2])$/, 'expected a month as YYYY-MM, e.g. 2026-09');

export const Risk = strict({
  risk: nonEmpty().describe('What could go wrong / 风险描述'),
  likelihood: level().optional().describe('low, medium or high / 发生可能性：低、中、高'),
  impact: level().optional().describe('low, medium or high / 影响程度：低、中、高'),
  response: z.string().optional().describe('How it is prevented or handled / 应对措施'),
  owner: z.string().optional().describe('Who watches it / 责任人'),
}).describe('One row of the risk register / 风险登记表的一行');

export const STANDARD_SECTIONS = [
  'preface',
  'guidance',
  'goals',
  'indicators',
  'results',
  'tasks',
  'measures',
  'schedule',
  'risks',
] as const;
export type StandardSection = (typeof STANDARD_SECTIONS)[number];

export const CustomSection = strict({
  heading: nonEmpty().describe('Section heading / 部分标题'),
  text: text().optional().describe('Paragraphs of the section / 正文段落'),
  numbering: numbering().optional(),
  items: z.array(Item).optional().describe('Numbered items / 条目列表'),
  after: z
    .enum([...STANDARD_SECTIONS, 'start'])
    .optional()
    .describe('Place after this standard section (default: at the end) / 位于哪一部分之后（默认在最后）'),
}).describe('A section of your own / 自定义部分');

export const Attachment = z
  .union([
    z.string().describe('Title of an attachment filed separately / 附件名称'),
    strict({
      title: nonEmpty().describe('Attachment title / 附件标题'),
      text: text().optional().describe('Attachment body / 附件正文'),
      items: z.array(Item).optional().describe('Numbered items of the attachment / 附件条目'),
    }).describe('An attachment printed on its own pages / 附件（另起页）'),
  ])
  .describe('An attachment / 附件');

const ruleLevel = () => z.enum(['off', 'info', 'warning', 'error']);

/** `lint:` in a spec or in plangen.config.yaml: a rule's id → off, info, warning or error. */
export const LintLevels = strict(
  Object.fromEntries(
    RULE_IDS.map((id) => [id, ruleLevel().optional().describe(`Level of the ${id} rule / 规则级别`)]),
  ) as Record<(typeof RULE_IDS)[number], z.ZodOptional<ReturnType<typeof ruleLevel>>>,
).describe('Lint rules switched off or re-graded: off, info, warning, error / 检查规则的开关与级别');

/** 发文字号: 机关代字〔年份〕序号 — the year in hexagonal brackets 〔〕 (GB/T 9704 7.2.5), the number without leading zeros. */
export const DocumentNumber = z
  .string()
  .trim()
  .superRefine((s, ctx) => {
    const wrong = /[[(（【［<《]\s*(\d{4})\s*[\])）】］>》]/.exec(s);
    if (wrong) {
      const fixed = s.replace(wrong[0], `〔${wrong[1]}〕`);
      ctx.addIssue({
        code: 'custom',
        message: `the year of a document number goes in hexagonal brackets 〔〕 (U+3014, U+3015), not ${wrong[0].replace(/\d+/, '')}; write ${fixed}`,
      });
      return;
    }
    if (!/^\S+〔\d{4}〕\d+号$/.test(s)) {
      ctx.addIssue({
        code: 'custom',
        message: 'expected a document number as 机关代字〔年份〕序号号, e.g. 南科发〔2026〕3号',
      });
      return;
    }
    if (/〕0\d/.test(s))
      ctx.addIssue({ code: 'custom', message: `no leading zero in the serial number: ${s.replace(/〕0+/, '〕')}` });
  });

export const Notice = strict({
  issuer: nonEmpty()
    .optional()
    .describe(
      'Issuing-body mark printed in red at the top (default: org + 文件) / 发文机关标志（默认“发文机关+文件”）',
    ),
  number: DocumentNumber.optional().describe(
    'Document number with 〔〕 around the year, e.g. 南科发〔2026〕3号 / 发文字号',
  ),
  signer: nonEmpty()
    .optional()
    .describe('Signing officer, for a document sent up to a higher body (上行文) / 签发人（上行文）'),
  title: nonEmpty()
    .optional()
    .describe('Title of the notice (default: org + 关于印发《title》的通知) / 通知标题（默认由计划标题生成）'),
  to: nonEmpty().optional().describe('Main recipients / 主送机关'),
  text: text()
    .optional()
    .describe('Text of the notice (default: a sentence issuing the plan) / 通知正文（默认由计划标题生成）'),
  cc: z.array(nonEmpty()).optional().describe('Bodies sent a copy / 抄送机关'),
  printed: strict({
    by: nonEmpty().optional().describe('Office that prints and sends the document (default: org) / 印发机关'),
    date: IsoDate.optional().describe('Date printed, YYYY-MM-DD (default: the date written) / 印发日期'),
  })
    .optional()
    .describe('Printing office and date, the last line of the 版记 / 印发机关和印发日期'),
  urgency: z.enum(['特急', '加急']).optional().describe('Urgency: 特急 or 加急 / 紧急程度'),
  secrecy: z
    .string()
    .regex(/^(绝密|机密|秘密)(★\S+)?$/, 'expected 绝密, 机密 or 秘密, optionally with a term: 秘密★1年')
    .optional()
    .describe('Secrecy level and term, e.g. 秘密★1年 / 密级和保密期限'),
  copy: z
    .union([z.number().int().min(1).max(999999), z.string().regex(/^\d{1,6}$/, 'expected up to six digits')])
    .optional()
    .describe('Copy number, printed with six digits / 份号'),
}).describe(
  'Issue the plan as an official notice (GB/T 9704): red header, number, recipients, then the plan; the 版记 on the last page / 以印发通知形式发文',
);

/** `review:` — what the year-end review says in place of the plan's title, date, opening and closing. */
export const Review = strict({
  title: nonEmpty()
    .optional()
    .describe("Title of the review (default: derived from the plan's, 工作计划 → 工作总结) / 总结标题"),
  subtitle: z.string().optional().describe('Subtitle of the review / 副标题'),
  date: IsoDate.optional().describe('Date the review was written, YYYY-MM-DD / 总结成文日期'),
  preface: text().optional().describe('Opening paragraphs of the review / 总结开头段落'),
  closing: text().optional().describe('Closing paragraphs of the review / 总结结束语'),
}).describe('The year-end review of this plan (built with kind: review or --review) / 年终总结');

export const PlanSpecSchema = strict({
  kind: z
    .enum(['plan', 'review'])
    .optional()
    .describe('plan (default) or review: the year-end review of the same plan / 文种：计划（默认）或总结'),
  title: nonEmpty().describe('Document title / 标题'),
  subtitle: z.string().optional().describe('Subtitle under the title / 副标题'),
  org: z.string().optional().describe('Issuing body; also the default signature / 发文机关（默认落款）'),
  year: z.number().int().min(1900).max(2999).optional().describe('The year the plan covers / 计划年度'),
  date: IsoDate.optional().describe('Date written, YYYY-MM-DD / 成文日期'),
  lang: z.enum(LANGS).optional().describe('Language of headings, labels and dates (default zh-CN) / 语言'),
  style: z
    .string()
    .refine((s) => (STYLES as readonly string[]).includes(s) || STYLE_FILE.test(s), {
      message: 'use official, business, a style file (house.yaml) or a reference Word file (house.docx)',
    })
    .optional()
    .describe(
      'Layout: official (GB/T 9704, default for zh-CN), business (default for en), a style file (./house.yaml) or a reference Word file (./house.docx), relative to the plan / 版式：公文、商务、样式文件或参考 Word 文件',
    ),
  template: nonEmpty()
    .optional()
    .describe('A folder of your own templates (.hbs), relative to the plan / 自定义模板文件夹（相对于本文件）'),
  draft: z
    .union([z.boolean(), nonEmpty()])
    .optional()
    .describe('A diagonal draft mark on every page: true (征求意见稿 / DRAFT) or your own text / 草稿水印'),
  preface: text().optional().describe('Opening paragraphs before the first section / 开头段落'),
  guidance: z
    .union([
      text().describe('The guiding principles in paragraphs / 指导思想段落'),
      strict({ heading: heading(), text: text().describe('Paragraphs / 段落') }).describe(
        'Full form with its own heading / 完整形式',
      ),
    ])
    .optional()
    .describe('Guiding principles (指导思想) / 指导思想'),
  goals: z
    .union([
      z.array(GoalItem).describe('The goals / 目标列表'),
      strict({
        heading: heading(),
        intro: intro(),
        numbering: numbering().optional(),
        items: z.array(GoalItem).describe('The goals / 目标列表'),
      }).describe('Full form: heading, intro, numbering and goals / 完整形式'),
    ])
    .optional()
    .describe('Goals, numbered 1. 2. 3.; figures optional / 工作目标'),
  indicators: z
    .union([
      z.array(Indicator).describe('The indicator rows / 指标行'),
      strict({
        heading: heading(),
        intro: intro(),
        rows: z.array(Indicator).describe('The indicator rows / 指标行'),
      }).describe('Full form: heading, intro and rows / 完整形式'),
    ])
    .optional()
    .describe('Indicator table with targets, results and completion rates / 主要指标表'),
  results: itemTreeSection('Work completed and results achieved (for a review) / 工作完成情况').optional(),
  tasks: itemTreeSection('Key tasks and how they are carried out / 工作重点及措施').optional(),
  measures: itemTreeSection('Safeguards: organisation, funding, supervision / 保障措施').optional(),
  schedule: z
    .union([
      z.array(Stage).describe('The stages / 阶段列表'),
      strict({
        heading: heading(),
        intro: intro(),
        gantt: z
          .boolean()
          .optional()
          .describe('Draw the stages as a Gantt table: one column per month, shaded / 以甘特表呈现（按月涂色）'),
        stages: z.array(Stage).describe('The stages / 阶段列表'),
      }).describe('Full form: heading, intro, gantt and stages / 完整形式'),
    ])
    .optional()
    .describe('Schedule or milestones, as a table / 进度安排'),
  risks: z
    .union([
      z.array(Risk).describe('The risks / 风险列表'),
      strict({ heading: heading(), intro: intro(), rows: z.array(Risk).describe('The risks / 风险列表') }).describe(
        'Full form: heading, intro and rows / 完整形式',
      ),
    ])
    .optional()
    .describe('Risk register: likelihood, impact, response, owner / 主要风险及应对'),
  sections: z
    .array(CustomSection)
    .optional()
    .describe('Sections of your own, placed among the standard ones with `after` / 自定义部分'),
  closing: text().optional().describe('Closing paragraphs after the last section / 结束语'),
  signature: strict({
    org: z.string().optional().describe('Issuing body as signed (default: org) / 落款单位'),
    date: IsoDate.optional().describe('Date under the signature (default: date), YYYY-MM-DD / 落款日期'),
  })
    .optional()
    .describe('Signature block / 落款'),
  attachments: z
    .array(Attachment)
    .optional()
    .describe('Attachments, listed after the body and printed on their own pages / 附件'),
  lint: LintLevels.optional(),
  period: strict({
    from: yearMonth().describe('First month, YYYY-MM / 起始月份'),
    to: yearMonth().describe('Last month, YYYY-MM / 结束月份'),
  })
    .optional()
    .describe(
      'The months the plan covers when not the calendar `year` (an academic year) / 计划期（非自然年时，如学年）',
    ),
  notice: Notice.optional(),
  review: Review.optional(),
  responsibilities: z
    .union([
      z.boolean(),
      strict({
        heading: heading(),
        as: z
          .enum(['section', 'attachment'])
          .optional()
          .describe('The last section (default) or an attachment / 作为最后一部分（默认）或附件'),
      }),
    ])
    .optional()
    .describe(
      "A table of the tasks' owners, supporting units and deadlines (责任分工), from the tasks that have an owner or a due date / 责任分工表",
    ),
})
  .superRefine(noticeNeeds)
  .superRefine(responsibilitiesNeedTasks)
  .superRefine(stageMonthOrder);

/**
 * A stage given as two month numbers ends before it starts when its end comes first in the plan's
 * months: January … December, or in a `period` across a new year (2026-09 … 2027-06) the months from
 * the period's first on, so `from: 11, to: 4` is November to April and `from: 4, to: 11` is wrong.
 */
function stageMonthOrder(
  spec: {
    schedule?: Array<z.output<typeof Stage>> | { stages: Array<z.output<typeof Stage>> };
    period?: { from: string; to: string };
  },
  ctx: z.RefinementCtx,
) {
  if (!spec.schedule) return;
  const [stages, path] = Array.isArray(spec.schedule)
    ? [spec.schedule, ['schedule']]
    : [spec.schedule.stages, ['schedule', 'stages']];
  const [fromYear, fromMonth] = (spec.period?.from ?? '').split('-').map(Number);
  const crossesYear = spec.period !== undefined && Number(spec.period.to.split('-')[0]) > fromYear;
  const place = (month: number) => (crossesYear && month < fromMonth ? month + 12 : month);
  stages.forEach((stage, i) => {
    if (typeof stage.from !== 'number' || typeof stage.to !== 'number') return;
    if (place(stage.to) < place(stage.from))
      ctx.addIssue({
        code: 'custom',
        path: [...path, i, 'to'],
        message:
          `the stage ends (${stage.to}) before it starts (${stage.from})` +
          (spec.period ? ` in the plan's period ${spec.period.from} – ${spec.period.to}` : ' within the year') +
          (crossesYear ? '' : '; for a stage across a new year, give the months as YYYY-MM or set `period`'),
      });
  });
}

/** A responsibility table lists tasks with an owner or a deadline: asked for without any, it would be empty. */
function responsibilitiesNeedTasks(
  spec: { responsibilities?: unknown; tasks?: Array<string | ItemSpec> | { items: Array<string | ItemSpec> } },
  ctx: z.RefinementCtx,
) {
  if (!spec.responsibilities) return;
  const tasks = spec.tasks === undefined ? [] : Array.isArray(spec.tasks) ? spec.tasks : spec.tasks.items;
  if (assignedTasks(tasks).length === 0)
    ctx.addIssue({
      code: 'custom',
      path: ['responsibilities'],
      message: 'no task has an owner or a due date to list: give tasks `owner:` / `due:`, or remove responsibilities',
    });
}

/** What a notice takes from the rest of the plan: the issuing body and the date, in Chinese. */
function noticeNeeds(spec: { notice?: unknown; org?: string; date?: string; lang?: string }, ctx: z.RefinementCtx) {
  const notice = spec.notice as z.output<typeof Notice> | undefined;
  if (!notice) return;
  const at = (message: string) => ctx.addIssue({ code: 'custom', path: ['notice'], message });
  if (spec.lang === 'en') at('a notice follows the Chinese standard GB/T 9704; remove it or set lang: zh-CN');
  if (!notice.issuer && !spec.org) at('a notice needs its issuing body: set org (or notice.issuer)');
  if (!spec.date) at('a notice needs the date it was written (成文日期): set date, e.g. date: 2026-02-10');
}

export type PlanSpec = z.output<typeof PlanSpecSchema>;

/**
 * The spec as JSON Schema, for editors (yaml-language-server) and other validators. Draft-07: the
 * version VS Code's YAML extension fully supports. Input side: what the user writes, before transforms.
 */
export function planJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(PlanSpecSchema, { io: 'input', target: 'draft-7' }) as Record<string, unknown>;
  return {
    $schema: schema.$schema,
    title: 'plangen plan',
    description:
      'A work plan for plangen: YAML in, a Word document (GB/T 9704 or business layout) and Markdown out / plangen 工作计划',
    ...schema,
    // validateSpec ignores top-level x- keys (anchors for blocks shared with YAML merge keys); so must editors.
    patternProperties: {
      '^x-': {
        description:
          'Your own key, ignored by plangen, e.g. an anchor for shared blocks / 自定义键（plangen 忽略），如共用内容的锚点',
      },
    },
  };
}
