import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipSync, strFromU8 } from 'fflate';
import { buildMarkdownAndDocx } from './helpers/build.js';
import { columnWidths } from '../src/doc/docx/build.js';

const SPEC = join(import.meta.dirname, 'fixtures/gantt/academic-year.yaml');

describe('schedule: { gantt: true }', () => {
  it('one row per stage, one column per month of the period, the stage’s months marked ■ in Markdown', async () => {
    const { markdown } = await buildMarkdownAndDocx(SPEC);
    const rows = markdown
      .split('\n')
      .filter((l) => l.startsWith('|'))
      .map((l) =>
        l
          .split('|')
          .slice(1, -1)
          .map((c) => c.trim()),
      );
    // September 2026 to July 2027: 11 months, bare numbers under a corner that names the years (month
    // columns of "12月" wrap 月 under its number in the official layout).
    expect(rows[0]).toEqual(['阶段＼月份（2026—2027年）', '9', '10', '11', '12', '1', '2', '3', '4', '5', '6', '7']);
    const marked = (name: string) =>
      rows
        .find((r) => r[0] === name)!
        .slice(1)
        .map((c, i) => (c === '■' ? rows[0][i + 1] : ''))
        .filter(Boolean);
    expect(marked('招新与分组')).toEqual(['9', '10']);
    expect(marked('项目研究')).toEqual(['11', '12', '1', '2', '3', '4']);
    expect(marked('成果展示')).toEqual(['5', '6']);
  });

  it('shades exactly the marked cells in the DOCX (w:shd), keeping the mark for readers that drop shading', async () => {
    const { docx } = await buildMarkdownAndDocx(SPEC);
    const xml = strFromU8(unzipSync(docx)['word/document.xml']);
    const cells = xml.split('<w:tc>').slice(1);
    const shaded = cells.filter((c) => c.includes('<w:shd '));
    expect(shaded).toHaveLength(10);
    for (const c of shaded) expect(c).toContain('■');
    expect(cells.filter((c) => c.includes('■') && !c.includes('<w:shd '))).toHaveLength(0);
  });
});

describe('Gantt column widths in the official type area (8845 twips, 14 pt cells)', () => {
  it('twelve month columns leave the stage column room for seven characters', () => {
    const months = Array.from({ length: 12 }, (_, i) => `${i + 1}`);
    const rows = [
      ['阶段＼月份', ...months],
      ['方案设计与评审', ...months.map((m) => (Number(m) < 3 ? '■' : ''))],
    ];
    const widths = columnWidths(rows, 8845, 280);
    expect(widths.reduce((a, b) => a + b, 0)).toBe(8845);
    // Seven characters of 280 twips and the cell margins (80 + 80).
    expect(widths[0]).toBeGreaterThanOrEqual(7 * 280 + 160);
  });
});
