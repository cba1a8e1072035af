import { Packer, type Document } from 'docx';
import { deflateSync, strFromU8, strToU8, unzipSync } from 'fflate';
import type { StyleProfile } from './profile.js';
import { fitForWord } from './word-compat.js';

/** Zip entry time for every part: 1980-01-01 00:00 (the DOS epoch), so the bytes do not depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DEFLATE_LEVEL = 6;

type Parts = Map<string, string | Uint8Array>;
interface PartCompiler {
  compile(file: Document, prettify?: unknown, overrides?: unknown[]): Parts;
}

/**
 * Pack a Document into DOCX bytes that depend only on the input: the `docx` package stamps the clock
 * into core.xml and random ids into relationships, and (through its own Packer) the current time into
 * every zip entry.
 *
 * The package's compiler gives the parts as text; we fix them up and zip them ourselves, so nothing is
 * zipped twice. Parts that are the same from one document to the next (styles, theme, settings, fonts,
 * footers: everything a style profile decides) are compressed once per process and their bytes reused.
 */
export async function packDocx(doc: Document, profile: StyleProfile, created: Date): Promise<Uint8Array> {
  const parts = await compileParts(doc);

  const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = parts.get('docProps/core.xml');
  if (core !== undefined) {
    parts.set(
      'docProps/core.xml',
      core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`),
    );
  }
  renumberRelationships(parts);
  fitForWord(parts, profile);
  const fonts = parts.get('word/fontTable.xml');
  if (fonts !== undefined) parts.set('word/fontTable.xml', fontTable(profile, fonts));

  // [Content_Types].xml first, as Word writes it; the rest in a fixed order.
  const names = [...parts.keys()].sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  return zipParts(names.map((name) => [name, parts.get(name)!]));
}

/** The package's parts as text, without zipping them (the public Packer only gives a zip). */
async function compileParts(doc: Document): Promise<Map<string, string>> {
  const compiler = partCompiler();
  const out = new Map<string, string>();
  if (!compiler) return fromZip(doc);
  for (const [name, data] of compiler.compile(doc, undefined, [])) {
    if (typeof data !== 'string') return fromZip(doc); // media or fonts: not something we write today
    out.set(name, data);
  }
  return out;
}

interface Formatter {
  format(input: unknown, context?: unknown): unknown;
}

/**
 * Parts whose formatting is costly and the same for every document of a profile: the style sheet
 * (about a fifth of the compile) and the theme. Their formatted trees are remembered by the
 * component's full content (JSON), so a different style sheet is never mistaken for a known one.
 */
const MEMO_ROOTS = new Set(['w:styles', 'a:theme']);
let compilerInstance: PartCompiler | null | undefined;

/**
 * A private instance of the `docx` package's compiler (the one its Packer uses), whose formatter
 * remembers the formatted style sheet and theme. Undefined where that compiler is not there.
 */
function partCompiler(): PartCompiler | undefined {
  if (compilerInstance !== undefined) return compilerInstance ?? undefined;
  compilerInstance = null;
  const shared = (
    Packer as unknown as {
      compiler?: PartCompiler & { constructor: new () => PartCompiler & { formatter?: Formatter } };
    }
  ).compiler;
  if (!shared || typeof shared.compile !== 'function') return undefined;
  let own: PartCompiler & { formatter?: Formatter };
  try {
    own = new shared.constructor();
  } catch {
    return (compilerInstance = shared);
  }
  const formatter = own.formatter;
  if (!formatter || typeof formatter.format !== 'function' || typeof own.compile !== 'function')
    return (compilerInstance = shared);
  const format = formatter.format.bind(formatter);
  const memo = new Map<string, Map<string, unknown>>();
  formatter.format = (input: unknown, context?: unknown) => {
    const root = (input as { rootKey?: unknown } | null)?.rootKey;
    if (typeof root !== 'string' || !MEMO_ROOTS.has(root)) return format(input, context);
    const content = JSON.stringify(input);
    const known = memo.get(root) ?? memo.set(root, new Map()).get(root)!;
    const hit = known.get(content);
    if (hit !== undefined) return hit;
    const formatted = format(input, context);
    if (known.size >= MEMO_LIMIT) known.clear();
    known.set(content, formatted);
    return formatted;
  };
  return (compilerInstance = own);
}

/** Fallback for a `docx` version without the compiler: unzip what the Packer gives. */
async function fromZip(doc: Document): Promise<Map<string, string>> {
  const unzipped = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  return new Map(Object.entries(unzipped).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** Relationship ids the `docx` package draws at random (rId + nanoid) become rIdH1, rIdH2, … in order of appearance. */
function renumberRelationships(parts: Map<string, string>): void {
  for (const relsName of [...parts.keys()].filter((n) => n.endsWith('.rels'))) {
    const owner = relsName.replace(/_rels\/(.*)\.rels$/, '$1');
    let ownerXml = parts.get(owner);
    if (ownerXml === undefined) continue;
    let relsXml = parts.get(relsName)!;
    const random = [...new Set([...relsXml.matchAll(/Id="(rId[^"]*[^\d"][^"]*)"/g)].map((m) => m[1]))];
    if (random.length === 0) continue;
    const xml = ownerXml;
    const order = random.sort((a, b) => xml.indexOf(`"${a}"`) - xml.indexOf(`"${b}"`));
    order.forEach((id, i) => {
      relsXml = relsXml!.split(`Id="${id}"`).join(`Id="rIdH${i + 1}"`);
      ownerXml = ownerXml!.split(`"${id}"`).join(`"rIdH${i + 1}"`);
    });
    parts.set(relsName, relsXml);
    parts.set(owner, ownerXml);
  }
}

/**
 * Declare the profile's fonts with their fallbacks (w:altName) and the GB2312 character set, so a
 * reader without 仿宋_GB2312 picks 仿宋 rather than a Latin default.
 */
function fontTable(profile: StyleProfile, xml: string): string {
  const entries = Object.entries(profile.fontFallbacks)
    .filter(([name]) => !xml.includes(`w:name="${name}"`))
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  // The `docx` package writes an empty, self-closing <w:fonts …/>.
  return /<\/w:fonts>\s*$/.test(xml)
    ? xml.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`)
    : xml.replace(/\/>\s*$/, `>${entries}</w:fonts>`);
}

// ---------------------------------------------------------------------------------------------------
// The zip writer. The layout is fflate's `zipSync` (which this module used before), field for field, so
// the bytes are the same as they were: version 20, UTF-8 flag for non-ASCII names, DEFLATE level 6, the
// DOS epoch as every entry's time, no extra fields, no comments.

interface Entry {
  name: Uint8Array;
  utf8: boolean;
  crc: number;
  size: number;
  data: Uint8Array;
}

/** Compressed parts by name, then content: a profile's unchanging parts are deflated once per process. */
const compressed = new Map<string, Map<string, { crc: number; size: number; data: Uint8Array }>>();
const MEMO_LIMIT = 16;
/** Parts that differ for every document: not worth remembering. */
const VOLATILE = new Set(['word/document.xml', 'docProps/core.xml']);

function compress(name: string, content: string | Uint8Array) {
  const memo =
    typeof content === 'string' && !VOLATILE.has(name)
      ? (compressed.get(name) ?? compressed.set(name, new Map()).get(name)!)
      : undefined;
  const known = memo?.get(content as string);
  if (known) return known;
  const raw = typeof content === 'string' ? strToU8(content) : content;
  const entry = { crc: crc32(raw), size: raw.length, data: deflateSync(raw, { level: DEFLATE_LEVEL }) };
  if (memo) {
    // A few versions of each part (two profiles, two languages); past that, start again: memory stays flat.
    if (memo.size >= MEMO_LIMIT) memo.clear();
    memo.set(content as string, entry);
  }
  return entry;
}

/** Forget the compressed parts (tests; a long-lived process that switches profiles often). */
export function clearPackMemo(): void {
  compressed.clear();
}

/**
 * The 24 bytes a local header and a central directory entry share, in the same order: version needed
 * (2.0), flags (UTF-8 names), method (deflate), time, date, CRC-32, sizes, name length.
 */
function entryFields(view: DataView, at: number, e: Entry): void {
  view.setUint16(at, 20, true);
  view.setUint16(at + 2, e.utf8 ? 0x0800 : 0, true);
  view.setUint16(at + 4, 8, true);
  view.setUint16(at + 6, DOS_TIME, true);
  view.setUint16(at + 8, DOS_DATE, true);
  view.setUint32(at + 10, e.crc, true);
  view.setUint32(at + 14, e.data.length, true);
  view.setUint32(at + 18, e.size, true);
  view.setUint16(at + 22, e.name.length, true);
}

export function zipParts(parts: ReadonlyArray<readonly [string, string | Uint8Array]>): Uint8Array {
  const entries: Entry[] = parts.map(([name, content]) => {
    const encoded = strToU8(name);
    return { name: encoded, utf8: encoded.length !== name.length, ...compress(name, content) };
  });
  let localSize = 0;
  let centralSize = 0;
  for (const e of entries) {
    localSize += 30 + e.name.length + e.data.length;
    centralSize += 46 + e.name.length;
  }
  const out = new Uint8Array(localSize + centralSize + 22);
  const view = new DataView(out.buffer);
  let at = 0;
  const offsets: number[] = [];
  for (const e of entries) {
    offsets.push(at);
    view.setUint32(at, 0x04034b50, true);
    entryFields(view, at + 4, e);
    view.setUint16(at + 28, 0, true);
    out.set(e.name, at + 30);
    out.set(e.data, at + 30 + e.name.length);
    at += 30 + e.name.length + e.data.length;
  }
  const centralStart = at;
  entries.forEach((e, i) => {
    view.setUint32(at, 0x02014b50, true);
    view.setUint16(at + 4, 20, true); // made by: version 2.0, MS-DOS
    entryFields(view, at + 6, e);
    // extra length, comment length, disk, internal and external attributes: all 0
    view.setUint32(at + 42, offsets[i], true);
    out.set(e.name, at + 46);
    at += 46 + e.name.length;
  });
  view.setUint32(at, 0x06054b50, true);
  view.setUint16(at + 8, entries.length, true);
  view.setUint16(at + 10, entries.length, true);
  view.setUint32(at + 12, at - centralStart, true);
  view.setUint32(at + 16, centralStart, true);
  return out;
}

const CRC_TABLE = (() => {
  const table = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c;
  }
  return table;
})();

export function crc32(bytes: Uint8Array): number {
  let c = -1;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ -1) >>> 0;
}
