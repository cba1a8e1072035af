import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DIRECTIVE_FORM } from '../src/doc/directives.js';
import { FORMAT_HELPERS } from '../src/render/format-helpers.js';
import { HELPERS } from '../src/render/environment.js';
import { docxParts, docxText, expectStrictXml } from './helpers/docx.js';
import { runCli, tempDir } from './helpers/cli.js';

const dirs: string[] = [];
const workspace = () => {
  const dir = tempDir('plangen-house-');
  dirs.push(dir);
  return dir;
};
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const PLAN = 'title: 房屋样式测试计划\norg: 某某中学\ndate: 2026-01-10\ntasks:\n  - 完成第一项工作\n';

describe('plangen templates eject', () => {
  it('copies the built-in templates and a README; an edited template changes both the DOCX and the Markdown', async () => {
    const dir = workspace();
    const eject = await runCli(['templates', 'eject', 'mine'], { cwd: dir });
    expect(eject.code).toBe(0);
    for (const file of ['plan.hbs', 'item.hbs', 'README.md', 'zh-CN/attachment-note.hbs', 'en/attachment-note.hbs'])
      expect(existsSync(join(dir, 'mine', file)), file).toBe(true);
    // A second eject would overwrite edits: refused without --force.
    expect((await runCli(['templates', 'eject', 'mine'], { cwd: dir })).code).toBe(2);

    const plan = join(dir, 'mine', 'plan.hbs');
    writeFileSync(plan, `${readFileSync(plan, 'utf8')}\n本文件由本单位模板生成。\n`);
    writeFileSync(join(dir, 'plan.yaml'), `${PLAN}template: ./mine\n`);
    const built = await runCli(['build', 'plan.yaml', '-f', 'docx,md', '--no-cache'], { cwd: dir });
    expect(built.stderr).not.toMatch(/error/);
    expect(built.code).toBe(0);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toContain('本文件由本单位模板生成。');
    expect(await docxText(readFileSync(join(dir, 'plan.docx')))).toContain('本文件由本单位模板生成。');
  });

  it('a template: folder that does not exist is an error at its line in the plan', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'plan.yaml'), `${PLAN}template: ./nowhere\n`);
    const run = await runCli(['build', 'plan.yaml', '--no-cache'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/plan\.yaml:6:11: error: template folder nowhere does not exist/);
    expect(existsSync(join(dir, 'plan.docx'))).toBe(false);
  });

  it('the README documents every helper and every directive', () => {
    const readme = readFileSync(join(import.meta.dirname, '..', 'templates', 'README.md'), 'utf8');
    for (const helper of Object.keys(HELPERS)) expect(readme, helper).toContain(`\`{{${helper} `);
    for (const helper of Object.keys(FORMAT_HELPERS)) expect(readme).toMatch(new RegExp(`\\| \`${helper}\` \\|`));
    for (const [name, form] of Object.entries(DIRECTIVE_FORM)) {
      const mark = { textDirective: ':', leafDirective: '::', containerDirective: ':::' }[form.kind];
      expect(readme, name).toContain(`${mark}${name}`);
    }
  });
});

