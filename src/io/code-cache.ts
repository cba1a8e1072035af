import { readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Script } from 'node:vm';
import { writeFileAtomic } from './atomic.js';

/** A CommonJS file compiled and run through a V8 code cache (vm.Script cachedData). */
export interface CachedScript<T> {
  exports: T;
  /**
   * Writes the cache when it was missing or rejected. Called after the work, so it also holds the
   * functions compiled lazily while working (V8 compiles a function on its first call).
   */
  saveCache(): void;
}

/**
 * Runs `file` (CommonJS) as Node would, compiled with the code cache in `cacheFile` when that is there
 * and V8 accepts it (same V8, same flags, same source). Undefined when the file cannot be read or run:
 * the caller falls back to what it would do without it. Anything wrong with the cache itself (missing,
 * stale, corrupt, unwritable) only costs the compilation it would have saved.
 */
export function runCachedScript<T>(file: string, cacheFile: string | undefined): CachedScript<T> | undefined {
  let source: string;
  try {
    // The bundles are ASCII (scripts/bundle.mjs escapes the rest): read as Latin-1, a plain copy, where
    // UTF-8 decoding took 5 ms more for the 1.2 MB of the command line's bundle.
    source = readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // first run, or the cache was cleared
    }
  }
  const module = { exports: {} as T };
  let script: Script;
  try {
    script = new Script(Module.wrap(source), { filename: file, cachedData });
    (script.runInThisContext() as (...args: unknown[]) => void).call(
      module.exports,
      module.exports,
      createRequire(file),
      module,
      file,
      dirname(file),
    );
  } catch {
    return undefined;
  }
  const stale = Boolean(cacheFile) && (cachedData === undefined || script.cachedDataRejected === true);
  if (cacheFile && !stale) markUsed(cacheFile);
  return {
    exports: module.exports,
    saveCache() {
      if (!cacheFile || !stale) return;
      try {
        writeFileAtomic(cacheFile, script.createCachedData()); // a reader sees the old cache or the new one
      } catch {
        return; // unwritable: the next run compiles again
      }
      pruneUnused(dirname(cacheFile));
    },
  };
}

const DAY_MS = 86_400_000;
/** Each plangen version, Node version and command leaves its own caches; those not used for this long go. */
const UNUSED_DAYS = 30;
/** A code cache's name (src/cli/launch.ts cacheFile): nothing else in its folder is removed. */
const CACHE_NAME = /^[a-z-]+-v\d+\.\d+\.\d+-\w+-[0-9a-f]+\.bin$/;

/** A cache's time, brought up to date once a day it is used: what pruneUnused goes by. */
function markUsed(cacheFile: string): void {
  try {
    const now = Date.now();
    if (now - statSync(cacheFile).mtimeMs > DAY_MS) utimesSync(cacheFile, now / 1000, now / 1000);
  } catch {
    // a read-only cache folder: it is still used, and never pruned from here
  }
}

/**
 * Removes the code caches in `folder` not used for UNUSED_DAYS: those of older plangen or Node versions,
 * which nothing else removes (a folder of them grew by 2–5 MB with every upgrade). Only when a cache is
 * written, so a run that finds its cache pays nothing; another installed version still in use keeps its
 * caches, as each run of it marks them used.
 */
function pruneUnused(folder: string): void {
  const before = Date.now() - UNUSED_DAYS * DAY_MS;
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return; // a folder that cannot be listed: nothing to prune from here
  }
  for (const name of names.filter((n) => CACHE_NAME.test(n))) {
    try {
      const path = join(folder, name);
      if (statSync(path).mtimeMs < before) rmSync(path, { force: true });
    } catch {
      // removed meanwhile, or not ours to remove
    }
  }
}
