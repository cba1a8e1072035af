import { describe, expect, it, vi } from 'vitest';
import { columnWidths } from '../src/doc/docx/build.js';
import { buildPlan } from '../src/pipeline.js';
import { docxParts, docxText, expectStrictXml, styleXml } from './helpers/docx.js';

async function docx(yaml: string, options: Parameters<typeof buildPlan>[2] = {}): Promise<Uint8Array> {
  const result = await buildPlan(yaml, 'test.yaml', { formats: ['docx'], ...options });
  expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return result.outputs![0].bytes;
}

const OFFICIAL_PLAN = `title: 某区科技局2026年工作计划
org: 某区科技局
date: 2026-01-15
preface: 为做好全年工作，制定本计划。
tasks:
  - title: 提升创新能力
    items:
      - title: 培育企业
        text: 支持企业建设研发中心。
        items:
          - title: 细项
            items: [最细一项]
indicators:
  - { name: 高新技术企业, unit: 家, target: 25 }
attachments:
  - title: 重点项目表
    text: 项目清单。
`;

describe('official profile (GB/T 9704-2012)', async () => {
  const bytes = await docx(OFFICIAL_PLAN);
  const parts = docxParts(bytes);
  const document = parts['word/document.xml'];

  it('is A4 with margins 37/35/28/26 mm and the page number 7 mm below the type area', () => {
    expect(document).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    const margin = /<w:pgMar [^>]*>/.exec(document)![0];
    for (const [key, value] of Object.entries({ top: 2098, bottom: 1984, left: 1587, right: 1474, footer: 1304 })) {
      expect(margin).toContain(`w:${key}="${value}"`);
    }
  });

  it('sets the title 22 pt 方正小标宋简体, centred', () => {
    const title = styleXml(parts, 'Title');
    expect(title).toMatch(/w:eastAsia="方正小标宋简体"/);
    expect(title).toMatch(/<w:sz w:val="44"\/>/);
    expect(title).toMatch(/<w:jc w:val="center"\/>/);
  });

  it('sets the body 16 pt 仿宋_GB2312, Times New Roman for Latin, two-character indent, 28.95 pt exact lines, no character grid', () => {
    const body = styleXml(parts, 'BodyText');
    expect(body).toMatch(/w:eastAsia="仿宋_GB2312"/);
    expect(body).toMatch(/w:ascii="Times New Roman"/);
    expect(body).toMatch(/<w:sz w:val="32"\/>/);
    expect(body).toMatch(/<w:ind w:firstLine="640"\/>/);
    expect(body).toMatch(/w:line="579" w:lineRule="exact"/);
    expect(document).not.toMatch(/<w:docGrid[^>]*w:type="linesAndChars"/);
  });

  it('sets headings by level: 黑体, 楷体_GB2312, 仿宋_GB2312 bold, 仿宋_GB2312', () => {
    const fonts = ['Heading1', 'Heading2', 'Heading3', 'Heading4'].map((id) => {
      const xml = styleXml(parts, id);
      return [/w:eastAsia="([^"]+)"/.exec(xml)![1], /<w:b\/>/.test(xml), /<w:sz w:val="32"\/>/.test(xml)];
    });
    expect(fonts).toEqual([
      ['黑体', false, true],
      ['楷体_GB2312', false, true],
      ['仿宋_GB2312', true, true],
      ['仿宋_GB2312', false, true],
    ]);
  });

  it('uses the heading styles for the numbered hierarchy with literal labels', () => {
    const headings = [...document.matchAll(/<w:pStyle w:val="(Heading\d)"\/>[\s\S]*?<\/w:p>/g)].map((m) => [
      m[1],
      m[0].replace(/<[^>]+>/g, ''),
    ]);
    expect(headings).toEqual([
      ['Heading1', '一、主要指标'],
      ['Heading1', '二、工作重点及措施'],
      ['Heading2', '（一）提升创新能力'],
      ['Heading3', '1.培育企业'],
      ['Heading4', '（1）细项'],
    ]);
  });

  it('numbers pages `— N —` in 14 pt 宋体, odd pages right and even pages left, one character in', () => {
    expect(parts['word/settings.xml']).toMatch(/<w:evenAndOddHeaders\/>/);
    const footers = Object.keys(parts)
      .filter((n) => /^word\/footer\d+\.xml$/.test(n))
      .map((n) => parts[n]);
    expect(footers).toHaveLength(2);
    for (const footer of footers) {
      expect(footer).toMatch(/<w:instrText[^>]*>PAGE<\/w:instrText>/);
      expect(footer).toContain('— ');
      expect(footer).toMatch(/w:eastAsia="宋体"/);
      expect(footer).toMatch(/<w:sz w:val="28"\/>/);
    }
    const sides = footers
      .map((f) => [/<w:jc w:val="(\w+)"\/>/.exec(f)![1], /<w:ind w:(left|right)="280"\/>/.exec(f)![1]])
      .sort();
    expect(sides).toEqual([
      ['left', 'left'],
      ['right', 'right'],
    ]);
    expect(document).toMatch(/<w:footerReference w:type="default"/);
    expect(document).toMatch(/<w:footerReference w:type="even"/);
  });

  it('places the signature at the right: the date two characters from the margin, the body above it shifted to keep the offset', () => {
    const signature = [
      ...document.matchAll(
        /<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:ind w:right="(\d+)"[^>]*\/><w:jc w:val="right"\/>[\s\S]*?<\/w:p>/g,
      ),
    ].map((m) => [m[1], m[0].replace(/<[^>]+>/g, '')]);
    // Widths as set: a character is 320 − 6 = 314 twips, a digit 160 − 6 = 154, and LibreOffice puts 0.22 of the
    // font size (70 twips) between CJK and a digit. 某区科技局 is 1570 twips; 2026年1月15日 is 7 × 154 + 3 × 314
    // + 5 × 70 = 2372. The date is the longer: it ends 2 characters (628) from the margin, and the body moves
    // right to start 2 characters left of the date: 2372 + 4 × 314 − 1570 = 2058.
    expect(signature).toEqual([
      ['2058', '某区科技局'],
      ['628', '2026年1月15日'],
    ]);
  });

  it('keeps the last body paragraph and the attachment note with the signature, so it never stands alone on a page', () => {
    const paragraphs = [...document.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]);
    const note = paragraphs.findIndex((p) => p.includes('附件：'));
    expect(paragraphs[note - 1]).toMatch(/<w:keepNext\/>/);
    expect(paragraphs[note]).toMatch(/<w:keepNext\/>/);
    expect(paragraphs[note + 1]).toMatch(/<w:keepNext\/>[\s\S]*某区科技局/);
  });

  it('notes the attachment after the body and starts it on a new page under 附件 in 黑体', () => {
    const text = document.replace(/<[^>]+>/g, '|');
    expect(text).toMatch(/附件：重点项目表/);
    const annex = /<w:p>(?:(?!<\/w:p>)[\s\S])*?<w:pageBreakBefore\/>[\s\S]*?<\/w:p>/.exec(document)![0];
    expect(annex.replace(/<[^>]+>/g, '')).toBe('附件');
    expect(annex).toMatch(/w:eastAsia="黑体"/);
  });

  it('draws tables with borders and a bold, repeated header row', () => {
    expect(document).toMatch(/<w:tblBorders>[\s\S]*<w:insideH w:val="single"/);
    expect(document).toMatch(/<w:tblHeader\/>/);
    const header = /<w:tr>[\s\S]*?<\/w:tr>/.exec(document)![0];
    expect(header).toMatch(/<w:b\/>/);
    expect(header.replace(/<[^>]+>/g, '')).toBe('序号指标单位目标');
  });

  it('declares fallbacks for fonts a reader may lack', () => {
    expect(parts['word/fontTable.xml']).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
  });

  it('is strict XML 1.0 in every part', () => expectStrictXml(bytes));

  it('reads back in an independent JS reader with every heading and item', async () => {
    const text = await docxText(bytes);
    for (const line of [
      '某区科技局2026年工作计划',
      '一、主要指标',
      '（一）提升创新能力',
      '1.培育企业\n\n支持企业建设研发中心。',
      '（1）细项',
      '①最细一项',
      '附件：重点项目表',
      '2026年1月15日',
      '项目清单。',
    ]) {
      expect(text).toContain(line);
    }
  });
});

