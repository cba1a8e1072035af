import { existsSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

export const SCHEMA_FILE = 'schema/plan.schema.json';

/**
 * What a scaffolded plan's `$schema` modeline points at, so an editor finds the schema wherever the
 * plan lives:
 * 1. the project's own install (node_modules/plangen, found walking up from the plan): a relative
 *    path, which works offline, matches the version that builds the plan, and stays valid for
 *    everyone who clones the repository and runs npm ci;
 * 2. a plan inside the plangen package itself (its examples, a checkout): a relative path too;
 * 3. otherwise (a global install, npx): the schema of this exact version on unpkg. A path into a
 *    global node_modules would only work on this machine.
 */
export function schemaReference(planFile: string, packageRoot: string, version: string): string {
  for (let dir = dirname(planFile); ; dir = dirname(dir)) {
    const installed = join(dir, 'node_modules', 'plangen', SCHEMA_FILE);
    if (existsSync(installed)) return relativeRef(planFile, installed);
    if (dirname(dir) === dir) break;
  }
  const insidePackage =
    !relative(packageRoot, planFile).startsWith('..') && !packageRoot.split(sep).includes('node_modules');
  if (insidePackage) return relativeRef(planFile, join(packageRoot, SCHEMA_FILE));
  return `https://unpkg.com/plangen@${version}/${SCHEMA_FILE}`;
}

function relativeRef(from: string, to: string): string {
  const ref = relative(dirname(from), to).split(sep).join('/');
  return ref.startsWith('.') ? ref : `./${ref}`;
}
