import {
  AlignmentType,
  BorderStyle,
  Footer,
  LineRuleType,
  Paragraph,
  SectionType,
  TableLayoutType,
  TabStopType,
  VerticalAlign,
  WidthType,
  type ISectionOptions,
} from 'docx';
import type { Nodes, Root, RootContent } from 'mdast';
import { Directive } from '../directives.js';
import {
  paragraph,
  run as textRun,
  type BlockSpec,
  type ParagraphSpec,
  type RunSpec,
  type TableSpec,
} from './blocks.js';
import { pageSetup, type FontSpec, type StyleProfile } from './profile.js';

/**
 * The official notice around a plan (GB/T 9704-2012): the 版头 on the first page and the 版记 on the
 * last. Everything is laid out with exact line heights and paragraph borders, never floating shapes,
 * so Word, WPS and LibreOffice put the red header and the lines in the same place.
 *
 * Lengths in twips: 1 mm = 56.69 twips.
 */
const MM = 1440 / 25.4;
/** 发文机关标志: its top edge 35 mm below the top of the type area (80 mm in a 上行文, with 签发人). */
const ISSUER_TOP = Math.round(35 * MM);
const ISSUER_TOP_UPWARD = Math.round(80 * MM);
/** The red separator 4 mm under the 发文字号 (border spacing is given in whole points: 11 pt = 3.9 mm). */
const SEPARATOR_GAP_PT = 11;
const RED = 'FF0000';
/** Largest 发文机关标志: 初号 (42 pt); a longer name gets smaller so it fits the type area's width. */
const ISSUER_MAX_HALF_POINTS = 84;
/** Line height of the 发文机关标志 as a share of its size: more than any CJK font's ascent and descent. */
const ISSUER_LINE = 1.5;
/**
 * Where the glyphs' top edge falls in that line, in ems below its top. A line taller than the font puts
 * the text at its bottom (Word and LibreOffice give the extra height to the ascent), so this depends on
 * the font's descent: 0.355 em measured in LibreOffice with Noto Sans CJK, its fallback for 小标宋 here.
 */
const ISSUER_INK_TOP = 0.355;
/** Separator lines of the 版记: first and last 0.35 mm, the middle ones 0.25 mm (w:sz is in eighths of a point). */
const THICK = 8;
const THIN = 6;
const SIZE_4 = 28; // 四号 14 pt, in half-points

function plainText(node: Nodes): string {
  if ('value' in node && typeof node.value === 'string') return node.value;
  if ('children' in node) return (node.children as Nodes[]).map(plainText).join('');
  return '';
}

function leaves(children: readonly RootContent[]): Map<string, string> {
  const found = new Map<string, string>();
  for (const child of children) if (child.type === 'leafDirective') found.set(child.name, plainText(child));
  return found;
}

function typeWidth(profile: StyleProfile): number {
  return profile.page.width - profile.page.left - profile.page.right;
}

function typeHeight(profile: StyleProfile): number {
  return profile.page.height - profile.page.top - profile.page.bottom;
}

function lineHeight(profile: StyleProfile): number {
  return 'exact' in profile.line ? profile.line.exact : 312;
}

function run(text: string, font: FontSpec, size: number, extra: { color?: string } = {}): RunSpec {
  return textRun({
    text,
    font: { ascii: font.latin, hAnsi: font.latin, cs: font.latin, eastAsia: font.eastAsia },
    size,
    sizeComplexScript: size,
    ...extra,
  });
}

/** A paragraph of one exact height: blank lines and spacers that every reader sizes alike. */
function exactLine(
  height: number,
  { children, ...options }: ParagraphSpec['options'] & { children?: RunSpec[] } = {},
): ParagraphSpec {
  return paragraph(
    {
      ...options,
      spacing: { line: Math.max(1, Math.round(height)), lineRule: LineRuleType.EXACT, before: 0, after: 0 },
    },
    children,
  );
}