describe('business profile', async () => {
  const bytes = await docx('title: Annual plan\nlang: en\ntasks: [Do things]\n');
  const parts = docxParts(bytes);
  it('is A4 with 25 mm margins, Calibri 11 pt and centred page numbers', () => {
    expect(parts['word/document.xml']).toMatch(/<w:pgMar w:top="1418" w:right="1418" w:bottom="1418" w:left="1418"/);
    expect(styleXml(parts, 'BodyText')).toMatch(/w:ascii="Calibri"[\s\S]*<w:sz w:val="22"\/>/);
    const footers = Object.keys(parts).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers).toHaveLength(1);
    expect(parts[footers[0]]).toMatch(/<w:jc w:val="center"\/>[\s\S]*PAGE/);
    expect(parts['word/settings.xml']).not.toMatch(/<w:evenAndOddHeaders\/>/);
  });
  it('can be chosen for a Chinese plan, and official for an English one', async () => {
    const zh = docxParts(await docx('title: 计划\nstyle: business\n'));
    expect(zh['word/document.xml']).toMatch(/w:left="1418"/);
    const en = docxParts(await docx('title: Plan\nlang: en\n', { style: 'official' }));
    expect(en['word/document.xml']).toMatch(/w:left="1587"/);
  });
});

describe('reproducible bytes', () => {
  it('gives identical files whatever the clock', async () => {
    vi.useFakeTimers();
    try {
      vi.setSystemTime(new Date('2031-05-06T07:08:09Z'));
      const a = await docx(OFFICIAL_PLAN);
      vi.setSystemTime(new Date('1999-12-31T23:59:59Z'));
      const b = await docx(OFFICIAL_PLAN);
      expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
    } finally {
      vi.useRealTimers();
    }
  });

  it('dates the file from the spec, else SOURCE_DATE_EPOCH, else a fixed date — never the clock', async () => {
    const created = (bytes: Uint8Array) =>
      /<dcterms:created[^>]*>([^<]*)</.exec(docxParts(bytes)['docProps/core.xml'])![1];
    expect(created(await docx('title: t\ndate: 2026-3-9\n'))).toBe('2026-03-09T00:00:00Z');
    expect(created(await docx('title: t\n', { sourceDateEpoch: 1767225600 }))).toBe('2026-01-01T00:00:00Z');
    expect(created(await docx('title: t\n'))).toBe('2000-01-01T00:00:00Z');
  });

  it('replaces random relationship ids with stable ones', async () => {
    const bytes = await docx('title: t\npreface: 见[网站](https://example.com)。\n');
    const rels = docxParts(bytes)['word/_rels/document.xml.rels'];
    expect(rels).toMatch(/Id="rIdH1"[^>]*Target="https:\/\/example.com"/);
    expect(docxParts(bytes)['word/document.xml']).toMatch(/<w:hyperlink [^>]*r:id="rIdH1"/);
  });
});

