import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { issuerSize, recordLines } from '../src/doc/docx/notice.js';
import { enrichPlan } from '../src/model/enrich.js';
import { buildPlan, validatePlan } from '../src/pipeline.js';
import { docxParts, docxText } from './helpers/docx.js';

/** A plan issued as an official notice (issue 13): spec checks, the model's wording, the DOCX's structure. */
const PLAN = `title: 南湖区科学技术局2026年工作计划
org: 南湖区科学技术局
date: 2026-02-09
notice:
  number: 南科发〔2026〕3号
  to: 各股室
  cc: [区委办公室, 区政府办公室。]
tasks:
  - 做好一件事。
`;

const withNumber = (number: string) => PLAN.replace('南科发〔2026〕3号', number);

async function build(source: string) {
  const result = await buildPlan(source, 'plan.yaml', { formats: ['md', 'docx'] });
  expect(result.diagnostics).toEqual([]);
  const [md, docx] = result.outputs!;
  return { markdown: new TextDecoder().decode(md.bytes), docx: docx.bytes, parts: docxParts(docx.bytes) };
}

describe('notice: in the spec', () => {
  it.each([
    ['南科发[2026]3号', '[]'],
    ['南科发(2026)3号', '()'],
    ['南科发（2026）3号', '（）'],
    ['南科发【2026】3号', '【】'],
  ])('rejects %s with the line, the brackets used and the number written right', (number, brackets) => {
    const { spec, diagnostics } = validatePlan(withNumber(number), 'plan.yaml');
    expect(spec).toBeUndefined();
    expect(diagnostics).toHaveLength(1);
    expect(diagnostics[0]).toMatchObject({ severity: 'error', line: 5, col: 11 });
    expect(diagnostics[0].message).toContain('notice.number');
    expect(diagnostics[0].message).toContain(`not ${brackets}`);
    expect(diagnostics[0].message).toContain('write 南科发〔2026〕3号');
  });

  it('rejects a serial number with a leading zero, and a number of another shape', () => {
    expect(validatePlan(withNumber('南科发〔2026〕03号'), 'p.yaml').diagnostics[0].message).toContain(
      'no leading zero in the serial number: 南科发〔2026〕3号',
    );
    expect(validatePlan(withNumber('2026年第3号'), 'p.yaml').diagnostics[0].message).toContain('机关代字〔年份〕序号');
  });

  it('needs an issuing body and a date, and Chinese; each error points at the notice', () => {
    const noOrg = validatePlan(PLAN.replace('org: 南湖区科学技术局\n', ''), 'p.yaml').diagnostics;
    expect(noOrg.map((d) => [d.line, d.message])).toEqual([[4, expect.stringContaining('set org (or notice.issuer)')]]);
    const issuerOnly = PLAN.replace('org: 南湖区科学技术局\n', '').replace(
      'notice:\n',
      'notice:\n  issuer: 南湖区科学技术局文件\n',
    );
    expect(validatePlan(issuerOnly, 'p.yaml').diagnostics).toEqual([]);
    expect(enrichPlan(validatePlan(issuerOnly, 'p.yaml').spec!).notice?.org).toBe('南湖区科学技术局');
    const noDate = validatePlan(PLAN.replace('date: 2026-02-09\n', ''), 'p.yaml').diagnostics;
    expect(noDate.map((d) => d.message)).toEqual([expect.stringContaining('成文日期')]);
    const english = validatePlan(`lang: en\n${PLAN}`, 'p.yaml').diagnostics;
    expect(english.map((d) => d.message)).toEqual([expect.stringContaining('GB/T 9704')]);
  });

  it('names the nearest key for a typo inside the notice', () => {
    const { diagnostics } = validatePlan(PLAN.replace('  to: 各股室', '  too: 各股室'), 'p.yaml');
    expect(diagnostics[0]).toMatchObject({ line: 6, message: expect.stringContaining('did you mean "to"') });
  });

  it('checks 密级, 紧急程度 and 份号', () => {
    const bad = (extra: string) => validatePlan(PLAN.replace('  to: 各股室', `  to: 各股室\n${extra}`), 'p.yaml').spec;
    expect(bad('  secrecy: 内部')).toBeUndefined();
    expect(bad('  urgency: 很急')).toBeUndefined();
    expect(bad('  copy: 1234567')).toBeUndefined();
    expect(bad('  secrecy: 秘密★1年\n  urgency: 特急\n  copy: "000012"')).toBeDefined();
  });
});

