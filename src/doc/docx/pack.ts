import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import { stableWatermarkIds } from './draft.js';
import type { StyleProfile } from './profile.js';
import { dropUnusedParts, fitPartForWord } from './word-compat.js';
import { stringifyXmlable } from './xmlable.js';
import { joinZip, zipEntry, type ZipEntry } from './zip.js';

/**
 * Every zip entry's time: 1980-01-01 00:00, the DOS epoch, so the bytes do not depend on the clock. fflate
 * reads the local fields of the Date, so this is the same entry time in every time zone.
 */
const ENTRY_TIME = new Date(1980, 0, 1, 0, 0, 0);
const DEFLATE_LEVEL = 6;

/**
 * How the parts are produced: `compiler` asks the `docx` package's own compiler for them as text (the
 * fast path); `packer` unzips what its public Packer gives (the fallback, slower: every part is zipped
 * twice). Both give the same bytes (tests/pack.test.ts).
 */
export type PackPath = 'compiler' | 'packer';

interface PartCompiler {
  compile(file: Document, prettify?: unknown, overrides?: unknown[]): Map<string, string | Uint8Array>;
  formatter?: { format(component: unknown, context: unknown): Xmlable };
  numberingReplacer?: { replace(xml: string, concrete: unknown[]): string };
}

/**
 * Pack a Document into DOCX bytes that depend only on the input: the `docx` package stamps the clock
 * into core.xml and random ids into relationships, and (through its own Packer) the current time into
 * every zip entry. We take its parts as text, fix them up and zip them ourselves with fixed entry times
 * and order.
 *
 * With `frameKey` (the JSON of what the Document's frame was built from: build.ts DocxFrameInputs, which
 * include the profile), the parts that do not depend on the body — styles, theme, settings, numbering,
 * fonts, headers, footers, content types, package relationships: the frame — are compiled, fixed up and
 * deflated once per key and reused; only document.xml, its relationships and core.xml are written for
 * each document. Same bytes as without (tests/pack.test.ts).
 */
export async function packDocx(
  doc: Document,
  profile: StyleProfile,
  created: Date,
  options: { via?: PackPath; frameKey?: string } = {},
): Promise<Uint8Array> {
  const via = options.via ?? defaultPackPath();
  const compiler = via === 'compiler' ? privateCompiler() : undefined;
  if (compiler && options.frameKey !== undefined && bodyWriterAgrees !== false) {
    const packed = packWithFrame(compiler, doc, profile, created, options.frameKey);
    if (packed) return packed;
  }
  const parts = await compileParts(doc, via);
  finishParts(parts, profile, created, () => true);
  dropUnusedParts(parts);
  return zipParts(parts);
}

/** The parts written for each document; every other part belongs to the frame. */
const BODY_PARTS = new Set(['word/document.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml']);

interface Frame {
  /** The frame's parts, fixed up. */
  parts: Map<string, string>;
  /** Each of them zipped, by name. */
  entries: Map<string, ZipEntry>;
}

/** Frames by key. A batch sees a handful (profile × draft × notice); a bound keeps a long run's memory flat. */
const frames = new Map<string, Frame>();
const MAX_FRAMES = 32;
/**
 * Whether our document.xml writer (compileBody) gave the compiler's bytes every time they were compared;
 * undefined before the first comparison. Once false, every document takes the whole compiler.
 */
let bodyWriterAgrees: boolean | undefined;
const counts = { hits: 0, misses: 0 };

/** How often the frame was reused or compiled, and whether our body writer agreed with the compiler (for tests). */
export function frameCacheStats(): { hits: number; misses: number; bodyWriterAgrees: boolean | undefined } {
  return { ...counts, bodyWriterAgrees };
}

function packWithFrame(
  compiler: PartCompiler,
  doc: Document,
  profile: StyleProfile,
  created: Date,
  key: string,
): Uint8Array | undefined {
  const body = compileBody(compiler, doc);
  let frame = body ? frames.get(key) : undefined;
  if (!body || !frame) {
    counts.misses++;
    // Compile everything (the body again: formatting is idempotent) and keep the frame for the next document.
    const parts = compileAll(compiler, doc);
    if (!parts) return undefined;
    const agrees = body !== undefined && [...BODY_PARTS].every((name) => parts.get(name) === body.get(name));
    if (body) bodyWriterAgrees = agrees && bodyWriterAgrees !== false;
    finishParts(parts, profile, created, () => true);
    if (agrees) {
      frame = { parts: new Map([...parts].filter(([name]) => !BODY_PARTS.has(name))), entries: new Map() };
      if (frames.size >= MAX_FRAMES) frames.delete(frames.keys().next().value!);
      frames.set(key, frame);
    }
    dropUnusedParts(parts);
    return zipParts(parts, frame);
  }
  counts.hits++;
  finishParts(body, profile, created, (name) => BODY_PARTS.has(name));
  const parts = new Map([...frame.parts, ...body]);
  dropUnusedParts(parts);
  return zipParts(parts, frame);
}

/** The compiler's parts as text, or undefined when it gives media or fonts (not something we write today). */
function compileAll(compiler: PartCompiler, doc: Document): Map<string, string> | undefined {
  const out = new Map<string, string>();
  for (const [name, data] of compiler.compile(doc, undefined, [])) {
    if (typeof data !== 'string') return undefined;
    out.set(name, data);
  }
  return out;
}

