import Handlebars from 'handlebars';
import { escapeInline, escapeMarkdown } from './escape.js';

/**
 * A private Handlebars environment. Templates may come from users, so: strict (a misspelt field is an
 * error), only these helpers (knownHelpersOnly), no prototype access, no dynamic partials, and the
 * only context is the validated plan model.
 */
export const HELPERS = {
  /** Plain text → Markdown that shows it literally. */
  md: (value: unknown) => (value === null || value === undefined ? '' : escapeMarkdown(String(value))),
  /** User-written inline Markdown, kept to one paragraph. */
  inline: (value: unknown) => (value === null || value === undefined ? '' : escapeInline(String(value))),
  /** A table cell: literal text. */
  cell: (value: unknown) => (value === null || value === undefined || value === '' ? ' ' : escapeMarkdown(String(value))),
  /** `#` repeated: the Markdown heading marker for a depth. */
  hashes: (depth: unknown) => '#'.repeat(Math.min(Math.max(Number(depth) || 1, 1), 6)),
  eq: (a: unknown, b: unknown) => a === b,
  /** GFM table delimiter row for per-column alignment. */
  delimiter: (align: unknown) =>
    Array.isArray(align) ? `|${align.map((a) => (a === 'center' ? ' :---: ' : a === 'right' ? ' ---: ' : ' --- ')).join('|')}|` : '',
} as const;

export type HelperName = keyof typeof HELPERS;

export function createEnvironment(partials: Record<string, string>): typeof Handlebars {
  const env = Handlebars.create();
  for (const [name, fn] of Object.entries(HELPERS)) env.registerHelper(name, fn as Handlebars.HelperDelegate);
  for (const [name, source] of Object.entries(partials)) env.registerPartial(name, env.compile(source, compileOptions));
  return env;
}

export const compileOptions: CompileOptions = {
  strict: true,
  noEscape: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((k) => [k, true])) as KnownHelpers,
  knownHelpersOnly: true,
  preventIndent: true,
};