describe('the notice model', () => {
  const model = (source: string) => enrichPlan(validatePlan(source, 'p.yaml').spec!);

  it('words the title, text, 主送, 抄送 and 印发 line from the plan, and drops the plan’s own signature', () => {
    const m = model(PLAN);
    expect(m.notice).toMatchObject({
      issuer: '南湖区科学技术局文件',
      number: '南科发〔2026〕3号',
      title: '南湖区科学技术局关于印发《南湖区科学技术局2026年工作计划》的通知',
      toLine: '各股室：',
      paragraphs: [expect.stringMatching(/^现将《南湖区科学技术局2026年工作计划》印发给你们，/)],
      org: '南湖区科学技术局',
      dateText: '2026年2月9日',
      ccLine: '抄送：区委办公室，区政府办公室。',
      printedBy: '南湖区科学技术局',
      printedDate: '2026年2月9日印发',
      upward: false,
      copy: null,
    });
    expect(m.signature).toBeNull();
  });

  it('keeps an explicit plan signature, pads 份号 to six digits, quotes a 《》 title with 〈〉', () => {
    const m = model(
      PLAN.replace('title: 南湖区科学技术局2026年工作计划', 'title: 落实《规划》的2026年工作计划')
        .replace(
          '  to: 各股室',
          '  to: 各股室\n  copy: 7\n  signer: 王一\n  printed: { by: 局办公室, date: 2026-02-10 }',
        )
        .concat('signature: { org: 南湖区科学技术局 }\n'),
    );
    expect(m.notice).toMatchObject({
      copy: '000007',
      signerLine: '签发人：王一',
      upward: true,
      title: '南湖区科学技术局关于印发《落实〈规划〉的2026年工作计划》的通知',
      printedBy: '局办公室',
      printedDate: '2026年2月10日印发',
    });
    expect(m.signature?.org).toBe('南湖区科学技术局');
  });

  it('is null without a notice block', () => {
    expect(model(PLAN.replace(/notice:[\s\S]*?(?=tasks:)/, '')).notice).toBeNull();
  });
});

