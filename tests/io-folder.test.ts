import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { makeFolder } from '../src/io/folder.js';
import { runCli, tempDir } from './helpers/cli.js';

const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('makeFolder (mkdir -p)', () => {
  it('makes a folder and its missing parents, and accepts one that exists', () => {
    const deep = join(dir, 'a', 'b', 'c');
    makeFolder(deep);
    expect(statSync(deep).isDirectory()).toBe(true);
    makeFolder(deep);
    makeFolder(join(dir, 'a'));
  });

  it('throws what mkdir says where a file is in the way', () => {
    writeFileSync(join(dir, 'file'), '');
    expect(() => makeFolder(join(dir, 'file'))).toThrow(expect.objectContaining({ code: 'EEXIST' }));
    expect(() => makeFolder(join(dir, 'file', 'x'))).toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });

  // Node 20's mkdirSync(…, { recursive: true }) never returns there: it tries the same folder forever.
  it.runIf(existsSync('/proc/self'))('throws, not loops, where no folder can be made (/proc)', () => {
    expect(() => makeFolder('/proc/plangen-test/out')).toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it.runIf(existsSync('/proc/self'))('a build whose -o or --cache-dir cannot be made fails and says why', async () => {
    mkdirSync(join(dir, 'plans'));
    const plan = join(dir, 'plans', 'p.yaml');
    writeFileSync(plan, 'title: 计划\ngoals:\n  - 目标\n');
    const out = await runCli(['build', plan, '-o', '/proc/plangen-test/out', '-q'], { cwd: dir });
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/cannot write the output/);
    const cache = await runCli(['build', plan, '-o', resolve(dir, 'out'), '--cache-dir', '/proc/plangen-test', '-q'], {
      cwd: dir,
    });
    expect(cache.stderr).toBe('');
    expect(cache.code).toBe(0);
  });
});
