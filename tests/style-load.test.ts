import { describe, expect, it } from 'vitest';
import { BUSINESS, OFFICIAL } from '../src/doc/docx/profile.js';
import { ejectStyle } from '../src/style/eject.js';
import { parseStyleFile } from '../src/style/load.js';

describe('style files', () => {
  it('eject → load gives back each built-in profile exactly', () => {
    for (const profile of [OFFICIAL, BUSINESS]) {
      const { profile: loaded, diagnostics } = parseStyleFile(ejectStyle(profile), 'house.yaml');
      expect(diagnostics).toEqual([]);
      expect(loaded).toEqual(profile);
    }
  });

  it('the ejected official profile speaks in lines a page and characters a line', () => {
    const text = ejectStyle(OFFICIAL);
    expect(text).toMatch(/^linesPerPage: 22$/m);
    expect(text).toMatch(/^charsPerLine: 28$/m);
    expect(text).toMatch(/top: 37mm/);
    expect(text).toMatch(/size: 三号/);
  });

  it('extends a profile: 30 lines and 仿宋 change the pitch and the fonts, the rest stays', () => {
    const { profile, diagnostics } = parseStyleFile(
      'extends: official\nlinesPerPage: 30\nbody:\n  font: { eastAsia: 仿宋 }\n',
      'house.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(profile!.line).toEqual({ exact: Math.floor(12756 / 30) });
    expect(profile!.body.font).toEqual({ eastAsia: '仿宋', latin: 'Times New Roman' });
    expect(profile!.headings[0].font.eastAsia).toBe('黑体');
    expect(profile!.characterSpacing).toBe(OFFICIAL.characterSpacing);
    expect(profile!.page).toEqual(OFFICIAL.page);
  });

  it('characters a line follow a smaller body size', () => {
    const { profile } = parseStyleFile('body: { size: 小三 }\ncharsPerLine: 30\n', 'house.yaml');
    expect(profile!.charWidth).toBe(300);
    // 8,845 twips / 30 = 294 → one twip spare → 293 − 300.
    expect(profile!.characterSpacing).toBe(-7);
  });

  it('a house page-number format and a line grid', () => {
    const { profile } = parseStyleFile(
      'pageNumber: { format: "第{page}页", position: center }\ngrid: lines\n',
      'h.yaml',
    );
    expect(profile!.footer).toMatchObject({ kind: 'centered', format: '第{page}页', position: 'center' });
    expect(profile!.grid).toEqual({ type: 'lines', linePitch: 579 });
  });

  it('mistakes point at their line', () => {
    const { profile, diagnostics } = parseStyleFile(
      'extends: official\npage:\n  margins:\n    top: 37 mm\n    lft: 28mm\nbody:\n  size: 三 号\n',
      'house.yaml',
    );
    expect(profile).toBeUndefined();
    expect(diagnostics.map((d) => [d.line, d.message])).toEqual([
      [5, expect.stringContaining('unknown key "lft"; did you mean "left"?')],
      [7, expect.stringContaining('字号')],
    ]);
  });

  it('refuses lines closer than the text and characters that would overlap', () => {
    const lines = parseStyleFile('linesPerPage: 60\n', 'h.yaml');
    expect(lines.diagnostics).toMatchObject([{ line: 1, severity: 'error', code: 'style' }]);
    const chars = parseStyleFile('\ncharsPerLine: 60\n', 'h.yaml');
    expect(chars.diagnostics).toMatchObject([{ line: 2, message: expect.stringContaining('overlap') }]);
    const both = parseStyleFile('linesPerPage: 20\nlineSpacing: 1.5\n', 'h.yaml');
    expect(both.diagnostics).toMatchObject([{ line: 2, message: expect.stringContaining('not both') }]);
  });

  it('an empty file or a list is a located error, not a crash', () => {
    expect(parseStyleFile('', 'h.yaml').diagnostics[0].message).toMatch(/style file is empty/);
    expect(parseStyleFile('- a\n', 'h.yaml').diagnostics[0].message).toMatch(/style file is a mapping/);
  });
});
