import { relative, resolve } from 'node:path';
import type { ProjectConfig } from '../config/project-config.js';

/**
 * Which inputs the `exclude` globs of their configs (`configs[i]` is input i's) leave out: only plans
 * found by expanding a folder or a glob, as a file named on the command line is never excluded (the
 * user asked for it). The glob matcher loads only when some config has such globs.
 */
export async function excluded(
  inputs: ReadonlyArray<{ path: string }>,
  configs: readonly ProjectConfig[],
  args: readonly string[],
  cwd: string,
): Promise<boolean[]> {
  if (!configs.some((c) => c.data.build?.exclude?.length)) return inputs.map(() => false);
  const [{ isDynamicPattern }, { default: picomatch }] = await Promise.all([import('tinyglobby'), import('picomatch')]);
  const named = new Set(args.filter((a) => !isDynamicPattern(a)).map((a) => resolve(cwd, a)));
  return inputs.map(({ path }, i) => {
    const { dir, data } = configs[i];
    const globs = data.build?.exclude;
    if (!globs?.length || named.has(path)) return false;
    return picomatch(globs, { dot: true })(relative(dir, path).split('\\').join('/'));
  });
}
