import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runMain } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run the CLI in-process with captured streams, as a script (not a terminal) would. The build cache
 * goes to a temp folder of this test file unless the test names one (never the user's ~/.cache), and a
 * build runs on one thread unless the test passes --jobs: worker threads load the compiled dist/, so
 * builds on several threads are tested in tests/process.
 */
export async function runCli(
  argv: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; tty?: boolean },
): Promise<CliRun> {
  const capture = () => {
    const stream = new PassThrough() as PassThrough & { isTTY?: boolean };
    stream.isTTY = options.tty ?? false;
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
  };
  const out = capture();
  const err = capture();
  const oneJob = argv[0] === 'build' && !argv.some((a) => a === '--jobs' || a === '-j' || a.startsWith('--jobs='));
  const code = await runMain(oneJob ? [...argv, '--jobs', '1'] : argv, {
    stdout: out.stream,
    stderr: err.stream,
    env: { PLANGEN_CACHE_DIR: cacheDir(), ...options.env },
    cwd: options.cwd,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

let cache: string | undefined;
function cacheDir(): string {
  return (cache ??= tempDir('plangen-cache-'));
}

const created: string[] = [];
/** Remove every folder tempDir made: after each test file (tests/setup/temp-cleanup.ts). */
export function removeTempDirs(): void {
  for (const dir of created.splice(0)) rmSync(dir, { recursive: true, force: true });
  cache = undefined;
}

/** A new folder under the temp folder, removed when the test file ends. */
export function tempDir(prefix = 'plangen-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  created.push(dir);
  return dir;
}
