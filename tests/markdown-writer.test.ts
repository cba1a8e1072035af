import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeMarkdown } from '../src/doc/markdown.js';
import { parsePlanMarkdown } from '../src/doc/parse.js';
import { buildPlan } from '../src/pipeline.js';
import { docxText, expectStrictXml } from './helpers/docx.js';
import { buildMarkdownAndDocx } from './helpers/build.js';
import { expectGolden } from './helpers/golden.js';

/**
 * Golden Markdown: the reviewed output for every seed structure and every example. Regenerate with
 * UPDATE_GOLDEN=1 and read every change in review.
 */
const ROOT = join(import.meta.dirname, '..');
const SEEDS = join(import.meta.dirname, 'fixtures/seeds');
const EXAMPLE_GOLDEN = join(import.meta.dirname, 'fixtures/golden');

/** Text lines of Markdown without its syntax: what a reader of the document must find. */
function visibleLines(markdown: string): string[] {
  return markdown
    .split('\n')
    .filter((l) => !/^\|[-| :]+\|$/.test(l) && l !== '---') // a table's delimiter row; a page break
    .map((l) => l.replace(/<br>/g, '')) // the lines of a title
    .map((l) =>
      l.startsWith('|')
        ? l
            .split(/(?<!\\)\|/)
            .slice(1, -1)
            .map((cell) => cell.trim())
            .join('')
        : l,
    ) // a row reads as its cells in order
    .map((l) =>
      l
        .replace(/^#+ /, '')
        .replace(/^>\s?/, '') // a blockquote: the 版记 of a notice
        .replace(/\*\*|\\/g, '')
        .replace(/^\*(.*)\*$/, '$1')
        .trim(),
    )
    .filter(Boolean);
}

describe('every seed plan structure is expressible (one spec per structure of the seed file)', () => {
  const cases = readdirSync(SEEDS).sort();
  it('covers the eight structures (篇五 and 篇六 are one)', () => expect(cases).toHaveLength(8));
  it.each(cases)('%s', async (name) => {
    const { markdown, docx } = await buildMarkdownAndDocx(join(SEEDS, name, 'spec.yaml'));
    expectGolden(markdown, join(SEEDS, name, 'expected.md'));
    expectStrictXml(docx);
    const text = await docxText(docx);
    const paragraphs = text
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    for (const heading of markdown
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .map((l) => l.replace(/^#+ /, '').replace(/\\/g, ''))) {
      expect(paragraphs).toContain(heading);
    }
  });
});

describe('examples: golden Markdown, and the same text in the DOCX', () => {
  const examples = readdirSync(join(ROOT, 'examples'))
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => basename(f, '.yaml'));
  it('has a golden file for every example and none for an example that is gone', () => {
    expect(readdirSync(EXAMPLE_GOLDEN).sort()).toEqual(examples.map((e) => `${e}.md`).sort());
  });
  it.each(examples)('%s', async (name) => {
    const { markdown, docx } = await buildMarkdownAndDocx(join(ROOT, 'examples', `${name}.yaml`));
    expectGolden(markdown, join(EXAMPLE_GOLDEN, `${name}.md`));
    expectStrictXml(docx);
    const text = (await docxText(docx)).replace(/\s+/g, '');
    for (const line of visibleLines(markdown)) expect(text).toContain(line.replace(/\s+/g, ''));
  });
});

describe('writeMarkdown flattens directives into plain CommonMark', () => {
  it('turns run-in titles into strong text with the punctuation outside, so the emphasis closes', () => {
    const md = writeMarkdown(parsePlanMarkdown(':lead[1\\.培育企业。]{level="3"}组织申报。\n'));
    expect(md).toBe('**1.培育企业**。组织申报。\n');
  });
  it('turns the signature and attachment note into paragraphs and a page break into a rule', () => {
    const md = writeMarkdown(
      parsePlanMarkdown(':::signature\n::org[某局]\n::date[2026年1月1日]\n:::\n\n::pagebreak\n\n::annex[附件1]\n'),
    );
    expect(md).toBe('某局\n\n2026年1月1日\n\n---\n\n**附件1**\n');
  });
  it('keeps tables as GFM tables, aligned for full-width characters', () => {
    const md = writeMarkdown(parsePlanMarkdown('| 指标 | 目标 |\n| --- | ---: |\n| 专利 | 3 |\n'));
    expect(md).toBe('| 指标 | 目标 |\n| ---- | ---: |\n| 专利 |    3 |\n');
  });
});

describe('spec text that looks like Markdown', () => {
  it('comes out literally in the Markdown output too', async () => {
    const title = '*星号* _下划线_ # | < \\ {{x}} [a](b) 1. `c`';
    const result = await buildPlan(
      `title: ${JSON.stringify(title)}\ntasks: [{ title: ${JSON.stringify(title)}, text: 正文 }]\n`,
      'x.yaml',
      { formats: ['md'] },
    );
    const markdown = new TextDecoder().decode(result.outputs![0].bytes);
    const tree = parsePlanMarkdown(markdown);
    // A long title is set on several lines: <br> between them, the text itself literal.
    const text = (n: { type?: string; value?: string; children?: unknown[] }): string =>
      n.type === 'html' && n.value === '<br>'
        ? ''
        : (n.value ?? (n.children ?? []).map((c) => text(c as never)).join(''));
    expect(tree.children[0]).toMatchObject({ type: 'heading', depth: 1 });
    expect(text(tree.children[0] as never)).toBe(title);
    expect(text(tree.children[2] as never)).toBe(`（一）${title}。正文`);
  });
});
