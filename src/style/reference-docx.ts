import { unzipSync, strFromU8 } from 'fflate';
import type { StyleProfile } from '../doc/docx/profile.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { dataToProfile, extendData, profileToData } from './convert.js';
import type { StyleData } from './schema.js';
import { child, children, findLast, parseXml, type XmlElement } from './xml.js';

type ParagraphData = NonNullable<StyleData['body']>;

/** The parts we read, and a bound on what we inflate: a reference document is a few hundred KB. */
const MAX_PART_BYTES = 8 * 1024 * 1024;

/** What one style (with its basedOn chain and the document defaults folded in) sets. */
interface Look {
  eastAsia?: string;
  latin?: string;
  size?: number; // half-points
  bold?: boolean;
  italic?: boolean;
  color?: string;
  align?: 'left' | 'center' | 'right' | 'both';
  firstLine?: number;
  before?: number;
  after?: number;
  line?: { exact: number } | { auto: number };
}

const ALIGN: Record<string, Look['align']> = {
  left: 'left',
  start: 'left',
  center: 'center',
  right: 'right',
  end: 'right',
  both: 'both',
  distribute: 'both',
};

const attr = (e: XmlElement | undefined, name: string) => e?.attributes[`w:${name}`];
const num = (value: string | undefined) => (value !== undefined && /^-?\d+$/.test(value) ? Number(value) : undefined);
/** w:b, w:i: present means on unless w:val says 0/false/off. */
const toggle = (e: XmlElement | undefined) =>
  e ? !['0', 'false', 'off'].includes(attr(e, 'val') ?? 'true') : undefined;

function readRun(rPr: XmlElement | undefined): Look {
  const look: Look = {};
  const fonts = child(rPr, 'w:rFonts');
  if (attr(fonts, 'eastAsia')) look.eastAsia = attr(fonts, 'eastAsia');
  if (attr(fonts, 'ascii') ?? attr(fonts, 'hAnsi')) look.latin = attr(fonts, 'ascii') ?? attr(fonts, 'hAnsi');
  const size = num(attr(child(rPr, 'w:sz'), 'val'));
  if (size) look.size = size;
  const bold = toggle(child(rPr, 'w:b'));
  if (bold !== undefined) look.bold = bold;
  const italic = toggle(child(rPr, 'w:i'));
  if (italic !== undefined) look.italic = italic;
  const color = attr(child(rPr, 'w:color'), 'val');
  if (color && /^[0-9A-Fa-f]{6}$/.test(color)) look.color = color.toUpperCase();
  return look;
}

function readParagraph(pPr: XmlElement | undefined): Look {
  const look: Look = {};
  const jc = attr(child(pPr, 'w:jc'), 'val');
  if (jc && ALIGN[jc]) look.align = ALIGN[jc];
  const ind = child(pPr, 'w:ind');
  const firstLine = num(attr(ind, 'firstLine'));
  const hanging = num(attr(ind, 'hanging'));
  if (firstLine !== undefined) look.firstLine = firstLine;
  else if (hanging !== undefined) look.firstLine = 0;
  const spacing = child(pPr, 'w:spacing');
  const before = num(attr(spacing, 'before'));
  const after = num(attr(spacing, 'after'));
  if (before !== undefined) look.before = before;
  if (after !== undefined) look.after = after;
  const line = num(attr(spacing, 'line'));
  if (line) look.line = (attr(spacing, 'lineRule') ?? 'auto') === 'auto' ? { auto: line } : { exact: line };
  return look;
}

/** Every style by id, each with its basedOn chain and the document defaults folded in (later wins). */
function resolveStyles(styles: XmlElement): Map<string, Look> {
  const root = child(styles, 'w:styles');
  const defaults = child(root, 'w:docDefaults');
  const base: Look = {
    ...readRun(child(child(defaults, 'w:rPrDefault'), 'w:rPr')),
    ...readParagraph(child(child(defaults, 'w:pPrDefault'), 'w:pPr')),
  };
  const raw = new Map<string, { basedOn?: string; look: Look }>();
  for (const style of children(root, 'w:style')) {
    const id = attr(style, 'styleId');
    if (!id) continue;
    raw.set(id, {
      basedOn: attr(child(style, 'w:basedOn'), 'val'),
      look: { ...readParagraph(child(style, 'w:pPr')), ...readRun(child(style, 'w:rPr')) },
    });
  }
  const resolved = new Map<string, Look>();
  const resolve = (id: string, seen: Set<string>): Look => {
    const known = resolved.get(id);
    if (known) return known;
    const entry = raw.get(id);
    if (!entry) return base;
    // A basedOn loop is a broken file; stop at the style seen twice.
    const parent = entry.basedOn && !seen.has(entry.basedOn) ? resolve(entry.basedOn, seen.add(id)) : base;
    const look = { ...parent, ...entry.look };
    resolved.set(id, look);
    return look;
  };
  for (const id of raw.keys()) resolve(id, new Set());
  resolved.set('#defaults', base);
  return resolved;
}

