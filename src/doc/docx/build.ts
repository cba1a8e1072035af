import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  HeadingLevel,
  LineRuleType,
  PageNumber,
  Paragraph,
  Table,
  TableLayoutType,
  TextRun,
  VerticalAlign,
  WidthType,
  type IPropertiesOptions,
  type IStylesOptions,
} from 'docx';
import type { Nodes, PhrasingContent, Root, RootContent, Table as MdTable } from 'mdast';
import type { Lang } from '../../core/types.js';
import { Directive } from '../directives.js';
import {
  paragraph,
  run,
  toDocx,
  type BlockSpec,
  type InlineSpec,
  type ParagraphSpec,
  type RunSpec,
  type TableSpec,
} from './blocks.js';
import { draftHeaders } from './draft.js';
import { addressee, noticeHead, noticeRecordChildren, noticeRecordFrame } from './notice.js';
import { houseFooters } from './page-number.js';
import { cellShading, isMarkColumn } from './gantt-cell.js';
import { pageSetup, type ParagraphLook, type StyleProfile, type TextStyle } from './profile.js';

export interface DocxMeta {
  title: string;
  lang: Lang;
  /** Author shown in the file's properties (the issuing body). */
  creator: string;
  /** A review copy: this text as a diagonal watermark on every page (draft.ts). */
  draft?: string;
}

const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
  both: AlignmentType.BOTH,
} as const;
const HEADINGS = [
  HeadingLevel.HEADING_1,
  HeadingLevel.HEADING_2,
  HeadingLevel.HEADING_3,
  HeadingLevel.HEADING_4,
  HeadingLevel.HEADING_5,
] as const;

/** Width of text in body characters: full-width characters count 1, half-width `half` (0.5 for digits). */
export function textWidth(text: string, half = 0.5): number {
  let width = 0;
  for (const ch of text) width += /[\u0000-\u00FF\u2000-\u206F\uFF61-\uFF9F]/.test(ch) ? half : 1;
  return width;
}

const CELL_MARGINS = 160;

/**
 * Word processors put a little space between CJK characters and digits or Latin letters (LibreOffice: a
 * 0.22 of the font size, measured; it ignores w:autoSpaceDE/DN). Widths that decide a position count it.
 */
const AUTO_SPACE = 0.22;
export function autoSpaces(text: string): number {
  // A lookahead, so 6年3 counts both of its boundaries.
  return text.match(/(?=[\u3400-\u9FFF][0-9A-Za-z]|[0-9A-Za-z%][\u3400-\u9FFF])/g)?.length ?? 0;
}

/** Punctuation whose width depends on the font slot: “ ” ‘ ’ … — and the 2-em dash ⸺. */
const AMBIGUOUS_PUNCTUATION = /[\u2018\u2019\u201C\u201D\u2026\u2014\u2E3A]/;

/**
 * The pieces of a cell that must not break across lines: an English word, a number, a date
 * (2026年12月31日), a short CJK name (高新技术股, up to six characters). Longer CJK text may break
 * anywhere, so its unbreakable piece is two characters.
 */
export function unbreakablePieces(text: string): string[] {
  const pieces: string[] = [];
  for (const token of text.split(/\s+/).filter(Boolean)) {
    const cjk = /[\u2E80-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF\u3000-\u303F]/.test(token);
    if (!cjk || textWidth(token) <= 6) {
      pieces.push(token);
      continue;
    }
    // Dates, numbers with their unit and Latin words inside longer CJK text stay whole; the rest by twos.
    for (const m of token.matchAll(
      /\d{4}年\d{1,2}月(?:\d{1,2}日)?|[0-9A-Za-z.,%\u2212+-]+[年月日个项家件%]?|[^0-9A-Za-z]{1,2}/g,
    ))
      pieces.push(m[0]);
  }
  return pieces;
}

