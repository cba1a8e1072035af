import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs } from '../../bench/specs.mjs';
import { runCli, tempDir } from '../helpers/cli.js';
import { filesUnder } from '../helpers/files.js';

/** Builds on worker threads, which load the compiled modules in dist/ (compiled before this tier runs). */
function workspace(count: number, seed = 11) {
  const dir = tempDir('plangen-batch-');
  const written = generateSpecs({ dir: join(dir, 'plans'), count, seed }) as Array<{ relative: string }>;
  return { dir, written };
}

describe('plangen build on worker threads', () => {
  it('writes the same bytes whatever --jobs, the input order or the shard', async () => {
    const { dir, written } = workspace(10);
    const base = ['-f', 'docx,md', '--no-cache', '-q'];
    expect((await runCli(['build', 'plans', '-o', 'j1', '--jobs', '1', ...base], { cwd: dir })).code).toBe(0);
    expect((await runCli(['build', 'plans', '-o', 'j2', '--jobs', '2', ...base], { cwd: dir })).code).toBe(0);
    // Files named one by one, in reverse order, each relative to its own folder: build one unit folder.
    const unit = written
      .filter((w) => w.relative.startsWith('unit-03/'))
      .map((w) => `plans/${w.relative}`)
      .reverse();
    expect((await runCli(['build', ...unit, '-o', 'rev', '--jobs', '2', ...base], { cwd: dir })).code).toBe(0);
    for (let i = 1; i <= 2; i++)
      expect((await runCli(['build', 'plans', '-o', 'shards', '--shard', `${i}/2`, ...base], { cwd: dir })).code).toBe(
        0,
      );

    const j1 = filesUnder(join(dir, 'j1'));
    const j2 = filesUnder(join(dir, 'j2'));
    expect(j1.size).toBe(20);
    expect([...j2.keys()].sort()).toEqual([...j1.keys()].sort());
    for (const [name, bytes] of j1) expect(j2.get(name)!.equals(bytes), name).toBe(true);
    for (const [name, bytes] of filesUnder(join(dir, 'shards'))) expect(j1.get(name)!.equals(bytes), name).toBe(true);
    for (const [name, bytes] of filesUnder(join(dir, 'rev')))
      expect(j1.get(`unit-03/${name}`)!.equals(bytes), name).toBe(true);
  });
});
