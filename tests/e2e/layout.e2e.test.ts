import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { charWidth, isTitleShape } from '../../src/model/title.js';
import { buildPlan, validatePlan } from '../../src/pipeline.js';
import { enrichPlan } from '../../src/model/enrich.js';
import { e2eFolder, readersFor, sofficeConvert } from '../helpers/e2e.js';

/**
 * GB/T 9704 measured on the page: every official-style example and the test plan of issue #8 rendered to
 * PDF by LibreOffice (one conversion per document, shared by all assertions), positions read with
 * `pdftotext -bbox-layout` in points. The type area is x 79.4–521.6, y 104.9–742.7 (DESIGN.md); one
 * character of the body is 16 pt − 6 twips = 15.7 pt, a line 28.95 pt.
 */
const ROOT = join(import.meta.dirname, '../..');
const AREA = { left: 79.4, top: 104.9, right: 521.6, bottom: 742.7 };
const CHAR = 15.7;
const LINE = 28.95;
const MM = 2.835;

const { missing, skip } = readersFor('layout', ['soffice', 'pdftotext']);

interface Line {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  text: string;
}

function pages(pdf: string): Line[][] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  return [...xml.matchAll(/<page[\s\S]*?<\/page>/g)].map((page) =>
    [
      ...page[0].matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g),
    ].map((m) => ({
      x0: Number(m[1]),
      y0: Number(m[2]),
      x1: Number(m[3]),
      y1: Number(m[4]),
      text: [...m[5].matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]).join(''),
    })),
  );
}

const isPageNumber = (l: Line) => /^—\d+—$/.test(l.text);
const bodySize = (l: Line) => Math.abs(l.y1 - l.y0 - 20.8) < 0.6; // a 16 pt line's box
const titleSize = (l: Line) => Math.abs(l.y1 - l.y0 - 28.6) < 0.8; // 22 pt

const specs = [
  ...readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(ROOT, 'examples', f)),
  join(import.meta.dirname, 'fixtures/fileable.yaml'),
]
  .map((path) => {
    const { spec } = validatePlan(readFileSync(path, 'utf8'), path);
    return { path, name: basename(path, '.yaml'), model: enrichPlan(spec!) };
  })
  // A plan issued as a notice opens with the 版头, not its title: tests/e2e/notice-layout.e2e.test.ts measures it.
  .filter((s) => s.model.style === 'official' && !s.model.notice);