describe('plangen styles eject and style files', () => {
  it('ejects a profile; the edited file sets fonts and lines in the DOCX, from the plan or from --style', async () => {
    const dir = workspace();
    expect((await runCli(['styles', 'eject', 'official', 'house.yaml'], { cwd: dir })).code).toBe(0);
    const house = readFileSync(join(dir, 'house.yaml'), 'utf8');
    writeFileSync(
      join(dir, 'house.yaml'),
      house
        .replace('linesPerPage: 22', 'linesPerPage: 30')
        .replace(/(body:\n\s+font:\n\s+eastAsia:) 仿宋_GB2312/, '$1 仿宋'),
    );
    writeFileSync(join(dir, 'plan.yaml'), `${PLAN}style: ./house.yaml\n`);
    expect((await runCli(['build', 'plan.yaml', '--no-cache', '-o', 'a'], { cwd: dir })).code).toBe(0);
    writeFileSync(join(dir, 'plain.yaml'), PLAN);
    expect(
      (await runCli(['build', 'plain.yaml', '--style', 'house.yaml', '--no-cache', '-o', 'b'], { cwd: dir })).code,
    ).toBe(0);
    for (const file of ['a/plan.docx', 'b/plain.docx']) {
      const parts = docxParts(readFileSync(join(dir, file)));
      const styles = parts['word/styles.xml'];
      // 12,756 twips of type area / 30 lines.
      expect(styles).toContain('w:line="425" w:lineRule="exact"');
      expect(styles).toMatch(/w:eastAsia="仿宋"/);
      expect(parts['word/document.xml']).toContain('w:top="2098"');
    }
  });

  it('a mistake in the style file is reported at its line; nothing is written', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'house.yaml'), 'extends: official\nbody:\n  size: 大号\n');
    writeFileSync(join(dir, 'plan.yaml'), `${PLAN}style: ./house.yaml\n`);
    const run = await runCli(['build', 'plan.yaml', '--no-cache'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/house\.yaml:3:9: error: body\.size: expected a size/);
    expect(existsSync(join(dir, 'plan.docx'))).toBe(false);
    writeFileSync(join(dir, 'plan.yaml'), `${PLAN}style: ./missing.yaml\n`);
    const missing = await runCli(['build', 'plan.yaml', '--no-cache'], { cwd: dir });
    expect(missing.stderr).toMatch(/plan\.yaml:6:8: error: cannot read the style missing\.yaml: no such file/);
    expect((await runCli(['build', 'plan.yaml', '--style', 'nope.yaml'], { cwd: dir })).code).toBe(2);
    expect((await runCli(['build', 'plan.yaml', '--style', 'fancy'], { cwd: dir })).code).toBe(2);
  });

  it('a reference DOCX from the plan sets the fonts and margins in the output XML', async () => {
    const dir = workspace();
    writeFileSync(
      join(dir, 'house.docx'),
      readFileSync(join(import.meta.dirname, 'fixtures', 'reference', 'house.docx')),
    );
    writeFileSync(join(dir, 'plan.yaml'), `${PLAN}style: house.docx\n`);
    expect((await runCli(['build', 'plan.yaml', '--no-cache'], { cwd: dir })).code).toBe(0);
    const bytes = readFileSync(join(dir, 'plan.docx'));
    expectStrictXml(bytes);
    const parts = docxParts(bytes);
    expect(parts['word/document.xml']).toMatch(/<w:pgMar w:top="1701" w:right="1134" w:bottom="1417" w:left="1984"/);
    expect(parts['word/styles.xml']).toMatch(/w:ascii="Georgia"[^>]*w:eastAsia="楷体"/);
    expect(parts['word/styles.xml']).toContain('<w:color w:val="1F4E79"/>');
  });
});

describe('draft marks and PDF', () => {
  it('--draft and draft: put a diagonal watermark in the header of every page, reproducibly', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'plan.yaml'), `${PLAN}draft: 内部讨论稿\n`);
    await runCli(['build', 'plan.yaml', '--no-cache', '-o', 'a'], { cwd: dir });
    await runCli(['build', 'plan.yaml', '--no-cache', '-o', 'b'], { cwd: dir });
    const bytes = readFileSync(join(dir, 'a/plan.docx'));
    expect(bytes.equals(readFileSync(join(dir, 'b/plan.docx')))).toBe(true);
    const parts = docxParts(bytes);
    // Official profile: odd and even pages have their own headers; both carry the mark.
    expect(parts['word/document.xml']).toMatch(/headerReference w:type="default"[\s\S]*headerReference w:type="even"/);
    const headers = Object.keys(parts).filter((n) => /^word\/header\d+\.xml$/.test(n));
    expect(headers).toHaveLength(2);
    for (const h of headers) expect(parts[h]).toMatch(/<v:textpath[^>]*string="内部讨论稿"/);
    expect(parts[headers[0]]).toMatch(/rotation:315/);

    writeFileSync(join(dir, 'en.yaml'), 'title: Plan\nlang: en\n');
    await runCli(['build', 'en.yaml', '--draft', '--no-cache'], { cwd: dir });
    const en = docxParts(readFileSync(join(dir, 'en.docx')));
    expect(Object.values(en).some((xml) => /<v:textpath[^>]*string="DRAFT"/.test(xml))).toBe(true);
    // Without it: no header at all.
    await runCli(['build', 'en.yaml', '--no-cache', '-o', 'c'], { cwd: dir });
    expect(Object.keys(docxParts(readFileSync(join(dir, 'c/en.docx')))).some((n) => n.includes('header'))).toBe(false);
  });

  it('-f pdf without LibreOffice says what to install, exit 2, nothing written', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'plan.yaml'), PLAN);
    const run = await runCli(['build', 'plan.yaml', '-f', 'docx,pdf'], { cwd: dir, env: { PATH: dir } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/PDF output needs LibreOffice \(the `soffice` program\) on PATH: install it/);
    expect(existsSync(join(dir, 'plan.docx'))).toBe(false);
  });
});
