import type { StyleProfile } from './profile.js';

/**
 * What Word and WPS need that the `docx` package does not give, fixed on the compiled parts (text):
 *
 * - styles.xml: every `basedOn`/`next`/`link` names a style that exists (the package's character styles
 *   are based on a DefaultParagraphFont it never defines); `Strong` is a character style, as in Word, not
 *   a paragraph style; the package's default styles nothing of ours uses (TOC 1–9, footnote and endnote
 *   text, Bibliography, …) are dropped.
 * - the theme's fonts are the profile's, so WPS and Word's theme-font slots do not fall back to Calibri /
 *   等线 where the profile says Times New Roman / 仿宋_GB2312.
 * - paragraphs that switch off the CJK–digit space switch off the CJK–Latin one too (LibreOffice reads that).
 * - footers: the PAGE field carries a cached value ("1"), so a viewer that does not update fields still
 *   shows a number.
 * - parts nothing refers to (footnotes, endnotes, a bullet numbering no paragraph uses) and empty
 *   relationship files are left out of the package.
 */
export function fitForWord(parts: Map<string, string | Uint8Array>, profile: StyleProfile): void {
  for (const [name, xml] of parts) if (typeof xml === 'string') parts.set(name, fitPartForWord(name, xml, profile));
  dropUnusedParts(parts);
}

/** fitForWord's changes to one part, which depend on that part and the profile only. */
export function fitPartForWord(name: string, xml: string, profile: StyleProfile): string {
  if (name === 'word/styles.xml') return cleanStyles(xml);
  if (/^word\/theme\/theme\d*\.xml$/.test(name)) return themeFonts(xml, profile);
  if (/^word\/footer\d*\.xml$/.test(name)) return noAutoSpace(cachedPageNumbers(xml));
  if (/^word\/(document|header\d*)\.xml$/.test(name)) return noAutoSpace(xml);
  return xml;
}

/** Styles of the `docx` package's default sheet that nothing in our documents uses. */
const LEFTOVER_STYLES = new Set([
  'Heading6',
  'ListParagraph',
  'Caption',
  'Bibliography',
  ...Array.from({ length: 9 }, (_, i) => `TOC${i + 1}`),
  'FootnoteReference',
  'FootnoteText',
  'FootnoteTextChar',
  'EndnoteReference',
  'EndnoteText',
  'EndnoteTextChar',
  'LineNumber',
]);

const DEFAULT_PARAGRAPH_FONT =
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>';
const STRONG =
  '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:basedOn w:val="DefaultParagraphFont"/><w:uiPriority w:val="22"/><w:qFormat/><w:rPr><w:b/><w:bCs/></w:rPr></w:style>';

const STYLE = /<w:style\b[^>]*\bw:styleId="([^"]+)"[^>]*>[\s\S]*?<\/w:style>/g;

export function cleanStyles(xml: string): string {
  let out = xml.replace(STYLE, (whole, id: string) => {
    if (LEFTOVER_STYLES.has(id)) return '';
    if (id === 'Strong') return STRONG;
    return whole;
  });
  if (!/w:styleId="DefaultParagraphFont"/.test(out)) {
    // Word's order: the default paragraph style first, then the default character style.
    out = out.replace(/(<w:style\b[^>]*\bw:styleId="Normal"[^>]*>[\s\S]*?<\/w:style>)/, `$1${DEFAULT_PARAGRAPH_FONT}`);
  }
  if (!/w:styleId="Strong"/.test(out)) out = out.replace(/<\/w:styles>\s*$/, `${STRONG}</w:styles>`);
  // A reference to a style that is not there (after the drop, or in the package's sheet) goes.
  const ids = new Set([...out.matchAll(STYLE)].map((m) => m[1]));
  return out.replace(/<w:(basedOn|next|link) w:val="([^"]+)"\/>/g, (whole, _kind, id: string) =>
    ids.has(id) ? whole : '',
  );
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The theme's major (headings) and minor (body) fonts become the profile's title and body fonts. */
export function themeFonts(xml: string, profile: StyleProfile): string {
  const scheme = (latin: string, eastAsia: string) => {
    const [l, ea] = [escapeAttribute(latin), escapeAttribute(eastAsia)];
    return (block: string) =>
      block
        .replace(/<a:latin typeface="[^"]*"(?: panose="[^"]*")?\/>/, `<a:latin typeface="${l}"/>`)
        .replace(/<a:ea typeface="[^"]*"\/>/, `<a:ea typeface="${ea}"/>`)
        .replace(/<a:font script="Hans" typeface="[^"]*"\/>/, `<a:font script="Hans" typeface="${ea}"/>`)
        .replace(/<a:font script="Hant" typeface="[^"]*"\/>/, `<a:font script="Hant" typeface="${ea}"/>`);
  };
  const major = scheme(profile.headings[0].font.latin, profile.headings[0].font.eastAsia);
  const minor = scheme(profile.body.font.latin, profile.body.font.eastAsia);
  return xml
    .replace(/<a:majorFont>[\s\S]*?<\/a:majorFont>/, major)
    .replace(/<a:minorFont>[\s\S]*?<\/a:minorFont>/, minor);
}

