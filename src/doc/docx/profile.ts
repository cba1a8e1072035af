/**
 * A style profile: how the document tree looks in Word. Templates decide content; profiles decide
 * fonts, sizes, spacing and page setup. Sizes are in half-points (docx `size`), lengths in twips.
 */
import type { Style } from '../../core/types.js';

export interface FontSpec {
  /** East Asian slot (w:eastAsia): what Word and WPS use for Chinese characters. */
  eastAsia: string;
  /** Latin text and digits. */
  latin: string;
}

export interface TextStyle {
  font: FontSpec;
  /** Half-points: 32 = 16 pt (三号). */
  size: number;
  bold?: boolean;
  italic?: boolean;
  /** RRGGBB; black when absent. */
  color?: string;
}

export interface ParagraphLook extends TextStyle {
  align?: 'left' | 'center' | 'right' | 'both';
  /** First-line indent in twips. */
  firstLine?: number;
  before?: number;
  after?: number;
  keepNext?: boolean;
}

export interface StyleProfile {
  name: Style;
  page: { width: number; height: number; top: number; bottom: number; left: number; right: number; footer: number };
  /** Line spacing for every paragraph: exact twips (official grid) or a multiple of single spacing. */
  line: { exact: number } | { auto: number };
  /** Extra space between letters in twips (negative tightens), so full-width characters fit the line count. */
  characterSpacing?: number;
  /** Width of one body character in twips: indents given "in characters" are multiples of it. */
  charWidth: number;
  body: ParagraphLook;
  title: ParagraphLook;
  subtitle: ParagraphLook;
  /** Heading looks by outline level: [0] = 一、/1., [1] = （一）/1.1, … */
  headings: ParagraphLook[];
  /** Run-in titles by outline level (the :lead directive); index as `headings`. */
  leads: TextStyle[];
  table: { size: number; headerBold: boolean };
  /** Page-number footer: GB/T 9704 `— N —` outside edge alternating, or centred `N`. */
  footer: {
    kind: 'official' | 'centered';
    style: TextStyle;
    edgeIndent: number;
    /** A house format (`第{page}页`) and position, from a style file; absent = what `kind` implies. */
    format?: string;
    position?: 'outside' | 'center' | 'left' | 'right';
  };
  /** Word's document grid (w:docGrid), from a style file; absent = none (see DESIGN.md on LibreOffice). */
  grid?: { type: 'lines' | 'linesAndChars'; linePitch: number; charSpace?: number };
  /** The 附件1 label at the top of an attachment page. */
  annex: TextStyle;
  /** Fonts to declare in fontTable.xml, with the fallback a reader should use when one is missing. */
  fontFallbacks: Record<string, string>;
}

const TNR = 'Times New Roman';
const fangsong: FontSpec = { eastAsia: '仿宋_GB2312', latin: TNR };
const SIZE_3 = 32; // 三号 16 pt
const LINE = 579; // 28.95 pt: 22 lines × 579 = 12,738 ≤ 12,756 twips type area (29 pt drops a line)

