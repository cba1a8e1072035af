import type { Nodes, Root } from 'mdast';
import mammoth from 'mammoth';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { gfmTable } from 'micromark-extension-gfm-table';
import { expect } from 'vitest';
import { stringify } from 'yaml';
import { paragraphs } from '../../src/model/enrich.js';
import { buildPlan, planTree } from '../../src/pipeline.js';
import { validatePlan } from '../../src/pipeline.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { random as seededRandom } from '../../bench/specs.mjs';

/**
 * The property behind "text that looks like Markdown stays literal and nothing is lost": a plan whose
 * every text field holds random text built from Markdown's syntax builds with no diagnostics; every
 * character of every field comes back in the DOCX (read by mammoth) and in the Markdown; and the
 * document has the same structure (headings, numbering, tables, directives, signature) as the same plan
 * with harmless text.
 */

/** The benchmark's seeded generator (mulberry32): the same seed gives the same plans on every machine. */
export const random: (seed: number) => () => number = seededRandom;

/** Pieces of Markdown (CommonMark, GFM, directives, HTML, entities) and of the text people type. */
const SYNTAX = [
  '# ',
  '## ',
  '###### ',
  '#',
  '> ',
  '>',
  '- ',
  '+ ',
  '* ',
  '1. ',
  '2) ',
  '123456789. ',
  '-',
  '+',
  '```',
  '```bash',
  '~~~',
  '~~~ python',
  '    ',
  '\t',
  '   ',
  '---',
  '***',
  '___',
  '===',
  '=',
  '- - -',
  '* * *',
  '[1]: ',
  '[^1]: ',
  '[a]: http://x.cn "t"',
  '[1]',
  '[a][1]',
  '[^1]',
  '<div>',
  '</div>',
  '<!-- ',
  ' -->',
  '<script>',
  '<?php',
  '<![CDATA[',
  '<https://x.cn>',
  '<a@b.cn>',
  '<br>',
  '| a | b |',
  '|',
  '|---|---|',
  '| --- |',
  ':--',
  '--:',
  ':::signature',
  ':::',
  '::pagebreak',
  '::org[甲]',
  ':lead[乙]{level=1}',
  ':下午',
  ':abc',
  '::',
  ':',
  '{level=2}',
  '{#id .c}',
  '{{title}}',
  '{{{x}}}',
  '{{!c}}',
  '{{> item}}',
  '&amp;',
  '&#65;',
  '&#x4e00;',
  '&nbsp;',
  '&',
  ';',
  '\\',
  '\\\\',
  '\\*',
  '\\:',
  '*',
  '**',
  '_',
  '__',
  '`',
  '``',
  '~~',
  '~',
  '![图](x.png)',
  '[链](http://x.cn)',
  'www.example.com',
  'https://x.cn/a:b',
  '^',
  '$x$',
  '"',
  "'",
  '(',
  ')',
  '[',
  ']',
  '{',
  '}',
  '!',
  '.',
  '。',
  '：',
  '，',
  '（一）',
  '一、',
  '1.1',
  '截止时间:下午五点前提交材料。',
  '[1]: 数据来源为统计局年报。',
  '注:',
  'http:',
  '中文',
  '文字',
  'text',
  '😀',
  '𠀀',
  ' ',
  '  ',
  '\n',
  '\r',
  '\r\n',
  '\n\n',
  '\r\r',
  '\v',
  '\f',
  '\n    ',
  '\n> ',
  '\n# ',
  '\n---\n',
  '\n```\n',
  '\n:::\n',
];

