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
