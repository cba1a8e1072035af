import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Packer } from 'docx';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { Style } from '../src/core/types.js';
import { buildDocxDocument } from '../src/doc/docx/build.js';
import { writeDocx } from '../src/doc/docx/index.js';
import { defaultPackPath, packStats, packDocx } from '../src/doc/docx/pack.js';
import { PROFILES, type StyleProfile } from '../src/doc/docx/profile.js';
import { planTree, validatePlan } from '../src/pipeline.js';
import { expectStrictXml } from './helpers/docx.js';
import { crc32, referenceZip } from './helpers/zip-reference.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs, seedSpecs } from '../bench/specs.mjs';
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

/** House looks from style files: a page-number format at the centre or the outside edge, a document grid. */
const HOUSE: StyleProfile[] = [
  { ...PROFILES.official, footer: { ...PROFILES.official.footer, format: '第{page}页', position: 'center' } },
  {
    ...PROFILES.business,
    footer: { ...PROFILES.business.footer, format: '- {page} -', position: 'outside' },
    grid: { type: 'lines', linePitch: 312 },
  },
];
/** Generated plans beyond the examples, presets and seeds; PLANGEN_DIFF_RUNS for a longer run. */
const GENERATED = Number(process.env.PLANGEN_DIFF_RUNS ?? 30);

describe('the frame cache (constant parts compiled and deflated once per frame)', () => {
  it('gives the bytes of the reference path (the whole docx object model, packed alone) for every plan', async () => {
    const sources: Array<[string, string]> = (seedSpecs() as Array<{ path: string }>).map(({ path }) => [
      path,
      readFileSync(path, 'utf8'),
    ]);
    for (const { relative } of generateSpecs({ dir, count: GENERATED, seed: 11 }) as Array<{ relative: string }>)
      sources.push([relative, readFileSync(join(dir, relative), 'utf8')]);
    const before = packStats();
    let documents = 0;
    for (const [i, [name, source]] of sources.entries()) {
      const { spec } = validatePlan(source, name);
      for (const style of ['official', 'business'] as const) {
        const { model, tree } = planTree(spec!, { style });
        const profiles = [PROFILES[style], ...(i % 5 === 0 ? HOUSE : [])];
        for (const [j, profile] of profiles.entries()) {
          const meta = {
            title: model.title,
            lang: model.lang,
            creator: model.org ?? 'plangen',
            draft: (i + j) % 4 === 0 ? (model.lang === 'en' ? 'DRAFT' : '征求意见稿') : undefined,
          };
          const day = new Date(Date.UTC(2026, i % 12, 1 + (i % 28)));
          const fast = await writeDocx(tree, { ...meta, profile, created: day });
          const reference = await packDocx(buildDocxDocument(tree, profile, meta), profile, day);
          expect(Buffer.from(fast).equals(Buffer.from(reference)), `${name} ${profile.name} ${j}`).toBe(true);
          documents++;
        }
      }
    }
    const after = packStats();
    // Almost every document took the fast path, which agreed with the reference wherever they were compared.
    expect(after.directAgrees).toBe(true);
    expect(after.direct - before.direct).toBeGreaterThan(documents * 0.9);
  }, 120_000);

  it('zips entry by entry the bytes fflate.zipSync gives for all entries at once', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const { joinZip, zipEntry } = await import('../src/doc/docx/zip.js');
    const files = [
      ['[Content_Types].xml', '<Types/>'],
      ['word/附件.xml', '<a>附件</a>'.repeat(50)],
      ['b.xml', ''],
    ] as const;
    const options = { mtime: new Date(1980, 0, 1), level: 6 } as const;
    const whole = zipSync(Object.fromEntries(files.map(([n, t]) => [n, [strToU8(t), options]])));
    const joined = joinZip(files.map(([n, t]) => zipEntry(n, strToU8(t), options)));
    expect(Buffer.from(joined).equals(Buffer.from(whole))).toBe(true);
  });
});