/**
 * Column widths in twips that sum to the table width. Each column wants its natural width (its longest
 * line, the header in bold) and never gets less than its longest unbreakable piece. When the natural
 * widths do not fit, the widest columns give up room first (a cap that only they reach), so the label
 * column (指标, Risk, 主要工作) wraps while 单位, 完成时限 or Owner keep their words whole.
 */
export function columnWidths(rows: string[][], total: number, em: number): number[] {
  const columns = Math.max(...rows.map((r) => r.length));
  // Latin text at 0.6 em allows for wide fallback fonts (DejaVu Sans where Calibri is missing); bold headers 10% more.
  const pad = CELL_MARGINS + em / 2;
  // Digits are half an em in Times New Roman and Calibri; other Latin text is counted wider (0.6 em).
  const measure = (text: string, header: boolean) =>
    Math.ceil(
      (textWidth(text, 0.6) - 0.1 * (text.match(/\d/g)?.length ?? 0) + AUTO_SPACE * autoSpaces(text)) *
        em *
        (header ? 1.1 : 1),
    );
  const natural = Array.from({ length: columns }, (_, c) => {
    // A Gantt month's marks need no slack for fallback fonts; its header (May, 12) keeps it.
    const marks = isMarkColumn(rows.slice(1).map((r) => r[c] ?? ''));
    return Math.max(
      ...rows.map((r, i) => measure(r[c] ?? '', i === 0) + (marks && i > 0 ? CELL_MARGINS + em / 8 : pad)),
    );
  });
  // A minimum needs only the cell margins (80 + 80) and a little for rounding, not the natural width's slack.
  const minimum = Array.from(
    { length: columns },
    (_, c) =>
      Math.max(0, ...rows.flatMap((r, i) => unbreakablePieces(r[c] ?? '').map((piece) => measure(piece, i === 0)))) +
      CELL_MARGINS +
      40,
  );
  // The label column (the widest) keeps at least four characters a line, so it wraps into lines, not a column of pairs.
  const label = natural.indexOf(Math.max(...natural));
  minimum[label] = Math.max(minimum[label], Math.min(natural[label], 4 * em + CELL_MARGINS + 40));
  const sum = (ws: number[]) => ws.reduce((a, b) => a + b, 0);
  let widths: number[];
  if (sum(natural) <= total) {
    widths = natural.map((w) => Math.floor(w + ((total - sum(natural)) * w) / sum(natural)));
  } else if (sum(minimum) >= total) {
    widths = minimum.map((w) => Math.floor((w * total) / sum(minimum)));
  } else {
    // The cap where max(minimum, min(natural, cap)) sums to the table width, found by bisection.
    const at = (cap: number) => natural.map((w, c) => Math.max(minimum[c], Math.min(w, cap)));
    let [low, high] = [0, Math.max(...natural)];
    for (let i = 0; i < 40; i++) {
      const mid = (low + high) / 2;
      if (sum(at(mid)) > total) high = mid;
      else low = mid;
    }
    widths = at(low).map(Math.floor);
  }
  // The grid sums exactly to the table width: the rounding goes to the widest column.
  const widest = widths.indexOf(Math.max(...widths));
  widths[widest] += total - sum(widths);
  return widths;
}

/** The attachment note and the signature close the body: the paragraph before them keeps with them. */
function closesBody(node: RootContent | undefined): boolean {
  return (
    node?.type === 'containerDirective' && (node.name === Directive.signature || node.name === Directive.attachments)
  );
}

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

/** The document tree → a `docx` Document laid out by a style profile: the reference for the fast path. */
export function buildDocxDocument(tree: Root, profile: StyleProfile, meta: DocxMeta): Document {
  return referenceDocument(layoutDocx(tree, profile, meta));
}

/** A laid-out document as the `docx` package's objects. */
export function referenceDocument({ frame, core, sections }: DocxLayout): Document {
  return new Document(
    documentOptions(
      frame,
      core,
      sections.map((blocks) => blocks.map(toDocx)),
    ),
  );
}

