/**
 * Markdown escaping for spec text. Handlebars' HTML escaping is the wrong kind here: the template
 * output is Markdown, so plain text must have Markdown's own syntax neutralised.
 */

// Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that can
// start or close syntax (emphasis, links, HTML, tables, headings, directives, entities, code).
const MARKDOWN_SYNTAX = /[\\`*_{}[\]()<>#+\-.!|~:&=^"$]/g;

/** Plain text (a title, a name, a table cell): every character comes out literally. */
export function escapeMarkdown(text: string): string {
  // Spaces around a label or a note are meaningful ("1.1 " + title); four at a line start would make code.
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replace(/^\s+/, (space) => (space.length > 1 ? ' ' : space))
    .replace(MARKDOWN_SYNTAX, (c) => `\\${c}`);
}

/**
 * A paragraph of inline Markdown written by the user (emphasis, strong, code and links stay). What
 * could turn it into another block — a heading, a list, a quote, a table, raw HTML, a directive —
 * is escaped, so a paragraph stays a paragraph wherever the template puts it.
 */
export function escapeInline(text: string): string {
  // Code spans are literal in Markdown (a backslash would show), so escape only outside them.
  const escaped = text
    .replace(/\s*\n\s*/g, ' ')
    .split(/(`+[^`]*?`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/<|:(?=[A-Za-z])/g, (c) => `\\${c}`)))
    .join('');
  if (/^\s*([-*_])(\s*\1){2,}\s*$/.test(escaped)) return `\\${escaped.trim()}`; // a thematic break
  // A list, heading or quote marker only counts at the start and (but for >) before a space.
  return escaped.replace(
    /^(\s*)(#{1,6}(?=\s|$)|>|[-+*](?=\s|$)|\d{1,9}[.)](?=\s|$))/,
    (_m, space: string, marker: string) => `${space}${marker.slice(0, -1)}\\${marker.slice(-1)}`,
  );
}