/** GB/T 9704-2012 党政机关公文格式. The numbers are from the standard; see DESIGN.md. */
export const OFFICIAL: StyleProfile = {
  name: 'official',
  // A4; margins 37 / 35 / 28 / 26 mm → type area 156 × 225 mm.
  // The page number's top edge sits 7 mm below the type area: 35 − 7 mm − one 14 pt line ≈ 23 mm.
  page: { width: 11906, height: 16838, top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1304 },
  line: { exact: LINE },
  // 28 characters in the 8,845-twip line: 16 pt (320 twips) − 6 = 314 each (8,792). A character grid would do
  // it in Word but makes LibreOffice put each full-width character in two cells. Not −5: with only 25 twips to
  // spare, LibreOffice drops a full-width comma that falls at the end of a line (measured on our examples).
  characterSpacing: -6,
  charWidth: 320,
  body: { font: fangsong, size: SIZE_3, align: 'both', firstLine: 640 },
  title: { font: { eastAsia: '方正小标宋简体', latin: TNR }, size: 44, align: 'center', after: LINE },
  subtitle: { font: { eastAsia: '楷体_GB2312', latin: TNR }, size: SIZE_3, align: 'center' },
  headings: [
    { font: { eastAsia: '黑体', latin: TNR }, size: SIZE_3, firstLine: 640, keepNext: true },
    { font: { eastAsia: '楷体_GB2312', latin: TNR }, size: SIZE_3, firstLine: 640, keepNext: true },
    { font: fangsong, size: SIZE_3, bold: true, firstLine: 640, keepNext: true },
    { font: fangsong, size: SIZE_3, firstLine: 640, keepNext: true },
    { font: fangsong, size: SIZE_3, firstLine: 640, keepNext: true },
  ],
  leads: [
    { font: { eastAsia: '黑体', latin: TNR }, size: SIZE_3 },
    { font: { eastAsia: '楷体_GB2312', latin: TNR }, size: SIZE_3 },
    { font: fangsong, size: SIZE_3, bold: true },
    { font: fangsong, size: SIZE_3 },
    { font: fangsong, size: SIZE_3 },
  ],
  table: { size: 28, headerBold: true },
  // 四号 (14 pt) 宋体, digits too (7.5: 用4号半角宋体阿拉伯数字), one character (14 pt = 280 twips) in from the edge.
  footer: { kind: 'official', style: { font: { eastAsia: '宋体', latin: '宋体' }, size: 28 }, edgeIndent: 280 },
  annex: { font: { eastAsia: '黑体', latin: TNR }, size: SIZE_3 },
  fontFallbacks: { 仿宋_GB2312: '仿宋', 楷体_GB2312: '楷体', 方正小标宋简体: '宋体', 黑体: 'SimHei', 宋体: 'SimSun' },
};

const calibri = (eastAsia: string): FontSpec => ({ eastAsia, latin: 'Calibri' });

/** A clean business layout: A4, 25 mm margins, 11 pt body, numbered bold headings, centred page numbers. */
export const BUSINESS: StyleProfile = {
  name: 'business',
  page: { width: 11906, height: 16838, top: 1418, bottom: 1418, left: 1418, right: 1418, footer: 708 },
  line: { auto: 276 },
  charWidth: 220,
  body: { font: calibri('等线'), size: 22, align: 'left', after: 160 },
  title: { font: calibri('等线'), size: 40, bold: true, align: 'left', after: 240 },
  subtitle: { font: calibri('等线'), size: 26, italic: true, align: 'left', after: 240 },
  headings: [
    { font: calibri('等线'), size: 30, bold: true, before: 360, after: 120, keepNext: true },
    { font: calibri('等线'), size: 26, bold: true, before: 240, after: 80, keepNext: true },
    { font: calibri('等线'), size: 23, bold: true, before: 200, after: 60, keepNext: true },
    { font: calibri('等线'), size: 22, bold: true, italic: true, before: 160, after: 60, keepNext: true },
    { font: calibri('等线'), size: 22, italic: true, before: 120, after: 40, keepNext: true },
  ],
  leads: [
    { font: calibri('等线'), size: 22, bold: true },
    { font: calibri('等线'), size: 22, bold: true },
    { font: calibri('等线'), size: 22, bold: true },
    { font: calibri('等线'), size: 22, bold: true, italic: true },
    { font: calibri('等线'), size: 22, italic: true },
  ],
  table: { size: 20, headerBold: true },
  footer: { kind: 'centered', style: { font: calibri('等线'), size: 18 }, edgeIndent: 0 },
  annex: { font: calibri('等线'), size: 22, bold: true },
  fontFallbacks: { 等线: 'Microsoft YaHei' },
};

export const PROFILES = { official: OFFICIAL, business: BUSINESS } as const;

/** The section's page: size and margins from the profile (the header distance is fixed: no profile has a header). */
export function pageSetup(profile: StyleProfile) {
  const { width, height, top, bottom, left, right, footer } = profile.page;
  return { size: { width, height }, margin: { top, bottom, left, right, footer, header: 851 } };
}
