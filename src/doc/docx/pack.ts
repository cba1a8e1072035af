import { Document, Packer, Paragraph, TextRun } from 'docx';
import { strFromU8, strToU8, unzipSync } from 'fflate';
import type { ParagraphSpec } from './blocks.js';
import { BodyWriter, MARK } from './body-xml.js';
import { documentOptions, referenceDocument, type DocxLayout } from './build.js';
import { stableWatermarkIds } from './draft.js';
import { loadFrame, saveFrame, type FrameCache, type StoredFrame } from './frame-store.js';
import type { StyleProfile } from './profile.js';
import { dropUnusedParts, fitPartForWord, noAutoSpace } from './word-compat.js';
import { escapeXml, xmlOf } from './xmlable.js';
import { joinZip, zipEntry } from './zip.js';

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
}

/**
 * Pack a Document into DOCX bytes that depend only on the input: the `docx` package stamps the clock
 * into core.xml and random ids into relationships, and (through its own Packer) the current time into
 * every zip entry. We take its parts as text, fix them up and zip them ourselves with fixed entry times
 * and order. This is the reference path; writeLayout is the fast one.
 */
export async function packDocx(
  doc: Document,
  profile: StyleProfile,
  created: Date,
  options: { via?: PackPath } = {},
): Promise<Uint8Array> {
  const parts = await compileParts(doc, options.via ?? defaultPackPath());
  finishParts(parts, profile, created);
  dropUnusedParts(parts);
  return zipParts(parts);
}

/**
 * DOCX bytes for a laid-out document, the same as packDocx gives for its `docx` Document, faster. The
 * parts that do not depend on the body — styles, theme, settings, numbering, fonts, headers, footers,
 * content types, relationships: the frame — are compiled, fixed up and deflated once per distinct frame
 * input (build.ts DocxFrameInputs, which include the profile), from a skeleton document whose sections
 * each hold a marked paragraph and whose title and author are marks; document.xml is the skeleton's
 * with each mark replaced by the section's blocks, which body-xml.ts writes, and core.xml the
 * skeleton's with the title and author put in.
 *
 * The first document of every frame is also packed the reference way (its first blocks, when it is long)
 * and compared: one difference turns the fast path off for the rest of the process. Anything the fast
 * path does not write (a hyperlink, an empty title) takes the reference path.
 */
export async function writeLayout(
  layout: DocxLayout,
  profile: StyleProfile,
  created: Date,
  cache?: FrameCache,
): Promise<Uint8Array> {
  const compiler = privateCompiler();
  const writer = compiler && writerFor(compiler);
  if (compiler && writer && directAgrees !== false) {
    const key = JSON.stringify(layout.frame);
    const frame = frameFor(compiler, writer, key, layout, profile, cache);
    const bytes = frame && directBytes(frame, writer, layout, created);
    if (frame && bytes) {
      if (!frame.verified) {
        // Checked on the document's first blocks: a plan of 20,000 tasks compiled whole by the package
        // took seconds and more memory than its worker had.
        const sample = sampleOf(layout);
        const ours = sample === layout ? bytes : directBytes(frame, writer, sample, created);
        const reference = await packReference(sample, profile, created);
        counts.checks++;
        frame.verified = ours !== undefined && Buffer.from(ours).equals(Buffer.from(reference));
        directAgrees = frame.verified ? (directAgrees ?? true) : false;
        if (frame.verified && cache) saveFrame(cache, key, frame);
      }
      if (frame.verified) {
        counts.direct++;
        return bytes;
      }
    }
  }
  counts.reference++;
  return packReference(layout, profile, created);
}

/** The bytes the fast path gives for a layout in a frame, or undefined where the body writer gives up. */
function directBytes(frame: Frame, writer: BodyWriter, layout: DocxLayout, created: Date): Uint8Array | undefined {
  const body = directParts(frame, writer, layout, created);
  if (!body) return undefined;
  const parts = new Map([...frame.parts, ...body]);
  dropUnusedParts(parts);
  return zipParts(parts, frame);
}

const SAMPLE_BLOCKS = 60;
const SAMPLE_ROWS = 12;

/** The layout cut to its first blocks and table rows; the layout itself when there is nothing to cut. */
function sampleOf(layout: DocxLayout): DocxLayout {
  const long = layout.sections.some(
    (blocks) => blocks.length > SAMPLE_BLOCKS || blocks.some((b) => b.kind === 'table' && b.rows.length > SAMPLE_ROWS),
  );
  if (!long) return layout;
  const sections = layout.sections.map((blocks) =>
    blocks
      .slice(0, SAMPLE_BLOCKS)
      .map((block) => (block.kind === 'table' ? { ...block, rows: block.rows.slice(0, SAMPLE_ROWS) } : block)),
  );
  return { ...layout, sections };
}

