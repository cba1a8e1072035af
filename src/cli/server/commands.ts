import type { CliIO } from '../io.js';
import { clearConfigCache } from '../../config/project-config.js';
import { buildPlan } from '../../pipeline.js';
import { presetPath, readPreset, findPreset } from '../../presets/index.js';
import { serve } from './serve.js';

/** Presets whose builds, run once before the server listens, compile what commands will run. */
const WARM_UP = ['tech-bureau-annual', 'tech-bureau-notice', 'county-tech-review', 'project-plan'];

/** `plangen server run`: the build server for plangen's own command line. */
export function serveCommands(
  socket: string,
  idleMs: number,
  run: (argv: string[], io: CliIO) => Promise<number>,
): Promise<boolean> {
  return serve({ socket, idleMs, run, beforeCommand: clearConfigCache, warmUp });
}

/**
 * Builds a few presets in memory, both formats, lint included: V8 compiles a function on its first
 * call and optimises it after many, so a server's first command would otherwise be as slow as a cold
 * start. Nothing is written.
 */
async function warmUp(): Promise<void> {
  for (let round = 0; round < 3; round++) {
    for (const name of WARM_UP) {
      const preset = findPreset(name);
      if (preset) await buildPlan(readPreset(preset), presetPath(name), { formats: ['docx', 'md'] });
    }
  }
}
