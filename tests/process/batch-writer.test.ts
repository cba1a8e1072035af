import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { PlanFiles } from '../../src/batch/write-plan.js';
import { writeOnThread } from '../../src/batch/writer.js';
import { tempDir } from '../helpers/cli.js';

const DYING = pathToFileURL(resolve(import.meta.dirname, '../fixtures/workers/dying-writer.mjs'));

/** Twenty plans' two files each, in `dir`/out/pNN/, and the cache entry of each, in `dir`/cache/. */
const plans = (dir: string): PlanFiles[] =>
  Array.from({ length: 20 }, (_, i) => ({
    files: [
      { path: join(dir, 'out', `p${i}`, 'plan.docx'), bytes: new Uint8Array([80, 75, i]) },
      { path: join(dir, 'out', `p${i}`, 'plan.md'), bytes: `# 计划 ${i}\n` },
    ],
    remember: { path: join(dir, 'cache', `p${i}.json`), bytes: `{"plan":${i}}` },
  }));

function expectWritten(dir: string): void {
  expect(readdirSync(join(dir, 'out')).length).toBe(20);
  for (let i = 0; i < 20; i++) {
    expect(readdirSync(join(dir, 'out', `p${i}`)).sort()).toEqual(['plan.docx', 'plan.md']);
    expect([...readFileSync(join(dir, 'out', `p${i}`, 'plan.docx'))]).toEqual([80, 75, i]);
    expect(readFileSync(join(dir, 'out', `p${i}`, 'plan.md'), 'utf8')).toBe(`# 计划 ${i}\n`);
    expect(readFileSync(join(dir, 'cache', `p${i}.json`), 'utf8')).toBe(`{"plan":${i}}`);
  }
}

describe('the writing thread', () => {
  it("writes every plan's files whole, and reports a file that cannot be written with the system's error", async () => {
    const dir = tempDir('plangen-writer-');
    writeFileSync(join(dir, 'blocked'), 'a file where a folder should be');
    writeFileSync(join(dir, 'old.docx'), 'old docx');
    const writer = writeOnThread();
    try {
      expect(await Promise.all(plans(dir).map((plan) => writer.write(plan)))).toEqual(Array(20).fill(true));
      const failed = writer.write({
        files: [
          { path: join(dir, 'old.docx'), bytes: 'new docx' },
          { path: join(dir, 'blocked', 'a.md'), bytes: 'new md' },
        ],
        remember: { path: join(dir, 'cache', 'old.json'), bytes: '{}' },
      });
      await expect(failed).rejects.toMatchObject({
        code: 'EEXIST',
        message: expect.stringMatching(/^EEXIST: .*blocked'$/),
      });
    } finally {
      await writer.close();
    }
    expectWritten(dir);
    // All or nothing: the old file stays, and no temp file is left.
    expect(readFileSync(join(dir, 'old.docx'), 'utf8')).toBe('old docx');
    expect(readdirSync(dir).sort()).toEqual(['blocked', 'cache', 'old.docx', 'out']);
    expect(readdirSync(join(dir, 'cache'))).toHaveLength(20); // not old.json: its outputs were not written
  });

  it('puts the outputs in place when their cache entry cannot be written', async () => {
    const dir = tempDir('plangen-writer-entry-');
    writeFileSync(join(dir, 'cache'), 'a file where the cache folder should be');
    const writer = writeOnThread();
    try {
      expect(await writer.write(plans(dir)[0])).toBe(true);
    } finally {
      await writer.close();
    }
    expect(readdirSync(join(dir, 'out', 'p0')).sort()).toEqual(['plan.docx', 'plan.md']);
  });

  it('writes nothing once the batch is stopped, whatever waits in its queue', async () => {
    const dir = tempDir('plangen-writer-stop-');
    const stop = new AbortController();
    const writer = writeOnThread(stop.signal);
    try {
      const first = await writer.write(plans(dir)[0]);
      stop.abort();
      const later = await Promise.all(
        plans(dir)
          .slice(1)
          .map((plan) => writer.write(plan)),
      );
      expect([first, ...later]).toEqual([true, ...Array(19).fill(false)]);
    } finally {
      await writer.close();
    }
    expect(readdirSync(join(dir, 'out'))).toEqual(['p0']);
    expect(readdirSync(join(dir, 'out', 'p0')).sort()).toEqual(['plan.docx', 'plan.md']);
    expect(readdirSync(join(dir, 'cache'))).toEqual(['p0.json']);
  });

  it('writes in this thread what a thread that died left, and all that comes after', async () => {
    const dir = tempDir('plangen-writer-dead-');
    const writer = writeOnThread(undefined, DYING);
    try {
      expect(await Promise.all(plans(dir).map((plan) => writer.write(plan)))).toEqual(Array(20).fill(true));
    } finally {
      await writer.close();
    }
    expectWritten(dir);
  });

  it('writes in this thread when the thread cannot start', async () => {
    const dir = tempDir('plangen-writer-none-');
    const writer = writeOnThread(undefined, pathToFileURL(join(dir, 'no-such-thread.mjs')));
    try {
      expect(await Promise.all(plans(dir).map((plan) => writer.write(plan)))).toEqual(Array(20).fill(true));
    } finally {
      await writer.close();
    }
    expectWritten(dir);
  });
});
