import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { OFFICIAL } from '../src/doc/docx/profile.js';
import { readReferenceDocx } from '../src/style/reference-docx.js';

const FIXTURES = join(import.meta.dirname, 'fixtures', 'reference');

describe('a reference Word file as a house style', () => {
  // house.docx was made by LibreOffice from house.fodt (the e2e tier makes it again and checks the same).
  it("takes a LibreOffice document's fonts, sizes, colours, line pitch and margins", () => {
    const { profile, diagnostics } = readReferenceDocx(
      readFileSync(join(FIXTURES, 'house.docx')),
      'house.docx',
      OFFICIAL,
    );
    expect(diagnostics).toEqual([]);
    expect(profile!.body).toMatchObject({ font: { eastAsia: '楷体', latin: 'Georgia' }, size: 26 });
    expect(profile!.headings[0]).toMatchObject({
      font: { eastAsia: '黑体', latin: 'Georgia' },
      size: 36,
      bold: true,
      color: '1F4E79',
    });
    // 3 cm, 2.5 cm, 3.5 cm, 2 cm as LibreOffice rounds them to twips.
    expect(profile!.page).toMatchObject({
      top: 1701,
      bottom: 1417,
      left: 1984,
      right: 1134,
      footer: OFFICIAL.page.footer,
    });
    expect(profile!.line).toEqual({ exact: 510 });
    expect(profile!.body).toMatchObject({ firstLine: 522, before: 0, after: 0 });
    expect(profile!.charWidth).toBe(260);
    // The official letter spacing was fitted to its own margins and size: not carried over.
    expect(profile!.characterSpacing).toBeUndefined();
    // What the reference does not set stays the base's.
    expect(profile!.footer.kind).toBe('official');
    expect(profile!.headings[1].font.eastAsia).toBe(OFFICIAL.headings[1].font.eastAsia);
  });

  it('follows basedOn chains and the document defaults', () => {
    const styles = `<?xml version="1.0"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
      <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Cambria" w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr></w:rPrDefault></w:docDefaults>
      <w:style w:type="paragraph" w:styleId="Normal"><w:pPr><w:jc w:val="both"/><w:ind w:firstLine="420"/></w:pPr></w:style>
      <w:style w:type="paragraph" w:styleId="Title"><w:basedOn w:val="Normal"/><w:rPr><w:sz w:val="44"/><w:b/></w:rPr></w:style>
      <w:style w:type="paragraph" w:styleId="Loop"><w:basedOn w:val="Loop"/></w:style>
    </w:styles>`;
    const bytes = zipSync({ 'word/styles.xml': strToU8(styles) });
    const { profile } = readReferenceDocx(bytes, 'r.docx', OFFICIAL);
    expect(profile!.body).toMatchObject({
      font: { eastAsia: '宋体', latin: 'Cambria' },
      size: 21,
      align: 'both',
      firstLine: 420,
    });
    expect(profile!.title).toMatchObject({ font: { eastAsia: '宋体' }, size: 44, bold: true, align: 'both' });
    expect(profile!.page).toEqual(OFFICIAL.page);
  });

  it('refuses what is not a Word file, or a broken one, with a message', () => {
    expect(readReferenceDocx(strToU8('plain text'), 'x.docx', OFFICIAL).diagnostics[0]).toMatchObject({
      file: 'x.docx',
      code: 'reference-docx',
      message: expect.stringMatching(/not a zip/),
    });
    const noStyles = zipSync({ 'word/document.xml': strToU8('<w:document/>') });
    expect(readReferenceDocx(noStyles, 'x.docx', OFFICIAL).diagnostics[0].message).toMatch(/no style sheet/);
    const broken = zipSync({ 'word/styles.xml': strToU8('<w:styles><w:style></w:styles>') });
    expect(readReferenceDocx(broken, 'x.docx', OFFICIAL).diagnostics[0].message).toMatch(/XML is broken/);
    const entity = zipSync({
      'word/styles.xml': strToU8('<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><w:styles>&e;</w:styles>'),
    });
    expect(readReferenceDocx(entity, 'x.docx', OFFICIAL).diagnostics[0].message).toMatch(/DOCTYPE is not allowed/);
  });
});
