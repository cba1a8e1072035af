import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs } from '../../bench/specs.mjs';
import { parseStrictXml } from '../helpers/docx.js';
import { tempDir } from '../helpers/cli.js';
import { filesUnder } from '../helpers/files.js';

const BIN = resolve('bin/plangen.js');

function plangen(cwd: string, args: string[]) {
  const run = spawnSync(process.execPath, [BIN, 'build', ...args], {
    cwd,
    env: { ...process.env, CI: 'true', NO_COLOR: '1', PLANGEN_CACHE_DIR: join(cwd, 'cache') },
    maxBuffer: 256 << 20,
  });
  return { code: run.status, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/**
 * The "done when", with the real command: a folder of 1,000 specs, 10 of them broken, built on
 * two workers; then the same folder in three shards on one worker each, which must give every input
 * once and the same bytes.
 */
describe('a batch of 1,000 plans', () => {
  const dir = tempDir('plangen-1000-');
  const written = generateSpecs({ dir: join(dir, 'plans'), count: 1000, broken: 10, seed: 2026 }) as Array<{
    relative: string;
    broken?: { where: string };
  }>;
  const bad = written.filter((w) => w.broken);

  it('builds the 990, reports the 10 by file:line in the summary, --json and --junit, and exits 1', () => {
    const run = plangen(dir, [
      'plans',
      '-o',
      'out',
      '-f',
      'docx,md',
      '--jobs',
      '2',
      '--no-cache',
      '--json',
      '--junit',
      'junit.xml',
    ]);
    expect(run.code).toBe(1);
    const out = filesUnder(join(dir, 'out'));
    expect(out.size).toBe(990 * 2);
    const summary = run.stderr.slice(run.stderr.lastIndexOf('10 failed:'));
    expect(summary).toMatch(/1000 inputs: 990 built, 0 unchanged, 10 failed/);
    for (const b of bad) expect(summary).toContain(`plans/${b.relative}:${b.broken!.where}`);

    const report = JSON.parse(run.stdout) as {
      summary: { built: number; failed: number };
      inputs: Array<{ input: string; status: string; diagnostics: Array<{ line: number; col: number }> }>;
    };
    expect(report.summary).toMatchObject({ built: 990, failed: 10 });
    const failed = report.inputs.filter((i) => i.status === 'failed');
    expect(failed.map((f) => f.input).sort()).toEqual(bad.map((b) => `plans/${b.relative}`).sort());
    for (const f of failed) expect(f.diagnostics[0].line).toBeGreaterThan(0);

    const junit = readFileSync(join(dir, 'junit.xml'), 'utf8');
    parseStrictXml('junit.xml', junit);
    expect((junit.match(/<testcase /g) ?? []).length).toBe(1000);
    expect((junit.match(/<failure /g) ?? []).length).toBe(10);
    for (const b of bad) expect(junit).toContain(`plans/${b.relative}:${b.broken!.where}`);
  }, 600_000);

  it('builds each input once over shards 1/3, 2/3, 3/3 (--jobs 1), with the same bytes as --jobs 2', () => {
    const seen: string[] = [];
    for (let i = 1; i <= 3; i++) {
      const run = plangen(dir, [
        'plans',
        '-o',
        'shards',
        '-f',
        'docx,md',
        '--jobs',
        '1',
        '--no-cache',
        '--json',
        '--shard',
        `${i}/3`,
        '-q',
      ]);
      expect([0, 1]).toContain(run.code);
      seen.push(...(JSON.parse(run.stdout) as { inputs: Array<{ input: string }> }).inputs.map((r) => r.input));
    }
    expect(seen.length).toBe(1000);
    expect(new Set(seen).size).toBe(1000);
    const shards = filesUnder(join(dir, 'shards'));
    const jobs2 = filesUnder(join(dir, 'out'));
    expect(shards.size).toBe(jobs2.size);
    let differing = 0;
    for (const [name, bytes] of jobs2) if (!shards.get(name)?.equals(bytes)) differing++;
    expect(differing).toBe(0);
  }, 600_000);
});