/**
 * document.xml, its relationships and core.xml, written as the compiler writes them (Compiler.xmlifyFile
 * in docx 9.15.2) without the rest. Undefined when writing the body touched what the frame is made
 * of — images (media) or numbering instances — so the frame cannot be reused.
 */
function compileBody(compiler: PartCompiler, doc: Document): Map<string, string> | undefined {
  const { formatter, numberingReplacer } = compiler;
  if (!formatter || !numberingReplacer) return undefined;
  const file = doc as unknown as DocxFile;
  const numbering = file.Numbering.ConcreteNumbering.length;
  const context = { viewWrapper: file.Document, file, stack: [] };
  const declared = { standalone: 'yes', encoding: 'UTF-8' };
  const body = stringifyXmlable(formatter.format(file.Document.View, context), declared);
  if (file.Media.Array.length > 0 || file.Numbering.ConcreteNumbering.length !== numbering) return undefined;
  const relationships = file.Document.Relationships.constructor.copy(file.Document.Relationships);
  relationships.addRelationship(relationships.RelationshipCount + 1, FONT_TABLE_RELATIONSHIP, 'fontTable.xml');
  return new Map([
    ['word/document.xml', numberingReplacer.replace(body, file.Numbering.ConcreteNumbering)],
    ['word/_rels/document.xml.rels', stringifyXmlable(formatter.format(relationships, context), { encoding: 'UTF-8' })],
    ['docProps/core.xml', stringifyXmlable(formatter.format(file.CoreProperties, context), declared)],
  ]);
}

const FONT_TABLE_RELATIONSHIP = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable';

/** What compileBody reads of the `docx` package's File and Compiler (not its public API; pinned version). */
type Xmlable = Record<string, unknown>;
interface DocxRelationships {
  constructor: { copy(from: DocxRelationships): DocxRelationships };
  RelationshipCount: number;
  addRelationship(id: number, type: string, target: string): void;
}
interface DocxFile {
  Document: { View: unknown; Relationships: DocxRelationships };
  CoreProperties: unknown;
  Numbering: { ConcreteNumbering: unknown[] };
  Media: { Array: unknown[] };
}

/**
 * The fix-ups of the parts `which` selects, each of which depends on that part (with its relationships)
 * and the profile only: the dates in core.xml, random relationship ids, fitForWord's per-part changes,
 * the watermark's ids, the font table's fallbacks.
 */
function finishParts(
  parts: Map<string, string>,
  profile: StyleProfile,
  created: Date,
  which: (name: string) => boolean,
): void {
  const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const core = parts.get('docProps/core.xml');
  if (core !== undefined && which('docProps/core.xml')) {
    parts.set(
      'docProps/core.xml',
      core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`),
    );
  }
  renumberRelationships(parts, which);
  for (const [name, xml] of parts) {
    if (!which(name)) continue;
    let fixed = fitPartForWord(name, xml, profile);
    if (name.startsWith('word/header')) fixed = stableWatermarkIds(fixed);
    if (name === 'word/fontTable.xml') fixed = fontTable(profile, fixed);
    parts.set(name, fixed);
  }
}

/** [Content_Types].xml first, as Word writes it; the rest in a fixed order. A frame's entries are deflated once. */
function zipParts(parts: Map<string, string>, frame?: Frame): Uint8Array {
  const names = [...parts.keys()].sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const entries = names.map((name) => {
    const xml = parts.get(name)!;
    const framed = frame && frame.parts.get(name) === xml;
    let entry = framed ? frame.entries.get(name) : undefined;
    if (!entry) {
      entry = zipEntry(name, strToU8(xml), { mtime: ENTRY_TIME, level: DEFLATE_LEVEL });
      if (framed) frame.entries.set(name, entry);
    }
    return entry;
  });
  return joinZip(entries);
}

/**
 * The `docx` package's compiler, the one its Packer uses, reached through a property that is not part of
 * its public API (`Packer.compiler`, its `compile(file, prettify, overrides)`). It is tied to the version
 * pinned exactly in package.json (docx 9.15.2): upgrading docx means checking that this still holds, which
 * tests/pack.test.ts does (the fast path is taken, and gives the public Packer's bytes). Undefined where it
 * is not there, and packing falls back to the public Packer.
 */
function privateCompiler(): PartCompiler | undefined {
  const compiler = (Packer as unknown as { compiler?: Partial<PartCompiler> }).compiler;
  return compiler && typeof compiler.compile === 'function' ? (compiler as PartCompiler) : undefined;
}

/** The path packDocx takes unless told: the compiler where it is there. */
export function defaultPackPath(): PackPath {
  return privateCompiler() ? 'compiler' : 'packer';
}

/** The package's parts as text. */
async function compileParts(doc: Document, via: PackPath): Promise<Map<string, string>> {
  const compiler = via === 'compiler' ? privateCompiler() : undefined;
  return (compiler && compileAll(compiler, doc)) ?? fromZip(doc);
}

/** The public way: unzip what the Packer gives. */
async function fromZip(doc: Document): Promise<Map<string, string>> {
  const unzipped = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  return new Map(Object.entries(unzipped).map(([name, bytes]) => [name, strFromU8(bytes)]));
}

/** Relationship ids the `docx` package draws at random (rId + nanoid) become rIdH1, rIdH2, … in order of appearance. */
function renumberRelationships(parts: Map<string, string>, which: (name: string) => boolean): void {
  for (const relsName of [...parts.keys()].filter((n) => n.endsWith('.rels') && which(n))) {
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
