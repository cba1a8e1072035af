import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs } from '../bench/specs.mjs';
import { planOutputs } from '../src/cli/build-run.js';
import { UsageError } from '../src/cli/io.js';
import { parseStrictXml } from './helpers/docx.js';
import { runCli, tempDir } from './helpers/cli.js';
import { filesUnder } from './helpers/files.js';

interface Generated {
  relative: string;
  broken?: { where: string; message: string };
}

interface JsonReport {
  ok: boolean;
  shard?: string;
  summary: { inputs: number; built: number; unchanged: number; failed: number; skipped: number; warnings: number };
  inputs: Array<{
    input: string;
    status: string;
    outputs: Array<{ format: string; path: string }>;
    diagnostics: Array<{ file: string; line: number; col: number; severity: string; message: string }>;
    ms: number;
  }>;
}

function workspace(count: number, broken = 0, seed = 11) {
  const dir = tempDir('plangen-batch-');
  const written = generateSpecs({ dir: join(dir, 'plans'), count, broken, seed }) as Generated[];
  return { dir, written, cache: join(dir, 'cache') };
}

describe('plangen build over a folder', () => {
  it('builds every good plan, reports every bad one by file:line in the log, --json and --junit, and exits 1', async () => {
    const { dir, written, cache } = workspace(40, 4);
    const bad = written.filter((w) => w.broken);
    const run = await runCli(
      [
        'build',
        'plans',
        '-o',
        'out',
        '-f',
        'docx,md',
        '--jobs',
        '1',
        '--json',
        '--junit',
        'reports/junit.xml',
        '--cache-dir',
        cache,
      ],
      { cwd: dir },
    );
    expect(run.code).toBe(1);

    // Outputs mirror the inputs' relative paths; nothing for the broken ones.
    const outputs = filesUnder(join(dir, 'out'));
    expect(outputs.size).toBe((40 - bad.length) * 2);
    for (const w of written) {
      const stem = w.relative.replace(/\.yaml$/, '');
      expect(outputs.has(`${stem}.docx`), w.relative).toBe(!w.broken);
      expect(outputs.has(`${stem}.md`), w.relative).toBe(!w.broken);
    }
    const docxFiles = [...outputs].filter(([name]) => name.endsWith('.docx'));
    expect(docxFiles).toHaveLength(40 - bad.length);
    for (const [, bytes] of docxFiles) expect(Object.keys(unzipSync(bytes))).toContain('word/document.xml');

    // The closing summary names each failure at its line.
    const summary = run.stderr.slice(run.stderr.lastIndexOf(`${bad.length} failed:`));
    for (const b of bad) expect(summary).toContain(`plans/${b.relative}:${b.broken!.where}`);
    expect(run.stderr).toMatch(
      new RegExp(`40 inputs: ${40 - bad.length} built, 0 unchanged, ${bad.length} failed, \\d+ warnings? in `),
    );

    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.ok).toBe(false);
    expect(report.summary).toMatchObject({
      inputs: 40,
      built: 40 - bad.length,
      failed: bad.length,
      unchanged: 0,
      skipped: 0,
    });
    expect(report.inputs.map((i) => i.input)).toEqual([...report.inputs.map((i) => i.input)].sort());
    for (const b of bad) {
      const entry = report.inputs.find((i) => i.input === `plans/${b.relative}`)!;
      expect(entry.status).toBe('failed');
      expect(entry.outputs).toEqual([]);
      expect(`${entry.diagnostics[0].line}:${entry.diagnostics[0].col}`).toContain(b.broken!.where);
    }
    const good = report.inputs.find((i) => i.status === 'built')!;
    expect(good.outputs.map((o) => o.format)).toEqual(['docx', 'md']);
    expect(good.outputs[0].path).toMatch(/^out\/unit-\d\d\/plan-\d+\.docx$/);
    expect(good.ms).toBeGreaterThan(0);

    const junit = readFileSync(join(dir, 'reports/junit.xml'), 'utf8');
    parseStrictXml('junit.xml', junit);
    expect(junit).toContain('<testsuites name="plangen build" tests="40" failures="' + bad.length + '"');
    expect((junit.match(/<testcase /g) ?? []).length).toBe(40);
    expect((junit.match(/<failure /g) ?? []).length).toBe(bad.length);
    for (const b of bad) expect(junit).toContain(`message="plans/${b.relative}:${b.broken!.where}`);
  });

  it('skips unchanged inputs on the next run, rebuilds what changed, and --force rebuilds all', async () => {
    const { dir, written, cache } = workspace(12);
    const args = ['build', 'plans', '-o', 'out', '-f', 'docx,md', '--jobs', '1', '--json', '--cache-dir', cache];
    const first = JSON.parse((await runCli(args, { cwd: dir })).stdout) as JsonReport;
    expect(first.summary).toMatchObject({ built: 12, unchanged: 0 });
    const before = filesUnder(join(dir, 'out'));

    const second = await runCli(args, { cwd: dir });
    expect(second.code).toBe(0);
    expect((JSON.parse(second.stdout) as JsonReport).summary).toMatchObject({ built: 0, unchanged: 12 });
    expect(second.stderr).toContain(`unchanged plans/${written[0].relative}`);

    // One spec edited, one output deleted, one output edited by hand: those three are built again.
    const edited = join(dir, 'plans', written[1].relative);
    writeFileSync(edited, readFileSync(edited, 'utf8').replace(/^title: (.*)$/m, 'title: $1（修订）'));
    rmSync(join(dir, 'out', written[2].relative.replace(/\.yaml$/, '.md')));
    writeFileSync(join(dir, 'out', written[3].relative.replace(/\.yaml$/, '.docx')), 'not a docx');
    const third = JSON.parse((await runCli(args, { cwd: dir })).stdout) as JsonReport;
    expect(third.summary).toMatchObject({ built: 3, unchanged: 9 });
    expect(
      third.inputs
        .filter((i) => i.status === 'built')
        .map((i) => i.input)
        .sort(),
    ).toEqual([1, 2, 3].map((i) => `plans/${written[i].relative}`).sort());
    const after = filesUnder(join(dir, 'out'));
    const untouched = [...before].filter(([name]) => !name.startsWith(written[1].relative.replace(/\.yaml$/, '')));
    expect(untouched).toHaveLength(before.size - 2);
    for (const [name, bytes] of untouched) expect(after.get(name)?.equals(bytes), name).toBe(true);

    const forced = JSON.parse((await runCli([...args, '--force'], { cwd: dir })).stdout) as JsonReport;
    expect(forced.summary).toMatchObject({ built: 12, unchanged: 0 });
    // Another option that changes the bytes is another key.
    const other = JSON.parse((await runCli([...args, '--style', 'business'], { cwd: dir })).stdout) as JsonReport;
    expect(other.summary).toMatchObject({ built: 12, unchanged: 0 });
    const none = JSON.parse(
      (await runCli([...args, '--style', 'business', '--no-cache'], { cwd: dir })).stdout,
    ) as JsonReport;
    expect(none.summary).toMatchObject({ built: 12, unchanged: 0 });
  });

  it('builds each input exactly once over shards 1/3, 2/3, 3/3', async () => {
    const { dir, written } = workspace(30);
    const built: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const run = await runCli(
        ['build', 'plans', '-o', `out-${i}`, '--shard', `${i}/3`, '--jobs', '1', '--json', '--no-cache'],
        { cwd: dir },
      );
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout) as JsonReport;
      expect(report.shard).toBe(`${i}/3`);
      expect(report.summary.inputs).toBeGreaterThan(0);
      built.push(...report.inputs.map((r) => r.input));
      expect(filesUnder(join(dir, `out-${i}`)).size).toBe(report.summary.built);
    }
    expect(built.sort()).toEqual(written.map((w) => `plans/${w.relative}`).sort());
  });

  it('--fail-fast stops starting builds after the first failure and reports the rest as skipped', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'title: 甲\nyear: 明年\n');
    for (const n of ['b', 'c', 'd']) writeFileSync(join(dir, `${n}.yaml`), `title: ${n}计划\n`);
    const run = await runCli(['build', '.', '--jobs', '1', '--fail-fast', '--json', '--no-cache'], { cwd: dir });
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.summary).toMatchObject({ inputs: 4, failed: 1, built: 0, skipped: 3 });
    expect(existsSync(join(dir, 'b.docx'))).toBe(false);
    // Without it, every input is tried.
    const all = JSON.parse(
      (await runCli(['build', '.', '--jobs', '1', '--json', '--no-cache'], { cwd: dir })).stdout,
    ) as JsonReport;
    expect(all.summary).toMatchObject({ failed: 1, built: 3, skipped: 0 });
  });

  it('fails an input on warnings with --strict, and counts warnings in the summary', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.yaml'), 'title: 带控制字符\u0007的计划\n');
    writeFileSync(join(dir, 'other.yaml'), 'title: 另一个计划\n');
    const loose = await runCli(['build', '.', '--json', '--no-cache'], { cwd: dir });
    expect(loose.code).toBe(0);
    expect((JSON.parse(loose.stdout) as JsonReport).summary).toMatchObject({ built: 2, warnings: 1 });
    rmSync(join(dir, 'plan.docx'));
    const strict = await runCli(['build', '.', '--strict', '--json', '--no-cache'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect((JSON.parse(strict.stdout) as JsonReport).summary).toMatchObject({ built: 1, failed: 1, warnings: 1 });
    expect(existsSync(join(dir, 'plan.docx'))).toBe(false);
    // The closing summary says why: the warning, not a bare "failed".
    const summary = strict.stderr.slice(strict.stderr.lastIndexOf('1 failed:'));
    expect(summary).toMatch(/^ {2}plan\.yaml:1:\d+: warning: .*control/m);
    expect(summary).not.toMatch(/error: failed/);
  });

  it('shows a progress bar on a terminal and plain lines in CI', async () => {
    const { dir } = workspace(6);
    const tty = await runCli(['build', 'plans', '-o', 'out', '--jobs', '1', '--no-cache'], {
      cwd: dir,
      tty: true,
      env: {},
    });
    expect(tty.code).toBe(0);
    // The bar is drawn at its start and then ten times a second: a batch this small may end before it
    // fills, so what is certain is the bar itself (░ empty, █ done), not how full it was seen.
    expect(tty.stderr).toMatch(/building(\u001b\[22m)? [░█]+ \d\/6/);
    expect(tty.stderr).not.toMatch(/^built /m);
    expect(tty.stderr).toMatch(/6 inputs: 6 built/);
    const ci = await runCli(['build', 'plans', '-o', 'out2', '--jobs', '1', '--no-cache'], {
      cwd: dir,
      tty: true,
      env: { CI: 'true' },
    });
    expect(ci.stderr).not.toMatch(/[░█]/);
    expect(ci.stderr.match(/built/g)?.length).toBeGreaterThanOrEqual(6);
  });

  it('refuses bad options and colliding outputs as usage errors, before building anything', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), 'title: 甲\n');
    for (const args of [
      ['--jobs', '0'],
      ['--jobs', 'two'],
      ['--shard', '4/3'],
      ['--shard', 'half'],
    ]) {
      const run = await runCli(['build', 'a.yaml', ...args], { cwd: dir });
      expect(run.code, args.join(' ')).toBe(2);
    }
    // a.yaml and a.yml both want out/a.docx.
    writeFileSync(join(dir, 'a.yml'), 'title: 乙\n');
    const clash = await runCli(['build', 'a.yaml', 'a.yml', '-o', 'out', '--no-cache'], { cwd: dir });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/would both write .*a\.docx/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
    expect(statSync(dir).isDirectory()).toBe(true);
  });

  it('refuses an output that would land outside --out-dir', () => {
    expect(() =>
      planOutputs([{ path: '/x/../../evil.yaml', relative: '../../evil.yaml', base: '/x' }], ['docx'], '/tmp/out'),
    ).toThrow(UsageError);
  });
});
