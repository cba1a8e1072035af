import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Style } from '../src/core/types.js';
import { buildDocxDocument } from '../src/doc/docx/build.js';
import { defaultPackPath, packDocx } from '../src/doc/docx/pack.js';
import { PROFILES } from '../src/doc/docx/profile.js';
import { planTree, validatePlan } from '../src/pipeline.js';
import { expectStrictXml } from './helpers/docx.js';
import { crc32, referenceZip } from './helpers/zip-reference.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs } from '../bench/specs.mjs';
import { tempDir } from './helpers/cli.js';

function documentFor(source: string, style?: Style) {
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

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
/** Varied plans (every example, preset and seed structure, resized), a plan with links, a minimal one. */
const SOURCES = [
  ...(generateSpecs({ dir, count: 6, seed: 7 }) as Array<{ relative: string }>).map((g) =>
    readFileSync(join(dir, g.relative), 'utf8'),
  ),
  LINKS,
  'title: 最小的计划\n',
];
const STYLES = [undefined, 'business', 'official'] as const;
const created = new Date(Date.UTC(2026, 1, 6));

describe('packDocx', () => {
  it("takes the fast path: the docx package's own compiler, never the public Packer's zip", async () => {
    expect(defaultPackPath()).toBe('compiler');
    const toBuffer = vi.spyOn(Packer, 'toBuffer');
    try {
      const { profile, make } = documentFor(LINKS);
      await packDocx(make(), profile, created);
      expect(toBuffer).not.toHaveBeenCalled();
      await packDocx(make(), profile, created, { via: 'packer' });
      expect(toBuffer).toHaveBeenCalledTimes(1);
    } finally {
      toBuffer.mockRestore();
    }
  });

  it('gives the same bytes through the public Packer (the fallback) as through the compiler', async () => {
    for (const [i, source] of SOURCES.entries()) {
      for (const style of STYLES) {
        const { profile, make } = documentFor(source, style);
        const fast = await packDocx(make(), profile, created);
        const fallback = await packDocx(make(), profile, created, { via: 'packer' });
        expect(Buffer.from(fast).equals(Buffer.from(fallback)), `spec ${i} style ${style ?? 'default'}`).toBe(true);
      }
    }
  });

  it('zips with fflate.zipSync the very bytes the hand-written zip writer gave', async () => {
    for (const [i, source] of SOURCES.entries()) {
      for (const style of STYLES) {
        const { profile, make } = documentFor(source, style);
        const packed = await packDocx(make(), profile, created);
        const parts = Object.entries(unzipSync(packed)).map(([name, data]) => [name, data] as const);
        expect(parts[0][0]).toBe('[Content_Types].xml');
        expect(Buffer.from(referenceZip(parts)).equals(Buffer.from(packed)), `spec ${i} style ${style}`).toBe(true);
      }
    }
    // Names beyond ASCII take the UTF-8 flag; the oracle's CRC is the standard one.
    const named = [['word/附件.xml', '<a/>'] as const, ['b.xml', ''] as const];
    const { zipSync, strToU8 } = await import('fflate');
    const ours = zipSync(
      Object.fromEntries(named.map(([n, t]) => [n, [strToU8(t), { mtime: new Date(1980, 0, 1), level: 6 }]])),
    );
    expect(Buffer.from(ours).equals(Buffer.from(referenceZip(named)))).toBe(true);
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  it('gives the same bytes whatever was packed before (nothing carried over from one document to the next)', async () => {
    const official = documentFor('title: 甲计划\ngoals: [完成]\n');
    const business = documentFor(LINKS);
    const first = await packDocx(official.make(), official.profile, created);
    await packDocx(business.make(), business.profile, created);
    const again = await packDocx(official.make(), official.profile, created);
    expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
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
});
