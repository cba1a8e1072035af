import { writeFilesAtomic, type AtomicWriteOptions, type FileToWrite } from '../io/atomic.js';

/** A built plan's outputs, and the build cache's entry that remembers them (none without a cache). */
export interface PlanFiles {
  files: FileToWrite[];
  remember?: FileToWrite;
}

/**
 * A plan's outputs, all or nothing (io/atomic.ts), then its cache entry, once they are in place: an
 * entry that cannot be written (a read-only or full disk) only costs a rebuild next time. False when
 * the stop came first: nothing written.
 */
export function writePlan({ files, remember }: PlanFiles, options: AtomicWriteOptions): boolean {
  if (options.cancelled?.() || !writeFilesAtomic(files, options)) return false;
  if (remember) {
    try {
      writeFilesAtomic([remember], { made: options.made });
    } catch {
      // the build itself succeeded
    }
  }
  return true;
}
