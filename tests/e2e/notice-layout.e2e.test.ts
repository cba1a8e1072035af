import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/pipeline.js';
import { e2eFolder, readersFor, sofficeConvert } from '../helpers/e2e.js';

/**
 * The notice's layout measured where it shows: LibreOffice renders the DOCX to PDF; pdftotext -bbox gives
 * each word's box, and pdftoppm renders pages whose pixel rows show the red header's top edge and the
 * lines (red separator, 版记 rules). GB/T 9704-2012 positions, in points (1 mm = 2.835 pt) on the official
 * type area x 79.4–521.6, y 104.9–742.7:
 *   发文机关标志 top edge 35 mm under the type area's top (80 mm with 签发人), centred, within the width;
 *   发文字号 two blank lines under it; the red separator 4 mm under the number, as wide as the type area;
 *   the plan from a new page; the 版记 on the last page, an even one, its last rule on the type area's foot.
 */
const ROOT = join(import.meta.dirname, '../..');
const MM = 72 / 25.4;
const TYPE = { left: 79.4, right: 521.6, top: 104.9, bottom: 742.7 };
const LINE = 28.95;
const DPI = 288;

const { missing, skip } = readersFor('notice layout', ['soffice', 'pdftotext', 'pdftoppm', 'pdfinfo']);

interface Word {
  page: number;
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}

function words(pdf: string): Word[] {
  const html = execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' });
  const out: Word[] = [];
  let page = 0;
  for (const line of html.split('\n')) {
    if (line.includes('<page ')) page++;
    const m = /xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</.exec(line);
    if (m) out.push({ page, text: m[5], xMin: +m[1], yMin: +m[2], xMax: +m[3], yMax: +m[4] });
  }
  return out;
}

/** Rows of a rendered page holding pixels of a colour, in points from the top, with their horizontal extent. */
interface PixelRow {
  y: number;
  count: number;
  from: number;
  to: number;
}

function pixelRows(pdf: string, page: number, match: (r: number, g: number, b: number) => boolean): PixelRow[] {
  const ppm = execFileSync('pdftoppm', ['-r', String(DPI), '-f', String(page), '-l', String(page), pdf], {
    maxBuffer: 1 << 28,
  });
  // Binary PPM (P6): magic, width, height, maxval, each followed by one whitespace, then RGB bytes.
  const header = /^P6\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(ppm.subarray(0, 64).toString('latin1'))!;
  const [width, height] = [Number(header[1]), Number(header[2])];
  const data = ppm.subarray(header[0].length);
  const pt = 72 / DPI;
  const rows: PixelRow[] = [];
  for (let y = 0; y < height; y++) {
    let count = 0;
    let from = -1;
    let to = -1;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      if (!match(data[i], data[i + 1], data[i + 2])) continue;
      count++;
      if (from < 0) from = x;
      to = x + 1;
    }
    if (count) rows.push({ y: y * pt, count: count * pt, from: from * pt, to: to * pt });
  }
  return rows;
}

const red = (r: number, g: number, b: number) => r > 180 && g < 100 && b < 100;
const dark = (r: number, g: number, b: number) => r < 100 && g < 100 && b < 100;
/** A rule: a row coloured across most of the type area (text never is). */
const isRule = (row: PixelRow) => row.count > 0.9 * (TYPE.right - TYPE.left);

/** Consecutive rule rows grouped into lines: top, bottom and extent of each. */
function rules(rows: PixelRow[]): Array<{ top: number; bottom: number; from: number; to: number }> {
  const lines: Array<{ top: number; bottom: number; from: number; to: number }> = [];
  for (const row of rows.filter(isRule)) {
    const last = lines.at(-1);
    if (last && row.y - last.bottom <= 72 / DPI + 0.01) last.bottom = row.y + 72 / DPI;
    else lines.push({ top: row.y, bottom: row.y + 72 / DPI, from: row.from, to: row.to });
  }
  return lines;
}

