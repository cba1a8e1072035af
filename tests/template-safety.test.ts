import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPlan } from '../src/pipeline.js';

/**
 * Templates from someone else: the published Handlebars attacks (prototype access that led to code
 * execution, CVE-2019-19919 and its follow-ups; the @partial-block and decorator CVEs of 2026), path
 * traversal through partials and symbolic links. Each must be refused with an error at the template's
 * file and line, and nothing built.
 */
const root = mkdtempSync(join(tmpdir(), 'plangen-attack-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const SPEC = 'title: 攻击测试计划\norg: 某单位\ntasks:\n  - 第一项工作\n';
let n = 0;

async function buildWith(files: Record<string, string>, prepare?: (dir: string) => void) {
  const dir = join(root, `t${++n}`);
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  prepare?.(dir);
  return { dir, result: await buildPlan(SPEC, 'plan.yaml', { formats: ['md', 'docx'], templateFolder: dir }) };
}

/** Each attack as the plan.hbs of a user folder, with the line it sits on. */
const ATTACKS: Array<[string, string, number]> = [
  ['constructor chain to Function', '# {{md title}}\n{{constructor.constructor "return process"}}\n', 2],
  ['this.constructor', '# x\n\n{{md this.constructor}}\n', 3],
  ['__proto__ path', '{{md __proto__}}\n', 1],
  ['lookup of __proto__', '# x\n{{md (lookup this "__proto__")}}\n', 2],
  ['lookup of constructor', '{{#with (lookup this "constructor")}}{{md name}}{{/with}}\n', 1],
  ['__defineGetter__', '# x\n{{__defineGetter__ "title" this}}\n', 2],
  ['__lookupGetter__ (strict-mode RCE, handlebars < 4.7.7)', '{{#with (__lookupGetter__ "__proto__")}}{{/with}}\n', 1],
  [
    'CVE-2019-19919 split/pop/push/constructor',
    [
      '{{#with "s" as |string|}}',
      '  {{#with "e"}}',
      '    {{#with split as |conslist|}}',
      '      {{this.pop}}',
      '      {{this.push (lookup string.sub "constructor")}}',
      '      {{#with string.split as |codelist|}}',
      "        {{this.push \"return process.mainModule.require('fs').readFileSync('/etc/passwd')\"}}",
      '        {{#each conslist}}{{#with (string.sub.apply 0 codelist)}}{{this}}{{/with}}{{/each}}',
      '      {{/with}}',
      '    {{/with}}',
      '  {{/with}}',
      '{{/with}}',
    ].join('\n'),
    5,
  ],
  [
    'valueOf / __defineGetter__ through lookup (4.5.2 payload)',
    '{{#with "undefined"}}\n{{#with split}}\n{{#with (lookup . "__defineGetter__") as |a|}}{{/with}}{{/with}}{{/with}}\n',
    3,
  ],
  ['prototype', '# x\n{{md constructor.prototype}}\n', 2],
  ['dynamic partial', '# x\n{{> (lookup . "title")}}\n', 2],
  ['partial path ../', '# x\n\n{{> ../../etc/passwd}}\n', 3],
  ['absolute partial path', '{{> /etc/passwd}}\n', 1],
  ['@partial-block (CVE-2026-33937)', '# x\n{{> @partial-block}}\n', 2],
  ['partial block', '{{#> item}}fallback{{/item}}\n', 1],
  ['inline partial decorator', '# x\n{{#*inline "evil"}}x{{/inline}}\n', 2],
  ['malformed decorator (CVE-2026-33939)', '# x\n{{*decorator}}\n', 2],
  ['unknown helper that would run code', '# x\n{{#each (concat "a" "b")}}{{/each}}\n', 2],
];

describe('attacks from a template folder are refused with a located error', () => {
  for (const [name, plan, line] of ATTACKS) {
    it(name, async () => {
      const { dir, result } = await buildWith({ 'plan.hbs': plan });
      expect(result.outputs).toBeUndefined();
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ code: 'template', file: join(dir, 'plan.hbs'), line });
    });
  }

  it('in a partial too, named by its own file', async () => {
    const { dir, result } = await buildWith({ 'item.hbs': '{{md label}}\n{{md ../constructor}}\n' });
    expect(result.diagnostics).toMatchObject([{ file: join(dir, 'item.hbs'), line: 2, code: 'template' }]);
  });

  it('a symbolic link to a file outside the folder is not read', async () => {
    const secret = join(root, 'secret.txt');
    writeFileSync(secret, 'TOP SECRET');
    const { dir, result } = await buildWith({}, (d) => symlinkSync(secret, join(d, 'plan.hbs')));
    expect(result.outputs).toBeUndefined();
    expect(result.diagnostics).toMatchObject([
      {
        file: join(dir, 'plan.hbs'),
        code: 'template',
        message: expect.stringContaining('outside the template folder'),
      },
    ]);
    expect(JSON.stringify(result)).not.toContain('TOP SECRET');
  });

  it('a language folder that links outside the template folder is not read', async () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(elsewhere, { recursive: true });
    writeFileSync(join(elsewhere, 'plan.hbs'), 'LEAKED {{md title}}\n');
    const { result } = await buildWith({}, (d) => symlinkSync(elsewhere, join(d, 'zh-CN')));
    expect(result.outputs).toBeUndefined();
    expect(result.diagnostics[0].message).toMatch(/outside the template folder/);
  });

  it('a link inside the folder is fine', async () => {
    const { result } = await buildWith({ 'real/plan.hbs': '# {{md title}}\n' }, (d) =>
      symlinkSync(join(d, 'real', 'plan.hbs'), join(d, 'plan.hbs')),
    );
    expect(result.diagnostics).toEqual([]);
    expect(new TextDecoder().decode(result.outputs![0].bytes)).toBe('# 攻击测试计划\n');
  });

  it('a template that includes itself stops with an error, not a crash or a hang', async () => {
    const started = performance.now();
    const { result } = await buildWith({ 'plan.hbs': '# x\n{{> plan}}\n' });
    expect(result.outputs).toBeUndefined();
    expect(result.diagnostics[0]).toMatchObject({ code: 'template', severity: 'error' });
    expect(performance.now() - started).toBeLessThan(10_000);
  });
});
