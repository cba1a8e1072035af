import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes, Root } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePlanMarkdown, parsePlanTree } from '../src/doc/parse.js';
import { recognisePlanMarkdown } from '../src/doc/recognise.js';
import { planTree, validatePlan } from '../src/pipeline.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { generateSpecs, random, seedSpecs } from '../bench/specs.mjs';
import { tempDir } from './helpers/cli.js';

/** micromark's tree without source positions (the recogniser gives none; no writer reads them). */
function reference(markdown: string): Root {
  const strip = (node: Nodes): Nodes => {
    const { position: _position, ...rest } = node as Nodes & { position?: unknown };
    if ('children' in rest) (rest as { children: Nodes[] }).children = (rest.children as Nodes[]).map(strip);
    return rest as Nodes;
  };
  return strip(parsePlanMarkdown(markdown)) as Root;
}

function markdownOf(path: string, style?: 'official' | 'business'): string {
  const { spec } = validatePlan(readFileSync(path, 'utf8'), path);
  if (!spec) throw new Error(`${path} does not validate`);
  return planTree(spec, { style }).markdown;
}

/** Mutated documents per run; set PLANGEN_FUZZ_RUNS for a longer run. */
const FUZZ_RUNS = Number(process.env.PLANGEN_FUZZ_RUNS ?? 800);
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const corpus: Array<[string, string]> = [];
for (const { path } of seedSpecs() as Array<{ path: string }>)
  for (const style of ['official', 'business'] as const) corpus.push([`${path} (${style})`, markdownOf(path, style)]);
for (const { relative } of generateSpecs({ dir, count: 240, seed: 7 }) as Array<{ relative: string }>)
  corpus.push([relative, markdownOf(join(dir, relative))]);

describe('the fast Markdown recogniser', () => {
  it('gives micromark’s tree for every example, preset, seed fixture and generated plan, both styles', () => {
    let recognised = 0;
    for (const [name, markdown] of corpus) {
      const fast = recognisePlanMarkdown(markdown);
      if (fast === undefined) continue;
      recognised++;
      expect(fast, name).toEqual(reference(markdown));
    }
    // It must actually take the built-in templates' output, or it saves nothing.
    expect(recognised / corpus.length).toBeGreaterThan(0.9);
  }, 120_000);

  it('gives the same tree or gives up on mutated documents (fuzz, fixed seed)', () => {
    const rnd = random(2026) as () => number;
    const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
    const SYNTAX = [
      '\\',
      '*',
      '_',
      '`',
      '[',
      ']',
      '(',
      ')',
      '<',
      '>',
      '&',
      ':',
      '::',
      ':::',
      '#',
      '# ',
      '|',
      '-',
      '+',
      '=',
      '~',
      '!',
      '{',
      '}',
      '"',
      ' ',
      '  ',
      '\t',
      '\r',
      '\n',
      '\n\n',
      '1.',
      '1)',
      '---',
      '***',
      '```',
      '~~~',
      '    ',
      '\u00a0',
      '\u3000',
      '&amp;',
      ':lead[x]{level="2"}',
      '::org[甲]',
      '| a |',
      '| --- |',
      '\\|',
      '\\.',
      '\\:',
      '<br>',
      '<br',
      'br>',
    ];
    let same = 0;
    let fellBack = 0;
    for (let n = 0; n < FUZZ_RUNS; n++) {
      let text = pick(corpus)[1];
      for (let k = 1 + Math.floor(rnd() * 3); k > 0; k--) {
        const at = Math.floor(rnd() * text.length);
        const op = rnd();
        if (op < 0.6) text = text.slice(0, at) + pick(SYNTAX) + text.slice(at);
        else if (op < 0.8) text = text.slice(0, at) + text.slice(at + 1 + Math.floor(rnd() * 3));
        else {
          // Move a whole line somewhere else.
          const lines = text.split('\n');
          const [line] = lines.splice(Math.floor(rnd() * lines.length), 1);
          lines.splice(Math.floor(rnd() * lines.length), 0, line);
          text = lines.join('\n');
        }
      }
      const fast = recognisePlanMarkdown(text);
      if (fast === undefined) {
        fellBack++;
        continue;
      }
      expect(fast, JSON.stringify(text)).toEqual(reference(text));
      same++;
    }
    // Both branches must be exercised for the test to mean anything.
    expect(same).toBeGreaterThan(FUZZ_RUNS / 8);
    expect(fellBack).toBeGreaterThan(FUZZ_RUNS / 8);
  }, 300_000);

  it('gives up on what it does not know, and the pipeline then parses with micromark', () => {
    for (const markdown of [
      '# T\n\nsome *emphasis*\n',
      '# T\n\na `code` span\n',
      '# T\n\n[a link](http://x)\n',
      '# T\n\n截止时间:下午五点前提交材料。\n',
      '# T\n\n```\n',
      '# T\n\n[1]: 数据来源为统计局年报。\n',
      '# T\n\nline one\rline two\n',
      '# T\n\n    indented\n',
      '# T\n\n- a list\n',
      '# T\n\na paragraph\non two lines\n',
      '# T\n\n:::signature\n::org[x]\n',
    ]) {
      expect(recognisePlanMarkdown(markdown), markdown).toBeUndefined();
      expect(parsePlanTree(markdown), markdown).toEqual(parsePlanMarkdown(markdown));
    }
  });
});
