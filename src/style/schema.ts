/*
 * A style profile written as data (house.yaml): what offices' local rules change, in the units those
 * rules use. Every field is optional: a file starts from a built-in profile (`extends`) and says only
 * what differs. Objects are strict, so a typo is a located error naming the nearest known key.
 */
import { z } from 'zod';
import { strict } from '../spec/strict.js';
import { CHINESE_SIZES } from './units.js';

const LENGTH_TEXT = /^-?\d+(\.\d+)?\s*(mm|cm|in|pt|tw|ch)?$/;
const Length = z
  .union([z.number(), z.string().regex(LENGTH_TEXT, 'expected a length such as 37mm, 2.5cm, 16pt or 2ch')])
  .describe('A length: 37mm, 2.5cm, 1in, 16pt, 2ch (body characters) or a number of twips / 长度');
const PositiveLength = Length.refine((v) => (typeof v === 'number' ? v : parseFloat(v)) >= 0, 'must not be negative');
const Size = z
  .union([
    z.number().positive(),
    z
      .string()
      .refine(
        (s) => s.trim() in CHINESE_SIZES || /^\d+(\.\d+)?\s*(pt)?$/.test(s.trim()),
        `expected a size such as 16pt or a 字号: ${Object.keys(CHINESE_SIZES).join(' ')}`,
      ),
  ])
  .describe('Font size: 16pt, 16 or a 字号 such as 三号 / 字号');
const Color = z
  .string()
  .regex(/^[0-9A-Fa-f]{6}$/, 'expected a colour as six hex digits, e.g. 1F4E79')
  .describe('Colour as RRGGBB / 颜色');

export const FontData = strict({
  eastAsia: z.string().min(1).optional().describe('Font for Chinese characters, e.g. 仿宋_GB2312 / 中文字体'),
  latin: z.string().min(1).optional().describe('Font for Latin letters and digits / 西文字体'),
});

const textFields = {
  font: FontData.optional(),
  size: Size.optional(),
  bold: z.boolean().optional(),
  italic: z.boolean().optional(),
  color: Color.optional(),
};
export const TextData = strict(textFields);
export const ParagraphData = strict({
  ...textFields,
  align: z.enum(['left', 'center', 'right', 'both']).optional().describe('Alignment; both = justified / 对齐'),
  firstLine: Length.optional().describe('First-line indent, e.g. 2ch / 首行缩进'),
  before: PositiveLength.optional().describe('Space before / 段前'),
  after: PositiveLength.optional().describe('Space after / 段后'),
  keepNext: z.boolean().optional().describe('Keep with the next paragraph / 与下段同页'),
});

export const PAGE_NUMBER_POSITIONS = ['outside', 'center', 'left', 'right'] as const;

export const StyleDataSchema = strict({
  extends: z
    .enum(['official', 'business'])
    .optional()
    .describe('The built-in profile this one changes (default official) / 基于哪个内置版式'),
  page: strict({
    width: PositiveLength.optional(),
    height: PositiveLength.optional(),
    margins: strict({
      top: PositiveLength.optional(),
      bottom: PositiveLength.optional(),
      left: PositiveLength.optional(),
      right: PositiveLength.optional(),
    }).optional(),
    footer: PositiveLength.optional().describe('Distance from the bottom edge to the page number / 页脚距边界'),
  }).optional(),
  linesPerPage: z
    .number()
    .int()
    .min(1)
    .max(100)
    .optional()
    .describe('Lines in the type area; sets an exact line pitch / 每页行数'),
  lineSpacing: z
    .union([
      z.number().positive().max(10).describe('A multiple of single spacing, e.g. 1.15 / 倍数'),
      z.string().regex(LENGTH_TEXT, 'expected an exact pitch such as 28.95pt, or a multiple such as 1.15'),
    ])
    .optional()
    .describe('Exact line pitch (28.95pt) or a multiple (1.15); instead of linesPerPage / 行距'),
  charsPerLine: z
    .number()
    .int()
    .min(1)
    .max(200)
    .optional()
    .describe('Full-width characters per line; sets the letter spacing / 每行字数'),
  letterSpacing: Length.optional().describe(
    'Extra space between letters, e.g. -0.3pt; instead of charsPerLine / 字间距',
  ),
  grid: z
    .enum(['none', 'lines', 'linesAndChars'])
    .optional()
    .describe('Word document grid (linesAndChars doubles CJK cells in LibreOffice) / 文档网格'),
  body: ParagraphData.optional(),
  title: ParagraphData.optional(),
  subtitle: ParagraphData.optional(),
  headings: z
    .array(ParagraphData)
    .max(5)
    .optional()
    .describe('Heading looks by level: 一、, （一）, 1., （1）… / 各级标题'),
  leads: z.array(TextData).max(5).optional().describe('Run-in titles by level / 段首标题'),
  table: strict({ size: Size.optional(), headerBold: z.boolean().optional() }).optional(),
  pageNumber: strict({
    format: z
      .string()
      .refine((s) => s.includes('{page}'), 'must contain {page}, e.g. "— {page} —"')
      .optional()
      .describe('Text around the number: "— {page} —", "{page}", "第{page}页" / 页码格式'),
    position: z
      .enum(PAGE_NUMBER_POSITIONS)
      .optional()
      .describe('outside (odd right, even left), center, left or right / 页码位置'),
    edgeIndent: PositiveLength.optional().describe('Distance in from the edge for outside/left/right / 距边'),
    font: FontData.optional(),
    size: Size.optional(),
  }).optional(),
  annex: TextData.optional().describe('The 附件1 label / 附件标识'),
  fontFallbacks: z
    .record(z.string(), z.string())
    .optional()
    .describe('Font → the font a reader should use when it is missing / 字体替代'),
}).superRefine((data, ctx) => {
  if (data.linesPerPage !== undefined && data.lineSpacing !== undefined)
    ctx.addIssue({ code: 'custom', path: ['lineSpacing'], message: 'give linesPerPage or lineSpacing, not both' });
  if (data.charsPerLine !== undefined && data.letterSpacing !== undefined)
    ctx.addIssue({ code: 'custom', path: ['letterSpacing'], message: 'give charsPerLine or letterSpacing, not both' });
});

export type StyleData = z.input<typeof StyleDataSchema>;
