import { mkdirSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * mkdir -p. Not `mkdirSync(path, { recursive: true })`: Node 20's loops forever where creating a
 * folder fails with ENOENT although its parent exists (anywhere under /proc, say `-o /proc/out`).
 * This creates the missing parents, then the folder, and throws what mkdir said if that still fails.
 */
export function makeFolder(path: string): void {
  try {
    mkdirSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST' && statSync(path).isDirectory()) return;
    if (code !== 'ENOENT' || dirname(path) === path) throw error;
    makeFolder(dirname(path));
    mkdirSync(path);
  }
}
