import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../core/package.js';
import type { Lang } from '../core/types.js';
import { TemplateError } from './render.js';

/** The templates shipped with plangen: templates/common, overridden per language by templates/<lang>. */
export const BUILTIN_TEMPLATES = join(PACKAGE_ROOT, 'templates');

export interface TemplateSet {
  /** Partial name → source; `plan` is the entry point. */
  sources: Record<string, string>;
  /** Partial name → the file it was read from, for error messages. */
  paths: Record<string, string>;
  /** Folders read, lowest priority first: part of the build cache key. */
  folders: string[];
}

/** A template larger than this is not a template (and reading it would only cost memory). */
const MAX_TEMPLATE_BYTES = 1024 * 1024;

/**
 * Read one folder's .hbs files. In a user's folder (`root`), every file must be a regular file whose
 * real path lies inside the folder: a template from someone else must not read /etc/passwd through a
 * symbolic link, nor hang the build on a FIFO named x.hbs.
 */
function readFolder(folder: string, into: TemplateSet, root?: string): void {
  if (!existsSync(folder)) return;
  const realRoot = root ? realpathSync(root) : undefined;
  if (realRoot && !inside(realRoot, realpathSync(folder)))
    throw new TemplateError(`${folder} leads outside the template folder ${root} (a symbolic link): refused`, folder);
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.hbs')) continue;
    const partial = basename(name, '.hbs');
    const path = join(folder, name);
    if (realRoot) {
      const stat = statSync(path);
      if (!stat.isFile()) throw new TemplateError('not a regular file: refused', path);
      if (!inside(realRoot, realpathSync(path)))
        throw new TemplateError(`a symbolic link to a file outside the template folder ${root}: refused`, path);
      if (stat.size > MAX_TEMPLATE_BYTES)
        throw new TemplateError(`larger than ${MAX_TEMPLATE_BYTES / 1024} KB: not a template`, path);
    }
    into.paths[partial] = path;
    into.sources[partial] = readFileSync(path, 'utf8');
  }
}

function inside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/**
 * The template set for a language: built-in common partials, then the language's, then the user's
 * folder (`--template DIR`), each file overriding the one of the same name before it.
 */
export function loadTemplates(lang: Lang, userFolder?: string): TemplateSet {
  const folders = [join(BUILTIN_TEMPLATES, 'common'), join(BUILTIN_TEMPLATES, lang)];
  if (userFolder) {
    folders.push(resolve(userFolder, lang), resolve(userFolder));
  }
  const set: TemplateSet = { sources: {}, paths: {}, folders };
  for (const folder of folders)
    readFolder(folder, set, userFolder && !folder.startsWith(BUILTIN_TEMPLATES) ? resolve(userFolder) : undefined);
  return set;
}
