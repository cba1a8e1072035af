import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { PhrasingContent, Root, RootContent } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { fastMarkdown } from '../src/doc/markdown-fast.js';
import { flattenBlocks, referenceMarkdown, writeMarkdown } from '../src/doc/markdown.js';
import { planTree, validatePlan } from '../src/pipeline.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs, random, seedSpecs } from '../bench/specs.mjs';
import { tempDir } from './helpers/cli.js';

/** The flattened tree writeMarkdown hands to the writers. */
function flatOf(path: string, style: 'official' | 'business'): Root {
  const { spec } = validatePlan(readFileSync(path, 'utf8'), path);
  if (!spec) throw new Error(`${path} does not validate`);
  return { type: 'root', children: flattenBlocks(planTree(spec, { style }).tree.children) };
}

/** Mutated trees per run; PLANGEN_FUZZ_RUNS for a longer run. */
const FUZZ_RUNS = Number(process.env.PLANGEN_FUZZ_RUNS ?? 1500);
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus: Array<[string, Root]> = [];
for (const { path } of seedSpecs() as Array<{ path: string }>)
  for (const style of ['official', 'business'] as const) corpus.push([`${path} (${style})`, flatOf(path, style)]);
for (const [i, { relative }] of (generateSpecs({ dir, count: 120, seed: 5 }) as Array<{ relative: string }>).entries())
  corpus.push([relative, flatOf(join(dir, relative), i % 2 ? 'official' : 'business')]);

describe('the fast Markdown writer', () => {
  it('writes what mdast-util-to-markdown writes for every example, preset, seed fixture and generated plan', () => {
    let written = 0;
    for (const [name, flat] of corpus) {
      const fast = fastMarkdown(flat);
      if (fast === undefined) continue;
      written++;
      expect(fast, name).toBe(referenceMarkdown(flat));
    }
    // It must take the built-in templates' output, or it saves nothing.
    expect(written / corpus.length).toBeGreaterThan(0.9);
  });

  it('writes the same or gives up on mutated trees (fuzz, fixed seed)', () => {
    const rnd = random(2027) as () => number;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    const INSERTS = [
      ...'\\*_`[]()<>&|~!#+-=.:;,"\'{}^$%@?/'.split(''),
      ' ',
      '  ',
      '\t',
      '\r',
      '\n',
      '\u00a0',
      '\u3000',
      '1.',
      '1)',
      '1. ',
      '---',
      '&amp;',
      '<br>',
      '（',
      '）',
      '。',
      '、',
      '“',
      '”',
      '—',
      'a',
      'Z',
      '9',
      '中',
      '𠀀',
      '#',
      '# ',
    ];
    const textNodes = (nodes: readonly RootContent[] | readonly PhrasingContent[], out: Array<{ value: string }>) => {
      for (const node of nodes) {
        if (node.type === 'text') out.push(node);
        else if ('children' in node) textNodes(node.children as RootContent[], out);
      }
      return out;
    };
    let same = 0;
    let gaveUp = 0;
    for (let n = 0; n < FUZZ_RUNS; n++) {
      const flat = structuredClone(pick(corpus)[1]);
      const texts = textNodes(flat.children, []);
      for (let k = 1 + Math.floor(rnd() * 3); k > 0 && texts.length; k--) {
        const node = pick(texts);
        const at = Math.floor(rnd() * (node.value.length + 1));
        const op = rnd();
        if (op < 0.7) node.value = node.value.slice(0, at) + pick(INSERTS) + node.value.slice(at);
        else if (op < 0.85) node.value = node.value.slice(0, at) + node.value.slice(at + 1 + Math.floor(rnd() * 3));
        else node.value = rnd() < 0.5 ? node.value.slice(0, at) : node.value.slice(at); // may leave it empty
      }
      // Now and then a block that is not a paragraph's text: emphasis around a whole paragraph, a break.
      if (rnd() < 0.2) {
        const paragraphs = flat.children.filter((c) => c.type === 'paragraph');
        const p = paragraphs.length ? pick(paragraphs) : undefined;
        if (p) p.children = [{ type: rnd() < 0.5 ? 'emphasis' : 'strong', children: p.children }];
      }
      const fast = fastMarkdown(flat);
      if (fast === undefined) {
        gaveUp++;
        continue;
      }
      expect(fast, JSON.stringify(flat).slice(0, 2000)).toBe(referenceMarkdown(flat));
      same++;
    }
    // Both branches must be exercised for the test to mean anything.
    expect(same).toBeGreaterThan(FUZZ_RUNS / 8);
    expect(gaveUp).toBeGreaterThan(FUZZ_RUNS / 8);
  }, 120_000);

  it('gives up on what it does not know, and writeMarkdown then writes what mdast-util-to-markdown writes', () => {
    const paragraph = (...children: PhrasingContent[]): Root => ({
      type: 'root',
      children: [{ type: 'paragraph', children }],
    });
    const trees: Root[] = [
      paragraph({ type: 'text', value: '1. 一项' }),
      paragraph({ type: 'text', value: '- 一项' }),
      paragraph({ type: 'text', value: ' 前导空格' }),
      paragraph({ type: 'text', value: 'R&D 投入' }),
      paragraph({ type: 'text', value: 'a_b' }),
      paragraph({ type: 'text', value: '一行\n两行' }),
      paragraph({ type: 'strong', children: [{ type: 'text', value: '（一）' }] }, { type: 'text', value: '甲' }),
      paragraph({ type: 'text', value: '甲' }, { type: 'emphasis', children: [{ type: 'text', value: ' 乙' }] }),
      paragraph({ type: 'inlineCode', value: 'x' }),
      { type: 'root', children: [{ type: 'heading', depth: 2, children: [{ type: 'text', value: 'C#' }] }] },
      { type: 'root', children: [{ type: 'code', value: 'x' }] },
    ];
    for (const tree of trees) {
      expect(fastMarkdown(tree), JSON.stringify(tree)).toBeUndefined();
      expect(writeMarkdown(tree)).toBe(referenceMarkdown(tree));
    }
  });
});