/** Size of the 发文机关标志 in half-points: 初号 at most, smaller when the name would not fit the line. */
export function issuerSize(issuer: string, width: number): number {
  const chars = [...issuer].reduce((n, ch) => n + (/[\u0000-\u00FF]/.test(ch) ? 0.5 : 1), 0);
  // Two points to spare: readers round glyph advances.
  const fit = Math.floor(((width / 20 - 2) / Math.max(chars, 1)) * 2);
  return Math.min(ISSUER_MAX_HALF_POINTS, fit);
}

/**
 * 版头 (7.2): 份号, 密级和保密期限 and 紧急程度 top left, one a line; the red 发文机关标志 centred, its top
 * edge 35 mm (80 mm with 签发人) under the top of the type area; two blank lines; the 发文字号 centred
 * (with 签发人: the number one character in from the left, the signer one from the right, on one
 * line); the red separator 4 mm under it, as wide as the type area; two blank lines before the title.
 */
export function noticeHead(children: readonly RootContent[], profile: StyleProfile): ParagraphSpec[] {
  const found = leaves(children);
  const line = lineHeight(profile);
  const body = profile.body;
  const heiti = profile.annex.font;
  const out: ParagraphSpec[] = [];
  const corner = (text: string | undefined, font: FontSpec) => {
    if (text) out.push(exactLine(line, { children: [run(text, font, body.size)] }));
  };
  corner(found.get(Directive.copyNumber), body.font);
  corner(found.get(Directive.secrecy), heiti);
  corner(found.get(Directive.urgency), heiti);

  const issuer = found.get(Directive.issuer) ?? '';
  const signer = found.get(Directive.signer);
  const size = issuerSize(issuer, typeWidth(profile));
  const issuerLine = Math.round(size * 10 * ISSUER_LINE);
  const top = (signer ? ISSUER_TOP_UPWARD : ISSUER_TOP) - out.length * line - Math.round(size * 10 * ISSUER_INK_TOP);
  out.push(exactLine(top));
  out.push(
    exactLine(issuerLine, {
      alignment: AlignmentType.CENTER,
      children: [run(issuer, profile.title.font, size, { color: RED })],
    }),
  );
  out.push(exactLine(line), exactLine(line));

  const number = found.get(Directive.docNumber) ?? '';
  const separator = {
    bottom: { style: BorderStyle.SINGLE, size: THICK, color: RED, space: SEPARATOR_GAP_PT },
  };
  if (signer) {
    // 签发人 in 仿宋, the name in 楷体 (7.2.6); a right tab one character from the right edge.
    const [label, name] = signer.split(/(?<=：)/);
    const kaiti = profile.headings[1]?.font ?? body.font;
    out.push(
      exactLine(line, {
        // Tabs, not an indent: a paragraph's border would start at its indent.
        tabStops: [
          { type: TabStopType.LEFT, position: profile.charWidth },
          { type: TabStopType.RIGHT, position: typeWidth(profile) - profile.charWidth },
        ],
        border: separator,
        children: [
          textRun('\t'),
          run(number, body.font, body.size),
          textRun('\t'),
          run(label, body.font, body.size),
          run(name ?? '', kaiti, body.size),
        ],
      }),
    );
  } else {
    out.push(
      exactLine(line, {
        alignment: AlignmentType.CENTER,
        border: separator,
        children: [run(number, body.font, body.size)],
      }),
    );
  }
  out.push(exactLine(line), exactLine(line));
  return out;
}

/** 主送机关 (7.3.2): one blank line under the title, flush left. */
export function addressee(text: string): ParagraphSpec {
  return paragraph({ style: 'BodyText', indent: { firstLine: 0 }, keepNext: true }, [textRun(text)]);
}

/** How many lines a 版记 line takes: a conservative count (one character a line to spare), never too few. */
export function recordLines(text: string, firstLine: number, nextLines: number): number {
  const width = [...text].reduce((n, ch) => n + (/[\u0000-\u00FF]/.test(ch) ? 0.5 : 1), 0);
  if (width <= firstLine - 1) return 1;
  return 1 + Math.ceil((width - (firstLine - 1)) / (nextLines - 1));
}