function packReference(layout: DocxLayout, profile: StyleProfile, created: Date): Promise<Uint8Array> {
  return packDocx(referenceDocument(layout), profile, created);
}

/** The parts written for each document; every other part belongs to the frame. */
const BODY_PARTS = new Set(['word/document.xml', 'word/_rels/document.xml.rels', 'docProps/core.xml']);

/**
 * A frame: its parts, fixed up, and each of them zipped (by name); the skeleton's document.xml around
 * the sections' places (one more piece than sections); the properties of each section but the last,
 * which its last paragraph carries (docx Body.addSection); the skeleton's core.xml, with TITLE and
 * AUTHOR marks; document.xml's relationships (the frame's alone: no hyperlinks are written here).
 */
interface Frame extends StoredFrame {
  /** Whether a document of this frame was compared with the reference path and agreed. */
  verified: boolean;
}

/** Frames by key. A batch sees a handful (profile × draft × notice); a bound keeps a long run's memory flat. */
const frames = new Map<string, Frame | null>();
const MAX_FRAMES = 32;
/** Undefined before the first comparison; once false, every document takes the reference path. */
let directAgrees: boolean | undefined;
const counts = { direct: 0, reference: 0, checks: 0 };
let bodyWriter: BodyWriter | undefined;

/** Forget the frames this process made or loaded, as a new process would (for tests). */
export function forgetFrames(): void {
  frames.clear();
}

/**
 * How many documents took each path, how many times the fast path was checked against the reference,
 * and whether it agreed (for tests).
 */
export function packStats(): { direct: number; reference: number; checks: number; directAgrees: boolean | undefined } {
  return { ...counts, directAgrees };
}

const TITLE = `${MARK}title`;
const AUTHOR = `${MARK}author`;
const sectionMark = (i: number) => `${MARK}section${i}`;

/**
 * The frame for a layout's frame inputs: one this process made, else one an earlier run kept (verified
 * then), else a new one; null when the skeleton is not as expected.
 */
function frameFor(
  compiler: PartCompiler,
  writer: BodyWriter,
  key: string,
  layout: DocxLayout,
  profile: StyleProfile,
  cache: FrameCache | undefined,
): Frame | null {
  let frame = frames.get(key);
  if (frame === undefined) {
    const stored = cache && loadFrame(cache, key);
    frame = stored ? { ...stored, verified: true } : makeFrame(compiler, writer, layout, profile);
    if (frames.size >= MAX_FRAMES) frames.delete(frames.keys().next().value!);
    frames.set(key, frame);
  }
  return frame;
}

function makeFrame(
  compiler: PartCompiler,
  writer: BodyWriter,
  layout: DocxLayout,
  profile: StyleProfile,
): Frame | null {
  const marks = layout.sections.map((_, i) => sectionMark(i));
  const skeleton = new Document(
    documentOptions(
      layout.frame,
      { title: TITLE, creator: AUTHOR },
      marks.map((mark) => [new Paragraph({ children: [new TextRun(mark)] })]),
    ),
  );
  const parts = compileAll(compiler, skeleton);
  if (!parts) return null;
  // What finishParts does to a document.xml, done here once: the body writer's pieces are fitted as
  // they are made (writerFor). Its renumbering has nothing to do in a frame's document: only hyperlinks
  // and images get random relationship ids, and the body writer writes neither.
  const xml = noAutoSpace(parts.get('word/document.xml') ?? '');
  const document: string[] = [];
  const sectionProperties: string[] = [];
  let cursor = 0;
  for (const [i, mark] of marks.entries()) {
    const paragraph = writer.markParagraph(mark);
    const at = xml.indexOf(mark, cursor);
    if (paragraph === undefined || at < 0) return null;
    const start = xml.lastIndexOf('<w:p>', at);
    const end = xml.indexOf('</w:p>', at) + '</w:p>'.length;
    const written = xml.slice(start, end);
    if (i < marks.length - 1) {
      const properties = /^<w:p><w:pPr>(<w:sectPr\b[\s\S]*<\/w:sectPr>)<\/w:pPr>/.exec(written)?.[1];
      if (properties === undefined || withSection(paragraph, properties) !== written) return null;
      sectionProperties.push(properties);
    } else if (written !== paragraph) return null;
    document.push(xml.slice(cursor, start));
    cursor = end;
  }
  document.push(xml.slice(cursor));
  // The dates are each document's; the clock's are replaced, so a kept frame is the same from run to run.
  const core = withDates(parts.get('docProps/core.xml') ?? '', new Date(0));
  const relationships = parts.get('word/_rels/document.xml.rels');
  if (core.split(TITLE).length !== 2 || core.split(AUTHOR).length !== 3 || relationships === undefined) return null;
  for (const name of BODY_PARTS) parts.delete(name);
  finishParts(parts, profile, new Date(0));
  return { parts, entries: new Map(), document, sectionProperties, core, relationships, verified: false };
}

