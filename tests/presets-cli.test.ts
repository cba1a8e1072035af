import { describe, expect, it } from 'vitest';
import { displayWidth } from '../src/text-width.js';
import { PRESETS } from '../src/presets/index.js';
import { runCli, tempDir } from './helpers/cli.js';

describe('plangen presets', () => {
  it('prints all twelve as JSON for scripts: name, lang, title, description', async () => {
    const run = await runCli(['presets', '--json'], { cwd: tempDir() });
    expect(run.code).toBe(0);
    const list = JSON.parse(run.stdout) as Array<Record<string, string>>;
    expect(list.map((p) => p.name)).toEqual(PRESETS.map((p) => p.name));
    expect(list).toHaveLength(12);
    for (const p of list)
      expect(Object.keys(p)).toEqual(expect.arrayContaining(['name', 'lang', 'title', 'description']));
  });

  it('prints a table whose columns line up on a terminal, Chinese titles counted two columns a character', async () => {
    const run = await runCli(['presets'], { cwd: tempDir(), tty: true });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('\u001b[1mNAME'); // a bold header on a terminal
    const lines = run.stdout
      .replace(/\u001b\[\d+m/g, '')
      .trimEnd()
      .split('\n');
    expect(lines).toHaveLength(13);
    expect(lines[0]).toMatch(/^NAME +LANG +TITLE +DESCRIPTION$/);
    // The description starts at the same terminal column on every line.
    const column = (line: string, text: string) => displayWidth(line.slice(0, line.indexOf(text)));
    const starts = PRESETS.map((p, i) => column(lines[i + 1], p.description));
    expect(new Set([column(lines[0], 'DESCRIPTION'), ...starts]).size).toBe(1);
  });

  it('prints no colour codes when not on a terminal', async () => {
    const run = await runCli(['presets'], { cwd: tempDir() });
    expect(run.stdout).not.toContain('\u001b');
    expect(run.stdout.split('\n')[0]).toMatch(/^NAME +LANG +TITLE +DESCRIPTION$/);
  });

  it('filters by language', async () => {
    const run = await runCli(['presets', '--json', '--lang', 'en'], { cwd: tempDir() });
    expect((JSON.parse(run.stdout) as Array<{ name: string }>).map((p) => p.name)).toEqual([
      'department-annual-plan',
      'quarterly-okr',
      'project-plan',
    ]);
    expect((await runCli(['presets', '--lang', 'de'], { cwd: tempDir() })).code).toBe(2);
  });
});

describe('displayWidth', () => {
  it('counts full-width characters twice and ASCII once', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('调查研究方案')).toBe(12);
    expect(displayWidth('（一）a')).toBe(7);
  });
});
