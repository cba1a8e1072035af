import { resolve } from 'node:path';
import type { ProjectConfig } from '../config/project-config.js';
import type { Diagnostic } from '../core/diagnostic.js';
import type { BuildFlags } from './build.js';

/** plangen.config.yaml could not be read or checked: its located diagnostics, exit 1. */
export class ConfigError extends Error {
  override name = 'ConfigError';
  constructor(readonly diagnostics: Diagnostic[]) {
    super(diagnostics.map((d) => d.message).join('; '));
  }
}

/** The config's build defaults under the flags the user gave (which win). Paths resolve from the config's folder. */
export function withConfigDefaults(flags: BuildFlags, config: ProjectConfig): BuildFlags {
  const build = config.data.build;
  if (!build) return flags;
  return {
    ...flags,
    format: flags.format ?? (Array.isArray(build.formats) ? build.formats.join(',') : build.formats),
    outDir: flags.outDir ?? (build.outDir !== undefined ? resolve(config.dir, build.outDir) : undefined),
    style: flags.style ?? build.style,
  };
}