describe('text Word cannot hold', () => {
  it('never reaches the file: control characters are stripped with a warning and the XML stays strict', async () => {
    const result = await buildPlan('title: "计划\\u0001\\u001F名称"\npreface: "甲\\uFFFE乙"\n', 'x.yaml', {
      formats: ['docx'],
    });
    expect(result.diagnostics.map((d) => [d.severity, d.code])).toEqual([
      ['warning', 'control-char'],
      ['warning', 'control-char'],
    ]);
    const bytes = result.outputs![0].bytes;
    expectStrictXml(bytes);
    const text = await docxText(bytes);
    expect(text).toContain('计划名称');
    expect(text).toContain('甲乙');
  });

  it('keeps Markdown-looking text literal in the document', async () => {
    const bytes = await docx('title: "*星号* _下划线_ # | < \\\\ {{x}}"\ntasks: ["1. 不是列表 **粗**"]\n');
    const text = await docxText(bytes);
    expect(text).toContain('*星号* _下划线_ # | < \\ {{x}}');
    expect(text).toContain('（一）1. 不是列表 粗');
  });
});

describe('table column widths', () => {
  const em = 280; // 14 pt
  it('gives every column its natural width and shares the spare room when the table fits', () => {
    const widths = columnWidths(
      [
        ['序号', '指标'],
        ['1', '专利'],
      ],
      8845,
      em,
    );
    expect(widths.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(8845);
    expect(widths.reduce((a, b) => a + b, 0)).toBeGreaterThan(8845 - widths.length);
    expect(widths[0]).toBeCloseTo(widths[1], -1);
  });
  it('keeps narrow columns whole and wraps the long ones when it does not fit', () => {
    const long = '很长的指标名称'.repeat(6);
    const widths = columnWidths(
      [
        ['序号', '指标', '单位', '主要工作'],
        ['1', long, '家', long],
      ],
      8845,
      em,
    );
    const natural = (text: string) => Math.ceil(text.length * em * 1.1) + 160 + em / 2;
    expect(widths[0]).toBe(natural('序号'));
    expect(widths[2]).toBe(natural('单位'));
    expect(Math.abs(widths[1] - widths[3])).toBeLessThanOrEqual(1);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
  });
  it('never narrows a column below its longest unbreakable piece: a short name, a date, an English word', () => {
    const long = '开展研究开发活动的规模以上工业企业数量'.repeat(3);
    const rows = [
      ['序号', '指标', '单位', '牵头单位', '完成时限'],
      ['1', long, '家（规上企业）', '高新技术股', '2026年12月31日'],
    ];
    const widths = columnWidths(rows, 8845, em);
    const needs = (text: string) => Math.ceil(text.length * em) + 160 + em / 2;
    expect(widths[3]).toBeGreaterThanOrEqual(needs('高新技术股'));
    expect(widths[4]).toBeGreaterThanOrEqual(Math.ceil((6 * 0.6 + 4) * em) + 160 + em / 2);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
    // The label column gives up the room: it is the one that wraps.
    expect(widths[1]).toBeLessThan(needs(long));
    const english = columnWidths(
      [
        ['No.', 'Indicator', 'Owner', 'Due'],
        ['1', 'word '.repeat(60), 'Infrastructure', 'December 31, 2026'],
      ],
      9070,
      200,
    );
    expect(english[2]).toBeGreaterThanOrEqual(Math.ceil('Infrastructure'.length * 0.6 * 200) + 160 + 100);
    expect(english[3]).toBeGreaterThanOrEqual(Math.ceil('December'.length * 0.6 * 200) + 160 + 100);
  });
});