describe.skipIf(skip)('the notice laid out as GB/T 9704 places it (LibreOffice PDF)', async () => {
  it('has the programs it needs (required in CI)', () => expect(missing).toEqual([]));

  const dir = e2eFolder(skip, 'plangen-notice-');
  const specs = {
    example: join(ROOT, 'examples/tech-bureau-notice.yaml'),
    upward: join(import.meta.dirname, 'fixtures/notice-upward.yaml'),
  };
  const markdown: Record<string, string> = {};
  for (const [name, path] of dir ? Object.entries(specs) : []) {
    const result = await buildPlan(readFileSync(path, 'utf8'), path, { formats: ['docx', 'md'] });
    if (!result.outputs) throw new Error(`${path}: ${JSON.stringify(result.diagnostics)}`);
    writeFileSync(join(dir, `${name}.docx`), result.outputs[0].bytes);
    markdown[name] = new TextDecoder().decode(result.outputs[1].bytes);
  }
  if (missing.length === 0) {
    // Keep the blank page LibreOffice inserts before an even-page section: a printer prints it.
    const filter = 'pdf:writer_pdf_Export:{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}';
    const docs = Object.keys(specs).map((name) => join(dir, `${name}.docx`));
    sofficeConvert(docs, { to: filter, outDir: dir, profileDir: `${dir}/lo`, timeoutMs: 300_000 });
  }
  const pdf = (name: string) => join(dir, `${name}.pdf`);
  const pages = (name: string) =>
    Number(/^Pages:\s+(\d+)/m.exec(execFileSync('pdfinfo', [pdf(name)], { encoding: 'utf8' }))![1]);

  it('puts the red 发文机关标志 35 mm under the type area, centred, within its width', () => {
    const issuer = words(pdf('example')).find((w) => w.page === 1 && w.text === '南湖区科学技术局文件')!;
    expect(issuer).toBeDefined();
    expect(issuer.xMin).toBeGreaterThanOrEqual(TYPE.left - 0.5);
    expect(issuer.xMax).toBeLessThanOrEqual(TYPE.right + 0.5);
    expect(Math.abs((issuer.xMin + issuer.xMax) / 2 - (TYPE.left + TYPE.right) / 2)).toBeLessThan(1);
    // The glyphs' top edge: the first red pixel row (the word box is the font's, taller than the glyphs).
    const text = pixelRows(pdf('example'), 1, red).filter((row) => !isRule(row));
    expect(text[0].y).toBeCloseTo(TYPE.top + 35 * MM, 0);
    expect(Math.abs(text[0].y - (TYPE.top + 35 * MM))).toBeLessThan(0.5 * MM);
  });

  it('centres the 发文字号 two blank lines under it, and draws the red separator 4 mm under the number', () => {
    const page1 = words(pdf('example')).filter((w) => w.page === 1);
    const number = page1.filter((w) => w.yMin > 250 && w.yMin < 400 && /南科发|号/.test(w.text));
    const [left, right] = [Math.min(...number.map((w) => w.xMin)), Math.max(...number.map((w) => w.xMax))];
    expect(Math.abs((left + right) / 2 - (TYPE.left + TYPE.right) / 2)).toBeLessThan(2);
    const reds = pixelRows(pdf('example'), 1, red);
    const glyphBottom = Math.max(...reds.filter((row) => !isRule(row)).map((row) => row.y));
    // Two blank lines of 28.95 pt, plus the part of each line the glyphs leave free: between 2 and 3 lines.
    const gap = number[0].yMin - glyphBottom;
    expect(gap).toBeGreaterThan(2 * LINE);
    expect(gap).toBeLessThan(3 * LINE);
    const separators = rules(reds);
    expect(separators).toHaveLength(1);
    const [separator] = separators;
    expect(separator.top - number[0].yMax).toBeGreaterThan(3.5 * MM);
    expect(separator.top - number[0].yMax).toBeLessThan(4.5 * MM);
    expect(separator.from).toBeCloseTo(TYPE.left, 0);
    expect(separator.to).toBeCloseTo(TYPE.right, 0);
    // The title two blank lines under the separator, still on page 1.
    const title = page1.filter((w) => w.yMin > separator.bottom).sort((a, b) => a.yMin - b.yMin)[0];
    expect(title.text).toBe('南湖区科学技术局'); // the title's first line
    expect(title.yMin - separator.bottom).toBeGreaterThan(2 * LINE - 1);
    expect(title.yMin - separator.bottom).toBeLessThan(3 * LINE);
  });

  it('begins the plan on page 2 under its own title', () => {
    const all = words(pdf('example'));
    const first = all.filter((w) => w.page === 2).sort((a, b) => a.yMin - b.yMin)[0];
    expect(first.text).toContain('南湖区科学技术局');
    expect(first.yMin).toBeLessThan(TYPE.top + LINE);
    expect(
      all
        .filter((w) => w.page === 1)
        .map((w) => w.text)
        .join(''),
    ).not.toContain('指导思想');
  });

  it('ends with the 版记 at the foot of an even last page, between three rules as wide as the type area', () => {
    const count = pages('example');
    expect(count % 2).toBe(0);
    const last = words(pdf('example')).filter((w) => w.page === count);
    expect(last[0].text).toMatch(/^抄送：/);
    expect(last.map((w) => w.text).join('')).toContain('2026年2月10日印发');
    // 4号 (14 pt): the word boxes are the font's height at 14 pt, not 16.
    for (const w of last) expect(w.yMax - w.yMin).toBeLessThan(16 * 1.2);
    const lines = rules(pixelRows(pdf('example'), count, dark));
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line.from).toBeCloseTo(TYPE.left, 0);
      expect(line.to).toBeCloseTo(TYPE.right, 0);
    }
    // First and last 0.35 mm, the middle 0.25 mm (rendered at 288 dpi: ±1 pixel row).
    const height = (line: (typeof lines)[number]) => line.bottom - line.top;
    expect(height(lines[0])).toBeGreaterThan(height(lines[1]));
    expect(height(lines[2])).toBeGreaterThan(height(lines[1]));
    expect(lines[0].bottom).toBeLessThan(last[0].yMin);
    expect(Math.abs(lines[2].bottom - TYPE.bottom)).toBeLessThan(0.5 * MM);
    // Every page between the plan's end and the 版记 is blank: no text, no page number.
    const textPages = new Set(words(pdf('example')).map((w) => w.page));
    const planEnd = Math.max(...[...textPages].filter((p) => p < count));
    for (let p = planEnd + 1; p < count; p++) expect(textPages.has(p)).toBe(false);
    expect(count - planEnd).toBeLessThanOrEqual(2);
  });

  it('with 签发人 (上行文): the header 80 mm down, the number left and the signer right, 份号 密级 紧急程度 top left', () => {
    const page1 = words(pdf('upward')).filter((w) => w.page === 1);
    const text = pixelRows(pdf('upward'), 1, red).filter((row) => !isRule(row));
    expect(Math.abs(text[0].y - (TYPE.top + 80 * MM))).toBeLessThan(0.5 * MM);
    const issuer = page1.find((w) => w.text.endsWith('文件'))!;
    expect(issuer.xMin).toBeGreaterThanOrEqual(TYPE.left - 0.5);
    expect(issuer.xMax).toBeLessThanOrEqual(TYPE.right + 0.5);
    // One line each, flush left: pdftotext splits 秘密★1年 into words, so words are joined by line.
    const corner = new Map<number, Word[]>();
    for (const w of page1.filter((w) => w.yMin < TYPE.top + 3 * LINE))
      corner.set(Math.round(w.yMin), [...(corner.get(Math.round(w.yMin)) ?? []), w]);
    const lines = [...corner.entries()].sort((a, b) => a[0] - b[0]).map(([, ws]) => ws);
    expect(lines.map((ws) => ws.map((w) => w.text).join(''))).toEqual(['000042', '秘密★1年', '加急']);
    for (const ws of lines) expect(ws[0].xMin).toBeCloseTo(TYPE.left, 0);
    const number = page1.find((w) => w.text.startsWith('白治办'))!;
    const name = page1.find((w) => w.text.includes('林晓川'))!;
    expect(number.xMin - TYPE.left).toBeCloseTo(16, 0); // one character in
    expect(TYPE.right - name.xMax).toBeCloseTo(16, 0);
    expect(Math.abs(number.yMax - name.yMax)).toBeLessThan(1);
    const [separator] = rules(pixelRows(pdf('upward'), 1, red));
    expect(separator.from).toBeCloseTo(TYPE.left, 0);
    expect(separator.to).toBeCloseTo(TYPE.right, 0);
    expect(separator.top - number.yMax).toBeGreaterThan(3.5 * MM);
    expect(separator.top - number.yMax).toBeLessThan(4.5 * MM);
  });

  it('carries the text of the Markdown into the PDF', () => {
    // Page numbers end each page, before the form feed: dropped, so paragraphs that cross a page join up.
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', pdf('example'), '-'], { encoding: 'utf8' })
      .replace(/\n[^\S\n]*(—\s*)?\d+(\s*—)?[^\S\n]*\n*\f/g, '\n')
      .replace(/\s+/g, '');
    for (const line of markdown.example.split('\n')) {
      const plain = line.replace(/^(#+|>)\s*/, '').replace(/\*\*|\\|<br>/g, '');
      if (plain.trim() && plain !== '---' && !plain.startsWith('|')) expect(text).toContain(plain.replace(/\s+/g, ''));
    }
  });
});