/** Characters an inline field gives meaning to on purpose (emphasis, code, escapes): they may be consumed. */
const INLINE_MARKUP = /[*_`\\]/g;

export function hostileText(next: () => number): string {
  const count = 1 + Math.floor(next() * 8);
  let text = '';
  for (let i = 0; i < count; i++) text += SYNTAX[Math.floor(next() * SYNTAX.length)];
  // At least one visible character, so that a required field is not empty.
  return next() < 0.5 ? `字${text}` : `${text}字`;
}

type Field = { kind: 'plain' | 'inline'; value: string };

/**
 * A plan that uses every text field plangen has, each filled by `text`. Returns the spec and the fields
 * it filled, in order.
 */
export function planWith(text: (kind: Field['kind']) => string): { spec: Record<string, unknown>; fields: Field[] } {
  const fields: Field[] = [];
  const plain = () => {
    const value = text('plain');
    fields.push({ kind: 'plain', value });
    return value;
  };
  const inline = () => {
    // A link's target is not shown as text, so an inline field holds no `](` (plain fields may).
    const value = text('inline').replaceAll('](', '] (');
    fields.push({ kind: 'inline', value });
    return value;
  };
  const spec = {
    title: plain(),
    subtitle: plain(),
    org: plain(), // also the signature
    year: 2026,
    date: '2026-01-05',
    preface: [inline(), inline()],
    guidance: { heading: plain(), text: inline() },
    goals: { heading: plain(), intro: inline(), items: [inline(), { text: inline(), target: plain(), unit: plain() }] },
    indicators: {
      heading: plain(),
      intro: inline(),
      rows: [
        { name: plain(), unit: plain(), baseline: 1, target: 2, owner: plain(), due: plain(), text: inline() },
        { name: plain(), target: plain(), items: [inline()] },
      ],
    },
    tasks: {
      heading: plain(),
      intro: inline(),
      items: [
        inline(),
        { title: plain(), text: inline(), owner: plain(), support: plain(), due: plain() },
        { title: plain(), items: [inline(), { title: plain(), text: [inline(), inline()] }] },
        { text: inline() },
      ],
    },
    measures: [inline()],
    schedule: { heading: plain(), stages: [{ stage: plain(), from: 1, to: 2, work: inline(), owner: plain() }] },
    risks: { rows: [{ risk: plain(), likelihood: 'low', response: plain(), owner: plain() }] },
    sections: [{ heading: plain(), text: inline(), items: [inline()], after: 'tasks' }],
    closing: inline(),
    attachments: [plain(), { title: plain(), text: inline(), items: [inline()] }],
  };
  return { spec, fields };
}

/** Text compared without whitespace (folded, joined and trimmed on purpose) and, in inline fields, markup. */
function comparable(text: string, kind: Field['kind'] | 'output'): string {
  // <br>: the line breaks of a title (typed, or a long title broken into lines), on both sides.
  const bare = text.replace(/\s+/g, '').replace(/<br>/g, '');
  return kind === 'inline' ? bare.replace(INLINE_MARKUP, '') : bare;
}

/** The block structure of a tree: what must not change when only the text does. */
export function structure(tree: Root): string[] {
  const out: string[] = [];
  const walk = (node: Nodes): void => {
    switch (node.type) {
      case 'heading':
        out.push(`h${node.depth}`);
        return;
      case 'paragraph':
        out.push('p');
        node.children.forEach(walk);
        return;
      case 'textDirective':
        out.push(`:${node.name}`);
        return;
      case 'containerDirective':
      case 'leafDirective':
        out.push(`${node.type === 'leafDirective' ? '::' : ':::'}${node.name}`);
        break;
      case 'table':
        out.push(`table${node.children.length}x${node.children[0]?.children.length ?? 0}`);
        return;
      case 'text':
      case 'emphasis':
      case 'strong':
      case 'inlineCode':
      case 'break':
        return;
      default:
        if (node.type !== 'root') out.push(node.type);
    }
    if ('children' in node) (node.children as Nodes[]).forEach(walk);
  };
  walk(tree);
  return out;
}

function markdownText(markdown: string): { text: string; tree: Root } {
  const tree = fromMarkdown(markdown, { extensions: [gfmTable()], mdastExtensions: [gfmTableFromMarkdown()] });
  const text = (n: Nodes): string =>
    'value' in n && typeof n.value === 'string'
      ? n.value
      : 'children' in n
        ? (n.children as Nodes[]).map(text).join('\n')
        : '';
  return { text: text(tree), tree };
}

/** The DOCX as mammoth sees it: its text, and its blocks (headings, paragraphs, tables) in order. */
async function docxHtml(bytes: Uint8Array): Promise<{ text: string; blocks: string[] }> {
  const { value: html } = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) });
  const text = html
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(lt|gt|quot|amp);/g, (_m, name: string) => ({ lt: '<', gt: '>', quot: '"', amp: '&' })[name]!);
  return { text, blocks: [...html.matchAll(/<(h\d|p|table|tr|td|ol|ul|li)\b/g)].map((m) => m[1]) };
}

/** Build one plan of hostile text and its harmless twin, and check the property. */
export async function checkLiteralProperty(seed: number, next: () => number): Promise<void> {
  const hostile = planWith(() => hostileText(next));
  // The twin: the same number of paragraphs in each field, each one harmless word.
  const values = hostile.fields.map((f) =>
    f.kind === 'inline'
      ? paragraphs(f.value.replace(/\r\n?|[\v\f]/g, '\n'))
          .map(() => '甲')
          .join('\n\n')
      : '甲',
  );
  let i = 0;
  const twin = planWith(() => values[i++]);

  const context = `seed ${seed}`;
  const build = async (spec: Record<string, unknown>) => {
    const source = stringify(spec);
    const result = await buildPlan(source, 'plan.yaml', { formats: ['md', 'docx'], lint: false });
    expect(result.diagnostics, `${context}\n${source}`).toEqual([]);
    const markdown = new TextDecoder().decode(result.outputs![0].bytes);
    const { spec: valid } = validatePlan(source, 'plan.yaml');
    return {
      source,
      template: structure(planTree(valid!).tree),
      markdown: markdownText(markdown),
      docx: await docxHtml(result.outputs![1].bytes),
    };
  };
  const [got, want] = [await build(hostile.spec), await build(twin.spec)];
  const where = `${context}\n${got.source}`;
  expect(got.template, where).toEqual(want.template);
  expect(structure(got.markdown.tree), where).toEqual(structure(want.markdown.tree));
  expect(got.docx.blocks, where).toEqual(want.docx.blocks);
  const docxText = comparable(got.docx.text, 'output');
  const mdText = comparable(got.markdown.text, 'output');
  for (const field of hostile.fields) {
    // Inline fields: the markup characters may be consumed, so compare without them on both sides.
    const expected = comparable(field.value, field.kind);
    const strip = (t: string) => (field.kind === 'inline' ? t.replace(INLINE_MARKUP, '') : t);
    expect(strip(docxText), `${where}\nfield ${JSON.stringify(field.value)} in the DOCX`).toContain(expected);
    expect(strip(mdText), `${where}\nfield ${JSON.stringify(field.value)} in the Markdown`).toContain(expected);
  }
}
