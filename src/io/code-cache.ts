import { readFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname } from 'node:path';
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
  return {
    exports: module.exports,
    saveCache() {
      if (!cacheFile || !stale) return;
      try {
        writeFileAtomic(cacheFile, script.createCachedData()); // a reader sees the old cache or the new one
      } catch {
        // unwritable: the next run compiles again
      }
    },
  };
}
