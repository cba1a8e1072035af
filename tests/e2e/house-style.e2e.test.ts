import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { e2eFolder, readersFor } from '../helpers/e2e.js';
import { runCli } from '../helpers/cli.js';
import { docxParts } from '../helpers/docx.js';

/**
 * House styles measured where they matter: in the PDF LibreOffice makes. A style file with 仿宋 and 30
 * lines a page must give 30 baselines on a full page, 21.25 pt apart; -f pdf converts a whole batch in
 * one LibreOffice run; a reference document LibreOffice itself wrote sets the fonts and margins.
 */
const ROOT = join(import.meta.dirname, '../..');
const { skip } = readersFor('house styles', ['soffice', 'pdftotext']);

const dir = e2eFolder(skip, 'plangen-house-e2e-');

/** Baselines (the bottom of each text line, in pt from the top) per page, from pdftotext -bbox-layout. */
function linesPerPage(pdf: string): number[][] {
  const xml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  return xml
    .split('<page ')
    .slice(1)
    .map((page) => {
      const ys = [...page.matchAll(/<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">/g)]
        .map((m) => Number(m[2]))
        // Inside the type area (104.9–742.7 pt; a line's box reaches a little below its baseline): not the page number.
        .filter((y) => y > 104.9 && y < 750);
      return [...new Set(ys.map((y) => Math.round(y * 10) / 10))].sort((a, b) => a - b);
    });
}

describe.skipIf(skip)('house styles in the PDF', () => {
  it('a style file with 仿宋 and 30 lines a page gives 30 lines a page; one LibreOffice run converts the batch', async () => {
    // A shim soffice on PATH counts how often LibreOffice is started.
    const shim = join(dir, 'bin');
    const log = join(dir, 'soffice.log');
    const real = execFileSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).trim();
    execFileSync('mkdir', ['-p', shim]);
    writeFileSync(join(shim, 'soffice'), `#!/bin/sh\necho run >> "${log}"\nexec "${real}" "$@"\n`);
    chmodSync(join(shim, 'soffice'), 0o755);

    expect((await runCli(['styles', 'eject', 'official', 'house.yaml'], { cwd: dir })).code).toBe(0);
    const house = readFileSync(join(dir, 'house.yaml'), 'utf8')
      .replace('linesPerPage: 22', 'linesPerPage: 30')
      .replace(/(body:\n\s+font:\n\s+eastAsia:) 仿宋_GB2312/, '$1 仿宋');
    writeFileSync(join(dir, 'house.yaml'), house);
    for (const name of ['tech-bureau-annual', 'municipal-tech-plan'])
      copyFileSync(join(ROOT, 'examples', `${name}.yaml`), join(dir, `${name}.yaml`));

    const built = await runCli(
      [
        'build',
        'tech-bureau-annual.yaml',
        'municipal-tech-plan.yaml',
        '-f',
        'docx,pdf',
        '--style',
        'house.yaml',
        '-o',
        'out',
      ],
      { cwd: dir, env: { PATH: `${shim}:${process.env.PATH}`, HOME: dir } },
    );
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
    expect(readFileSync(log, 'utf8').trim().split('\n')).toHaveLength(1);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual([
      'municipal-tech-plan.docx',
      'municipal-tech-plan.pdf',
      'tech-bureau-annual.docx',
      'tech-bureau-annual.pdf',
    ]);

    const pdf = join(dir, 'out', 'tech-bureau-annual.pdf');
    const text = execFileSync('pdftotext', [pdf, '-'], { encoding: 'utf8' });
    const spec = readFileSync(join(dir, 'tech-bureau-annual.yaml'), 'utf8');
    const title = /^title: (.+)$/m.exec(spec)![1].trim();
    expect(text.replace(/\s+/g, '')).toContain(title.replace(/\s+/g, ''));

    const pages = linesPerPage(pdf);
    expect(pages.length).toBeGreaterThan(1);
    // No page holds more than 30 lines; a full page (not the first, with its 二号 title) holds exactly 30.
    expect(Math.max(...pages.map((p) => p.length))).toBe(30);
    const full = pages.find((p) => p.length === 30)!;
    const gaps = full.slice(1).map((y, i) => y - full[i]);
    // 425 twips = 21.25 pt between baselines.
    expect(gaps.every((g) => Math.abs(g - 21.25) < 0.3)).toBe(true);
    // The font asked for is the one in the file (LibreOffice substitutes it where 仿宋 is not installed).
    expect(docxParts(readFileSync(join(dir, 'out', 'tech-bureau-annual.docx')))['word/styles.xml']).toMatch(
      /w:eastAsia="仿宋"/,
    );
  });

  it('a reference document made by LibreOffice sets the fonts and margins', async () => {
    copyFileSync(join(ROOT, 'tests/fixtures/reference/house.fodt'), join(dir, 'house.fodt'));
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${join(dir, 'lo')}`,
        '--convert-to',
        'docx',
        '--outdir',
        dir,
        join(dir, 'house.fodt'),
      ],
      { stdio: 'ignore', env: { ...process.env, HOME: dir } },
    );
    writeFileSync(join(dir, 'plan.yaml'), 'title: 参考样式测试计划\nstyle: house.docx\ntasks:\n  - 第一项工作\n');
    const built = await runCli(['build', 'plan.yaml', '-f', 'docx,pdf'], {
      cwd: dir,
      env: { ...process.env, HOME: dir },
    });
    expect(built.code).toBe(0);
    const parts = docxParts(readFileSync(join(dir, 'plan.docx')));
    expect(parts['word/document.xml']).toMatch(/<w:pgMar w:top="1701" w:right="1134" w:bottom="1417" w:left="1984"/);
    expect(parts['word/styles.xml']).toMatch(/w:ascii="Georgia"[^>]*w:eastAsia="楷体"/);
    // 3.5 cm left margin: the text starts 99.2 pt from the left edge of the page.
    const xml = execFileSync('pdftotext', ['-bbox', join(dir, 'plan.pdf'), '-'], { encoding: 'utf8' });
    const lefts = [...xml.matchAll(/<word xMin="([\d.]+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...lefts)).toBeGreaterThanOrEqual(99);
    expect(Math.min(...lefts)).toBeLessThan(99.2 + 30);
  });
});
