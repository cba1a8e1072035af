import Handlebars from 'handlebars';
import { escapeInline, escapeMarkdown } from './escape.js';
import { FORMAT_HELPERS } from './format-helpers.js';

/**
 * A private Handlebars environment. Templates may come from users, so: strict (a misspelt field is an
 * error), only these helpers (knownHelpersOnly), no prototype access, no dynamic partials, and the
 * only context is the validated plan model.
 */
export const HELPERS = {
  /** Plain text → Markdown that shows it literally. */
  md: (value: unknown, options: Handlebars.HelperOptions) =>
    known(value, 'md', options) === null ? '' : escapeMarkdown(String(value)),
  /** User-written inline Markdown, kept to one paragraph. */
  inline: (value: unknown, options: Handlebars.HelperOptions) =>
    known(value, 'inline', options) === null ? '' : escapeInline(String(value)),
  /** A table cell: literal text. */
  cell: (value: unknown, options: Handlebars.HelperOptions) =>
    known(value, 'cell', options) === null || value === '' ? ' ' : escapeMarkdown(String(value)),
  /** `#` repeated: the Markdown heading marker for a depth. */
  hashes: (depth: unknown) => '#'.repeat(Math.min(Math.max(Number(depth) || 1, 1), 6)),
  /** GFM table delimiter row for per-column alignment. */
  delimiter: (align: unknown) =>
    Array.isArray(align)
      ? `|${align.map((a) => (a === 'center' ? ' :---: ' : a === 'right' ? ' ---: ' : ' --- ')).join('|')}|`
      : '',
  /** labels, dates, numbers, percentages, sums, joins: see format-helpers.ts and templates/README.md. */
  ...FORMAT_HELPERS,
} as const;

/**
 * Strict mode does not check a helper's arguments, and every field reaches the output through a
 * helper: a misspelt field arrives as undefined (absent fields are null in the model), so fail here.
 */
function known(value: unknown, helper: string, options: Handlebars.HelperOptions): unknown {
  if (value !== undefined) return value;
  const loc = (options as { loc?: { start: { line: number; column: number } } }).loc;
  throw new Error(`{{${helper} …}} at line ${loc?.start.line ?? '?'}: no such field in the plan model`);
}

export function createEnvironment(): typeof Handlebars {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
  return env;
}

export const compileOptions: CompileOptions = {
  strict: true,
  noEscape: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])) as KnownHelpers,
  knownHelpersOnly: true,
  preventIndent: true,
};
