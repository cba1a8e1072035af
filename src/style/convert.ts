import type { FontSpec, ParagraphLook, StyleProfile, TextStyle } from '../doc/docx/profile.js';
import type { StyleData } from './schema.js';
import { formatMm, formatPt, formatSize, parseLength, parseSize } from './units.js';

/**
 * Style profiles as data and back. The built-in profiles are TypeScript objects (src/doc/docx/profile.ts);
 * `profileToData` writes one in the form a style file uses, `dataToProfile` reads that form. A file that
 * `extends` a profile is merged over that profile's data form before it is read, so derived values
 * (the line pitch from linesPerPage, the letter spacing from charsPerLine) follow what the file changes.
 */

type ParagraphData = NonNullable<StyleData['body']>;
type TextData = NonNullable<StyleData['annex']>;

const OFFICIAL_FORMAT = '— {page} —';
const CENTERED_FORMAT = '{page}';

function typeArea(profile: Pick<StyleProfile, 'page'>): { width: number; height: number } {
  const { page } = profile;
  return { width: page.width - page.left - page.right, height: page.height - page.top - page.bottom };
}

/** The exact pitch that fits `lines` lines in the type area (rounded down: rounding up drops a line). */
export function pitchForLines(typeHeight: number, lines: number): number {
  return Math.floor(typeHeight / lines);
}

/**
 * Letter spacing that fits `chars` full-width characters of `charWidth` twips in a line, leaving at
 * least one twip per character to spare: with less, LibreOffice pushed a full-width comma at the end of
 * a line to the next one (measured on the official profile: −5 lost commas, −6 did not).
 */
export function spacingForChars(typeWidth: number, chars: number, charWidth: number): number {
  return Math.floor(typeWidth / chars) - 1 - charWidth;
}

function fontData(font: FontSpec) {
  return { eastAsia: font.eastAsia, latin: font.latin };
}

function textData(style: TextStyle): TextData {
  return {
    font: fontData(style.font),
    size: formatSize(style.size),
    ...(style.bold !== undefined && { bold: style.bold }),
    ...(style.italic !== undefined && { italic: style.italic }),
    ...(style.color !== undefined && { color: style.color }),
  };
}

function lengthData(twips: number, charWidth: number): string {
  if (twips !== 0 && twips % charWidth === 0) return `${twips / charWidth}ch`;
  return formatPt(twips);
}

function paragraphData(look: ParagraphLook, charWidth: number): ParagraphData {
  return {
    ...textData(look),
    ...(look.align !== undefined && { align: look.align }),
    ...(look.firstLine !== undefined && { firstLine: lengthData(look.firstLine, charWidth) }),
    ...(look.before !== undefined && { before: formatPt(look.before) }),
    ...(look.after !== undefined && { after: formatPt(look.after) }),
    ...(look.keepNext !== undefined && { keepNext: look.keepNext }),
  };
}

/** A profile in the form of a style file: every field written, in the units local rules use. */
export function profileToData(profile: StyleProfile): StyleData {
  const area = typeArea(profile);
  const data: StyleData = {
    extends: profile.name,
    page: {
      width: formatMm(profile.page.width),
      height: formatMm(profile.page.height),
      margins: {
        top: formatMm(profile.page.top),
        bottom: formatMm(profile.page.bottom),
        left: formatMm(profile.page.left),
        right: formatMm(profile.page.right),
      },
      footer: formatMm(profile.page.footer),
    },
  };
  if ('exact' in profile.line) {
    const lines = Math.floor(area.height / profile.line.exact);
    if (pitchForLines(area.height, lines) === profile.line.exact) data.linesPerPage = lines;
    else data.lineSpacing = formatPt(profile.line.exact);
  } else {
    data.lineSpacing = profile.line.auto / 240;
  }
  if (profile.characterSpacing !== undefined) {
    const chars = Math.round(area.width / (profile.charWidth + profile.characterSpacing + 1));
    if (spacingForChars(area.width, chars, profile.charWidth) === profile.characterSpacing) data.charsPerLine = chars;
    else data.letterSpacing = formatPt(profile.characterSpacing);
  }
  if (profile.grid) data.grid = profile.grid.type;
  const cw = profile.charWidth;
  data.body = paragraphData(profile.body, cw);
  data.title = paragraphData(profile.title, cw);
  data.subtitle = paragraphData(profile.subtitle, cw);
  data.headings = profile.headings.map((h) => paragraphData(h, cw));
  data.leads = profile.leads.map(textData);
  data.table = { size: formatSize(profile.table.size), headerBold: profile.table.headerBold };
  const footer = profile.footer;
  data.pageNumber = {
    format: footer.format ?? (footer.kind === 'official' ? OFFICIAL_FORMAT : CENTERED_FORMAT),
    position: footer.position ?? (footer.kind === 'official' ? 'outside' : 'center'),
    edgeIndent: formatPt(footer.edgeIndent),
    font: fontData(footer.style.font),
    size: formatSize(footer.style.size),
  };
  data.annex = textData(profile.annex);
  data.fontFallbacks = { ...profile.fontFallbacks };
  return data;
}

type Plain = Record<string, unknown>;
const isPlain = (v: unknown): v is Plain => typeof v === 'object' && v !== null && !Array.isArray(v);

