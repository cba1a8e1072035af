import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Document } from 'docx';
import { describe, expect, it } from 'vitest';
import { paragraph, run, toDocx, type TableSpec } from '../src/doc/docx/blocks.js';
import { MARK } from '../src/doc/docx/body-xml.js';
import { documentOptions, layoutDocx, type DocxLayout } from '../src/doc/docx/build.js';
import { forgetFrames, packDocx, packStats, writeLayout } from '../src/doc/docx/pack.js';
import { PROFILES } from '../src/doc/docx/profile.js';
import { planTree, validatePlan } from '../src/pipeline.js';
import { tempDir } from './helpers/cli.js';
import { docxParts, expectStrictXml } from './helpers/docx.js';

const created = new Date(Date.UTC(2026, 2, 1));

function layoutOf(path: string, style: 'official' | 'business' = 'official'): DocxLayout {
  const { spec } = validatePlan(readFileSync(path, 'utf8'), path);
  const { model, tree } = planTree(spec!, { style });
  return layoutDocx(tree, PROFILES[style], { title: model.title, lang: model.lang, creator: model.org ?? 'plangen' });
}

/** What the reference path writes: the whole `docx` object model, compiled by the package. */
function reference(layout: DocxLayout): Promise<Uint8Array> {
  const sections = layout.sections.map((blocks) => blocks.map(toDocx));
  return packDocx(new Document(documentOptions(layout.frame, layout.core, sections)), layout.frame.profile, created);
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
      expect(packStats().reference - before.reference).toBe(0);
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
        expect(packStats().reference - before.reference).toBe(1);
        expect(Buffer.from(written).equals(Buffer.from(expected))).toBe(true);
        expect(readFileSync(file, 'utf8')).toBe(text);
      }
      // A cache folder that cannot be made (a file stands in its way): built all the same, nothing kept.
      const blocked = { folder: join(cache.folder, 'frames', framesIn(cache.folder)[0]), code: 'code-1' };
      forgetFrames();
      expect(Buffer.from(await writeLayout(layout, profile, created, blocked)).equals(Buffer.from(expected))).toBe(
        true,
      );
    } finally {
      rmSync(cache.folder, { recursive: true, force: true });
    }
  });
});
