import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { paragraph, run, type TableSpec } from '../src/doc/docx/blocks.js';
import { MARK } from '../src/doc/docx/body-xml.js';
import { layoutDocx, referenceDocument, type DocxLayout } from '../src/doc/docx/build.js';
import { forgetFrames, packDocx, packStats, writeLayout } from '../src/doc/docx/pack.js';
import { PROFILES } from '../src/doc/docx/profile.js';
import { planTree, validatePlan } from '../src/pipeline.js';
import { tempDir } from './helpers/cli.js';
import { docxParts, expectStrictXml } from './helpers/docx.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { random } from '../bench/specs.mjs';

const created = new Date(Date.UTC(2026, 2, 1));

function layoutOf(path: string, style: 'official' | 'business' = 'official'): DocxLayout {
  const { spec } = validatePlan(readFileSync(path, 'utf8'), path);
  const { model, tree } = planTree(spec!, { style });
  return layoutDocx(tree, PROFILES[style], { title: model.title, lang: model.lang, creator: model.org ?? 'plangen' });
}

/** What the reference path writes: the whole `docx` object model, compiled by the package. */
function reference(layout: DocxLayout): Promise<Uint8Array> {
  return packDocx(referenceDocument(layout), layout.frame.profile, created);
}

/** Written twice (the first document of a frame is checked against the reference, the next is not), both compared. */
async function expectSameAsReference(layout: DocxLayout, path: 'direct' | 'reference'): Promise<Uint8Array> {
  const expected = await reference(layout);
  await writeLayout(layout, layout.frame.profile, created);
  const before = packStats();
  const written = await writeLayout(layout, layout.frame.profile, created);
  const after = packStats();
  expect(Buffer.from(written).equals(Buffer.from(expected))).toBe(true);
  expect(after[path] - before[path]).toBe(1);
  expect(after.directAgrees).not.toBe(false);
  return written;
}

const table = (text: string): TableSpec => ({
  kind: 'table',
  options: { width: { size: 8000, type: 'dxa' }, columnWidths: [8000] },
  rows: [
    {
      options: {},
      cells: [{ options: { width: { size: 8000, type: 'dxa' } }, children: [paragraph({}, [run(text)])] }],
    },
  ],
});

describe('the direct document.xml writer', () => {
  it('ends each section but the last in its last paragraph, or in a paragraph of its own after a table', async () => {
    const notice = layoutOf('examples/tech-bureau-notice.yaml');
    expect(notice.sections).toHaveLength(2);
    await expectSameAsReference(notice, 'direct');
    const endsInTable = { ...notice, sections: [[...notice.sections[0], table('最后是表格')], notice.sections[1]] };
    const bytes = await expectSameAsReference(endsInTable, 'direct');
    // The added paragraph holds the first section's properties, right after the table.
    expect(docxParts(bytes)['word/document.xml']).toMatch(/<\/w:tbl><w:p><w:pPr><w:sectPr\b/);
  });

  it('writes any text as the package does: markup, control characters, surrogate pairs, its own mark', async () => {
    const layout = layoutOf('examples/tech-bureau-annual.yaml');
    const odd = ['a < b & c > "d" \'e\'', ']]>', 'tab\there', 'bell\u0007gone', '𠀀😀', MARK, `${MARK}section0`, ''];
    const sections = [[...layout.sections[0], ...odd.map((text) => paragraph({ style: 'BodyText' }, [run(text)]))]];
    const bytes = await expectSameAsReference(
      { ...layout, sections, core: { title: MARK, creator: '甲 & 乙' } },
      'direct',
    );
    expectStrictXml(bytes);
  });

  it('checks a long first document of a look on its first blocks, and writes all of it', async () => {
    const layout = layoutOf('examples/tech-bureau-annual.yaml');
    const many = Array.from({ length: 300 }, (_, n) => paragraph({ style: 'BodyText' }, [run(`第${n}段`)]));
    const rows = Array.from({ length: 40 }, () => table('行').rows[0]);
    // A look of its own (a draft mark nothing else uses), so this is the first document of its frame.
    const long = {
      ...layout,
      frame: { ...layout.frame, draft: '长文档' },
      sections: [[...layout.sections[0], { ...table('表'), rows }, ...many]],
    };
    const before = packStats();
    const written = await writeLayout(long, long.frame.profile, created);
    expect(packStats().checks - before.checks).toBe(1);
    expect(packStats().direct - before.direct).toBe(1);
    expect(Buffer.from(written).equals(Buffer.from(await reference(long)))).toBe(true);
    expect(docxParts(written)['word/document.xml']).toContain('第299段');
  });

  it('leaves to the package what it does not write: hyperlinks, an empty title, cells without a width', async () => {
    const layout = layoutOf('examples/tech-bureau-annual.yaml', 'business');
    const linked = paragraph({}, [{ kind: 'link', link: 'https://example.org/', children: [run('portal')] }]);
    await expectSameAsReference({ ...layout, sections: [[...layout.sections[0], linked]] }, 'reference');
    await expectSameAsReference({ ...layout, core: { title: '', creator: 'x' } }, 'reference');
    const loose = table('no width');
    loose.rows[0].cells[0].options = {};
    await expectSameAsReference({ ...layout, sections: [[...layout.sections[0], loose]] }, 'reference');
  });
});

