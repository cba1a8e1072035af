import { existsSync, readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../core/package.js';
import { LANGS, type Lang } from '../core/types.js';
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

/** Partial names that would reach Object.prototype, or that Handlebars could not call. */
function badPartialName(partial: string): boolean {
  return partial in Object.prototype || !/^[\p{L}\p{N}_-][\p{L}\p{N}_.-]*$/u.test(partial);
}

/**
 * What is wrong with a --template folder, before anything is built: it must be a folder; every .hbs in
 * it (and in its language subfolders) a readable file with a name Handlebars can call. A missing folder
 * used to be ignored silently, and a dangling link or `__proto__.hbs` ended in an internal error.
 */
export function templateFolderProblem(folder: string): string | undefined {
  let stat;
  try {
    stat = statSync(folder);
  } catch {
    return `template folder ${folder} does not exist`;
  }
  if (!stat.isDirectory()) return `--template takes a folder of .hbs files; ${folder} is not a folder`;
  for (const dir of [folder, ...LANGS.map((lang) => join(folder, lang))]) {
    if (dir !== folder && !existsSync(dir)) continue;
    let names: string[];
    try {
      if (!statSync(dir).isDirectory()) continue;
      names = readdirSync(dir);
    } catch (error) {
      return `cannot read the template folder ${dir}: ${(error as Error).message}`;
    }
    for (const name of names.filter((n) => n.endsWith('.hbs'))) {
      const path = join(dir, name);
      if (badPartialName(basename(name, '.hbs')))
        return `${path}: "${basename(name, '.hbs')}" cannot name a template; use letters, digits, - and _`;
      try {
        if (!statSync(path).isFile()) return `${path} is not a file (a template is a .hbs file)`;
        readFileSync(path);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        return code === 'ENOENT'
          ? `${path} is a symbolic link to nothing`
          : `cannot read the template ${path}: ${(error as Error).message}`;
      }
    }
  }
  return undefined;
}

/**
 * The template set for a language: built-in common partials, then the language's, then the user's
 * folder (`--template DIR`), then its language subfolder (DIR/<lang>/x.hbs wins over DIR/x.hbs, as
 * templates/<lang> wins over templates/common), each file overriding the one of the same name before it.
 */
export function loadTemplates(lang: Lang, userFolder?: string): TemplateSet {
  const folders = [join(BUILTIN_TEMPLATES, 'common'), join(BUILTIN_TEMPLATES, lang)];
  if (userFolder) {
    folders.push(resolve(userFolder), resolve(userFolder, lang));
  }
  // No prototype: a template named __proto__.hbs must not reach Object.prototype.
  const set: TemplateSet = { sources: Object.create(null), paths: Object.create(null), folders };
  for (const folder of folders)
    readFolder(folder, set, userFolder && !folder.startsWith(BUILTIN_TEMPLATES) ? resolve(userFolder) : undefined);
  return set;
}
