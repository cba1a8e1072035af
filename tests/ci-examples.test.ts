import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs } from '../bench/specs.mjs';
import { runCli, tempDir } from './helpers/cli.js';

/** `npx plangen build …` as a shell would split it (single quotes, no expansion inside). */
function argv(command: string): string[] {
  const words = [...command.matchAll(/'([^']*)'|(\S+)/g)].map((m) => m[1] ?? m[2]);
  expect(words.slice(0, 2)).toEqual(['npx', 'plangen']);
  return words.slice(2);
}

/** Run a CI example's build command for every shard, as the matrix would, in a workspace of plans. */
async function runShards(commandFor: (shard: number) => string, shards: number) {
  const dir = tempDir('plangen-ci-');
  const written = generateSpecs({ dir: join(dir, 'plans'), count: 9, broken: 1, seed: 9 }) as Array<{
    relative: string;
    broken?: { where: string };
  }>;
  const built: string[] = [];
  const codes: number[] = [];
  for (let i = 1; i <= shards; i++) {
    const run = await runCli([...argv(commandFor(i)), '--json', '--jobs', '1'], { cwd: dir, env: { CI: 'true' } });
    codes.push(run.code);
    built.push(...(JSON.parse(run.stdout) as { inputs: Array<{ input: string }> }).inputs.map((r) => r.input));
  }
  expect(built.sort()).toEqual(written.map((w) => `plans/${w.relative}`).sort());
  expect(codes.filter((c) => c === 1)).toHaveLength(1); // the shard with the broken plan fails, the others pass
  expect(codes.every((c) => c === 0 || c === 1)).toBe(true);
  return { dir, written };
}

describe('examples/ci', () => {
  it('GitHub Actions: the matrix over shards runs a real plangen command and uploads what it writes', async () => {
    const workflow = parse(readFileSync('examples/ci/github-actions.yml', 'utf8'));
    const job = workflow.jobs.build;
    const shards: number[] = job.strategy.matrix.shard;
    const step = job.steps.find((s: { run?: string }) => s.run?.includes('plangen build'));
    const { dir, written } = await runShards(
      (i) => step.run.replace(/\$\{\{ matrix\.shard \}\}/g, String(i)),
      shards.length,
    );
    const uploaded = job.steps
      .filter((s: { uses?: string }) => s.uses?.startsWith('actions/upload-artifact'))
      .map((s: { with: { path: string } }) => s.with.path);
    expect(uploaded).toContain('build/plans/');
    const good = written.find((w) => !w.broken)!;
    expect(
      readFileSync(join(dir, 'build/plans', good.relative.replace(/\.yaml$/, '.docx')))
        .subarray(0, 2)
        .toString(),
    ).toBe('PK');
    const junit = shards.map((i) => readFileSync(join(dir, `reports/plangen-${i}.xml`), 'utf8')).join('');
    const bad = written.find((w) => w.broken)!;
    expect(junit).toContain(`plans/${bad.relative}:${bad.broken!.where}`);
  });

  it('GitLab CI: parallel jobs with CI_NODE_INDEX/CI_NODE_TOTAL run a real plangen command; JUnit where the job says', async () => {
    const pipeline = parse(readFileSync('examples/ci/gitlab-ci.yml', 'utf8'));
    const job = pipeline.plans;
    const command: string = job.script.find((s: string) => s.includes('plangen build'));
    const { dir } = await runShards(
      (i) => command.replace('$CI_NODE_INDEX', String(i)).replace('$CI_NODE_TOTAL', String(job.parallel)),
      job.parallel,
    );
    expect(readFileSync(join(dir, job.artifacts.reports.junit), 'utf8')).toContain('<testsuites name="plangen build"');
    expect(job.artifacts.paths).toContain('build/plans/');
  });
});