describe('frames kept between runs', () => {
  const layout = layoutOf('examples/tech-bureau-annual.yaml');
  const profile = layout.frame.profile;
  const framesIn = (folder: string) => readdirSync(join(folder, 'frames')).filter((f) => f.endsWith('.json'));

  it('are written once verified, and a later run writes the same bytes from them without the reference', async () => {
    const cache = { folder: tempDir(), code: 'code-1' };
    try {
      forgetFrames();
      const first = await writeLayout(layout, profile, created, cache);
      expect(framesIn(cache.folder)).toHaveLength(1);
      forgetFrames();
      const before = packStats();
      const again = await writeLayout(layout, profile, created, cache);
      expect(packStats().direct - before.direct).toBe(1);
      expect(packStats().checks - before.checks).toBe(0);
      expect(Buffer.from(again).equals(Buffer.from(first))).toBe(true);
      // Another version of the code keeps its own.
      forgetFrames();
      await writeLayout(layout, profile, created, { ...cache, code: 'code-2' });
      expect(framesIn(cache.folder)).toHaveLength(2);
    } finally {
      rmSync(cache.folder, { recursive: true, force: true });
    }
  });

  it('are ignored when damaged, cut short or unwritable: the run compiles the frame again', async () => {
    const cache = { folder: tempDir(), code: 'code-1' };
    try {
      forgetFrames();
      const expected = await writeLayout(layout, profile, created, cache);
      const file = join(cache.folder, 'frames', framesIn(cache.folder)[0]);
      const text = readFileSync(file, 'utf8');
      for (const damaged of [text.replace('w:body', 'w:bodx'), text.slice(0, text.length / 2), '', '{}']) {
        writeFileSync(file, damaged);
        forgetFrames();
        const before = packStats();
        const written = await writeLayout(layout, profile, created, cache);
        expect(packStats().checks - before.checks).toBe(1);
        expect(Buffer.from(written).equals(Buffer.from(expected))).toBe(true);
        expect(readFileSync(file, 'utf8')).toBe(text);
      }
      // A cache folder that cannot be made (a file stands in its way): built all the same, nothing kept.
      const blocked = { folder: join(cache.folder, 'frames', framesIn(cache.folder)[0]), code: 'code-1' };
      forgetFrames();
      expect(Buffer.from(await writeLayout(layout, profile, created, blocked)).equals(Buffer.from(expected))).toBe(
        true,
      );
      // Under /proc no folder can be made, and Node 20's recursive mkdirSync never returns there.
      if (existsSync('/proc/self')) {
        forgetFrames();
        const proc = { folder: '/proc/plangen-frames', code: 'code-1' };
        expect(Buffer.from(await writeLayout(layout, profile, created, proc)).equals(Buffer.from(expected))).toBe(true);
      }
    } finally {
      rmSync(cache.folder, { recursive: true, force: true });
    }
  });
});