/**
 * What everything in the package but the body (document.xml) and core.xml is built from: styles,
 * theme, settings, fonts, headers, footers, the sections' number and properties. pack.ts compiles those
 * parts once per distinct value of these inputs (its frame cache, keyed by their JSON), so anything that
 * changes them must be one of these fields: docxFrame sees nothing else.
 */
export interface DocxFrameInputs {
  profile: StyleProfile;
  draft?: string;
  /** The notice's 版记 is a section of its own. */
  noticeRecord: boolean;
}

/** The Document's options without the body or the core properties, built from the frame inputs alone. */
function docxFrame({ profile, draft, noticeRecord }: DocxFrameInputs) {
  return {
    styles: styles(profile),
    evenAndOddHeaderAndFooters: profile.footer.kind === 'official',
    sections: [
      {
        properties: {
          page: pageSetup(profile),
          ...(profile.grid && { grid: profile.grid }),
        },
        ...(draft && { headers: draftHeaders(draft, profile) }),
        footers: houseFooters(profile) ?? footers(profile),
      },
      ...(noticeRecord ? [noticeRecordFrame(profile)] : []),
    ],
  };
}

/** A document laid out: what its frame is built from, its core properties, and each section's blocks. */
export interface DocxLayout {
  frame: DocxFrameInputs;
  core: DocxCore;
  sections: BlockSpec[][];
}

/** What core.xml holds besides the dates. */
export interface DocxCore {
  title: string;
  creator: string;
}

/** The document tree laid out by a style profile. */
export function layoutDocx(tree: Root, profile: StyleProfile, meta: DocxMeta): DocxLayout {
  const builder = new BlockBuilder(profile, meta.lang);
  const children = builder.blocks(tree.children);
  const record = noticeRecordChildren(tree, profile);
  return {
    frame: { profile, draft: meta.draft, noticeRecord: record !== undefined },
    core: { title: meta.title, creator: meta.creator },
    sections: [children.length ? children : [paragraph({})], ...(record ? [record] : [])],
  };
}

/** The `docx` Document's options: the frame's, the core properties, and each section's children. */
export function documentOptions(
  frame: DocxFrameInputs,
  core: DocxCore,
  sections: Array<Array<Paragraph | Table>>,
): IPropertiesOptions {
  const { sections: frameSections, ...rest } = docxFrame(frame);
  return {
    title: core.title,
    creator: core.creator,
    lastModifiedBy: core.creator,
    revision: 1,
    ...rest,
    sections: frameSections.map((section, i) => ({ ...section, children: sections[i] })),
  };
}

function font(style: TextStyle) {
  return { ascii: style.font.latin, hAnsi: style.font.latin, cs: style.font.latin, eastAsia: style.font.eastAsia };
}

function runLook(style: TextStyle, profile: StyleProfile) {
  return {
    font: font(style),
    size: style.size,
    sizeComplexScript: style.size,
    bold: style.bold,
    italics: style.italic,
    color: style.color,
    characterSpacing: profile.characterSpacing,
  };
}

function spacing(profile: StyleProfile, look: Pick<ParagraphLook, 'before' | 'after'>) {
  const line =
    'exact' in profile.line
      ? { line: profile.line.exact, lineRule: LineRuleType.EXACT }
      : { line: profile.line.auto, lineRule: LineRuleType.AUTO };
  return { ...line, before: look.before ?? 0, after: look.after ?? 0 };
}

function paragraphLook(look: ParagraphLook, profile: StyleProfile) {
  return {
    alignment: look.align ? ALIGN[look.align] : undefined,
    spacing: spacing(profile, look),
    indent: look.firstLine ? { firstLine: look.firstLine } : undefined,
    keepNext: look.keepNext,
  };
}

