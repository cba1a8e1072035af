/**
 * Markdown escaping for spec text. Handlebars' HTML escaping is the wrong kind here: the template
 * output is Markdown, so plain text must have Markdown's own syntax neutralised.
 *
 * Both functions put their text on one line (CommonMark ends a line at LF, CR and CRLF; a vertical tab
 * or form feed pasted from Word is a line break too), and both run in linear time: a title of 80,000
 * spaces must not meet a backtracking regular expression.
 */

// Every ASCII punctuation character may be backslash-escaped in CommonMark; these are the ones that can
// start or close syntax (emphasis, links, HTML, tables, headings, directives, entities, code).
const MARKDOWN_SYNTAX = /[\\`*_{}[\]()<>#+\-.!|~:&=^"$]/g;
const LINE_BREAK = /[\n\r\v\f]/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;

/** The text on one line: each line break with the blanks around it becomes one space. Linear. */
export function oneLine(text: string): string {
  if (!LINE_BREAK.test(text)) return text;
  const lines = text.split(/\r\n|[\n\r\v\f]/);
  return lines
    .map((line, i) => (i === 0 ? trimEndBlanks(line) : i === lines.length - 1 ? line.trimStart() : line.trim()))
    .filter((line, i) => line !== '' || i === 0 || i === lines.length - 1)
    .join(' ')
    .replace(/^ $/, '');
}

/** `text` without the spaces and tabs that end it, without a backtracking regular expression. */
export function trimEndBlanks(text: string): string {
  let end = text.length;
  while (end > 0 && (text[end - 1] === ' ' || text[end - 1] === '\t')) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** Leading blanks: at most one space survives (four would make indented code, a tab counts as four). */
function leadingBlank(text: string): string {
  let start = 0;
  while (start < text.length && /\s/.test(text[start])) start++;
  return start === 0 ? text : ` ${text.slice(start)}`;
}

/** Plain text (a title, a name, a table cell): every character comes out literally. */
export function escapeMarkdown(text: string): string {
  // Spaces around a label or a note are meaningful ("1.1 " + title), so one leading space is kept.
  return leadingBlank(oneLine(text)).replace(MARKDOWN_SYNTAX, (c) => `\\${c}`);
}

/**
 * A paragraph of inline Markdown written by the user: emphasis, strong, code spans, links and the
 * user's own backslash escapes keep their meaning. Everything that could make it something else is
 * escaped, so a paragraph stays one paragraph wherever the template puts it and shows every character:
 * directives (any `:`), HTML and autolinks (`<`), entities (`&`), table rows (`|`), fences (`~`, an
 * unmatched backtick run), link reference and footnote definitions (`[x]:` needs its colon), and at the
 * start of the line headings, quotes, list items, thematic breaks and setext underlines.
 */
export function escapeInline(text: string): string {
  const line = leadingBlank(oneLine(text));
  let out = '';
  const unclosed = new Set<number>(); // run lengths with no closer further on: never search for them twice
  for (let i = 0; i < line.length;) {
    const c = line[i];
    if (c === '\\') {
      const next = line[i + 1];
      // The user's escape stands; a backslash before anything else (or at the end) is a literal one.
      if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        out += c + next;
        i += 2;
      } else {
        out += '\\\\';
        i += 1;
      }
    } else if (c === '`') {
      const run = backtickRun(line, i);
      const close = unclosed.has(run) ? -1 : closingRun(line, i + run, run);
      if (close < 0) {
        unclosed.add(run);
        out += '\\`'.repeat(run); // unmatched: literal backticks (three at the start would open a fence)
        i += run;
      } else {
        out += line.slice(i, close + run); // a code span is literal in Markdown: a backslash would show
        i = close + run;
      }
    } else {
      out += c === ':' || c === '<' || c === '&' || c === '|' || c === '~' ? `\\${c}` : c;
      i += 1;
    }
  }
  return escapeLineStart(out);
}

function backtickRun(text: string, at: number): number {
  let end = at;
  while (text[end] === '`') end++;
  return end - at;
}

/** Where a run of exactly `length` backticks starts after `from`, or -1 (CommonMark code span rule). */
function closingRun(text: string, from: number, length: number): number {
  for (let i = text.indexOf('`', from); i >= 0;) {
    const run = backtickRun(text, i);
    if (run === length) return i;
    i = text.indexOf('`', i + run);
  }
  return -1;
}

/** Block markers only count at the start of a line (after at most three spaces). */
function escapeLineStart(line: string): string {
  const space = line.startsWith(' ') ? ' ' : '';
  const rest = line.slice(space.length);
  // A thematic break (*** - - -) or a setext underline (=== or ---, any length).
  if (/^([-*_])(?:[ \t]*\1){2,}[ \t]*$/.test(rest) || /^(?:=+|-+)[ \t]*$/.test(rest)) return `${space}\\${rest}`;
  const marker = /^(#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$))/.exec(rest)?.[0];
  if (!marker) return line;
  return `${space}${marker.slice(0, -1)}\\${rest.slice(marker.length - 1)}`;
}
