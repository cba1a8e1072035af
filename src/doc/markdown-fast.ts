import type { PhrasingContent, Root, RootContent, Table } from 'mdast';
import { markdownTable } from 'markdown-table';
import { displayWidth } from '../text-width.js';

/**
 * A fast Markdown writer for what the built-in templates give once flattened (markdown.ts): ATX headings,
 * paragraphs, GFM tables, thematic breaks and block quotes of those, with text, strong and emphasis and
 * the `<br>` of a title. It writes what mdast-util-to-markdown writes with markdown.ts's options, and
 * returns undefined — the caller then uses mdast-util-to-markdown — for anything it is not sure of: any
 * other node, text that would need an escape or a character reference (Markdown punctuation such as
 * `*`, `_`, `[`, `<`, `&`, `|`, `\`, a line that starts like a block, spaces at an edge, line breaks,
 * control characters), emphasis that would not open or close as written, two emphases side by side.
 * tests/markdown-writer.test.ts checks it against mdast-util-to-markdown on every example, preset,
 * seed fixture, generated plans and mutated trees.
 */
export function fastMarkdown(root: Root): string | undefined {
  const blocks = flow(root.children);
  if (blocks === undefined) return undefined;
  return blocks ? `${blocks}\n` : '';
}

function flow(nodes: readonly RootContent[]): string | undefined {
  const out: string[] = [];
  for (const node of nodes) {
    const block = blockOf(node);
    if (block === undefined) return undefined;
    out.push(block);
  }
  return out.join('\n\n');
}

function blockOf(node: RootContent): string | undefined {
  switch (node.type) {
    case 'paragraph':
      return phrasing(node.children, 'paragraph');
    case 'heading': {
      if (node.depth < 1 || node.depth > 6) return undefined;
      const content = phrasing(node.children, 'heading');
      return content === undefined ? undefined : `${'#'.repeat(node.depth)} ${content}`;
    }
    case 'thematicBreak':
      return '---';
    case 'blockquote': {
      const inner = flow(node.children);
      if (!inner) return undefined;
      return inner
        .split('\n')
        .map((line) => (line ? `> ${line}` : '>'))
        .join('\n');
    }
    case 'table':
      return table(node);
    default:
      return undefined;
  }
}

function table(node: Table): string | undefined {
  const rows: string[][] = [];
  for (const row of node.children) {
    const cells: string[] = [];
    for (const cell of row.children) {
      const content = cell.children.length ? phrasing(cell.children, 'cell') : '';
      if (content === undefined) return undefined;
      cells.push(content);
    }
    rows.push(cells);
  }
  // As mdast-util-gfm-table: the header row is filled to the number of columns.
  const head = rows[0];
  if (head) {
    const columns = node.align?.length || Math.max(...rows.map((r) => r.length));
    while (head.length < columns) head.push('');
  }
  return markdownTable(rows, { align: node.align, fillRows: false, stringLength: displayWidth });
}

type Where = 'paragraph' | 'heading' | 'cell';

/** Markdown punctuation and control characters (tab, line endings): text with any goes to the reference writer. */
const UNSURE = /[\u0000-\u001F\u007F\\*_`[\]<>&|~]/;
/**
 * A paragraph's first text must not start like a block or with punctuation the reference escapes there:
 * ASCII punctuation, `1)`, or `1.` followed by a space or the text's end (an ordered list).
 */
const BLOCK_START = /^(?:[!-/:-@[-`{-~]|\d+\)|\d+\.(?:\s|$))/;

/** How CommonMark classes the character next to an emphasis marker (micromark's classifyCharacter). */
function kind(char: string): 'space' | 'punctuation' | 'letter' {
  return /^\s$/u.test(char) ? 'space' : /^[\p{P}\p{S}]$/u.test(char) ? 'punctuation' : 'letter';
}

/**
 * Whether `*` (or `**`) written around `inner`, between the characters `before` and `after`, opens and
 * closes as written with nothing encoded: no whitespace inside at either end, a letter outside only
 * next to a letter inside (mdast-util-to-markdown's encodeInfo would encode it), and the opener
 * left-flanking, the closer right-flanking.
 */
function attentionForms(before: string, inner: string, after: string): boolean {
  const [outsideOpen, insideOpen] = [kind(before), kind(inner[0])];
  const [insideClose, outsideClose] = [kind([...inner].at(-1)!), kind(after)];
  if (insideOpen === 'space' || insideClose === 'space') return false;
  if (outsideOpen === 'letter' && insideOpen !== 'letter') return false;
  if (outsideClose === 'letter' && insideClose !== 'letter') return false;
  const opens = insideOpen === 'letter' || outsideOpen !== 'letter';
  const closes = insideClose === 'letter' || outsideClose !== 'letter';
  return opens && closes;
}

function phrasing(nodes: readonly PhrasingContent[], where: Where): string | undefined {
  if (nodes.length === 0) return undefined;
  // What the reference writer sees around the block's content: the heading's `# `, a cell's pipes, line ends.
  const edgeBefore = where === 'cell' ? '|' : where === 'heading' ? ' ' : '\n';
  const edgeAfter = where === 'cell' ? '|' : '\n';
  const out: string[] = [];
  for (const [i, node] of nodes.entries()) {
    switch (node.type) {
      case 'text': {
        const text = node.value;
        if (!text || UNSURE.test(text)) return undefined;
        // Whitespace at the edge of a block is written as a character reference.
        if ((i === 0 && /^\s/.test(text)) || (i === nodes.length - 1 && /\s$/.test(text))) return undefined;
        if (i === 0 && where === 'paragraph' && BLOCK_START.test(text)) return undefined;
        if (i === nodes.length - 1 && where === 'heading' && text.endsWith('#')) return undefined;
        out.push(text);
        break;
      }
      case 'strong':
      case 'emphasis': {
        const inner = node.children.length === 1 && node.children[0].type === 'text' ? node.children[0].value : '';
        if (!inner || UNSURE.test(inner)) return undefined;
        const [previous, next] = [nodes[i - 1], nodes[i + 1]];
        if ((previous && previous.type !== 'text') || (next && next.type !== 'text')) return undefined;
        const before = previous ? [...previous.value].at(-1)! : edgeBefore;
        const after = next ? next.value[0] : edgeAfter;
        if (!attentionForms(before, inner, after)) return undefined;
        const marker = node.type === 'strong' ? '**' : '*';
        out.push(marker, inner, marker);
        break;
      }
      case 'html':
        // The title's line break; anywhere but first (where it could start an HTML block).
        if (i === 0 || !/^<br>$/.test(node.value)) return undefined;
        out.push(node.value);
        break;
      default:
        return undefined;
    }
  }
  return out.join('');
}
