import { relative, resolve } from 'node:path';
import { CONFIG_NAME } from '../config/find.js';
import type { ProjectConfig } from '../config/project-config.js';
import { UsageError } from './io.js';

/**
 * The inputs the `exclude` globs of their configs (`configs[i]` is input i's) leave in; a usage error
 * when they leave none. Only plans found by expanding a folder or a glob are excluded: a file named on
 * the command line never is (the user asked for it). The glob matcher loads only when some config has
 * such globs.
 */
export async function withoutExcluded<T extends { path: string }>(
  inputs: readonly T[],
  configs: readonly ProjectConfig[],
  args: readonly string[],
  cwd: string,
): Promise<T[]> {
  let kept = [...inputs];
  if (configs.some((c) => c.data.build?.exclude?.length)) {
    const [{ isDynamicPattern }, { default: picomatch }] = await Promise.all([
      import('tinyglobby'),
      import('picomatch'),
    ]);
    const named = new Set(args.filter((a) => !isDynamicPattern(a)).map((a) => resolve(cwd, a)));
    kept = inputs.filter(({ path }, i) => {
      const { dir, data } = configs[i];
      const globs = data.build?.exclude;
      return (
        !globs?.length || named.has(path) || !picomatch(globs, { dot: true })(relative(dir, path).split('\\').join('/'))
      );
    });
  }
  if (kept.length === 0) throw new UsageError(`no plan matched: ${args.join(', ')} (all excluded by ${CONFIG_NAME})`);
  return kept;
}
