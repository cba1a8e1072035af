import { describe, expect, it } from 'vitest';
import { cachedPageNumbers, cleanStyles, noAutoSpace } from '../src/doc/docx/word-compat.js';
import { buildPlan } from '../src/pipeline.js';
import { docxParts, expectStrictXml } from './helpers/docx.js';

async function parts(yaml: string): Promise<Record<string, string>> {
  const result = await buildPlan(yaml, 'test.yaml', { formats: ['docx'] });
  expect(result.diagnostics).toEqual([]);
  expectStrictXml(result.outputs![0].bytes);
  return docxParts(result.outputs![0].bytes);
}

const ZH = `title: 某区科技局2026年工作计划
org: 某区科技局
date: 2026-01-15
preface: 开展“一企一策”服务……推动“揭榜挂帅”——全年推进。
tasks:
  - title: 培育企业
    text: 支持企业建设研发中心。
`;
const EN = `lang: en
title: Team plan 2026
org: Platform team
date: 2026-01-15
preface: The “one team” rule — and what it means…
`;

describe('what Word and WPS need', async () => {
  const zh = await parts(ZH);
  const en = await parts(EN);

  it('every basedOn / next / link in styles.xml names a style that exists', () => {
    for (const p of [zh, en]) {
      const styles = p['word/styles.xml'];
      const ids = new Set([...styles.matchAll(/w:styleId="([^"]+)"/g)].map((m) => m[1]));
      const refs = [...styles.matchAll(/<w:(?:basedOn|next|link) w:val="([^"]+)"/g)].map((m) => m[1]);
      expect(refs.length).toBeGreaterThan(5);
      for (const ref of refs) expect(ids, ref).toContain(ref);
      expect(ids).toContain('DefaultParagraphFont');
    }
  });

  it('Strong is a character style; the package defaults nothing uses are gone', () => {
    const styles = zh['word/styles.xml'];
    expect(styles).toMatch(/<w:style w:type="character" w:styleId="Strong">/);
    for (const leftover of ['TOC1', 'TOC9', 'Bibliography', 'FootnoteText', 'EndnoteTextChar', 'Heading6', 'Caption'])
      expect(styles).not.toContain(`w:styleId="${leftover}"`);
    for (const used of ['Normal', 'Title', 'Heading1', 'Heading5', 'BodyText', 'Subtitle', 'TableText', 'Hyperlink'])
      expect(styles).toContain(`w:styleId="${used}"`);
  });

  it('the theme fonts are the profile fonts (no Calibri or 等线 in an official document)', () => {
    const theme = zh['word/theme/theme1.xml'];
    expect(theme).not.toMatch(/Calibri|等线/);
    expect(theme).toMatch(/<a:minorFont><a:latin typeface="Times New Roman"\/><a:ea typeface="仿宋_GB2312"\/>/);
    expect(theme).toMatch(/<a:majorFont><a:latin typeface="Times New Roman"\/><a:ea typeface="黑体"\/>/);
    expect(theme).toMatch(/<a:font script="Hans" typeface="仿宋_GB2312"\/>/);
  });

  it('the PAGE field carries a cached value, in the footer run properties (宋体 digits)', () => {
    const footers = Object.keys(zh).filter((n) => /^word\/footer\d+\.xml$/.test(n));
    expect(footers).toHaveLength(2);
    for (const name of footers) {
      expect(zh[name]).toMatch(
        /<w:instrText xml:space="preserve">PAGE<\/w:instrText><\/w:r><w:r>(<w:rPr>.*?<\/w:rPr>)<w:fldChar w:fldCharType="separate"\/><\/w:r><w:r>\1<w:t>1<\/w:t><\/w:r><w:r>\1<w:fldChar w:fldCharType="end"\/>/,
      );
      expect(zh[name]).toContain(
        '<w:rFonts w:ascii="宋体" w:cs="宋体" w:eastAsia="宋体" w:hAnsi="宋体" w:hint="eastAsia"/>',
      );
    }
    expect(
      cachedPageNumbers('<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>'),
    ).toBe(
      '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r>',
    );
  });

  it('Chinese runs with “ ” … — carry w:hint="eastAsia"; English runs do not', () => {
    const runs = [...zh['word/document.xml'].matchAll(/<w:r>(.*?)<\/w:r>/g)].map((m) => m[1]);
    const ambiguous = runs.filter((r) => /[“”‘’…—]/.test(r));
    expect(ambiguous.length).toBeGreaterThan(0);
    for (const run of ambiguous) expect(run).toContain('w:hint="eastAsia"');
    const plain = runs.filter((r) => !/[“”‘’…—]/.test(r) && r.includes('<w:t'));
    for (const run of plain) expect(run).not.toContain('w:hint');
    expect(en['word/document.xml']).toContain('“one team”');
    expect(en['word/document.xml']).not.toContain('w:hint');
  });

  it('parts nothing refers to are left out, and every relationship points at a part that is there', () => {
    for (const p of [zh, en]) {
      for (const unused of ['word/footnotes.xml', 'word/endnotes.xml', 'word/numbering.xml'])
        expect(Object.keys(p)).not.toContain(unused);
      for (const rels of Object.keys(p).filter((n) => n.endsWith('.rels'))) {
        const base = rels.replace(/_rels\/[^/]*$/, '');
        const internal = [...p[rels].matchAll(/Target="([^"]+)"( TargetMode="External")?/g)].filter(
          ([, , mode]) => !mode,
        );
        for (const [, target] of internal)
          expect(Object.keys(p), `${rels} → ${target}`).toContain((base + target).replace(/^\//, ''));
      }
      const types = p['[Content_Types].xml'];
      for (const [, part] of types.matchAll(/PartName="\/([^"]+)"/g)) expect(Object.keys(p)).toContain(part);
    }
  });

  it('cleanStyles drops a dangling reference rather than leaving it', () => {
    const xml =
      '<w:styles><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="X"><w:name w:val="X"/><w:basedOn w:val="Gone"/><w:next w:val="Normal"/></w:style></w:styles>';
    const out = cleanStyles(xml);
    expect(out).not.toContain('Gone');
    expect(out).toContain('<w:next w:val="Normal"/>');
    expect(out).toContain('w:styleId="DefaultParagraphFont"');
    expect(out).toContain('<w:style w:type="character" w:styleId="Strong">');
  });
});

describe('noAutoSpace', () => {
  it('puts w:autoSpaceDE/DN where the schema wants them: before w:spacing and w:ind, after w:keepNext', () => {
    const xml =
      '<w:p><w:pPr><w:pStyle w:val="B"/><w:keepNext/><w:spacing w:before="579"/><w:ind w:left="1"/>' +
      '<w:autoSpaceDN w:val="false"/></w:pPr></w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>';
    expect(noAutoSpace(xml)).toBe(
      '<w:p><w:pPr><w:pStyle w:val="B"/><w:keepNext/><w:autoSpaceDE w:val="false"/><w:autoSpaceDN w:val="false"/>' +
        '<w:spacing w:before="579"/><w:ind w:left="1"/></w:pPr></w:p><w:p><w:pPr><w:jc w:val="center"/></w:pPr></w:p>',
    );
  });
});