function styles(profile: StyleProfile): IStylesOptions {
  const heading = (i: number) => {
    const look = profile.headings[i];
    return {
      run: { ...runLook(look, profile), color: look.color ?? '000000' },
      paragraph: { ...paragraphLook(look, profile), outlineLevel: i },
    };
  };
  return {
    default: {
      document: {
        run: {
          ...runLook(profile.body, profile),
          // en-US: the dates are written the American way (January 10, 2026), so spelling and dates agree.
          language: { value: 'en-US', eastAsia: 'zh-CN' },
        },
        paragraph: { spacing: spacing(profile, {}) },
      },
      title: {
        run: { ...runLook(profile.title, profile), color: profile.title.color ?? '000000' },
        paragraph: paragraphLook(profile.title, profile),
      },
      heading1: heading(0),
      heading2: heading(1),
      heading3: heading(2),
      heading4: heading(3),
      heading5: heading(4),
      hyperlink: { run: { color: '1F4E79', underline: {} } },
    },
    paragraphStyles: [
      {
        id: 'BodyText',
        name: 'Body Text',
        basedOn: 'Normal',
        quickFormat: true,
        run: runLook(profile.body, profile),
        paragraph: paragraphLook(profile.body, profile),
      },
      {
        id: 'Subtitle',
        name: 'Subtitle',
        basedOn: 'Normal',
        next: 'BodyText',
        run: runLook(profile.subtitle, profile),
        paragraph: paragraphLook(profile.subtitle, profile),
      },
      {
        id: 'TableText',
        name: 'Table Text',
        basedOn: 'Normal',
        run: { size: profile.table.size, sizeComplexScript: profile.table.size },
        paragraph: { spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 } },
      },
    ],
  };
}

function footers(profile: StyleProfile) {
  const look = runLook(profile.footer.style, profile);
  const pageRun = (text: string[]) =>
    new TextRun({
      ...look,
      // The dashes of `— 1 —` are East Asian (full-width) in an official footer.
      font: profile.footer.kind === 'official' ? { ...look.font, hint: 'eastAsia' } : look.font,
      characterSpacing: undefined,
      children: text,
    });
  if (profile.footer.kind === 'centered') {
    return {
      default: new Footer({
        children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [pageRun([PageNumber.CURRENT])] })],
      }),
    };
  }
  // GB/T 9704: `— 1 —`, odd pages at the right and even pages at the left, one character in from the edge.
  const pageNumber = (side: 'left' | 'right') =>
    new Footer({
      children: [
        new Paragraph({
          alignment: side === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
          indent: side === 'right' ? { right: profile.footer.edgeIndent } : { left: profile.footer.edgeIndent },
          spacing: { line: profile.footer.style.size * 10, lineRule: LineRuleType.EXACT, before: 0, after: 0 },
          children: [pageRun(['— ', PageNumber.CURRENT, ' —'])],
        }),
      ],
    });
  return { default: pageNumber('right'), even: pageNumber('left') };
}

interface InlineLook {
  bold?: boolean;
  italic?: boolean;
  code?: boolean;
  style?: TextStyle;
}

class BlockBuilder {
  /** Set by ::pagebreak; the next paragraph starts a new page. */
  private breakBefore = false;
  /** Set by ::annex (附件1 on line 1): the attachment's title follows one blank line below, on line 3. */
  private afterAnnex = false;

  constructor(
    private readonly profile: StyleProfile,
    private readonly lang: DocxMeta['lang'],
  ) {}

  blocks(nodes: readonly RootContent[]): BlockSpec[] {
    return nodes.flatMap((node, i) => this.block(node, closesBody(nodes[i + 1])));
  }

  /** One line of the profile's grid in twips (a blank line). */
  private get lineHeight(): number {
    return 'exact' in this.profile.line ? this.profile.line.exact : 240;
  }