function paragraphData(look: Look | undefined): ParagraphData | undefined {
  if (!look) return undefined;
  const data: ParagraphData = {};
  if (look.eastAsia || look.latin)
    data.font = { ...(look.eastAsia && { eastAsia: look.eastAsia }), ...(look.latin && { latin: look.latin }) };
  if (look.size) data.size = `${look.size / 2}pt`;
  if (look.bold !== undefined) data.bold = look.bold;
  if (look.italic !== undefined) data.italic = look.italic;
  if (look.color) data.color = look.color;
  if (look.align) data.align = look.align;
  if (look.firstLine !== undefined) data.firstLine = look.firstLine;
  if (look.before !== undefined) data.before = look.before;
  if (look.after !== undefined) data.after = look.after;
  return data;
}

/** A style by the ids Word, LibreOffice and WPS give it (LibreOffice writes Body Text as "BodyText" or "TextBody"). */
function pick(styles: Map<string, Look>, ...ids: string[]): Look | undefined {
  for (const id of ids) if (styles.has(id)) return styles.get(id);
  return undefined;
}

/**
 * A Word file used as a house style, as pandoc's --reference-doc: its paragraph and character styles
 * (Normal or Body Text, Title, Subtitle, Heading 1–5: fonts, sizes, bold, italics, colours, alignment,
 * indents, spacing, line spacing) and its page setup (size, margins, footer distance) replace the base
 * profile's. What the file does not set stays as the base has it.
 */
export function readReferenceDocx(
  bytes: Uint8Array,
  file: string,
  base: StyleProfile,
): { profile?: StyleProfile; diagnostics: Diagnostic[] } {
  const fail = (message: string) => ({ diagnostics: [diagnostic(file, 'reference-docx', message)] });
  let parts: Record<string, Uint8Array>;
  try {
    parts = unzipSync(bytes, {
      filter: (f) =>
        (f.name === 'word/styles.xml' || f.name === 'word/document.xml') && f.originalSize <= MAX_PART_BYTES,
    });
  } catch {
    return fail('not a Word file (.docx): it is not a zip archive; save it from Word or LibreOffice as .docx');
  }
  if (!parts['word/styles.xml'])
    return fail('this .docx has no style sheet (word/styles.xml) to take styles from, or it is too large');
  let styles: Map<string, Look>;
  let section: XmlElement | undefined;
  try {
    styles = resolveStyles(parseXml(strFromU8(parts['word/styles.xml'])));
    section = parts['word/document.xml']
      ? findLast(parseXml(strFromU8(parts['word/document.xml'])), 'w:sectPr')
      : undefined;
  } catch (error) {
    return fail(`the Word file's XML is broken: ${error instanceof Error ? error.message.split('\n')[0] : error}`);
  }

  const data: StyleData = {};
  const size = child(section, 'w:pgSz');
  const margins = child(section, 'w:pgMar');
  const length = (e: XmlElement | undefined, name: string) => num(attr(e, name));
  if (size || margins) {
    data.page = {
      ...(length(size, 'w') && { width: length(size, 'w') }),
      ...(length(size, 'h') && { height: length(size, 'h') }),
      margins: {
        ...(length(margins, 'top') !== undefined && { top: Math.abs(length(margins, 'top')!) }),
        ...(length(margins, 'bottom') !== undefined && { bottom: Math.abs(length(margins, 'bottom')!) }),
        ...(length(margins, 'left') !== undefined && { left: length(margins, 'left') }),
        ...(length(margins, 'right') !== undefined && { right: length(margins, 'right') }),
      },
      // LibreOffice writes footer="0" (its footers sit inside the margin): keep the base's distance then.
      ...(length(margins, 'footer') ? { footer: length(margins, 'footer') } : {}),
    };
  }
  const body = pick(styles, 'BodyText', 'TextBody', 'Normal') ?? styles.get('#defaults');
  data.body = paragraphData(body);
  // The reference sets the line spacing; the base's letter spacing was fitted to the base's size and
  // margins, so it goes unless the reference changes neither.
  if (body?.line) data.lineSpacing = 'exact' in body.line ? `${body.line.exact / 20}pt` : body.line.auto / 240;
  data.title = paragraphData(pick(styles, 'Title'));
  data.subtitle = paragraphData(pick(styles, 'Subtitle'));
  const headings = [1, 2, 3, 4, 5].map((n) => paragraphData(pick(styles, `Heading${n}`, `heading${n}`)) ?? {});
  data.headings = headings;
  // Run-in titles take their level's heading font and weight.
  data.leads = headings.map((h) => ({
    ...(h.font && { font: h.font }),
    ...(h.bold !== undefined && { bold: h.bold }),
    ...(h.color && { color: h.color }),
  }));
  const footer = pick(styles, 'Footer');
  if (footer?.eastAsia || footer?.latin || footer?.size)
    data.pageNumber = {
      ...(footer.eastAsia || footer.latin
        ? {
            font: {
              ...(footer.eastAsia && { eastAsia: footer.eastAsia }),
              ...(footer.latin && { latin: footer.latin }),
            },
          }
        : {}),
      ...(footer.size && { size: `${footer.size / 2}pt` }),
    };

  const baseData = profileToData(base);
  const pageChanged = JSON.stringify(data.page ?? {}) !== JSON.stringify({ margins: {} });
  if (pageChanged || data.body?.size) {
    delete baseData.charsPerLine;
    delete baseData.letterSpacing;
  }
  if (data.lineSpacing !== undefined) delete baseData.linesPerPage;
  const cleaned = JSON.parse(JSON.stringify(data)) as StyleData;
  return { profile: dataToProfile(extendData(baseData, cleaned)), diagnostics: [] };
}
