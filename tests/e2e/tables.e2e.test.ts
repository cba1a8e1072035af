import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/pipeline.js';
import { e2eFolder, readersFor, sofficeConvert } from '../helpers/e2e.js';

/**
 * The derived tables — the review's indicator table (completion rate, status), the Gantt table and the
 * responsibility table — opened by pandoc and by LibreOffice (DOCX → PDF → pdftotext): every cell the
 * Markdown has comes back from both, in the official (zh-CN) and the business (en) layout, and every
 * word/*.xml part validates against the OOXML schemas. In the official layout the Gantt table's month
 * numbers and its stage names stay on one line each (pdftotext -bbox).
 */
const ROOT = join(import.meta.dirname, '../..');
const CHECK = join(ROOT, '../shared/ooxml-xsd/check.py');
const SPECS = [
  join(ROOT, 'examples/science-park-review.yaml'),
  join(import.meta.dirname, 'fixtures/gantt-official.yaml'),
  join(import.meta.dirname, 'fixtures/review-business.yaml'),
];

const { missing, skip } = readersFor('derived tables', [
  'pandoc',
  'soffice',
  'pdftotext',
  'xmllint',
  'python3',
  ...(existsSync(CHECK) ? [] : ['../shared/ooxml-xsd/check.py']),
]);

const squash = (text: string) => text.replace(/\s+/g, '');

/** Every cell of every GFM table in the Markdown, without Markdown escapes. */
function tableCells(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s:|-]+\|$/.test(l))
    .flatMap((l) => l.split('|').slice(1, -1))
    .map((c) => squash(c.replace(/\\/g, '')))
    .filter(Boolean);
}

describe.skipIf(skip)('derived tables in real readers', async () => {
  it('has the readers it needs (required in CI)', () => expect(missing).toEqual([]));

  const dir = e2eFolder(skip, 'plangen-tables-');
  const built: Array<{ name: string; docx: string; pdf: string; cells: string[] }> = [];
  for (const path of dir ? SPECS : []) {
    const result = await buildPlan(readFileSync(path, 'utf8'), path, { formats: ['docx', 'md'] });
    if (!result.outputs) throw new Error(`${path} did not build: ${JSON.stringify(result.diagnostics)}`);
    const name = basename(path, '.yaml');
    const docx = join(dir, `${name}.docx`);
    writeFileSync(docx, result.outputs[0].bytes);
    const cells = tableCells(new TextDecoder().decode(result.outputs[1].bytes));
    built.push({ name, docx, pdf: join(dir, `${name}.pdf`), cells });
  }
  if (missing.length === 0)
    sofficeConvert(
      built.map((b) => b.docx),
      { to: 'pdf', outDir: dir, profileDir: join(dir, 'lo-profile'), timeoutMs: 300_000 },
    );

  it('the plans have the tables this test is about', () => {
    const all = built.flatMap((b) => b.cells);
    for (const cell of ['完成情况', '超额完成', '待统计', '阶段＼月份', '■', '配合单位', 'Status', 'Missed', 'Lead'])
      expect(all).toContain(cell);
  });

  it.each(built.map((b) => [b.name, b] as const))('pandoc shows every table cell of %s', (_name, b) => {
    // HTML keeps a cell whole; plain text wraps a long cell over several lines of its column.
    const html = execFileSync('pandoc', ['-f', 'docx', '-t', 'html', b.docx], { encoding: 'utf8' });
    const cells = [...html.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((m) =>
      squash(m[1].replace(/<[^>]+>/g, '').replace(/&amp;/g, '&')),
    );
    for (const cell of b.cells) expect(cells).toContain(cell);
  });

  it.each(built.map((b) => [b.name, b] as const))('LibreOffice prints every table cell of %s', (_name, b) => {
    const text = squash(execFileSync('pdftotext', ['-enc', 'UTF-8', b.pdf, '-'], { encoding: 'utf8' }));
    for (const cell of b.cells) expect(text).toContain(cell);
  });

  /** Words of a PDF page as pdftotext -bbox gives them, with their top-left corner in points. */
  const wordsOf = (pdf: string) =>
    [
      ...execFileSync('pdftotext', ['-bbox', '-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).matchAll(
        /<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g,
      ),
    ].map((m) => ({ x: Number(m[1]), y: Number(m[2]), text: m[3] }));

  it('official Gantt table: the twelve month numbers share one line (no 月 of their own), stage names of up to seven characters are whole', () => {
    const words = wordsOf(join(dir, 'gantt-official.pdf'));
    const corner = words.find((w) => w.text.startsWith('阶段'))!;
    const headerLine = words.filter((w) => Math.abs(w.y - corner.y) < 2);
    expect(headerLine.map((w) => w.text)).toEqual(['阶段＼月份', ...Array.from({ length: 12 }, (_, i) => `${i + 1}`)]);
    for (const stage of ['调研论证', '方案设计与评审', '平台开发', '试运行', '验收总结'])
      expect(words.map((w) => w.text)).toContain(stage);
  });

  it('business Gantt table: Jan … Dec whole on one line', () => {
    const words = wordsOf(join(dir, 'review-business.pdf'));
    const stage = words.find((w) => w.text === 'Stage')!;
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    expect(words.filter((w) => Math.abs(w.y - stage.y) < 2).map((w) => w.text)).toEqual(['Stage', ...months]);
  });

  it('every word/*.xml part validates against the OOXML schemas', () => {
    let report: string;
    try {
      report = execFileSync('python3', [CHECK, ...built.map((b) => b.docx)], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      report = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    expect(report.split('\n').filter((l) => l.includes('.docx: '))).toEqual([]);
    expect(report).toContain(`${built.length} file(s), 0 problem(s)`);
  });
});