  /** Width of body text in twips, as set: full-width characters, Times New Roman digits and points, letter spacing. */
  private bodyWidth(text: string): number {
    const size = this.profile.body.size * 10;
    const spacing = this.profile.characterSpacing ?? 0;
    let width = 0;
    for (const ch of text) {
      const half = /[\u0000-\u00FF\u2000-\u206F\uFF61-\uFF9F]/.test(ch);
      width += (half ? (/[.,:;!'| ]/.test(ch) ? size / 4 : size / 2) : size) + spacing;
    }
    return Math.round(width + AUTO_SPACE * size * autoSpaces(text));
  }

  private paragraph({ children, ...options }: ParagraphSpec['options'] & { children?: InlineSpec[] }): ParagraphSpec {
    const pageBreakBefore = this.breakBefore || undefined;
    this.breakBefore = false;
    return paragraph({ ...options, pageBreakBefore }, children);
  }

  /** `keepNext`: the block precedes the signature, which must not stand alone on a page (GB/T 9704 7.3.5). */
  private block(node: RootContent, keepNext = false): BlockSpec[] {
    const p = this.profile;
    switch (node.type) {
      case 'heading':
        if (node.depth === 1) {
          const spacing = this.afterAnnex ? { before: this.lineHeight } : undefined;
          this.afterAnnex = false;
          return [this.paragraph({ heading: HeadingLevel.TITLE, spacing, children: this.inline(node.children) })];
        }
        return [
          this.paragraph({
            heading: HEADINGS[Math.min(node.depth - 2, HEADINGS.length - 1)],
            children: this.inline(node.children),
          }),
        ];
      case 'paragraph':
        return [
          this.paragraph({ style: 'BodyText', keepNext: keepNext || undefined, children: this.inline(node.children) }),
        ];
      case 'table':
        return [this.table(node)];
      case 'list':
        return node.children.flatMap((item, i) =>
          item.children.flatMap((child, j) =>
            child.type === 'paragraph'
              ? [
                  this.paragraph({
                    style: 'BodyText',
                    children: [
                      ...(j === 0 ? [run(node.ordered ? `${(node.start ?? 1) + i}. ` : '• ')] : []),
                      ...this.inline(child.children),
                    ],
                  }),
                ]
              : this.block(child),
          ),
        );
      case 'blockquote':
        return node.children.flatMap((child) =>
          child.type === 'paragraph'
            ? [
                this.paragraph({
                  style: 'BodyText',
                  indent: { left: p.charWidth * 2 },
                  children: this.inline(child.children),
                }),
              ]
            : this.block(child),
        );
      case 'code':
        return node.value
          .split('\n')
          .map((line) => this.paragraph({ children: [run({ text: line, font: 'Courier New' })] }));
      case 'html':
        return [this.paragraph({ style: 'BodyText', children: [run(node.value)] })];
      case 'thematicBreak':
        return [];
      case 'leafDirective':
        return this.leafDirective(node.name, node.children);
      case 'containerDirective':
        return this.containerDirective(node.name, node.children as RootContent[]);
      default:
        return [];
    }
  }

  private leafDirective(name: string, children: PhrasingContent[]): BlockSpec[] {
    const p = this.profile;
    switch (name) {
      case Directive.pagebreak:
        this.breakBefore = true;
        return [];
      case Directive.annex:
        this.afterAnnex = true;
        return [
          this.paragraph({
            style: 'BodyText',
            indent: { firstLine: 0 },
            keepNext: true,
            children: this.inline(children, { style: p.annex }),
          }),
        ];
      case Directive.addressee:
        return [addressee(children.map((c) => plainText(c)).join(''))];
      default:
        return children.length ? [this.paragraph({ style: 'BodyText', children: this.inline(children) })] : [];
    }
  }

  private containerDirective(name: string, children: RootContent[]): BlockSpec[] {
    switch (name) {
      case Directive.subtitle:
        return children.map((c) =>
          this.paragraph({ style: 'Subtitle', children: c.type === 'paragraph' ? this.inline(c.children) : [] }),
        );
      case Directive.signature:
        return this.signature(children);
      case Directive.attachments:
        return this.attachmentNote(children);
      case Directive.noticeHead:
        return noticeHead(children, this.profile);
      case Directive.noticeRecord:
        return []; // its own section, at the end: noticeRecordChildren
      default:
        return this.blocks(children);
    }
  }

  /**
   * GB/T 9704 7.3.5.2 (unsealed): one blank line after the body; the issuing body two characters from
   * the right margin; the date on the next line, its first character two characters right of the
   * body's first — unless the date is the longer, then the date sits two from the margin and the body
   * moves left to keep that offset. Widths in twips as set: digits are half-width, and the automatic
   * space word processors put between CJK and digits is counted (autoSpaces).
   * A business document signs plainly: left-aligned lines after a blank line.
   */
  private signature(children: RootContent[]): BlockSpec[] {
    const p = this.profile;
    const lines = children.filter(
      (c): c is Extract<RootContent, { type: 'leafDirective' }> => c.type === 'leafDirective',
    );
    const org = lines.find((l) => l.name === Directive.org);
    const date = lines.find((l) => l.name === Directive.date);
    const out: BlockSpec[] = [];
    if (p.footer.kind !== 'official') {
      for (const node of [org, date])
        if (node)
          out.push(
            this.paragraph({
              style: 'BodyText',
              alignment: AlignmentType.LEFT,
              indent: { firstLine: 0 },
              spacing: { before: out.length === 0 ? this.lineHeight : 0, after: 0 },
              keepNext: out.length === 0,
              children: this.inline(node.children),
            }),
          );
      return out;
    }
    const char = p.charWidth + (p.characterSpacing ?? 0);
    const orgWidth = org ? this.bodyWidth(plainText(org)) : 0;
    const dateWidth = date ? this.bodyWidth(plainText(date)) : 0;
    let orgRight = 2 * char;
    let dateRight = orgRight + orgWidth - 2 * char - dateWidth;
    if (!org) dateRight = 2 * char;
    else if (dateRight < 2 * char) {
      dateRight = 2 * char;
      orgRight = dateWidth + 4 * char - orgWidth;
    }
    const line = (node: typeof org, right: number) =>
      this.paragraph({
        alignment: AlignmentType.RIGHT,
        indent: { right: Math.round(right), firstLine: 0 },
        spacing: { before: out.length === 0 ? this.lineHeight : 0 },
        keepNext: out.length === 0,
        style: 'BodyText',
        children: this.inline(node!.children),
      });
    if (org) out.push(line(org, orgRight));
    if (date) out.push(line(date, dateRight));
    return out;
  }

  /**
   * 附件：1.… one blank line after the body, indented two characters. A name that wraps continues under
   * its own first character (after 附件： and 1.), not under the number: a hanging indent per line. The
   * automatic CJK–digit space is off, so the widths computed here are the widths set.
   */
  private attachmentNote(children: RootContent[]): BlockSpec[] {
    const p = this.profile;
    const paragraphs = children.filter((c): c is Extract<RootContent, { type: 'paragraph' }> => c.type === 'paragraph');
    const first = paragraphs[0] ? plainText(paragraphs[0]) : '';
    const prefix = /^[^：:]*[：:]\s?/.exec(first)?.[0] ?? '';
    const indent = p.body.firstLine ?? 0;
    const prefixWidth = this.bodyWidth(prefix);
    return paragraphs.map((para, i) => {
      const text = plainText(para);
      const number = /^\s*\d+[.．]\s?/.exec(i === 0 ? text.slice(prefix.length) : text)?.[0] ?? '';
      const left = indent + prefixWidth + this.bodyWidth(number);
      return this.paragraph({
        style: 'BodyText',
        spacing: i === 0 ? { before: this.lineHeight } : undefined,
        indent: { left, hanging: i === 0 ? left - indent : left - indent - prefixWidth },
        keepNext: true,
        autoSpaceEastAsianText: false,
        children: this.inline(para.children),
      });
    });
  }

  private table(node: MdTable): TableSpec {
    const p = this.profile;
    const typeWidth = p.page.width - p.page.left - p.page.right;
    const rows = node.children.map((row) => row.children.map((cell) => plainText(cell)));
    const columns = Math.max(...rows.map((r) => r.length));
    const widths = columnWidths(rows, typeWidth, p.table.size * 10);
    const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
    const align = node.align ?? [];
    return {
      kind: 'table',
      options: {
        width: { size: typeWidth, type: WidthType.DXA },
        // Fixed: Word and LibreOffice keep our widths instead of re-fitting the columns to their content.
        layout: TableLayoutType.FIXED,
        columnWidths: widths,
        borders: {
          top: border,
          bottom: border,
          left: border,
          right: border,
          insideHorizontal: border,
          insideVertical: border,
        },
      },
      rows: node.children.map((row, r) => ({
        options: { tableHeader: r === 0, cantSplit: true },
        cells: Array.from({ length: columns }, (_, c) => {
          const cell = row.children[c];
          return {
            options: {
              width: { size: widths[c], type: WidthType.DXA },
              shading: cellShading(rows[r][c] ?? ''),
              verticalAlign: VerticalAlign.CENTER,
              margins: { left: 80, right: 80, top: 40, bottom: 40 },
            },
            children: [
              paragraph(
                {
                  style: 'TableText',
                  alignment:
                    r === 0
                      ? AlignmentType.CENTER
                      : ALIGN[align[c] === 'center' ? 'center' : align[c] === 'right' ? 'right' : 'left'],
                },
                cell ? this.inline(cell.children, { bold: r === 0 && p.table.headerBold }) : [],
              ),
            ],
          };
        }),
      })),
    };
  }

  private inline(nodes: readonly PhrasingContent[], look: InlineLook = {}): InlineSpec[] {
    return nodes.flatMap((node): InlineSpec[] => {
      switch (node.type) {
        case 'text':
          return [this.run(node.value.replace(/\n/g, ' '), look)];
        case 'strong':
          return this.inline(node.children, { ...look, bold: true });
        case 'emphasis':
          return this.inline(node.children, { ...look, italic: true });
        case 'delete':
          return this.inline(node.children, look);
        case 'inlineCode':
          return [this.run(node.value, { ...look, code: true })];
        case 'break':
          return [run({ break: 1 })];
        case 'link':
          return [
            {
              kind: 'link',
              link: node.url,
              // A link inside a link is not Markdown; its runs are kept.
              children: node.children.flatMap((c) => this.inline([c], look)).flatMap(runsOf),
            },
          ];
        case 'textDirective': {
          if (node.name !== Directive.lead) return this.inline(node.children, look);
          const level = Number(node.attributes?.level ?? 0);
          return this.inline(
            node.children,
            level >= 1 ? { ...look, style: this.profile.leads[Math.min(level, this.profile.leads.length) - 1] } : look,
          );
        }
        case 'html':
          // A title's line break (templates write <br> between title lines); other inline HTML is literal text.
          if (/^<br\s*\/?>$/i.test(node.value)) return [run({ break: 1 })];
          return [this.run(node.value, look)];
        case 'image':
          return [this.run(node.alt ?? '', look)];
        default:
          return 'children' in node ? this.inline(node.children as PhrasingContent[], look) : [];
      }
    });
  }

  private run(text: string, look: InlineLook): RunSpec {
    const styled = look.style ? runLook(look.style, this.profile) : undefined;
    // Quotes, ellipsis and dashes are both Latin and East Asian: in Chinese text, say which, or Word sets
    // them in the Latin font (half-width “ and a thin ……).
    const hint = this.lang === 'zh-CN' && AMBIGUOUS_PUNCTUATION.test(text) ? { hint: 'eastAsia' } : undefined;
    const options: RunSpec['options'] = {
      text,
      ...styled,
      ...(hint ? { font: { ...styled?.font, ...hint } } : {}),
      ...(look.bold ? { bold: true } : {}),
      ...(look.italic ? { italics: true } : {}),
      ...(look.code ? { font: { ascii: 'Courier New', hAnsi: 'Courier New' } } : {}),
    };
    return run(options);
  }
}

function runsOf(inline: InlineSpec): RunSpec[] {
  return inline.kind === 'run' ? [inline] : inline.children;
}
