import { relative, resolve } from 'node:path';
import { isDynamicPattern } from 'tinyglobby';
import picomatch from 'picomatch';
import type { ProjectConfig } from '../config/project-config.js';

/**
 * Whether the config's `exclude` globs leave out a plan found by expanding a folder or a glob. A file
 * named on the command line is never excluded: the user asked for it.
 */
export function excludedBy(config: ProjectConfig, path: string, args: readonly string[], cwd: string): boolean {
  const globs = config.data.build?.exclude;
  if (!globs?.length) return false;
  const named = args.some((a) => !isDynamicPattern(a) && resolve(cwd, a) === path);
  if (named) return false;
  const rel = relative(config.dir, path).split('\\').join('/');
  return picomatch(globs, { dot: true })(rel);
}
