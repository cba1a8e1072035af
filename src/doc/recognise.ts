import type { Html, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from 'mdast';

/**
 * A fast recogniser for the Markdown the built-in templates write: ATX headings, one-line paragraphs,
 * GFM tables, `:::name` containers, `::name[label]` leaf directives, a leading `:lead[label]{level="N"}`,
 * backslash escapes and `<br>` line breaks. It gives the tree micromark gives (tests/recognise.test.ts compares them,
 * without source positions, which no writer reads) or `undefined` — and then the caller uses micromark.
 *
 * It is deliberately narrow: anything it is not certain about — emphasis, code, links, HTML, entities,
 * any other directive syntax, lists, quotes, indentation, a tab, a CR, a control character, a paragraph
 * running onto a second line — makes it give up on the whole document. A user's template, or text the
 * escaping lets through in a new way, costs speed, never correctness.
 */
export function recognisePlanMarkdown(markdown: string): Root | undefined {
  if (/[\u0000-\u0009\u000B-\u001F\u007F\uFEFF]/.test(markdown)) return undefined;
  const lines = markdown.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const children = blocks(lines, 0, lines.length, false);
  return children && { type: 'root', children };
}

/** Characters that may start or end inline syntax (escapes, entities, code, emphasis, links, HTML, directives). */
const INLINE_SYNTAX = /[\\&`*_[\]<:~]/;
const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
/** What a paragraph must not start with: a block of another kind, or something that might be one. */
const BLOCK_START = /^(?:[>\-+*=_~`<[|#:!{}\s]|\d{1,9}[.)])/;
const HEADING = /^(#{1,6}) (.*)$/;
const LEAF = /^::([a-z][a-z0-9-]*)(?:\[([^\]]*)\])?$/;
const CONTAINER = /^:::([a-z][a-z0-9-]*)$/;
const LEAD = /^:lead\[([^\]]*)\]\{level="(\d+)"\}/;
const DELIMITER_CELL = /^ *(:?)-+(:?) *$/;

/** The blocks of lines[from, to), or undefined. Inside a container only paragraphs and leaf directives. */
function blocks(lines: string[], from: number, to: number, inContainer: boolean): RootContent[] | undefined {
  const out: RootContent[] = [];
  let i = from;
  while (i < to) {
    const line = lines[i];
    if (line === '') {
      i++;
      continue;
    }
    const ends = (at: number) => at >= to || lines[at] === '';
    let m: RegExpExecArray | null;
    if ((m = CONTAINER.exec(line))) {
      if (inContainer) return undefined;
      let close = i + 1;
      while (close < to && lines[close] !== ':::') close++;
      if (close >= to) return undefined;
      const inner = blocks(lines, i + 1, close, true);
      if (!inner) return undefined;
      out.push({ type: 'containerDirective', name: m[1], attributes: {}, children: inner } as RootContent);
      i = close + 1;
      if (!ends(i)) return undefined;
    } else if ((m = LEAF.exec(line))) {
      const label = m[2] === undefined ? [] : inline(m[2]);
      if (!label) return undefined;
      out.push({ type: 'leafDirective', name: m[1], attributes: {}, children: label } as RootContent);
      i++;
      if (!ends(i) && !LEAF.test(lines[i])) return undefined;
    } else if (!inContainer && (m = HEADING.exec(line))) {
      const content = m[2];
      if (content === '' || content.startsWith(' ') || content.endsWith(' ') || content.endsWith('#')) return undefined;
      const text = inline(content);
      if (!text) return undefined;
      out.push({ type: 'heading', depth: m[1].length as 1, children: text });
      i++;
      if (!ends(i)) return undefined;
    } else if (!inContainer && line.startsWith('|')) {
      let end = i;
      while (end < to && lines[end] !== '') end++;
      const table = gfmTable(lines.slice(i, end));
      if (!table) return undefined;
      out.push(table);
      i = end;
    } else {
      const paragraph = paragraphOf(line);
      if (!paragraph) return undefined;
      out.push(paragraph);
      i++;
      if (!ends(i)) return undefined;
    }
  }
  return out;
}

function paragraphOf(line: string): Paragraph | undefined {
  const lead = LEAD.exec(line);
  if (lead && !line.endsWith(' ')) {
    const label = inline(lead[1]);
    const rest = inline(line.slice(lead[0].length));
    if (!label || !rest) return undefined;
    return {
      type: 'paragraph',
      children: [
        { type: 'textDirective', name: 'lead', attributes: { level: lead[2] }, children: label } as PhrasingContent,
        ...rest,
      ],
    };
  }
  if (BLOCK_START.test(line) || line.endsWith(' ')) return undefined;
  const text = inline(line);
  return text && text.length > 0 ? { type: 'paragraph', children: text } : undefined;
}

/**
 * Plain text with backslash escapes, and the literal `<br>` the templates write for a title's line break
 * (an HTML node in mdast): its nodes, or undefined for anything else.
 */
function inline(source: string): Array<Text | Html> | undefined {
  if (!INLINE_SYNTAX.test(source)) return source === '' ? [] : [{ type: 'text', value: source }];
  const out: Array<Text | Html> = [];
  let value = '';
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1];
      if (next === undefined || !ASCII_PUNCTUATION.test(next)) return undefined;
      value += next;
      i++;
    } else if (c === '<' && source.startsWith('<br>', i)) {
      if (value !== '') out.push({ type: 'text', value });
      value = '';
      out.push({ type: 'html', value: '<br>' });
      i += 3;
    } else if (INLINE_SYNTAX.test(c)) return undefined;
    else value += c;
  }
  if (value !== '') out.push({ type: 'text', value });
  return out;
}

/** A GFM table: header, delimiter row, body rows, every row `| … |` with the header's number of cells. */
function gfmTable(rows: string[]): Table | undefined {
  if (rows.length < 2) return undefined;
  const cells = rows.map(splitRow);
  if (cells.some((r) => r === undefined)) return undefined;
  const [header, delimiter, ...body] = cells as string[][];
  if (delimiter.length !== header.length || body.some((r) => r.length !== header.length)) return undefined;
  const align: Table['align'] = [];
  for (const cell of delimiter) {
    const m = DELIMITER_CELL.exec(cell);
    if (!m) return undefined;
    align.push(m[1] && m[2] ? 'center' : m[1] ? 'left' : m[2] ? 'right' : null);
  }
  const children: TableRow[] = [];
  for (const row of [header, ...body]) {
    const rowCells: TableCell[] = [];
    for (const cell of row) {
      const content = inline(trimSpaces(cell));
      if (!content) return undefined;
      rowCells.push({ type: 'tableCell', children: content });
    }
    children.push({ type: 'tableRow', children: rowCells });
  }
  return { type: 'table', align, children };
}

/** `| a | b\| c |` → ['a ', ' b\| c '] (escapes kept for inline()); undefined unless the row is fenced by pipes. */
function splitRow(row: string): string[] | undefined {
  if (row.length < 2 || !row.startsWith('|') || !row.endsWith('|')) return undefined;
  const cells: string[] = [];
  let cell = '';
  for (let i = 1; i < row.length; i++) {
    const c = row[i];
    if (c === '\\') {
      if (i + 1 >= row.length - 1) return undefined; // escapes the closing pipe
      cell += c + row[i + 1];
      i++;
    } else if (c === '|') {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  return cell === '' ? cells : undefined;
}

function trimSpaces(text: string): string {
  let start = 0;
  let end = text.length;
  while (start < end && text[start] === ' ') start++;
  while (end > start && text[end - 1] === ' ') end--;
  return text.slice(start, end);
}
