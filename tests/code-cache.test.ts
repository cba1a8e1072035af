import { existsSync, mkdtempSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCachedScript } from '../src/io/code-cache.js';

const dir = mkdtempSync(join(tmpdir(), 'plangen-code-cache-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// V8 keeps what it compiled for the rest of the process: each test compiles a script of its own, as a
// new process would.
let scripts = 0;
function newScript(): string {
  const script = join(dir, `bundle-${++scripts}.js`);
  writeFileSync(script, `exports.twice = (n) => n * 2; // ${scripts}\n`);
  return script;
}
const name = (command: string, hash: string) => `cli-${command}-v20.0.0-x64-${hash}.bin`;
const age = (path: string, days: number) => {
  const when = (Date.now() - days * 86_400_000) / 1000;
  utimesSync(path, when, when);
};
const days = (path: string) => (Date.now() - statSync(path).mtimeMs) / 86_400_000;

describe('code caches (src/io/code-cache.ts)', () => {
  it('runs the script, writes its cache once, then uses it', () => {
    const script = newScript();
    const cache = join(dir, name('build', 'aaaa'));
    const first = runCachedScript<{ twice(n: number): number }>(script, cache)!;
    expect(first.exports.twice(21)).toBe(42);
    first.saveCache();
    expect(statSync(cache).size).toBeGreaterThan(0);
    age(cache, 0.5);
    const second = runCachedScript<{ twice(n: number): number }>(script, cache)!;
    expect(second.exports.twice(2)).toBe(4);
    second.saveCache(); // accepted: not written again
    expect(days(cache)).toBeGreaterThan(0.4);
  });

  it('marks a cache used once a day, and removes caches unused for 30 days when it writes one', () => {
    const script = newScript();
    const used = join(dir, name('build', 'dddd'));
    runCachedScript(script, used)!.saveCache();
    age(used, 10);
    runCachedScript(script, used);
    expect(days(used)).toBeLessThan(0.01); // marked used
    const old = join(dir, name('validate', 'bbbb')); // an older version's, unused for 40 days
    const recent = join(dir, name('lint', 'cccc')); // another version still in use
    const other = join(dir, 'notes.bin'); // not a code cache's name
    for (const file of [old, recent, other]) writeFileSync(file, 'x');
    for (const file of [old, other]) age(file, 40);
    age(recent, 5);
    runCachedScript(script, join(dir, name('init', 'aaaa')))!.saveCache(); // a new cache is written
    expect([old, recent, other, used].map((f) => existsSync(f))).toEqual([false, true, true, true]);
  });

  it('ignores a corrupt cache and writes a good one in its place', () => {
    const script = newScript();
    const cache = join(dir, name('schema', 'aaaa'));
    writeFileSync(cache, 'not a code cache');
    const run = runCachedScript<{ twice(n: number): number }>(script, cache)!;
    expect(run.exports.twice(5)).toBe(10);
    run.saveCache();
    expect(statSync(cache).size).toBeGreaterThan(100);
  });
});
