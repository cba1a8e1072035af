import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { stableWatermarkIds } from './draft.js';
import type { StyleProfile } from './profile.js';
import { fitForWord } from './word-compat.js';

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
}

/**
 * Pack a Document into DOCX bytes that depend only on the input: the `docx` package stamps the clock
 * into core.xml and random ids into relationships, and (through its own Packer) the current time into
 * every zip entry. We take its parts as text, fix them up and zip them ourselves with fixed entry times
 * and order.
 */
export async function packDocx(
  doc: Document,
  profile: StyleProfile,
  created: Date,
  options: { via?: PackPath } = {},
): Promise<Uint8Array> {
  const parts = await compileParts(doc, options.via ?? defaultPackPath());

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
  for (const [name, xml] of parts) if (name.startsWith('word/header')) parts.set(name, stableWatermarkIds(xml));
  const fonts = parts.get('word/fontTable.xml');
  if (fonts !== undefined) parts.set('word/fontTable.xml', fontTable(profile, fonts));

  // [Content_Types].xml first, as Word writes it; the rest in a fixed order.
  const names = [...parts.keys()].sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const zippable: Zippable = {};
  for (const name of names) zippable[name] = [strToU8(parts.get(name)!), { mtime: ENTRY_TIME, level: DEFLATE_LEVEL }];
  return zipSync(zippable);
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
  if (!compiler) return fromZip(doc);
  const out = new Map<string, string>();
  for (const [name, data] of compiler.compile(doc, undefined, [])) {
    if (typeof data !== 'string') return fromZip(doc); // media or fonts: not something we write today
    out.set(name, data);
  }
  return out;
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
