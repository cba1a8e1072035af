/**
 * The built-in templates, precompiled: template text → a function giving Handlebars' precompiled
 * specification of that text. Empty here; scripts/bundle.mjs replaces this module in the bundle with the
 * one precompile.ts writes, so a run from the bundle does not parse and compile the built-in templates.
 * Keyed by the text itself: a template whose text is a built-in one's compiles to the same thing,
 * wherever it was read from.
 */
export const PRECOMPILED: ReadonlyMap<string, () => TemplateSpecification> = new Map();