describe('the notice in the DOCX', () => {
  it('draws the red header and separator with runs and a paragraph border, and the 版记 as a bordered table', async () => {
    const { parts } = await build(PLAN);
    const xml = parts['word/document.xml'];
    expect(xml).not.toMatch(/<w:drawing|<w:pict|<v:|wp:anchor/); // nothing floating
    const issuer =
      /<w:r><w:rPr>(?:(?!<\/w:r>).)*?<w:color w:val="FF0000"\/>(?:(?!<\/w:r>).)*<w:t[^>]*>南湖区科学技术局文件</.exec(
        xml,
      );
    expect(issuer).not.toBeNull();
    expect(xml).toMatch(/<w:pBdr><w:bottom w:val="single" w:color="FF0000" w:sz="8" w:space="11"\/><\/w:pBdr>/);
    // 版记: first and last line 0.35 mm (sz 8 eighths of a point = 1 pt), the middle 0.25 mm (sz 6).
    expect(xml).toMatch(/<w:tblBorders><w:top w:val="single" w:color="000000" w:sz="8"/);
    expect(xml).toMatch(/<w:bottom w:val="single" w:color="000000" w:sz="8" w:space="0"\/><w:right w:val="none"/);
    expect(xml).toMatch(/<w:insideH w:val="single" w:color="000000" w:sz="6"/);
    // Its own section: on the next even page, at the foot, no page number.
    const sections = xml.match(/<w:sectPr>.*?<\/w:sectPr>/g)!;
    expect(sections).toHaveLength(2);
    expect(sections[1]).toContain('<w:type w:val="evenPage"/>');
    expect(sections[1]).toContain('<w:vAlign w:val="bottom"/>');
    const footers = [...sections[1].matchAll(/r:id="(rId\d+)"/g)].map((m) => m[1]);
    expect(footers).toHaveLength(2);
    const rels = parts['word/_rels/document.xml.rels'];
    for (const id of footers) {
      const target = new RegExp(`Id="${id}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="${id}"`).exec(rels)!;
      expect(parts[`word/${target[1] ?? target[2]}`]).not.toContain('PAGE');
    }
  });

  it('carries the same text as the Markdown, in the same order', async () => {
    const { markdown, docx } = await build(PLAN);
    const text = (await docxText(docx)).replace(/\s+/g, '');
    let from = 0;
    for (const line of markdown.split('\n').map((l) => l.replace(/^(#+|>)\s*/, '').replace(/<br>|\s+/g, ''))) {
      if (!line || line === '---') continue;
      const at = text.indexOf(line, from);
      expect(at, line).toBeGreaterThanOrEqual(from);
      from = at + line.length;
    }
  });

  it('begins the plan on a new page after the notice', async () => {
    const { parts } = await build(PLAN);
    const xml = parts['word/document.xml'];
    const planTitle = xml.indexOf('>南湖区科学技术局2026年工作计划<');
    const paragraphStart = xml.lastIndexOf('<w:p>', planTitle);
    expect(xml.slice(paragraphStart, planTitle)).toContain('<w:pageBreakBefore/>');
    expect(xml.indexOf('关于印发')).toBeLessThan(paragraphStart);
  });

  it('changes nothing without a notice block: one section, no red', async () => {
    const plain = await build(PLAN.replace(/notice:[\s\S]*?(?=tasks:)/, ''));
    expect(plain.parts['word/document.xml'].match(/<w:sectPr>/g)).toHaveLength(1);
    expect(plain.parts['word/document.xml']).not.toContain('FF0000');
    expect(plain.markdown).not.toContain('>');
  });

  it('sizes the 发文机关标志 to fit the type area: 初号 at most, smaller for a long name', () => {
    const width = 8845;
    expect(issuerSize('南湖区科学技术局文件', width)).toBe(84);
    const long = '白沙河流域综合治理联合工作办公室文件';
    const size = issuerSize(long, width);
    expect(size).toBeLessThan(84);
    expect((size / 2) * [...long].length).toBeLessThanOrEqual(width / 20);
    expect(((size + 1) / 2) * [...long].length).toBeGreaterThan(width / 20 - 2);
  });

  it('counts 版记 lines conservatively: never fewer than a reader wraps', () => {
    const cc = (chars: number) => '抄送：' + '办'.repeat(chars - 4) + '。';
    expect(recordLines(cc(28), 29, 26)).toBe(1);
    expect(recordLines(cc(29), 29, 26)).toBe(2); // fits in 29, but a reader may push a character down
    expect(recordLines(cc(28 + 25), 29, 26)).toBe(2);
    expect(recordLines(cc(28 + 26), 29, 26)).toBe(3);
    expect(recordLines('抄送：ABCD', 29, 26)).toBe(1); // half-width letters count half
  });
});

describe('the tech-bureau-notice example', () => {
  it('builds with the notice first and the 版记 last', async () => {
    const path = join(import.meta.dirname, '../examples/tech-bureau-notice.yaml');
    const { markdown } = await build(readFileSync(path, 'utf8'));
    expect(markdown.startsWith('南湖区科学技术局文件\n\n南科发〔2026〕3号\n\n# 南湖区科学技术局<br>关于印发')).toBe(
      true,
    );
    expect(markdown.trimEnd().endsWith('> 2026年2月10日印发')).toBe(true);
  });
});
