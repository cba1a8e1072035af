import { isScalar, visit, type Document, type Scalar } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.js';
import { XML_INVALID, stripXmlInvalid } from '../core/xml.js';
import { positionAt, type SourcePositions } from './position.js';

/**
 * Line breaks as the rest of plangen knows them: LF only. A lone CR (`"\r"` in a quoted string) is a
 * line ending to Markdown, so left alone it would start a heading or a list in the middle of a paragraph;
 * a vertical tab is Word's manual line break and a form feed its page break, pasted along with the text.
 */
export function normaliseLineBreaks(text: string): string {
  return text.replace(/\r\n?|[\v\f]/g, '\n');
}

/** Tags whose values are not text, numbers, lists or mappings: what they would make, for the message. */
const FOREIGN_TAGS: Record<string, string> = {
  'tag:yaml.org,2002:binary': 'binary data (bytes decoded from base64)',
  'tag:yaml.org,2002:timestamp': 'a timestamp',
  'tag:yaml.org,2002:set': 'a set',
  'tag:yaml.org,2002:omap': 'an ordered map',
  'tag:yaml.org,2002:pairs': 'a list of pairs',
};

/** What cleanScalars acts on: XML-invalid characters (any surrogate, to be safe), CR, VT, FF, escapes, tags. */
const MAY_NEED_CLEANING = /[\u0000-\u0008\u000B-\u001F\uD800-\uDFFF\uFFFE\uFFFF\\!]/;

interface ScalarDocument extends SourcePositions {
  file: string;
  doc: Document.Parsed;
}

/**
 * Scalars cleaned where they enter: line breaks normalised, characters a Word document cannot hold
 * removed with a warning at the first of them (not at the start of the scalar: in a block scalar of
 * thirty lines the user must find it). Tags that make something other than plain data are errors
 * that say what the tag does.
 */
export function cleanScalars(loaded: ScalarDocument): Diagnostic[] {
  // A value holds only what its text holds, but for escapes (`\x01` in double quotes), and a tag needs a
  // `!`: a file with none of these characters has nothing to clean, and most plans are such files.
  if (!MAY_NEED_CLEANING.test(loaded.source)) return [];
  const diagnostics: Diagnostic[] = [];
  const report = (offset: number, severity: Diagnostic['severity'], code: Diagnostic['code'], message: string) =>
    diagnostics.push({ file: loaded.file, ...positionAt(loaded, offset), severity, code, message });
  visit(loaded.doc, {
    Node(_key, node) {
      const made = node.tag ? FOREIGN_TAGS[node.tag] : undefined;
      if (made) {
        const start = node.range?.[0] ?? 0;
        const before = loaded.source.slice(loaded.source.lastIndexOf('\n', start - 1) + 1, start);
        const tag = /!\S*\s*$/.exec(before);
        const shown = node.tag!.replace('tag:yaml.org,2002:', '!!');
        report(
          tag ? start - before.length + tag.index : start,
          'error',
          'yaml-tag',
          `the tag ${shown} makes this ${made}; a plan holds text, numbers, lists and mappings: remove the tag`,
        );
        return;
      }
      if (!isScalar(node) || typeof node.value !== 'string') return;
      const text = normaliseLineBreaks(node.value);
      const cleaned = stripXmlInvalid(text);
      if (cleaned !== text)
        report(
          firstInvalidOffset(loaded.source, node),
          'warning',
          'control-char',
          'removed control characters that a Word document cannot contain',
        );
      node.value = cleaned;
    },
  });
  return diagnostics;
}

/**
 * Where in the file the first character XML cannot hold is: written raw (a block or plain scalar), or as
 * an escape in a double-quoted string (`\x01`, `\u0007`, `\a`, `\e`). Falls back to the scalar's start.
 */
function firstInvalidOffset(source: string, node: Scalar): number {
  const [start, end] = node.range ?? [0, 0];
  const text = source.slice(start, end);
  XML_INVALID.lastIndex = 0;
  const raw = XML_INVALID.exec(text.replace(/[\v\f]/g, ' '));
  XML_INVALID.lastIndex = 0;
  if (raw) return start + raw.index;
  if (node.type === 'QUOTE_DOUBLE') {
    const escape = /\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[0abe])/g;
    for (let m = escape.exec(text); m; m = escape.exec(text)) {
      const code = m[1].length > 1 ? parseInt(m[1].slice(1), 16) : { '0': 0, a: 7, b: 8, e: 27 }[m[1]]!;
      if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0b && code !== 0x0c)
        return start + m.index;
      if (code === 0xfffe || code === 0xffff || (code >= 0xd800 && code <= 0xdfff)) return start + m.index;
    }
  }
  return start;
}
