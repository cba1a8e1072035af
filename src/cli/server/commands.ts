import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { clearConfigCache } from '../../config/project-config.js';
import { presetPath } from '../../presets/index.js';
import type { CliIO } from '../io.js';
import { serve } from './serve.js';

type RunMain = (argv: string[], io: CliIO) => Promise<number>;

/** Presets whose commands, run before the server listens, compile what users' commands will run. */
const WARM_UP = ['tech-bureau-annual', 'tech-bureau-notice', 'county-tech-review', 'project-plan'];

/** `plangen server run`: the build server for plangen's own command line. */
export function serveCommands(socket: string, idleMs: number, run: RunMain): Promise<boolean> {
  return serve({ socket, idleMs, run, beforeCommand: clearConfigCache, warmUp: () => warmUp(run) });
}

/**
 * Runs build (DOCX and Markdown, through the build cache), validate and lint on a few presets, three
 * times, in a temp folder it then removes: V8 compiles a function on its first call and optimises it
 * after many, so the server's first command would otherwise be nearly as slow as a cold start.
 */
async function warmUp(run: RunMain): Promise<void> {
  const folder = mkdtempSync(join(tmpdir(), 'plangen-server-'));
  const silent = () => new Writable({ write: (_chunk, _encoding, callback) => callback() });
  const io: CliIO = { stdout: silent(), stderr: silent(), env: {}, cwd: folder, interrupts: () => () => undefined };
  try {
    const files = WARM_UP.map((name) => {
      copyFileSync(presetPath(name), join(folder, `${name}.yaml`));
      return `${name}.yaml`;
    });
    for (let round = 0; round < 3; round++) {
      await run(['build', ...files, '-f', 'docx,md', '-o', 'out', '--cache-dir', 'cache', '--force', '-j', '1'], io);
      await run(['validate', ...files], io);
      await run(['lint', ...files], io);
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}
