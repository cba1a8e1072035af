import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from './helpers/cli.js';

const GOOD = 'title: 某局2026年工作计划\ngoals: [完成任务]\n';

describe('plangen build', () => {
  it('writes plan.docx beside plan.yaml by default, and Markdown on request', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), GOOD);
    const run = await runCli(['build', 'plan.yaml', '-f', 'docx,md'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(['plan.docx', 'plan.md', 'plan.yaml']);
    expect(readFileSync(join(dir, 'plan.docx')).subarray(0, 2).toString()).toBe('PK');
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toContain('## 一、工作目标');
  });

  it('writes into --out-dir', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), GOOD);
    const run = await runCli(['build', 'plan.yaml', '-o', 'out'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'out/plan.docx'))).toBe(true);
  });

  it('exits 1 on an invalid plan, prints path:line:col: error: message, no stack trace, and writes nothing', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'title: 计划\ngoals:\n  - text: 目标\n    taget: 3\n');
    const run = await runCli(['build', 'plan.yaml', '-f', 'docx,md'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plan.yaml:4:5: error: unknown key "taget"; did you mean "target"?');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('leaves an earlier output untouched when a later build fails', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), GOOD);
    expect((await runCli(['build', 'plan.yaml'], { cwd: dir })).code).toBe(0);
    const before = readFileSync(join(dir, 'plan.docx'));
    writeFileSync(join(dir, 'plan.yaml'), 'title: [坏的\n');
    expect((await runCli(['build', 'plan.yaml'], { cwd: dir })).code).toBe(1);
    expect(readFileSync(join(dir, 'plan.docx')).equals(before)).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['plan.docx', 'plan.yaml']);
  });

  it('builds the good plans of a batch, reports the bad ones, and exits 1', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), GOOD);
    writeFileSync(join(dir, 'b.yaml'), 'title: 计划\nyear: 明年\n');
    writeFileSync(join(dir, 'c.yaml'), GOOD);
    const run = await runCli(['build', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('b.yaml:2:7: error: year: expected a number, got text');
    expect(
      readdirSync(dir)
        .filter((f) => f.endsWith('.docx'))
        .sort(),
    ).toEqual(['a.docx', 'c.docx']);
  });

  it('fails on warnings with --strict', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'title: "计划\\u0007"\n');
    expect((await runCli(['build', 'plan.yaml'], { cwd: dir })).code).toBe(0);
    const strict = await runCli(['build', 'plan.yaml', '--strict', '-o', 'strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stderr).toContain('plan.yaml:1:11: warning: removed control characters');
    expect(existsSync(join(dir, 'strict'))).toBe(false);
  });

  it.each([
    [['build', 'missing.yaml'], /no plan matched: missing.yaml/],
    [['build', 'plan.yaml', '--bogus'], /unknown option '--bogus'/],
    [['build', 'plan.yaml', '-f', 'odt'], /unknown format "odt"/],
    [['build', 'plan.yaml', '--style', 'fancy'], /unknown style "fancy"/],
    [['build'], /missing required argument/],
    [['frobnicate'], /unknown command 'frobnicate'/],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), GOOD);
    const run = await runCli(argv, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });

  it('prints a code frame on a terminal, with the caret under the column', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'title: 计划\nyear: 明年\n');
    const run = await runCli(['build', 'plan.yaml'], { cwd: dir, tty: true, env: { NO_COLOR: '1' } });
    expect(run.stderr).toContain('> 2 | year: 明年\n    |       ^');
    expect(run.stderr).not.toMatch(/\u001b\[/);
    const coloured = await runCli(['build', 'plan.yaml'], { cwd: dir, env: { FORCE_COLOR: '1' } });
    expect(coloured.stderr).toMatch(/\u001b\[/);
  });
});

describe('plangen validate', () => {
  it('checks without writing, exit 0 for good and 1 for bad', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'good.yaml'), GOOD);
    writeFileSync(join(dir, 'bad.yaml'), 'title: 计划\nlang: fr\n');
    expect((await runCli(['validate', 'good.yaml'], { cwd: dir })).code).toBe(0);
    const bad = await runCli(['validate', 'good.yaml', 'bad.yaml'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:2:7: error: lang: expected one of "zh-CN", "en"');
    expect(readdirSync(dir).sort()).toEqual(['bad.yaml', 'good.yaml']);
  });
});

describe('help and version', () => {
  it('prints help and the version with exit 0', async () => {
    const dir = tempDir();
    const help = await runCli(['--help'], { cwd: dir });
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/build \[options\] <inputs\.\.\.>/);
    const version = await runCli(['--version'], { cwd: dir });
    expect(version.stdout.trim()).toBe(JSON.parse(readFileSync('package.json', 'utf8')).version);
  });
});

describe('encodings', () => {
  it('refuses a GBK-encoded plan in build and validate with a located error, writing nothing', async () => {
    const dir = tempDir();
    // "title: 计划" with 计划 in GBK
    writeFileSync(join(dir, 'plan.yaml'), Buffer.from([...Buffer.from('title: '), 0xbc, 0xc6, 0xbb, 0xae, 0x0a]));
    for (const command of ['build', 'validate']) {
      const run = await runCli([command, 'plan.yaml'], { cwd: dir });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('plan.yaml:1:8: error: the file is not UTF-8');
    }
    expect(readdirSync(dir)).toEqual(['plan.yaml']);
  });
});
