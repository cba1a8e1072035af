import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Packer, type Document } from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildDocxDocument } from '../src/doc/docx/build.js';
import { clearPackMemo, crc32, packDocx } from '../src/doc/docx/pack.js';
import { PROFILES, type StyleProfile } from '../src/doc/docx/profile.js';
import { fitForWord } from '../src/doc/docx/word-compat.js';
import { planTree, validatePlan } from '../src/pipeline.js';
import { expectStrictXml } from './helpers/docx.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs } from '../bench/specs.mjs';
import { tempDir } from './helpers/cli.js';

/**
 * The packing as it was before pack.ts zipped the parts itself: the `docx` Packer's zip, unzipped,
 * fixed up (dates, random ids, Word's needs, font fallbacks), zipped again with fflate. The new packer must give
 * the same bytes, part for part and byte for byte.
 */
async function referencePack(doc: Document, profile: StyleProfile, created: Date): Promise<Uint8Array> {
  const parts = unzipSync(new Uint8Array(await Packer.toBuffer(doc)));
  const text = (name: string) => strFromU8(parts[name]);
  const stamp = created.toISOString().replace(/\.\d{3}Z$/, 'Z');
  parts['docProps/core.xml'] = strToU8(
    text('docProps/core.xml').replace(
      /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/g,
      `$1${stamp}$2`,
    ),
  );
  for (const relsName of Object.keys(parts).filter((n) => n.endsWith('.rels'))) {
    const owner = relsName.replace(/_rels\/(.*)\.rels$/, '$1');
    if (!parts[owner]) continue;
    let relsXml = text(relsName);
    let ownerXml = text(owner);
    const random = [...new Set([...relsXml.matchAll(/Id="(rId[^"]*[^\d"][^"]*)"/g)].map((m) => m[1]))];
    if (random.length === 0) continue;
    random
      .sort((a, b) => ownerXml.indexOf(`"${a}"`) - ownerXml.indexOf(`"${b}"`))
      .forEach((id, i) => {
        relsXml = relsXml.split(`Id="${id}"`).join(`Id="rIdH${i + 1}"`);
        ownerXml = ownerXml.split(`"${id}"`).join(`"rIdH${i + 1}"`);
      });
    parts[relsName] = strToU8(relsXml);
    parts[owner] = strToU8(ownerXml);
  }
  // What Word and WPS need (styles, theme, cached page numbers, unused parts): the same function as pack.ts.
  const asText = new Map(Object.entries(parts).map(([name, bytes]) => [name, strFromU8(bytes)]));
  fitForWord(asText, profile);
  for (const name of Object.keys(parts)) if (!asText.has(name)) delete parts[name];
  for (const [name, value] of asText) parts[name] = strToU8(value);
  const xml = text('word/fontTable.xml');
  const entries = Object.entries(profile.fontFallbacks)
    .filter(([name]) => !xml.includes(`w:name="${name}"`))
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join('');
  parts['word/fontTable.xml'] = strToU8(
    /<\/w:fonts>\s*$/.test(xml)
      ? xml.replace(/<\/w:fonts>\s*$/, `${entries}</w:fonts>`)
      : xml.replace(/\/>\s*$/, `>${entries}</w:fonts>`),
  );
  const names = Object.keys(parts).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a < b ? -1 : a > b ? 1 : 0,
  );
  const zippable: Zippable = {};
  for (const name of names) zippable[name] = [parts[name], { mtime: new Date(1980, 0, 1, 0, 0, 0), level: 6 }];
  return zipSync(zippable);
}

function documentFor(source: string, style?: 'official' | 'business') {
  const { spec, diagnostics } = validatePlan(source, 'spec.yaml');
  expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const { model, tree } = planTree(spec!, { style });
  const profile = PROFILES[model.style];
  return {
    profile,
    make: () =>
      buildDocxDocument(tree, profile, { title: model.title, lang: model.lang, creator: model.org ?? 'plangen' }),
  };
}

const LINKS = `title: Links and tables
lang: en
preface: See [the portal](https://example.org/a) and [the annex](https://example.org/b).
indicators:
  - { name: Patents, unit: items, baseline: 10, target: 12 }
tasks:
  - title: First
    text: Read [this](https://example.org/c) first.
`;

describe('packDocx', () => {
  it('gives the same bytes as unzipping and re-zipping the docx Packer output did', async () => {
    const dir = tempDir();
    const specs = (generateSpecs({ dir, count: 12, seed: 7 }) as Array<{ relative: string }>).map((g) =>
      readFileSync(join(dir, g.relative), 'utf8'),
    );
    const sources = [...specs, LINKS, 'title: 最小的计划\n'];
    const created = new Date(Date.UTC(2026, 1, 6));
    for (const [i, source] of sources.entries()) {
      for (const style of [undefined, 'business', 'official'] as const) {
        const { profile, make } = documentFor(source, style);
        const ours = await packDocx(make(), profile, created);
        const reference = await referencePack(make(), profile, created);
        expect(Buffer.from(ours).equals(Buffer.from(reference)), `spec ${i} style ${style ?? 'default'}`).toBe(true);
      }
    }
  });

  it('reuses compressed parts without changing a byte, whatever was packed before', async () => {
    const official = documentFor('title: 甲计划\ngoals: [完成]\n');
    const business = documentFor(LINKS);
    const created = new Date(0);
    clearPackMemo();
    const first = await packDocx(official.make(), official.profile, created);
    await packDocx(business.make(), business.profile, created);
    const again = await packDocx(official.make(), official.profile, created);
    clearPackMemo();
    const fresh = await packDocx(official.make(), official.profile, created);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
    expect(Buffer.from(fresh).equals(Buffer.from(first))).toBe(true);
    expectStrictXml(first);
  });

  it('renumbers the random relationship ids of hyperlinks, so two packs are identical', async () => {
    const { profile, make } = documentFor(LINKS);
    const a = await packDocx(make(), profile, new Date(0));
    const b = await packDocx(make(), profile, new Date(0));
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    const rels = strFromU8(unzipSync(a)['word/_rels/document.xml.rels']);
    expect(rels).toContain('Id="rIdH1"');
    expect(rels).not.toMatch(/Id="rId[^"]*[A-Za-z_-][^"]*"(?<!rIdH\d+")/);
  });

  it('computes the zip CRC-32 of the standard check value', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array())).toBe(0);
  });
});
