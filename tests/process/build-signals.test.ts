import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs } from '../../bench/specs.mjs';
import { tempDir } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/plangen.js');

function files(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(relative(root, p));
    }
  };
  try {
    walk(root);
  } catch {
    // no folder: nothing was written
  }
  return out.sort();
}

/** Start a batch, wait until `after` plans are built, send the signal; resolve with the exit code. */
function interrupt(
  dir: string,
  args: string[],
  signal: NodeJS.Signals,
  after: number,
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BIN, 'build', 'plans', '-o', 'out', '--no-cache', ...args], {
      cwd: dir,
      env: { ...process.env, CI: 'true', NO_COLOR: '1', PLANGEN_CACHE_DIR: join(dir, 'cache') },
    });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (!sent && (stderr.match(/^built /gm)?.length ?? 0) >= after) {
        sent = true;
        child.kill(signal);
      }
    });
    child.on('error', fail);
    child.on('close', (code, sig) => done({ code, signal: sig, stderr }));
  });
}

describe('an interrupted build', () => {
  for (const [signal, jobs] of [
    ['SIGINT', '2'],
    ['SIGTERM', '1'],
  ] as const) {
    it(`stops on ${signal} (--jobs ${jobs}): exit 130, no partial file, every written file whole`, async () => {
      const dir = tempDir('plangen-signal-');
      generateSpecs({ dir: join(dir, 'plans'), count: 120, seed: 3 });
      const run = await interrupt(dir, ['--jobs', jobs, '-f', 'docx,md'], signal, 3);
      expect(run.code, run.stderr).toBe(130);
      expect(run.stderr).toContain('interrupted');
      const written = files(join(dir, 'out'));
      expect(written.filter((f) => !/\.(docx|md)$/.test(f))).toEqual([]); // no temp files
      expect(written.length).toBeGreaterThanOrEqual(6);
      expect(written.length).toBeLessThan(240);
      for (const f of written.filter((n) => n.endsWith('.docx')))
        expect(Object.keys(unzipSync(readFileSync(join(dir, 'out', f))))).toContain('word/document.xml');
      // Each plan has both outputs or neither.
      const stems = (ext: string) => written.filter((f) => f.endsWith(ext)).map((f) => f.slice(0, -ext.length));
      expect(stems('.md')).toEqual(stems('.docx'));
    }, 60_000);
  }
});

/** A plan just under the size that goes to a worker of its own (pool.ts): built in this thread, in about a second. */
function largeInProcessPlan(n: number): string {
  let text = `title: 第${n}份大计划\norg: 测试局\nyear: 2026\ndate: 2026-01-10\ntasks:\n`;
  for (let i = 1; Buffer.byteLength(text) < 120 * 1024; i++)
    text += `  - title: 第${i}项任务\n    text: 推进第${i}项重点工作，按月报送进展，年底前完成验收。\n    owner: 综合科\n    due: 2026-06\n`;
  return text;
}

describe('a signal while this thread builds a large plan', () => {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    it(`${signal} stops the plan being built, sooner than a plan takes: exit 130, its outputs not written`, async () => {
      const dir = tempDir('plangen-signal-large-');
      mkdirSync(join(dir, 'plans'));
      for (const n of [1, 2, 3]) writeFileSync(join(dir, 'plans', `p${n}.yaml`), largeInProcessPlan(n));
      let sentAt = 0;
      let firstMs = 0;
      const run = await new Promise<{ code: number | null; stderr: string }>((done, fail) => {
        const child = spawn(
          process.execPath,
          [BIN, 'build', 'plans', '-o', 'out', '--no-cache', '--jobs', '1', '-f', 'docx,md'],
          { cwd: dir, env: { ...process.env, CI: 'true', NO_COLOR: '1', PLANGEN_CACHE_DIR: join(dir, 'cache') } },
        );
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => {
          stderr += chunk.toString();
          const first = /^built .*\((\d+) ms\)/m.exec(stderr);
          if (!sentAt && first) {
            firstMs = Number(first[1]);
            sentAt = performance.now();
            child.kill(signal);
          }
        });
        child.on('error', fail);
        child.on('close', (code) => done({ code, stderr }));
      });
      const latency = performance.now() - sentAt;
      expect(run.code, run.stderr).toBe(130);
      // The second plan was under way: it is stopped, not finished and written.
      expect(files(join(dir, 'out'))).toEqual(['p1.docx', 'p1.md']);
      expect(latency, `stopped ${Math.round(latency)} ms after the signal; a plan took ${firstMs} ms`).toBeLessThan(
        firstMs,
      );
    }, 60_000);
  }
});

describe('reproducible bytes', () => {
  it('are the same whatever the time zone and locale', () => {
    const dir = tempDir('plangen-tz-');
    generateSpecs({ dir: join(dir, 'plans'), count: 6, seed: 5 });
    writeFileSync(
      join(dir, 'plans', 'undated.yaml'),
      'title: 未写日期的计划\ngoals:\n  - { text: 产值, target: 12345.5, unit: 万元 }\n',
    );
    const build = (out: string, env: NodeJS.ProcessEnv) => {
      const run = spawnSync(
        process.execPath,
        [BIN, 'build', 'plans', '-o', out, '-f', 'docx,md', '--jobs', '1', '--no-cache', '-q'],
        { cwd: dir, env: { ...process.env, PLANGEN_CACHE_DIR: join(dir, 'cache'), ...env } },
      );
      expect(run.status, run.stderr.toString()).toBe(0);
      return new Map(files(join(dir, out)).map((f) => [f, readFileSync(join(dir, out, f))]));
    };
    const east = build('east', { TZ: 'Pacific/Kiritimati', LANG: 'zh_CN.UTF-8', LC_ALL: 'zh_CN.UTF-8' });
    const west = build('west', { TZ: 'America/Los_Angeles', LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' });
    const utc = build('utc', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    expect(east.size).toBe(14);
    for (const [name, bytes] of east) {
      expect(west.get(name)?.equals(bytes), name).toBe(true);
      expect(utc.get(name)?.equals(bytes), name).toBe(true);
    }
  });
});