describe.skipIf(skip)('GB/T 9704 measured in the PDF', async () => {
  const dir = e2eFolder(skip, 'plangen-layout-');
  const docs: string[] = [];
  for (const s of dir ? specs : []) {
    const result = await buildPlan(readFileSync(s.path, 'utf8'), s.path, { formats: ['docx'] });
    const file = join(dir, `${s.name}.docx`);
    writeFileSync(file, result.outputs![0].bytes);
    docs.push(file);
  }
  if (missing.length === 0) sofficeConvert(docs, { to: 'pdf', outDir: dir, profileDir: `${dir}/lo` });
  const rendered = specs.map((s) => ({ ...s, pages: missing.length ? [] : pages(join(dir, `${s.name}.pdf`)) }));

  it('has the programs it needs (required in CI), and the test plan is among the documents', () => {
    expect(missing).toEqual([]);
    expect(rendered.map((r) => r.name)).toContain('fileable');
    expect(rendered.length).toBeGreaterThanOrEqual(8);
  });

  describe.each(rendered.map((r) => [r.name, r] as const))('%s', (_name, doc) => {
    it('keeps all text inside the type area (37/35/28/26 mm margins)', () => {
      expect(doc.pages.length).toBeGreaterThan(0);
      for (const page of doc.pages)
        for (const line of page.filter((l) => !isPageNumber(l))) {
          expect(line.x0, line.text).toBeGreaterThanOrEqual(AREA.left - 1);
          // A closing full-width punctuation mark may hang into the margin (its box, not its ink).
          expect(line.x1, line.text).toBeLessThanOrEqual(AREA.right + (/[，。、；：”）]$/.test(line.text) ? 16.5 : 1));
          expect(line.y0, line.text).toBeGreaterThanOrEqual(AREA.top - 1);
          expect(line.y1, line.text).toBeLessThanOrEqual(AREA.bottom + 1);
        }
    });

    it('sets body lines on a 28.95 pt grid: 22 lines a page', () => {
      for (const page of doc.pages) {
        if (page.some((l) => !bodySize(l) && !titleSize(l) && !isPageNumber(l))) continue; // tables and smaller text
        const body = page.filter(bodySize);
        if (body.length < 2) continue;
        for (const line of body) {
          const slot = (line.y0 - body[0].y0) / LINE;
          expect(Math.abs(slot - Math.round(slot)) * LINE, line.text).toBeLessThan(1);
          expect(Math.round((line.y0 - AREA.top) / LINE), line.text).toBeLessThan(22);
        }
      }
    });

    it('sets the title on its computed lines, in a trapezoid or diamond, no word split', () => {
      const lines = doc.pages[0].filter(titleSize).map((l) => l.text.replace(/\s/g, ''));
      expect(lines).toEqual(doc.model.titleLines.map((l) => l.replace(/\s/g, '')));
      if (lines.length > 1) expect(isTitleShape(lines.map(charWidth))).toBe(true);
      for (const line of lines) expect(charWidth(line)).toBeLessThanOrEqual(20);
    });

    it('puts the page number 7 mm below the type area, outside edge, one character in', () => {
      doc.pages.forEach((page, i) => {
        const number = page.find(isPageNumber)!;
        expect(number.text).toBe(`—${i + 1}—`);
        // The 14 pt line's box starts about 2 pt above its top edge.
        expect(Math.abs(number.y0 + 2 - (AREA.bottom + 7 * MM))).toBeLessThan(2);
        if (i % 2 === 0) expect(Math.abs(number.x1 - (AREA.right - 14))).toBeLessThan(1.5);
        else expect(Math.abs(number.x0 - (AREA.left + 14))).toBeLessThan(1.5);
      });
    });

    it('signs as 7.3.5.2 says: the longer line two characters from the margin, the date two characters in', () => {
      const { signature } = doc.model;
      if (!signature?.org || !signature.dateText) return;
      const all = doc.pages.flat();
      const squash = (t: string) => t.replace(/\s/g, '');
      const date = all.findLast((l) => squash(l.text) === squash(signature.dateText!))!;
      const org = all[all.indexOf(date) - 1];
      expect(squash(org.text)).toBe(squash(signature.org));
      expect(Math.abs(date.x0 - org.x0 - 2 * CHAR)).toBeLessThan(2);
      expect(Math.abs(AREA.right - Math.max(org.x1, date.x1) - 2 * CHAR)).toBeLessThan(2);
      expect(Math.abs(date.y0 - org.y0 - LINE)).toBeLessThan(0.5);
    });

    it('starts each attachment with 附件N on line 1 and its title centred on line 3', () => {
      for (const page of doc.pages) {
        const label = page.find((l) => /^附件\d*$/.test(l.text));
        if (!label) continue;
        expect(Math.abs(label.x0 - AREA.left)).toBeLessThan(1);
        expect(Math.abs(label.y0 - page.filter((l) => !isPageNumber(l))[0].y0)).toBeLessThan(0.5);
        const title = page.filter(titleSize)[0];
        expect(title.y0 - label.y0).toBeGreaterThan(2 * LINE - 9);
        expect(title.y0 - label.y0).toBeLessThan(2 * LINE + 1.5);
        expect(Math.abs((title.x0 + title.x1) / 2 - (AREA.left + AREA.right) / 2)).toBeLessThan(8);
      }
    });
  });

  it('the test plan: table cells keep short names, units and dates whole; a wrapped attachment name lines up under its first character', () => {
    const doc = rendered.find((r) => r.name === 'fileable')!;
    const text = doc.pages.flat().map((l) => l.text);
    for (const whole of ['高新技术股', '科技服务中心', '成果转化股', '2026年12月', '2026年10月31日', '2026年12月31日'])
      expect(
        text.some((t) => t.includes(whole)),
        whole,
      ).toBe(true);
    const note = doc.pages.flat();
    const first = note.findIndex((l) => l.text.startsWith('附件：1.'));
    const [one, wrapped, two, wrappedTwo] = note.slice(first, first + 4);
    expect(Math.abs(one.x0 - (AREA.left + 2 * CHAR))).toBeLessThan(1);
    expect(Math.abs(two.x0 - (one.x0 + 3 * CHAR))).toBeLessThan(1.5); // 2. under 1.
    expect(Math.abs(wrapped.x0 - wrappedTwo.x0)).toBeLessThan(0.5); // names wrap to the same column…
    expect(wrapped.x0 - two.x0).toBeGreaterThan(9); // …after the number, not under it
    expect(wrapped.x0 - two.x0).toBeLessThan(13);
    // A fall reads as a fall.
    expect(text.join('')).toContain('比上年减少15家、下降20%');
  });
});
