import { describe, expect, it, vi } from 'vitest';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { runPool } from '../../src/batch/pool.js';
import type { BuildTask, TaskResult } from '../../src/batch/task.js';

const MISBEHAVING = pathToFileURL(resolve(import.meta.dirname, '../fixtures/workers/misbehaving.mjs'));
const settings = { formats: ['docx' as const] };
const tasks = (names: string[]): BuildTask[] => names.map((shown, id) => ({ id, shown, path: `/nowhere/${shown}` }));

describe('worker pool', () => {
  it('fails only the task whose worker died, replaces the worker, and finishes every other task', async () => {
    const names = ['a', 'b-exit', 'c', 'd-throw', 'e', 'f', 'g-exit', 'h'];
    const done = new Map<string, TaskResult>();
    await runPool(
      tasks(names),
      2,
      settings,
      { done: (t, r) => void done.set(t.shown, r), stop: () => false },
      undefined,
      MISBEHAVING,
    );
    expect([...done.keys()].sort()).toEqual([...names].sort());
    for (const name of ['b-exit', 'd-throw', 'g-exit']) {
      const diagnostics = done.get(name)!.diagnostics;
      expect(diagnostics[0]).toMatchObject({ file: name, severity: 'error', code: 'internal' });
      expect(diagnostics[0].message).toMatch(/please report/);
    }
    for (const name of ['a', 'c', 'e', 'f', 'h']) expect(done.get(name)!.diagnostics).toEqual([]);
  });

  it("keeps what a worker prints off the process's stdout (where --json goes) and hands it to the caller", async () => {
    const stdout = vi.spyOn(process.stdout, 'write');
    const printed: string[] = [];
    try {
      await runPool(
        tasks(['a-print']),
        2,
        settings,
        { done: () => {}, stop: () => false, output: (text) => printed.push(text) },
        undefined,
        MISBEHAVING,
      );
      expect(stdout).not.toHaveBeenCalled();
    } finally {
      stdout.mockRestore();
    }
    expect(printed.join('').split('\n').sort()).toEqual(['', 'stray output', 'stray warning']);
  });

  it('sends a worker its next task while it builds one, so it never waits for this thread', async () => {
    const done = new Map<string, TaskResult>();
    await runPool(
      tasks(['a-slow', 'b', 'c']),
      1,
      settings,
      { done: (t, r) => void done.set(t.shown, r), stop: () => false },
      undefined,
      MISBEHAVING,
    );
    expect([...done.keys()].sort()).toEqual(['a-slow', 'b', 'c']);
    // Without a queue the worker would have received nothing but a by the time it answered a.
    expect(done.get('a-slow')!.ms).toBeGreaterThan(1);
  });

  it('stops handing out tasks when asked (--fail-fast)', async () => {
    const done: string[] = [];
    await runPool(
      tasks(['a', 'b', 'c', 'd', 'e']),
      1,
      settings,
      { done: (t) => void done.push(t.shown), stop: () => done.length >= 2 },
      undefined,
      MISBEHAVING,
    );
    expect(done).toEqual(['a', 'b']);
  });

  it('ends at once on abort, even with a worker that never answers', async () => {
    const controller = new AbortController();
    const done: string[] = [];
    const run = runPool(
      tasks(['a-hang', 'b-hang', 'c', 'd']),
      2,
      settings,
      { done: (t) => void done.push(t.shown), stop: () => false },
      controller.signal,
      MISBEHAVING,
    );
    setTimeout(() => controller.abort(), 300);
    await run;
    expect(done).not.toContain('a-hang');
    expect(done).not.toContain('b-hang');
  });
});
