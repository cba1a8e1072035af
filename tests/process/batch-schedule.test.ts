import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import {
  IN_PROCESS_BYTES,
  LAST_CORE_MIN_TASKS,
  LONG_BATCH_TASKS,
  schedule,
  WORKER_MIN_TASKS,
} from '../../src/batch/pool.js';
import type { BuildTask, TaskResult } from '../../src/batch/task.js';
import { runCli, tempDir } from '../helpers/cli.js';

// The stand-in worker answers "built" with no diagnostics; a task built in this thread tries to read
// /nowhere/… and fails with an io diagnostic. So each result says where its task ran.
const MISBEHAVING = pathToFileURL(resolve(import.meta.dirname, '../fixtures/workers/misbehaving.mjs'));
const settings = { formats: ['docx' as const] };
const tasks = (count: number, bytes = 100): BuildTask[] =>
  Array.from({ length: count }, (_, id) => ({ id, shown: `plan-${id}`, path: `/nowhere/plan-${id}`, bytes }));
const ranHere = (r: TaskResult) => r.diagnostics[0]?.code === 'io';

/** `cores`: the machine's, as the scheduler sees it; by default more than any lane count here. */
async function run(list: BuildTask[], jobs: number, cores = 64): Promise<Map<string, TaskResult>> {
  const done = new Map<string, TaskResult>();
  await schedule(
    list,
    jobs,
    settings,
    {
      done: (t, r) => {
        expect(done.has(t.shown)).toBe(false);
        done.set(t.shown, r);
      },
      stop: () => false,
    },
    undefined,
    MISBEHAVING,
    cores,
  );
  return done;
}

describe('batch scheduling', () => {
  it('builds a small batch in this thread: no worker is started for fewer plans than pay for one', async () => {
    const done = await run(tasks(WORKER_MIN_TASKS - 1), 2);
    expect(done.size).toBe(WORKER_MIN_TASKS - 1);
    expect([...done.values()].every(ranHere)).toBe(true);
  });

  it('shares a large batch between this thread and the workers, each plan exactly once', async () => {
    const done = await run(tasks(WORKER_MIN_TASKS * 8), 2);
    expect(done.size).toBe(WORKER_MIN_TASKS * 8);
    const here = [...done.values()].filter(ranHere).length;
    expect(here).toBeGreaterThan(0);
    expect(here).toBeLessThan(done.size);
  });

  it('leaves every small plan of a long batch to the workers (this thread’s heap cannot be capped)', async () => {
    const list = [
      ...tasks(LONG_BATCH_TASKS),
      { id: 9999, shown: 'huge-exit', path: '/nowhere/huge', bytes: IN_PROCESS_BYTES + 1 },
    ];
    const done = await run(list, 2);
    expect(done.size).toBe(list.length);
    expect([...done.entries()].filter(([, r]) => ranHere(r)).map(([shown]) => shown)).toEqual(['huge-exit']);
  }, 60_000);

  it('starts a worker on the last free core only when each thread gets LAST_CORE_MIN_TASKS plans', async () => {
    const short = await run(tasks(LAST_CORE_MIN_TASKS * 2 - 1), 2, 2);
    expect([...short.values()].every(ranHere)).toBe(true);
    const long = await run(tasks(LAST_CORE_MIN_TASKS * 2), 2, 2);
    expect(long.size).toBe(LAST_CORE_MIN_TASKS * 2);
    expect([...long.values()].filter(ranHere).length).toBeLessThan(long.size);
    // On 4 cores the first worker leaves a core free: it starts for WORKER_MIN_TASKS plans; the third
    // thread, on the last core, does not start for fewer than 3 × LAST_CORE_MIN_TASKS.
    const spare = await run(tasks(WORKER_MIN_TASKS * 2), 4, 4);
    expect([...spare.values()].filter(ranHere).length).toBeLessThan(spare.size);
  });

  it('builds one job in this thread only', async () => {
    const done = await run(tasks(WORKER_MIN_TASKS * 4), 1);
    expect([...done.values()].every(ranHere)).toBe(true);
  });

  it('never sends a plan too large for a worker heap to a worker', async () => {
    // "exit" would end the stand-in worker and fail the plan with an internal error.
    const list = [
      ...tasks(WORKER_MIN_TASKS * 4),
      { id: 999, shown: 'huge-exit', path: '/nowhere/huge', bytes: IN_PROCESS_BYTES + 1 },
    ];
    const done = await run(list, 2);
    expect(ranHere(done.get('huge-exit')!)).toBe(true);
    expect(done.size).toBe(list.length);
  });
});

describe('a plan too large for a worker (issue #9, resource bounds)', () => {
  const dir = tempDir();
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('builds in a batch with --jobs 2 to the same bytes as alone', async () => {
    let spec = 'title: 某区科技局重点任务工作计划\norg: 某区科技局\nyear: 2026\ndate: 2026-01-10\ntasks:\n';
    for (let i = 0; spec.length < IN_PROCESS_BYTES * 1.05; i++)
      spec += `  - title: 第${i + 1}项重点任务\n    text: 推进第${i + 1}项工作，按季度检查进度并形成报告。\n    owner: 第${(i % 7) + 1}科\n`;
    mkdirSync(join(dir, 'plans'));
    writeFileSync(join(dir, 'plans/large.yaml'), spec);
    for (let i = 0; i < WORKER_MIN_TASKS + 2; i++)
      writeFileSync(join(dir, `plans/small-${i}.yaml`), `title: 第${i}个计划\nyear: 2026\ngoals:\n  - 目标${i}\n`);
    const batch = await runCli(['build', 'plans', '-o', 'batch', '--jobs', '2', '--no-cache', '-q'], { cwd: dir });
    expect(batch.stderr).toBe('');
    expect(batch.code).toBe(0);
    const alone = await runCli(['build', 'plans/large.yaml', '-o', 'alone', '--no-cache', '-q'], { cwd: dir });
    expect(alone.code).toBe(0);
    expect(readFileSync(join(dir, 'batch/large.docx')).equals(readFileSync(join(dir, 'alone/large.docx')))).toBe(true);
  }, 120_000);
});
