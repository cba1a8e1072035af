import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { PACKAGE_ROOT } from '../core/package.js';
import type { Lang } from '../core/types.js';

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

function readFolder(folder: string, into: TemplateSet): void {
  if (!existsSync(folder)) return;
  for (const name of readdirSync(folder).sort()) {
    if (!name.endsWith('.hbs')) continue;
    const partial = basename(name, '.hbs');
    into.paths[partial] = join(folder, name);
    into.sources[partial] = readFileSync(into.paths[partial], 'utf8');
  }
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
  for (const folder of folders) readFolder(folder, set);
  return set;
}
