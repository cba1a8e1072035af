import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runMain } from '../src/cli/main.js';
import { PRESETS } from '../src/presets/index.js';
import { docxText } from './helpers/docx.js';
import { runCli, tempDir } from './helpers/cli.js';
import { PLACEHOLDER } from './helpers/placeholders.js';

const ORG = '樊城区科技局';

/** Every year written in a text: 19xx and 20xx as whole numbers. */
function yearsIn(text: string): number[] {
  return [...text.matchAll(/(?<!\d)(19|20)\d{2}(?!\d)/g)].map((m) => Number(m[0]));
}

describe('plangen init: every preset becomes a plan that builds, with the year and organisation filled in', () => {
  it.each(PRESETS.map((p) => p.name))('%s', async (name) => {
    const dir = tempDir();
    const init = await runCli(['init', 'p.yaml', '--preset', name, '--year', '2026', '--org', ORG], { cwd: dir });
    expect(init.code, init.stderr).toBe(0);
    const spec = readFileSync(join(dir, 'p.yaml'), 'utf8');
    expect(spec.split('\n')[0]).toMatch(/^# yaml-language-server: \$schema=\S+plan\.schema\.json$/);
    expect(spec).not.toMatch(PLACEHOLDER);
    expect(parse(spec)).toMatchObject({ year: 2026, org: ORG });

    const build = await runCli(['build', 'p.yaml', '--strict'], { cwd: dir });
    expect(build.code, build.stderr).toBe(0);
    const text = await docxText(readFileSync(join(dir, 'p.docx')));
    expect(text).toContain('2026');
    expect(text).toContain(ORG);
    expect(text).not.toMatch(/20xx|xx|\*\*/i);
  });

  it.each(PRESETS.map((p) => p.name))(
    '%s: every year moves with --year, none of the sample years stays',
    async (name) => {
      const dir = tempDir();
      expect((await runCli(['init', 'p.yaml', '--preset', name, '--year', '2031'], { cwd: dir })).code).toBe(0);
      const spec = readFileSync(join(dir, 'p.yaml'), 'utf8');
      const years = yearsIn(spec.split('\n').slice(1).join('\n'));
      expect(years.length).toBeGreaterThan(0);
      expect(years.filter((y) => y < 2030 || y > 2032)).toEqual([]);
      expect(parse(spec).year).toBe(2031);
    },
  );
});

describe('plangen init: files', () => {
  it('writes plan.yaml by default and prints the next command to run', async () => {
    const dir = tempDir();
    const run = await runCli(['init', '--preset', 'survey-plan', '--year', '2026'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'plan.yaml'))).toBe(true);
    expect(run.stderr).toContain('next: plangen build plan.yaml -f docx,md');
    // Without --org the preset's sample organisation stays, and init says so.
    expect(run.stderr).toContain('--org');
  });

  it('creates missing folders and quotes a path with spaces in the next command', async () => {
    const dir = tempDir();
    const run = await runCli(['init', 'plans/my plan.yaml', '--preset', 'project-plan', '--year', '2026'], {
      cwd: dir,
    });
    expect(run.code).toBe(0);
    expect(existsSync(join(dir, 'plans/my plan.yaml'))).toBe(true);
    expect(run.stderr).toContain("next: plangen build 'plans/my plan.yaml' -f docx,md");
  });

  it('refuses to overwrite an existing file without --force, and leaves it as it was', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'title: 我的计划\n');
    const run = await runCli(['init', '--preset', 'survey-plan'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plan.yaml already exists; use --force to overwrite it');
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe('title: 我的计划\n');

    const forced = await runCli(['init', '--preset', 'survey-plan', '--force', '--org', ORG], { cwd: dir });
    expect(forced.code).toBe(0);
    expect(parse(readFileSync(join(dir, 'plan.yaml'), 'utf8')).org).toBe(ORG);
  });

  it("points the modeline at the project's installed plangen when there is one", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'node_modules/plangen/schema'), { recursive: true });
    writeFileSync(join(dir, 'node_modules/plangen/schema/plan.schema.json'), '{}');
    expect((await runCli(['init', 'plans/2026/plan.yaml', '--preset', 'quarterly-okr'], { cwd: dir })).code).toBe(0);
    expect(readFileSync(join(dir, 'plans/2026/plan.yaml'), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../../node_modules/plangen/schema/plan.schema.json',
    );
  });
});