/**
 * `<w:fldChar separate/>` directly followed by `<w:fldChar end/>` is a field without a result: add a
 * result run ("1") in the same run properties as the field, which Word and LibreOffice replace on layout.
 */
export function cachedPageNumbers(xml: string): string {
  return xml.replace(
    /(<w:r>(<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<\/w:rPr>)?<w:fldChar w:fldCharType="separate"\/><\/w:r>)(?=<w:r>(?:<w:rPr>(?:(?!<\/w:rPr>)[\s\S])*<\/w:rPr>)?<w:fldChar w:fldCharType="end"\/>)/g,
    (_whole, separate: string, rPr: string | undefined) => `${separate}<w:r>${rPr ?? ''}<w:t>1</w:t></w:r>`,
  );
}

/** What follows w:autoSpaceDE/DN in w:pPr (CT_PPrBase): the pair must come before the first of these. */
const AFTER_AUTO_SPACE =
  /<w:(?:bidi|adjustRightInd|snapToGrid|spacing|ind|contextualSpacing|mirrorIndents|suppressOverlap|jc|textDirection|textAlignment|textboxTightWrap|outlineLvl|divId|cnfStyle|rPr|sectPr|pPrChange)\b/;

/**
 * The `docx` package writes only w:autoSpaceDN (CJK–digit spacing) for `autoSpaceEastAsianText: false`,
 * and after w:ind, where the schema (and so Word) does not allow it. LibreOffice reads the CJK–Latin
 * switch, w:autoSpaceDE, for both. Where one is off, both are off, in the schema's place.
 */
export function noAutoSpace(xml: string): string {
  const pair = '<w:autoSpaceDE w:val="false"/><w:autoSpaceDN w:val="false"/>';
  return xml.replace(/<w:pPr>([\s\S]*?)<\/w:pPr>/g, (whole, inner: string) => {
    if (!inner.includes('<w:autoSpaceDN w:val="false"/>')) return whole;
    const rest = inner.replace(/<w:autoSpaceD[EN] w:val="false"\/>/g, '');
    const at = AFTER_AUTO_SPACE.exec(rest)?.index ?? rest.length;
    return `<w:pPr>${rest.slice(0, at)}${pair}${rest.slice(at)}</w:pPr>`;
  });
}

/** Parts the package always writes and nothing of ours refers to. */
const UNUSED_PARTS = [
  { part: 'word/footnotes.xml', type: 'footnotes', marker: /<w:footnoteReference\b/ },
  { part: 'word/endnotes.xml', type: 'endnotes', marker: /<w:endnoteReference\b/ },
  { part: 'word/numbering.xml', type: 'numbering', marker: /<w:numPr>/ },
];

/** fitForWord's changes that depend on the whole package: parts nothing refers to go. */
export function dropUnusedParts(parts: Map<string, string | Uint8Array>): void {
  const bodyParts = [...parts.entries()].filter(
    ([name, v]) => typeof v === 'string' && /^word\/(document|header\d*|footer\d*)\.xml$/.test(name),
  ) as Array<[string, string]>;
  for (const { part, type, marker } of UNUSED_PARTS) {
    if (!parts.has(part) || bodyParts.some(([, xml]) => marker.test(xml))) continue;
    const rels = parts.get('word/_rels/document.xml.rels');
    const types = parts.get('[Content_Types].xml');
    if (typeof rels !== 'string' || typeof types !== 'string') continue;
    const file = part.slice('word/'.length);
    parts.delete(part);
    parts.delete(`word/_rels/${file}.rels`);
    parts.set(
      'word/_rels/document.xml.rels',
      rels.replace(new RegExp(`<Relationship [^>]*Type="[^"]*/${type}" Target="${file}"/>`), ''),
    );
    parts.set('[Content_Types].xml', types.replace(new RegExp(`<Override [^>]*PartName="/${part}"/>`), ''));
  }
  for (const [name, v] of [...parts.entries()]) {
    if (name.endsWith('.rels') && typeof v === 'string' && !/<Relationship\b/.test(v)) parts.delete(name);
  }
}