/** document.xml, its relationships and core.xml of a layout in a frame, or undefined where the writer gives up. */
function directParts(
  frame: Frame,
  writer: BodyWriter,
  layout: DocxLayout,
  created: Date,
): Map<string, string> | undefined {
  const { title, creator } = layout.core;
  // An empty title or author is left out of core.xml, not written empty.
  if (!title || !creator) return undefined;
  let document = frame.document[0];
  for (const [i, blocks] of layout.sections.entries()) {
    const written = writer.blocks(blocks);
    if (!written) return undefined;
    const properties = frame.sectionProperties[i];
    if (properties !== undefined) {
      // A section but the last ends in a paragraph that carries its properties: its own last one, or one added.
      const last = blocks[blocks.length - 1]?.kind === 'paragraph' ? written.pop() : writer.blocks([EMPTY])?.[0];
      const ended = last === undefined ? undefined : withSection(last, properties);
      if (ended === undefined) return undefined;
      written.push(ended);
    }
    document += written.join('') + frame.document[i + 1];
  }
  const core = withDates(
    frame.core.split(TITLE).join(escapeXml(title)).split(AUTHOR).join(escapeXml(creator)),
    created,
  );
  return new Map([
    ['word/document.xml', document],
    ['word/_rels/document.xml.rels', frame.relationships],
    ['docProps/core.xml', core],
  ]);
}

const EMPTY: ParagraphSpec = { kind: 'paragraph', options: {}, children: [] };

/** A paragraph's XML with section properties at the end of its own properties, where docx puts them. */
function withSection(paragraph: string, properties: string): string | undefined {
  if (paragraph === '<w:p/>') return `<w:p><w:pPr>${properties}</w:pPr></w:p>`;
  if (paragraph.startsWith('<w:p><w:pPr>')) return paragraph.replace('</w:pPr>', () => `${properties}</w:pPr>`);
  if (paragraph.startsWith('<w:p>')) return `<w:p><w:pPr>${properties}</w:pPr>${paragraph.slice(5)}`;
  return undefined;
}

/** The body writer, which formats what it has not seen with the compiler's formatter. */
function writerFor(compiler: PartCompiler): BodyWriter | undefined {
  const formatter = compiler.formatter;
  if (!formatter) return undefined;
  if (!bodyWriter) {
    const file = new Document({ sections: [] }) as unknown as { Document: unknown };
    const context = { viewWrapper: file.Document, file, stack: [] };
    // Each piece as finishParts would leave it in document.xml (word-compat.ts), once per distinct look.
    bodyWriter = new BodyWriter((component) => noAutoSpace(xmlOf(formatter.format(component, context))));
  }
  return bodyWriter;
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

/** What pack.ts reads of the `docx` package's Compiler (not its public API; pinned version). */
type Xmlable = Record<string, unknown>;

/**
 * The fix-ups of the parts, each of which depends on that part (with its relationships)
 * and the profile only: the dates in core.xml, random relationship ids, fitForWord's per-part changes,
 * the watermark's ids, the font table's fallbacks.
 */
function finishParts(parts: Map<string, string>, profile: StyleProfile, created: Date): void {
  const core = parts.get('docProps/core.xml');
  if (core !== undefined) parts.set('docProps/core.xml', withDates(core, created));
  renumberRelationships(parts);
  for (const [name, xml] of parts) {
    let fixed = fitPartForWord(name, xml, profile);
    if (name.startsWith('word/header')) fixed = stableWatermarkIds(fixed);
    if (name === 'word/fontTable.xml') fixed = fontTable(profile, fixed);
    parts.set(name, fixed);
  }
}

/** core.xml with `created` as its creation and modification dates, instead of the clock the package read. */
function withDates(core: string, created: Date): string {
  const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return core.replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`);
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
