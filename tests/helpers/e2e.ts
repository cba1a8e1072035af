import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { isCI } from '../../src/cli/io.js';

/** Whether a program is on PATH. */
export function has(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The readers an e2e file needs that this machine lacks. Away from CI the file's tests are skipped with a
 * warning naming them; in CI (the same definition as the reporter's) they are required, so the missing
 * list is returned for a test to assert empty and nothing is skipped.
 */
export function readersFor(what: string, commands: readonly string[]): { missing: string[]; skip: boolean } {
  const missing = commands.filter((c) => !has(c));
  const skip = missing.length > 0 && !isCI(process.env);
  if (skip)
    console.warn(
      `\n[e2e] ${what} SKIPPED: ${missing.join(', ')} not found. bash .ci/run installs pandoc, ` +
        `libreoffice-writer-nogui, poppler-utils and libxml2-utils.\n`,
    );
  return { missing, skip };
}

/**
 * Convert documents with one LibreOffice start (starting it costs seconds), with a profile of its own in
 * `profileDir` so it neither touches nor waits on the user's LibreOffice.
 */
export function sofficeConvert(
  files: readonly string[],
  options: { to: string; outDir: string; profileDir: string; timeoutMs?: number },
): void {
  execFileSync(
    'soffice',
    [
      '--headless',
      '--norestore',
      `-env:UserInstallation=file://${options.profileDir}`,
      '--convert-to',
      options.to,
      '--outdir',
      options.outDir,
      ...files,
    ],
    { stdio: 'pipe', timeout: options.timeoutMs ?? 600_000 },
  );
}

/**
 * A temp folder for an e2e file's documents, removed after its tests; '' when they are skipped. A skipped
 * describe still runs its body (to collect the tests) and never its afterAll: a folder made there stayed
 * behind on every machine without the readers.
 */
export function e2eFolder(skip: boolean, prefix: string): string {
  if (skip) return '';
  const dir = mkdtempSync(join(tmpdir(), prefix));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}