/**
 * 版记 (7.4): 抄送 and 印发机关和印发日期 in 4号仿宋 between separator lines as wide as the type area,
 * the last line on the bottom edge of the type area of the last page, which is an even page (the back
 * of the last sheet). It is a section of its own that starts on the next even page — Word inserts a
 * blank page when the plan ends on an even page — and has no page number (7.5). Word and WPS align the
 * section to the bottom of the page; LibreOffice does not read that setting, so a spacer of exact height
 * fills the page above the 版记 in every reader.
 *
 * This is the section without its content (build.ts builds it from the profile alone, as part of the
 * package's frame); noticeRecordChildren gives the content.
 */
export function noticeRecordFrame(profile: StyleProfile): Omit<ISectionOptions, 'children'> {
  const blank = () => new Footer({ children: [new Paragraph({})] });
  return {
    properties: {
      type: SectionType.EVEN_PAGE,
      verticalAlign: VerticalAlign.BOTTOM,
      page: pageSetup(profile),
    },
    footers: { default: blank(), even: blank() },
  };
}

/** The 版记 section's content, undefined when the plan has no 版记. */
export function noticeRecordChildren(tree: Root, profile: StyleProfile): BlockSpec[] | undefined {
  const record = tree.children.find(
    (node): node is Extract<RootContent, { type: 'containerDirective' }> =>
      node.type === 'containerDirective' && node.name === Directive.noticeRecord,
  );
  if (!record) return undefined;
  const found = leaves(record.children as RootContent[]);
  const line = lineHeight(profile);
  const char = SIZE_4 * 10;
  const font = profile.body.font;
  const width = typeWidth(profile);
  const rule = (size: number) => ({ style: BorderStyle.SINGLE, size, color: '000000', space: 0 });
  let used = 0;

  const cc = found.get(Directive.cc);
  const rows: ParagraphSpec[] = [];
  if (cc) {
    // 抄送：… one character in from each side; a wrapped line starts under the first name (after the colon).
    const label = 3 * char;
    const lines = recordLines(cc, Math.floor((width - 2 * char) / char), Math.floor((width - 2 * char - label) / char));
    rows.push(
      exactLine(line, {
        indent: { left: char + label, hanging: label, right: char },
        children: [run(cc, font, SIZE_4)],
      }),
    );
    used += lines * line;
  }
  // 印发机关 one character in from the left, 印发日期 one character in from the right, on one line.
  rows.push(
    exactLine(line, {
      tabStops: [
        { type: TabStopType.LEFT, position: char },
        { type: TabStopType.RIGHT, position: width - char },
      ],
      children: [
        textRun('\t'),
        run(found.get(Directive.printed) ?? '', font, SIZE_4),
        textRun('\t'),
        run(found.get(Directive.printedDate) ?? '', font, SIZE_4),
      ],
    }),
  );
  used += line + (2 * THICK + (rows.length - 1) * THIN) * 2.5;
  // A table rather than bordered paragraphs: a paragraph's border follows its indents, a cell's spans the column.
  const none = { style: BorderStyle.NONE, size: 0, color: 'auto' };
  const table: TableSpec = {
    kind: 'table',
    options: {
      width: { size: width, type: WidthType.DXA },
      columnWidths: [width],
      layout: TableLayoutType.FIXED,
      borders: {
        top: rule(THICK),
        bottom: rule(THICK),
        insideHorizontal: rule(THIN),
        left: none,
        right: none,
        insideVertical: none,
      },
    },
    rows: rows.map((line) => ({
      options: { cantSplit: true },
      cells: [
        {
          options: { width: { size: width, type: WidthType.DXA }, margins: { top: 0, bottom: 0, left: 0, right: 0 } },
          children: [line],
        },
      ],
    })),
  };

  // A document cannot end with a table: a paragraph of half a point follows it. Half a point more to spare, so
  // a reader's rounding never pushes that paragraph onto a page of its own.
  const TAIL = 10;
  const spacer = exactLine(typeHeight(profile) - Math.ceil(used) - TAIL - 10);
  return [spacer, table, exactLine(TAIL)];
}
