import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Nodes } from 'mdast';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDirectives, Directive, DirectiveError } from '../src/doc/directives.js';
import { writeDocx } from '../src/doc/docx/index.js';
import { writeMarkdown } from '../src/doc/markdown.js';
import { parsePlanMarkdown } from '../src/doc/parse.js';
import { buildPlan, planTree, validatePlan } from '../src/pipeline.js';
import { tempDir } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .map((f) => join(ROOT, 'examples', f));

function directiveNames(node: Nodes, into = new Set<string>()): Set<string> {
  if (node.type === 'textDirective' || node.type === 'leafDirective' || node.type === 'containerDirective')
    into.add(node.name);
  if ('children' in node) for (const child of node.children as Nodes[]) directiveNames(child, into);
  return into;
}

const docxOptions = { profile: 'official', title: 't', lang: 'zh-CN', creator: 'c', created: new Date(0) } as const;

describe('the directive vocabulary', () => {
  it('is what the built-in templates write: every example uses only known directives, and together all of them', () => {
    const used = new Set<string>();
    // No example has a subtitle: one more plan that does.
    const plans = [...EXAMPLES.map((path) => ({ path, source: readFileSync(path, 'utf8') }))];
    plans.push({ path: 'subtitle.yaml', source: 'title: 工作计划\nsubtitle: （征求意见稿）\n' });
    // The example notice has no 签发人, 份号, 密级 or 紧急程度: a 上行文 that has them all.
    const upward = join(ROOT, 'tests/e2e/fixtures/notice-upward.yaml');
    plans.push({ path: upward, source: readFileSync(upward, 'utf8') });
    for (const { path, source } of plans) {
      const { spec, diagnostics } = validatePlan(source, path);
      expect(diagnostics, path).toEqual([]);
      const { tree } = planTree(spec!);
      expect(checkDirectives(tree), path).toEqual([]);
      directiveNames(tree, used);
    }
    expect([...used].sort()).toEqual(Object.values(Directive).sort());
  });

  it.each([
    ['::stamp[公章]\n', 'unknown directive ::stamp'],
    [':::box\n正文\n:::\n', 'unknown directive :::box'],
    ['正文:note[x]\n', 'unknown directive :note'],
    ['::org[某局]\n', '::org belongs inside :::signature'],
    [':::pagebreak\n:::\n', ':::pagebreak should be written ::pagebreak'],
    [':lead[一、总体要求]正文\n', ':lead needs a level'],
  ])('refuses %j in both writers: %s', async (markdown, message) => {
    const tree = parsePlanMarkdown(markdown);
    expect(checkDirectives(tree).map((p) => p.message)).toEqual([expect.stringContaining(message)]);
    expect(() => writeMarkdown(tree)).toThrow(DirectiveError);
    await expect(writeDocx(tree, docxOptions)).rejects.toThrow(message);
  });

  describe('a user template that writes an unknown directive', () => {
    const dir = tempDir();
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('fails the build with a template diagnostic and no output', async () => {
      const templates = join(dir, 'templates');
      mkdirSync(templates);
      writeFileSync(join(templates, 'signature.hbs'), '\n::seal[{{md title}}]\n');
      const result = await buildPlan('title: 某局工作计划\n', 'plan.yaml', {
        formats: ['md', 'docx'],
        templateFolder: templates,
      });
      expect(result.outputs).toBeUndefined();
      expect(result.diagnostics).toEqual([
        {
          file: templates,
          line: 0,
          col: 0,
          severity: 'error',
          code: 'template',
          message: 'template error: unknown directive ::seal',
        },
      ]);
    });
  });
});
