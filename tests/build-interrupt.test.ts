import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../src/pipeline.js';
import { runCli, tempDir } from './helpers/cli.js';
import { filesUnder } from './helpers/files.js';

/** A plan of `count` tasks: some hundred milliseconds of synchronous work per stage when large. */
function planWithTasks(count: number): string {
  const tasks = Array.from(
    { length: count },
    (_, i) =>
      `  - title: 第${i + 1}项任务\n    text: 推进第${i + 1}项重点工作，按月报送进展。\n    owner: 综合科\n    due: 2026-06`,
  );
  return `title: 中断测试计划\norg: 测试局\nyear: 2026\ndate: 2026-01-10\ntasks:\n${tasks.join('\n')}\n`;
}

/** Emit `signal` as soon as the build has put up its handlers: the build is then under way in this thread. */
function signalOnceListening(signal: NodeJS.Signals, baseline: number): void {
  const poll = () => {
    if (process.listenerCount(signal) > baseline) process.emit(signal, signal);
    else setImmediate(poll);
  };
  setImmediate(poll);
}

describe('a signal during a build in this thread', () => {
  // Load the libraries first: a signal that comes while they load stops the run before any build starts.
  beforeAll(async () => {
    const dir = tempDir('plangen-warm-');
    writeFileSync(join(dir, 'plan.yaml'), planWithTasks(2));
    expect((await runCli(['build', 'plan.yaml', '-o', 'out', '-f', 'docx,md', '--no-cache'], { cwd: dir })).code).toBe(
      0,
    );
  });

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} stops it between two stages: exit 130, nothing written, and the handlers are gone`, async () => {
      const dir = tempDir('plangen-interrupt-');
      writeFileSync(join(dir, 'plan.yaml'), planWithTasks(300));
      const before = { SIGINT: process.listenerCount('SIGINT'), SIGTERM: process.listenerCount('SIGTERM') };
      signalOnceListening(signal, before[signal]);
      const run = await runCli(['build', 'plan.yaml', '-o', 'out', '-f', 'docx,md', '--no-cache'], { cwd: dir });
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toContain('interrupted');
      expect(existsSync(join(dir, 'out')) ? [...filesUnder(join(dir, 'out')).keys()] : []).toEqual([]);
      // No handler of ours is left, so a second signal takes its default action: the process ends at once.
      expect(process.listenerCount('SIGINT')).toBe(before.SIGINT);
      expect(process.listenerCount('SIGTERM')).toBe(before.SIGTERM);
    });
  }

  it('the library build stops at its first pause once its signal has fired, and runs straight through without one', async () => {
    const source = planWithTasks(5);
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(buildPlan(source, 'plan.yaml', { formats: ['md'], signal: controller.signal })).rejects.toThrow(
      'stop',
    );
    const built = await buildPlan(source, 'plan.yaml', { formats: ['md'] });
    expect(built.outputs?.map((o) => o.format)).toEqual(['md']);
  });
});