describe('the direct writer against the reference on random layouts', () => {
  /** Options build.ts and notice.ts use, and a few they do not, in random subsets. */
  const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const maybe = <T>(rnd: () => number, value: () => T): T | undefined => (rnd() < 0.4 ? value() : undefined);
  const TEXTS = [
    '工作目标',
    'Plan 2026',
    'a & b < c',
    '“引号”……',
    '\t',
    ' lead ',
    '𠀀',
    'x\u0007y',
    ']]>',
    '',
    '2026年12月31日',
  ];
  const FONTS = [
    { ascii: 'Times New Roman', eastAsia: '仿宋_GB2312' },
    { eastAsia: '黑体', hint: 'eastAsia' },
    'Courier New',
  ];

  function randomRun(rnd: () => number) {
    if (rnd() < 0.05) return run({ break: 1 });
    return run({
      text: Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(rnd, TEXTS)).join(''),
      bold: maybe(rnd, () => rnd() < 0.5),
      italics: maybe(rnd, () => true),
      size: maybe(rnd, () => pick(rnd, [24, 28, 32, 44])),
      color: maybe(rnd, () => pick(rnd, ['000000', 'FF0000'])),
      font: maybe(rnd, () => pick(rnd, FONTS)),
      characterSpacing: maybe(rnd, () => pick(rnd, [0, 10, -5])),
    });
  }

  function randomParagraph(rnd: () => number) {
    return paragraph(
      {
        style: maybe(rnd, () => pick(rnd, ['BodyText', 'Subtitle', 'TableText'])),
        alignment: maybe(rnd, () => pick(rnd, ['left', 'center', 'right', 'both'] as const)),
        indent: maybe(rnd, () =>
          pick(rnd, [{ firstLine: 640 }, { left: 1200, hanging: 320 }, { right: 320, firstLine: 0 }]),
        ),
        spacing: maybe(rnd, () =>
          pick(rnd, [{ before: 580 }, { line: 560, lineRule: 'exact', before: 0, after: 0 } as const]),
        ),
        keepNext: maybe(rnd, () => true),
        pageBreakBefore: maybe(rnd, () => true),
        autoSpaceEastAsianText: maybe(rnd, () => false),
        border: maybe(rnd, () => ({ bottom: { style: 'single', size: 8, color: 'FF0000', space: 11 } }) as const),
        tabStops: maybe(rnd, () => [{ type: 'right', position: 8000 }] as const),
      },
      Array.from({ length: Math.floor(rnd() * 4) }, () => randomRun(rnd)),
    );
  }

  function randomTable(rnd: () => number): TableSpec {
    const columns = 1 + Math.floor(rnd() * 4);
    const widths = Array.from({ length: columns }, () => 800 + Math.floor(rnd() * 3000));
    return {
      kind: 'table',
      options: {
        width: { size: widths.reduce((a, b) => a + b, 0), type: 'dxa' },
        columnWidths: widths,
        layout: maybe(rnd, () => 'fixed' as const),
        borders: maybe(rnd, () => ({ top: { style: 'single', size: 4, color: '000000' } }) as const),
      },
      rows: Array.from({ length: 1 + Math.floor(rnd() * 3) }, (_, r) => ({
        options: { tableHeader: r === 0 || undefined, cantSplit: maybe(rnd, () => true) },
        cells: widths.map((size) => ({
          options: {
            width: { size, type: 'dxa' as const },
            shading: maybe(rnd, () => ({ fill: 'A6A6A6', type: 'clear', color: 'auto' }) as const),
            verticalAlign: maybe(rnd, () => 'center' as const),
            margins: maybe(rnd, () => ({ left: 80, right: 80, top: 40, bottom: 40 })),
          },
          children: Array.from({ length: 1 + Math.floor(rnd() * 2) }, () => randomParagraph(rnd)),
        })),
      })),
    };
  }

  it('gives the reference bytes for every one (PLANGEN_DIFF_RUNS sets how many; 60 by default)', async () => {
    const runs = Number(process.env.PLANGEN_DIFF_RUNS ?? 60);
    const rnd = random(2026);
    const looks = [layoutOf('examples/tech-bureau-annual.yaml'), layoutOf('examples/tech-bureau-notice.yaml')];
    for (let i = 0; i < runs; i++) {
      const base = looks[i % 2];
      const sections = base.sections.map((_, s) =>
        Array.from({ length: 1 + Math.floor(rnd() * 6) }, () =>
          rnd() < 0.2 && s === 0 ? randomTable(rnd) : randomParagraph(rnd),
        ),
      );
      const layout = { ...base, sections };
      const before = packStats();
      const written = await writeLayout(layout, layout.frame.profile, created);
      expect(packStats().directAgrees).not.toBe(false);
      expect(Buffer.from(written).equals(Buffer.from(await reference(layout))), `layout ${i}`).toBe(true);
      if (i > 1) expect(packStats().direct - before.direct, `layout ${i} took the fast path`).toBe(1);
    }
  });
});
