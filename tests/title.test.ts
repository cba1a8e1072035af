import { describe, expect, it } from 'vitest';
import { breakTitle, charWidth, isTitleShape, titlePieces } from '../src/model/title.js';

const TITLES = [
  '樊城区科学技术局关于2026年度规模以上工业企业研究开发活动统计调查和科技型中小企业评价工作的实施方案',
  '清河区科学技术局2026年度科技创新工作考核指标完成情况的报告',
  '樊城区2026年度规模以上工业企业研发活动调查方案',
  '关于印发《樊城区科技型中小企业培育行动方案》的通知',
  '樊城区科技型中小企业评价工作流程图及申报材料清单和各环节办理时限说明',
  '江城师范学院学生会科技部2026—2027学年工作计划',
];

describe('titles broken as GB/T 9704 7.3.1 asks', () => {
  it.each(TITLES)('%s: lines within 20 characters, a trapezoid or diamond, no word split', (title) => {
    const lines = breakTitle(title, 20, '樊城区科学技术局');
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBeGreaterThan(1);
    const widths = lines.map(charWidth);
    for (const w of widths) expect(w).toBeLessThanOrEqual(20);
    expect(isTitleShape(widths)).toBe(true);
    // Every break falls between two of the segmenter's pieces: no word is cut.
    const pieces = titlePieces(title);
    const boundaries = new Set(pieces.map((_, i) => pieces.slice(0, i).join('').length));
    let at = 0;
    for (const line of lines.slice(0, -1)) expect(boundaries).toContain((at += line.length));
    for (const word of ['高新技术', '科技型', '中小企业', '城区', '流程图', '2026年度'])
      for (const line of lines.slice(0, -1)) expect(`${line}|`).not.toMatch(new RegExp(`${word.slice(0, -1)}\\|`));
  });

  it('keeps a short title on one line, and a typed line break as it is', () => {
    expect(breakTitle('某市科学技术局2026年工作要点', 20)).toEqual(['某市科学技术局2026年工作要点']);
    expect(breakTitle('规模以上工业企业\n研发活动情况调查表\n', 20)).toEqual([
      '规模以上工业企业',
      '研发活动情况调查表',
    ]);
    expect(breakTitle('A long English title\nwith a typed break', undefined)).toEqual([
      'A long English title',
      'with a typed break',
    ]);
  });

  it('tells the allowed shapes from a rectangle and an hourglass', () => {
    expect(isTitleShape([10, 14])).toBe(true); // trapezoid
    expect(isTitleShape([10, 16, 12])).toBe(true); // diamond
    expect(isTitleShape([14, 14])).toBe(false); // rectangle
    expect(isTitleShape([16, 16.5])).toBe(false); // a rectangle to the eye: half a character apart
    expect(isTitleShape([12, 16.5, 16])).toBe(false);
    expect(isTitleShape([16, 10])).toBe(false); // inverted
    expect(isTitleShape([16, 10, 16])).toBe(false); // hourglass
  });

  it('counts the space Word and LibreOffice put between Chinese and Latin letters or digits', () => {
    expect(charWidth('中心2026年')).toBe(3 + 2 + 0.25 + 0.25);
    expect(charWidth('《2026》')).toBe(4); // none beside punctuation
    // 18 characters and 4 digits are 20 wide, 20.5 with the two autospaces: too wide for one line of 20.
    const title = '青禾高新区科技创新服务中心2026年工作总结';
    const lines = breakTitle(title, 20);
    expect(lines.join('')).toBe(title);
    expect(lines.length).toBe(2);
    expect(breakTitle('青禾高新区科技创新服务中心二〇二六年工作总结', 22)).toHaveLength(1);
  });

  it('takes linear time on a hostile title (80,000 spaces)', () => {
    const start = performance.now();
    breakTitle(`甲${' '.repeat(80_000)}乙`, 20);
    breakTitle('甲乙丙'.repeat(5000), 20);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('a title exactly as wide as the line', () => {
  it('breaks when CJK–digit spacing makes it wider (LibreOffice wrapped the last 结 of a 20-character title)', () => {
    expect(breakTitle('青禾高新区科技创新服务中心2026年工作总结', 20)).toHaveLength(2);
    expect(breakTitle('青禾高新区科技创新服务中心年度工作总结', 20)).toHaveLength(1);
  });
});
