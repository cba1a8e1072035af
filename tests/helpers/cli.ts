import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { runMain } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the CLI in-process with captured streams, as a script (not a terminal) would. */
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
  const code = await runMain(argv, {
    stdout: out.stream,
    stderr: err.stream,
    env: options.env ?? {},
    cwd: options.cwd,
  });
  return { code, stdout: out.text(), stderr: err.text() };
}

export function tempDir(prefix = 'plangen-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}
