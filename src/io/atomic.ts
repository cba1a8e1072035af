import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { makeFolder } from './folder.js';

/** A file to write: its absolute path and its bytes. */
export interface FileToWrite {
  path: string;
  bytes: Uint8Array | string;
}

export interface AtomicWriteOptions {
  /**
   * Asked once every temp file is written: true (a signal came) removes them and renames nothing, so
   * every old file stays as it was.
   */
  cancelled?: () => boolean;
  /**
   * Folders known to exist, filled as they are made: a batch makes each output folder once, not once a
   * file (a mkdir that finds the folder there, then a stat, cost 0.1 ms a file). Should one have been
   * removed meanwhile, the files are written again after making it.
   */
  made?: Set<string>;
}

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
 * cannot be written) leaves every old file as it was and no temp file behind. The result says whether
 * the files were put in place (false: `cancelled`).
 */
export function writeFilesAtomic(files: readonly FileToWrite[], options: AtomicWriteOptions = {}): boolean {
  const { made } = options;
  try {
    return writeThroughTemps(files, options);
  } catch (error) {
    if (!made?.size || (error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    for (const file of files) made.delete(dirname(file.path));
    return writeThroughTemps(files, options);
  }
}

function writeThroughTemps(files: readonly FileToWrite[], { cancelled, made }: AtomicWriteOptions): boolean {
  const temps: string[] = [];
  try {
    for (const file of files) {
      const folder = dirname(file.path);
      if (!made?.has(folder)) {
        makeFolder(folder);
        made?.add(folder);
      }
      const temp = tempBeside(file.path);
      temps.push(temp);
      writeFileSync(temp, file.bytes, { flag: 'wx' });
    }
    if (cancelled?.()) {
      removeAll(temps);
      return false;
    }
    files.forEach((file, i) => renameSync(temps[i], file.path));
    return true;
  } catch (error) {
    removeAll(temps);
    throw error;
  }
}

function removeAll(paths: readonly string[]): void {
  for (const path of paths) rmSync(path, { force: true });
}
