import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { StyleProfile } from './profile.js';

/** Zip entry time for every part: the DOS epoch, so the bytes do not depend on the clock. */
const ZIP_TIME = new Date(1980, 0, 1, 0, 0, 0);

/**
 * Pack a Document into DOCX bytes that depend only on the input: the `docx` package stamps the clock
 * into core.xml, the current time into every zip entry, and random ids into relationships.
 */
export async function packDocx(doc: Document, profile: StyleProfile, created: Date): Promise<Uint8Array> {
  const packed = await Packer.toBuffer(doc);
  const parts = unzipSync(new Uint8Array(packed));
  const text = (name: string) => strFromU8(parts[name]);

  const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  parts['docProps/core.xml'] = strToU8(
    text('docProps/core.xml').replace(/(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g, `$1${stamp}$2`),
  );
  renumberRelationships(parts);
  if (parts['word/fontTable.xml']) parts['word/fontTable.xml'] = strToU8(fontTable(profile, text('word/fontTable.xml')));

  // [Content_Types].xml first, as Word writes it; the rest in a fixed order.
  const names = Object.keys(parts).sort((a, b) => (a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0));
  const zippable: Zippable = {};
  for (const name of names) zippable[name] = [parts[name], { mtime: ZIP_TIME, level: 6 }];
  return zipSync(zippable);
}

/** Relationship ids the `docx` package draws at random (rId + nanoid) become rIdH1, rIdH2, … in order of appearance. */
function renumberRelationships(parts: Record<string, Uint8Array>): void {
  const rels = Object.keys(parts).filter((n) => n.endsWith('.rels'));
  for (const relsName of rels) {
    const owner = relsName.replace(/_rels\/(.*)\.rels$/, '$1');
    if (!parts[owner]) continue;
    let relsXml = strFromU8(parts[relsName]);
    let ownerXml = strFromU8(parts[owner]);
    const random = [...new Set([...relsXml.matchAll(/Id="(rId[^"]*[^\d"][^"]*)"/g)].map((m) => m[1]))];
    if (random.length === 0) continue;
    const order = random.sort((a, b) => ownerXml.indexOf(`"${a}"`) - ownerXml.indexOf(`"${b}"`));
    order.forEach((id, i) => {
      relsXml = relsXml.split(`Id="${id}"`).join(`Id="rIdH${i + 1}"`);
      ownerXml = ownerXml.split(`"${id}"`).join(`"rIdH${i + 1}"`);
    });
    parts[relsName] = strToU8(relsXml);
    parts[owner] = strToU8(ownerXml);
  }
}

/**
 * Declare the profile's fonts with their fallbacks (w:altName) and the GB2312 character set, so a
 * reader without 仿宋_GB2312 picks 仿宋 rather than a Latin default.
 */
function fontTable(profile: StyleProfile, xml: string): string {
  const entries = Object.entries(profile.fontFallbacks)
    .filter(([name]) => !xml.includes(`w:name="${name}"`))
    .map(([name, alt]) => `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`)
    .join('');
  // The `docx` package writes an empty, self-closing <w:fonts …/>.
  return /<\/w:fonts>\s*$/.test(xml) ? xml.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`) : xml.replace(/\/>\s*$/, `>${entries}</w:fonts>`);
}
