import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { CONFIG_NAME } from '../config/find.js';

/** One spec to build, with the folder its output path is mirrored from. */
export interface PlanInput {
  /** Absolute path of the spec. */
  path: string;
  /** Path relative to `base`, with '/' separators: the output path under --out-dir, and the shard key. */
  relative: string;
  base: string;
}

const SPEC_GLOB = '**/*.{yaml,yml}';
// A folder of plans holds the plangen.config.yaml that configures them: it is not a plan.
const IGNORE = ['**/node_modules/**', '**/.git/**', `**/${CONFIG_NAME}`];

/**
 * Files, folders (recursing into *.yaml / *.yml) and globs → inputs, sorted and without duplicates.
 * Arguments that match nothing are returned in `unmatched` (a usage error for the CLI).
 */
export async function expandInputs(
  args: readonly string[],
  cwd: string,
): Promise<{ inputs: PlanInput[]; unmatched: string[] }> {
  const found = new Map<string, PlanInput>();
  const unmatched: string[] = [];
  const add = (path: string, base: string) => {
    if (!found.has(path)) found.set(path, { path, base, relative: relative(base, path).split('\\').join('/') });
  };
  for (const arg of args) {
    // '' would resolve to the working folder and build everything in it: a script's empty variable.
    if (arg.trim() === '') {
      unmatched.push(JSON.stringify(arg));
      continue;
    }
    const absolute = resolve(cwd, arg);
    if (existsSync(absolute) && statSync(absolute).isFile()) {
      add(absolute, resolve(absolute, '..'));
      continue;
    }
    let matches: string[] = [];
    let base = absolute;
    // Loaded only for a folder or a glob: a command on named files does not pay for the globbing libraries.
    const { glob, isDynamicPattern } = await import('tinyglobby');
    if (existsSync(absolute) && statSync(absolute).isDirectory()) {
      matches = await glob(SPEC_GLOB, { cwd: absolute, absolute: true, ignore: IGNORE });
    } else if (isDynamicPattern(arg)) {
      base = resolve(cwd, staticPrefix(arg, isDynamicPattern));
      matches = (await glob(arg, { cwd, absolute: true, ignore: IGNORE })).filter((p) => /\.ya?ml$/i.test(p));
    }
    if (matches.length === 0) unmatched.push(arg);
    for (const match of matches.sort()) add(resolve(match), base);
  }
  return { inputs: [...found.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), unmatched };
}

/** `plans/**\/*.yaml` → `plans`: the part of a glob before its first wildcard segment. */
function staticPrefix(pattern: string, isDynamicPattern: (segment: string) => boolean): string {
  const segments = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const segment of segments) {
    if (isDynamicPattern(segment)) break;
    fixed.push(segment);
  }
  return fixed.join('/') || '.';
}

/** Where an input's output goes: beside it, or mirrored under outDir. Undefined if it would land outside outDir. */
export function outputPath(input: PlanInput, extension: string, outDir?: string): string | undefined {
  const stem = input.relative.replace(/\.ya?ml$/i, '');
  if (!outDir) return input.path.replace(/\.ya?ml$/i, '') + extension;
  const target = resolve(outDir, stem + extension);
  const rel = relative(resolve(outDir), target);
  return rel.startsWith('..') || isAbsolute(rel) ? undefined : join(resolve(outDir), rel);
}
