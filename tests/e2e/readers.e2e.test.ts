import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/pipeline.js';
import { e2eFolder, readersFor, sofficeConvert } from '../helpers/e2e.js';

/**
 * The end-to-end tier: every DOCX we generate is opened by independent readers — pandoc (DOCX → text
 * and Markdown) and LibreOffice (DOCX → PDF, read back with pdftotext). Skipped with a message where
 * they are missing; required in CI (CI=true), where .ci/run installs them.
 */
const ROOT = join(import.meta.dirname, '../..');

const { missing, skip } = readersFor('readers', ['pandoc', 'soffice', 'pdftotext', 'pdfinfo']);

/** Every spec we ship or test against: the examples and the seed structures. */
function specs(): Array<{ name: string; path: string }> {
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => ({ name: basename(f, '.yaml'), path: join(ROOT, 'examples', f) }));
  const seedDir = join(ROOT, 'tests/fixtures/seeds');
  const seeds = readdirSync(seedDir).map((d) => ({ name: `seed-${d}`, path: join(seedDir, d, 'spec.yaml') }));
  return [...examples, ...seeds];
}

/** Lines a reader must find: the Markdown's text without syntax, tables left out (readers lay cells out freely). */
function expectedLines(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('|') && l.trim() !== '---')
    .map((l) =>
      l
        .replace(/^#+ /, '')
        .replace(/^>\s?/, '') // a block quote: the 版记 of a notice
        .replace(/\*\*|\\|<br>/g, '')
        .replace(/^\*(.*)\*$/, '$1'),
    )
    .map(squash);
}

/** Whitespace removed: readers wrap lines and space CJK from Latin text differently. */
function squash(text: string): string {
  return text.replace(/\s+/g, '');
}

describe.skipIf(skip)('real readers open every generated DOCX', async () => {
  it('has the readers it needs (required in CI)', () => expect(missing).toEqual([]));

  const dir = e2eFolder(skip, 'plangen-e2e-');
  if (dir) mkdirSync(join(dir, 'pdf'));
  const built: Array<{ name: string; docx: string; markdown: string }> = [];
  for (const spec of dir ? specs() : []) {
    const result = await buildPlan(readFileSync(spec.path, 'utf8'), spec.path, { formats: ['docx', 'md'] });
    if (!result.outputs) throw new Error(`${spec.path} did not build: ${JSON.stringify(result.diagnostics)}`);
    const docx = join(dir, `${spec.name}.docx`);
    writeFileSync(docx, result.outputs[0].bytes);
    built.push({ name: spec.name, docx, markdown: new TextDecoder().decode(result.outputs[1].bytes) });
  }
  if (missing.length === 0) {
    // One LibreOffice start for all files: starting it costs seconds.
    sofficeConvert(
      built.map((b) => b.docx),
      { to: 'pdf', outDir: join(dir, 'pdf'), profileDir: `${dir}/lo-profile` },
    );
  }

  it.each(built.map((b) => [b.name, b] as const))(
    'pandoc reads %s: every heading and item, headings as headings',
    (_name, b) => {
      const plain = squash(execFileSync('pandoc', ['-s', '-f', 'docx', '-t', 'plain', b.docx], { encoding: 'utf8' }));
      for (const line of expectedLines(b.markdown)) expect(plain).toContain(line);
      const markdown = execFileSync('pandoc', ['-f', 'docx', '-t', 'markdown', b.docx], { encoding: 'utf8' });
      const sectionHeadings = b.markdown
        .split('\n')
        .filter((l) => l.startsWith('## '))
        .map((l) => squash(l.slice(3).replace(/\\/g, '')));
      const pandocHeadings = markdown
        .split('\n')
        .filter((l) => /^#+ /.test(l))
        .map((l) =>
          squash(
            l
              .replace(/^#+ /, '')
              .replace(/\{[^}]*\}$/, '')
              .replace(/\\/g, ''),
          ),
        );
      for (const heading of sectionHeadings) expect(pandocHeadings).toContain(heading);
    },
  );

  it.each(built.map((b) => [b.name, b] as const))(
    'LibreOffice renders %s to a PDF with all its text on a sane number of A4 pages',
    (_name, b) => {
      const pdf = join(dir, 'pdf', `${b.name}.pdf`);
      const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
      const pages = Number(/^Pages:\s+(\d+)/m.exec(info)![1]);
      const lines = expectedLines(b.markdown);
      expect(pages).toBeGreaterThanOrEqual(1);
      expect(pages).toBeLessThanOrEqual(2 + Math.ceil(lines.join('').length / 300));
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
      // Page numbers sit at each page's end, before the form feed; drop them so paragraphs that cross a page join up.
      const text = squash(
        execFileSync('pdftotext', ['-enc', 'UTF-8', pdf, '-'], { encoding: 'utf8' }).replace(
          /\n[^\S\n]*(—\s*)?\d+(\s*—)?[^\S\n]*\n*\f/g,
          '\n',
        ),
      );
      for (const line of lines) expect(text).toContain(line);
      // Punctuation counted separately: LibreOffice once dropped full-width commas at line ends.
      const punctuation = (s: string) => s.match(/[，。；、：？！]/g)?.length ?? 0;
      expect(punctuation(text)).toBeGreaterThanOrEqual(punctuation(lines.join('')));
    },
  );
});
