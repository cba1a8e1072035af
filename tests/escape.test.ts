import type { Paragraph } from 'mdast';
import { describe, expect, it } from 'vitest';
import { parsePlanMarkdown } from '../src/doc/parse.js';
import { escapeInline, escapeMarkdown } from '../src/render/escape.js';

/** The text a Markdown paragraph shows, after parsing. */
function shown(markdown: string): string {
  const tree = parsePlanMarkdown(markdown);
  expect(tree.children).toHaveLength(1);
  expect(tree.children[0].type).toBe('paragraph');
  const text = (n: { value?: string; children?: unknown[] }): string =>
    n.value ?? (n.children ?? []).map((c) => text(c as never)).join('');
  return text(tree.children[0] as Paragraph);
}

const HOSTILE = [
  '*强调* _下划线_ **粗体**',
  '# 不是标题',
  '1. 不是列表',
  '- 不是列表',
  '> 不是引用',
  '| 表格 | 竖线 |',
  '<b>HTML</b> & &amp; 实体',
  'C:\\路径\\反斜杠\\',
  '{{handlebars}} {{{triple}}}',
  ':lead[指令]{level=1} ::pagebreak',
  '[链接](http://example.com) ![图](x.png)',
  '`代码` ~~删除~~ 2^10 $x$',
  '===',
  '    四个空格缩进',
];

describe('escapeMarkdown: plain text comes out literally', () => {
  it.each(HOSTILE)('%s', (text) => expect(shown(escapeMarkdown(text))).toBe(text.trim()));
  it('folds line breaks into spaces so a title stays one line', () =>
    expect(shown(escapeMarkdown('第一行\n第二行'))).toBe('第一行 第二行'));
});

describe('escapeInline: user Markdown stays inline and stays one paragraph', () => {
  it('keeps emphasis, strong, code and links', () => {
    const tree = parsePlanMarkdown(escapeInline('**重点** *一般* `代码` [链接](https://example.com/a:b)'));
    const para = tree.children[0] as Paragraph;
    expect(para.children.map((c) => c.type)).toEqual([
      'strong',
      'text',
      'emphasis',
      'text',
      'inlineCode',
      'text',
      'link',
    ]);
    expect((para.children[6] as { url: string }).url).toBe('https://example.com/a:b');
  });
  it.each([
    '# 标题',
    '1. 列表',
    '- 列表',
    '+ 列表',
    '> 引用',
    '<div>块</div>',
    ':::signature',
    '::pagebreak',
    '2) 列表',
    '***',
    '- - -',
  ])('neutralises the block marker in %j', (text) => {
    expect(shown(escapeInline(text))).toBe(text);
  });
  it('leaves code spans untouched (a backslash would show there)', () => {
    const para = parsePlanMarkdown(escapeInline('运行 `a<b:c` 命令')).children[0] as Paragraph;
    expect(para.children.find((c) => c.type === 'inlineCode')).toMatchObject({ value: 'a<b:c' });
  });
});

/** The blocks a Markdown string parses into, and the text each shows. */
function blocks(markdown: string): Array<[string, string]> {
  const text = (n: { value?: string; children?: unknown[] }): string =>
    n.value ?? (n.children ?? []).map((c) => text(c as never)).join('');
  return parsePlanMarkdown(markdown).children.map((b) => [b.type, text(b as never)]);
}

describe('escapeInline: nothing that looks like a block or a directive is taken for one', () => {
  it.each([
    '截止时间:下午五点前提交材料。',
    '注意:下午;时间:上午',
    'a:lead[标题]{level=1}正文',
    '::org[机关]',
    '[1]: 数据来源为统计局年报。',
    '[^1]: 脚注的定义',
    '[a]: http://example.com "题"',
    '```',
    '```bash',
    '~~~',
    '~~~ python',
    '``` `不成对',
    '===',
    '--',
    '=',
    '| 指标 | 目标 |',
    '&amp; &#65; &nbsp;',
    '<!-- 注释',
    '<https://example.com>',
    'C:\\路径\\',
    '\\:lead[不是指令]',
    '\\',
  ])('%j stays one paragraph with every character', (text) => {
    const shown = blocks(escapeInline(text));
    expect(shown).toHaveLength(1);
    expect(shown[0][0]).toBe('paragraph');
    // The user's own backslash escapes (\: → :) are kept; a lone backslash shows as itself.
    expect(shown[0][1]).toBe(text.replace(/\\(?=[:])/g, ''));
  });

  it('a fence, a definition or a setext line does not swallow what follows', () => {
    for (const text of ['```', '~~~', '[1]: 来源', '===', '---', '| a |\n| --- |', '<div>']) {
      const markdown = `${escapeInline('前一段')}\n${escapeInline(text)}\n\n## 二、标题\n\n:::signature\n::org[机关]\n:::\n`;
      expect(
        blocks(markdown).map((b) => b[0]),
        JSON.stringify(text),
      ).toEqual(['paragraph', 'heading', 'containerDirective']);
    }
  });

  it('treats a lone CR, a vertical tab and a form feed as line breaks: no heading, list or fence starts', () => {
    for (const br of ['\r', '\r\n', '\v', '\f']) {
      for (const text of [`第一行${br}# 标题`, `第一行${br}- 列表`, `第一行${br}\`\`\``, `第一行${br}> 引用`]) {
        expect(blocks(escapeInline(text)), JSON.stringify(text)).toEqual([['paragraph', text.replace(br, ' ')]]);
        expect(blocks(escapeMarkdown(text)), JSON.stringify(text)).toEqual([['paragraph', text.replace(br, ' ')]]);
      }
    }
  });

  it('keeps code spans whole, however many backticks open them', () => {
    const para = parsePlanMarkdown(escapeInline('用 ``a`b:c`` 和 `x|y`')).children[0] as Paragraph;
    expect(para.children.filter((c) => c.type === 'inlineCode').map((c) => (c as { value: string }).value)).toEqual([
      'a`b:c',
      'x|y',
    ]);
  });
});

describe('escaping runs in linear time', () => {
  it.each([
    ['escapeMarkdown', escapeMarkdown],
    ['escapeInline', escapeInline],
  ])('%s of 160,000 spaces between two words', (_name, escape) => {
    const text = `甲${' '.repeat(160_000)}乙\n丙${' \t'.repeat(80_000)}`;
    const started = performance.now();
    const out = escape(text);
    expect(performance.now() - started).toBeLessThan(500);
    expect(out.startsWith('甲')).toBe(true);
  });
  it('escapeInline of 1,000 backtick runs of different lengths', () => {
    const text = Array.from({ length: 200 }, (_, i) => '`'.repeat(i + 1))
      .join('x')
      .repeat(5);
    const started = performance.now();
    escapeInline(text);
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
