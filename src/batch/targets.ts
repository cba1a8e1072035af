import { closeSync, lstatSync, openSync, readSync, realpathSync, type Stats } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import type { PlannedInput } from './run.js';

/**
 * Checks made before anything is built or written: plangen replaces its own outputs and nothing else.
 * Each returns a sentence for a usage error (exit 2), or undefined.
 */

function lstat(path: string): Stats | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}

/** A path that may be replaced by a file: absent, or a regular file (not a link, a folder or a device). */
function replaceable(path: string, what: string): string | undefined {
  const stat = lstat(path);
  if (!stat || stat.isFile()) return undefined;
  if (stat.isSymbolicLink()) return `${what} ${path} is a symbolic link; plangen does not write through links`;
  const kind = stat.isDirectory() ? 'a folder' : 'a device, a pipe or a socket';
  return `${what} ${path} is ${kind}, not a file plangen may replace`;
}

/** The real path of a path's nearest existing ancestor (or itself), joined to the rest. */
function realish(path: string): string {
  let existing = path;
  const rest: string[] = [];
  while (!lstat(existing)) {
    const parent = dirname(existing);
    if (parent === existing) break;
    rest.unshift(existing.slice(parent.length).replace(/^[\\/]/, ''));
    existing = parent;
  }
  try {
    return resolve(realpathSync(existing), ...rest);
  } catch {
    return path;
  }
}

function inside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * Every output target: a file or nothing yet, and under --out-dir for real, not through a link to a
 * folder elsewhere (`dist/plans -> /etc`).
 */
export function checkOutputTargets(plans: readonly PlannedInput[], outDir?: string): string | undefined {
  const realOut = outDir ? realish(resolve(outDir)) : undefined;
  // A target is absent or a plain file (replaceable), so its real path is its folder's joined to its
  // name: the folders, a few for thousands of targets, are each looked up once.
  const realFolders = new Map<string, string>();
  for (const plan of plans) {
    for (const target of Object.values(plan.targets)) {
      const problem = replaceable(target, 'the output');
      if (problem) return problem;
      if (!realOut) continue;
      const folder = dirname(target);
      let realFolder = realFolders.get(folder);
      if (realFolder === undefined) realFolders.set(folder, (realFolder = realish(folder)));
      if (!inside(realOut, join(realFolder, basename(target))))
        return `the output ${target} would land outside ${outDir} through a symbolic link`;
    }
  }
  return undefined;
}

/**
 * The --junit (or any report) path: never one of this run's inputs or outputs, never a link, a folder
 * or a device, and when a file is there already it must be a report plangen wrote (a JUnit XML file), so
 * that `--junit plan.yaml` or a typo cannot replace the user's work.
 */
export function checkReportTarget(path: string, plans: readonly PlannedInput[]): string | undefined {
  const problem = replaceable(path, 'the report');
  if (problem) return problem;
  const real = realish(path);
  for (const plan of plans) {
    if (realish(plan.input.path) === real) return `the report ${path} is an input of this build`;
    for (const target of Object.values(plan.targets))
      if (realish(target) === real) return `the report ${path} is an output of this build`;
  }
  if (lstat(path) && !looksLikeJUnit(path))
    return `${path} exists and is not a JUnit report; remove it or choose another path for --junit`;
  return undefined;
}

function looksLikeJUnit(path: string): boolean {
  const head = Buffer.alloc(512);
  let length: number;
  try {
    const fd = openSync(path, 'r');
    try {
      length = readSync(fd, head, 0, head.length, 0);
    } finally {
      closeSync(fd);
    }
  } catch {
    return false;
  }
  const text = head.subarray(0, length).toString('utf8');
  return length === 0 || /^\s*(<\?xml[^>]*>\s*)?<testsuites?\b/.test(text);
}