describe('plangen init: usage errors exit 2 and write nothing', () => {
  it('suggests the nearest preset on a typo', async () => {
    const dir = tempDir();
    const run = await runCli(['init', '--preset', 'tech-burea-anual'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown preset "tech-burea-anual"; did you mean "tech-bureau-annual"?');
    expect(existsSync(join(dir, 'plan.yaml'))).toBe(false);
  });

  it('lists the presets when there is no --preset and no terminal to pick one on (CI)', async () => {
    const dir = tempDir();
    const run = await runCli(['init'], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--preset');
    for (const p of PRESETS) expect(run.stderr).toContain(p.name);
    expect(existsSync(join(dir, 'plan.yaml'))).toBe(false);
  });

  it.each([
    [
      ['--preset', 'survey-plan', '--lang', 'en'],
      'preset survey-plan is written in zh-CN, not en; presets in en: department-annual-plan, quarterly-okr, project-plan',
    ],
    [['--preset', 'survey-plan', '--lang', 'fr'], 'unknown language "fr"; use zh-CN or en'],
    [['--preset', 'survey-plan', '--year', '26'], '--year expects a year such as 2026, got "26"'],
    [['--preset', 'survey-plan', '--org', ' '], '--org is empty'],
  ])('%j', async (flags, message) => {
    const dir = tempDir();
    const run = await runCli(['init', ...flags], { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(existsSync(join(dir, 'plan.yaml'))).toBe(false);
  });
});

/** A terminal session: stdin marked as a TTY, answers typed one line at a time as prompts appear. */
async function runOnTerminal(argv: string[], cwd: string, answers: string[], env: NodeJS.ProcessEnv = {}) {
  const stdin = Object.assign(new PassThrough(), { isTTY: true });
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let err = '';
  stderr.on('data', (c: Buffer) => {
    err += c.toString('utf8');
    // Answer each prompt (a line ending in ": ") with the next answer; end of input after the last.
    if (/: $/.test(err)) {
      const answer = answers.shift();
      if (answer === undefined) stdin.end();
      else stdin.write(`${answer}\n`);
    }
  });
  stdout.resume();
  const code = await runMain(argv, { stdin, stdout, stderr, env, cwd });
  return { code, stderr: err };
}

describe('plangen init on a terminal without --preset', () => {
  it('lets the user pick a preset by number, then asks for the organisation and year', async () => {
    const dir = tempDir();
    const run = await runOnTerminal(['init'], dir, ['3', ORG, '2028']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toContain('district-tech-plan');
    const spec = parse(readFileSync(join(dir, 'plan.yaml'), 'utf8'));
    expect(spec).toMatchObject({ org: ORG, year: 2028, title: `${ORG}2028年科技工作计划` });
  });

  it('offers only the presets of --lang, accepts a name, and keeps the defaults on Enter', async () => {
    const dir = tempDir();
    // 2030-11-02: from October on, the default year is the next one.
    const run = await runOnTerminal(['init', '--lang', 'en'], dir, ['project-plan', '', ''], {
      SOURCE_DATE_EPOCH: String(Date.UTC(2030, 10, 2) / 1000),
    });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toContain('survey-plan');
    expect(run.stderr).toContain('Enter for 2031');
    expect(parse(readFileSync(join(dir, 'plan.yaml'), 'utf8'))).toMatchObject({
      org: 'Riverside Public Library',
      year: 2031,
    });
  });

  it('says the file exists before asking anything', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'title: 我的计划\n');
    const run = await runOnTerminal(['init'], dir, ['1', '', '']);
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('Preset (number or name)');
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe('title: 我的计划\n');
  });

  it('gives up with a usage error when input ends before a preset is chosen', async () => {
    const dir = tempDir();
    const run = await runOnTerminal(['init'], dir, ['99']);
    expect(run.code).toBe(2);
    expect(existsSync(join(dir, 'plan.yaml'))).toBe(false);
  });
});