/** `over` merged into `base`: objects key by key, arrays item by item, anything else replaced. */
export function mergeData(base: unknown, over: unknown): unknown {
  if (over === undefined) return base;
  if (Array.isArray(base) && Array.isArray(over))
    return Array.from({ length: Math.max(base.length, over.length) }, (_, i) => mergeData(base[i], over[i]));
  if (isPlain(base) && isPlain(over)) {
    const out: Plain = { ...base };
    for (const [key, value] of Object.entries(over)) out[key] = mergeData(base[key], value);
    return out;
  }
  return over;
}

/** The user's file over its base: a file that sets the pitch or spacing directly replaces the base's counts. */
export function extendData(base: StyleData, data: StyleData): StyleData {
  const start: StyleData = { ...base };
  if (data.lineSpacing !== undefined) delete start.linesPerPage;
  if (data.linesPerPage !== undefined) delete start.lineSpacing;
  if (data.letterSpacing !== undefined) delete start.charsPerLine;
  if (data.charsPerLine !== undefined) delete start.letterSpacing;
  return mergeData(start, data) as StyleData;
}

const length = (value: string | number | undefined, charWidth: number, fallback = 0): number =>
  value === undefined ? fallback : (parseLength(value, charWidth) ?? fallback);

function font(data: TextData['font']): FontSpec {
  return { eastAsia: data?.eastAsia ?? '宋体', latin: data?.latin ?? 'Times New Roman' };
}

function textStyle(data: TextData | undefined): TextStyle {
  const style: TextStyle = { font: font(data?.font), size: parseSize(data?.size ?? 16) ?? 32 };
  if (data?.bold !== undefined) style.bold = data.bold;
  if (data?.italic !== undefined) style.italic = data.italic;
  if (data?.color !== undefined) style.color = data.color.toUpperCase();
  return style;
}

function paragraphLook(data: ParagraphData | undefined, charWidth: number): ParagraphLook {
  const look: ParagraphLook = textStyle(data);
  if (data?.align !== undefined) look.align = data.align;
  if (data?.firstLine !== undefined) look.firstLine = length(data.firstLine, charWidth);
  if (data?.before !== undefined) look.before = length(data.before, charWidth);
  if (data?.after !== undefined) look.after = length(data.after, charWidth);
  if (data?.keepNext !== undefined) look.keepNext = data.keepNext;
  return look;
}

/**
 * A complete style file (already merged over its base, already validated) → the profile the DOCX
 * writer uses. One body character is the body size wide: indents in `ch` and the letter spacing
 * derived from charsPerLine count in it.
 */
export function dataToProfile(data: StyleData): StyleProfile {
  const body = paragraphLook(data.body, 0);
  const charWidth = body.size * 10;
  const len = (v: string | number | undefined, fallback = 0) => length(v, charWidth, fallback);
  const margins = data.page?.margins;
  const page = {
    width: len(data.page?.width, 11906),
    height: len(data.page?.height, 16838),
    top: len(margins?.top, 1440),
    bottom: len(margins?.bottom, 1440),
    left: len(margins?.left, 1440),
    right: len(margins?.right, 1440),
    footer: len(data.page?.footer, 708),
  };
  const area = typeArea({ page });
  const line: StyleProfile['line'] =
    data.linesPerPage !== undefined
      ? { exact: pitchForLines(area.height, data.linesPerPage) }
      : typeof data.lineSpacing === 'number'
        ? { auto: Math.round(data.lineSpacing * 240) }
        : data.lineSpacing !== undefined
          ? { exact: len(data.lineSpacing) }
          : { auto: 240 };
  const characterSpacing =
    data.charsPerLine !== undefined
      ? spacingForChars(area.width, data.charsPerLine, charWidth)
      : data.letterSpacing !== undefined
        ? len(data.letterSpacing)
        : undefined;
  const pn = data.pageNumber ?? {};
  const format = pn.format ?? OFFICIAL_FORMAT;
  const position = pn.position ?? 'outside';
  const kind = position === 'outside' ? 'official' : 'centered';
  const standard =
    kind === 'official' ? format === OFFICIAL_FORMAT : format === CENTERED_FORMAT && position === 'center';
  const profile: StyleProfile = {
    name: data.extends ?? 'official',
    page,
    line,
    ...(characterSpacing !== undefined && { characterSpacing }),
    charWidth,
    body: paragraphLook(data.body, charWidth),
    title: paragraphLook(data.title, charWidth),
    subtitle: paragraphLook(data.subtitle, charWidth),
    headings: (data.headings ?? []).map((h) => paragraphLook(h, charWidth)),
    leads: (data.leads ?? []).map(textStyle),
    table: { size: parseSize(data.table?.size ?? 14) ?? 28, headerBold: data.table?.headerBold ?? true },
    footer: {
      kind,
      style: textStyle({ font: pn.font, size: pn.size ?? 14 }),
      edgeIndent: len(pn.edgeIndent),
      ...(!standard && { format, position }),
    },
    annex: textStyle(data.annex),
    fontFallbacks: { ...(data.fontFallbacks ?? {}) },
  };
  if (data.grid && data.grid !== 'none' && 'exact' in line) {
    profile.grid = {
      type: data.grid,
      linePitch: line.exact,
      // docGrid charSpace: the extra pitch per character in 1/4096 pt over the body size.
      ...(data.grid === 'linesAndChars' && { charSpace: Math.round(((characterSpacing ?? 0) / 20) * 4096) }),
    };
  }
  return profile;
}
