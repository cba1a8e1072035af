import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeFolder } from './folder.js';

function tempBeside(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`);
}

/**
 * Write a file so that readers see either the old content or the new, never a part: write a temp file
 * in the same folder (same file system, so rename is atomic), then rename over the target.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array | string): void {
  writeFilesAtomic([{ path, bytes }]);
}

/**
 * Several files, all or nothing (a `-f docx,md` build): every temp file is written first, and only
 * when all of them are does any rename happen. A failure before that (a full disk, a folder that
 * cannot be written) leaves every old file as it was and no temp file behind.
 */
export function writeFilesAtomic(files: ReadonlyArray<{ path: string; bytes: Uint8Array | string }>): void {
  const temps: string[] = [];
  try {
    for (const file of files) {
      makeFolder(dirname(file.path));
      const temp = tempBeside(file.path);
      temps.push(temp);
      writeFileSync(temp, file.bytes, { flag: 'wx' });
    }
    files.forEach((file, i) => renameSync(temps[i], file.path));
  } catch (error) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw error;
  }
}
