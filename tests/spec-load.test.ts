import { describe, expect, it } from 'vitest';
import { buildPlan, validatePlan } from '../src/pipeline.js';
import { decodeSpec } from '../src/spec/source.js';

/** The first error of a plan: where, and what it says. */
function firstError(source: string) {
  const { spec, diagnostics } = validatePlan(source, 'plan.yaml');
  expect(spec, JSON.stringify(diagnostics)).toBeUndefined();
  return diagnostics.find((d) => d.severity === 'error')!;
}

describe('merge keys', () => {
  it.each([
    ['<<: 1', 'title: t\n<<: 1\n', 2, 5],
    ['<<: *scalar', 'x-s: &s 文字\ntitle: t\ntasks:\n  - <<: *s\n    title: a\n', 4, 9],
    ['<<: [*map, 2]', 'x-m: &m { owner: 甲 }\ntitle: t\ntasks:\n  - <<: [*m, 2]\n    title: a\n', 4, 14],
    ['<<: *list of text', 'x-l: &l [a, b]\ntitle: t\ntasks:\n  - <<: *l\n    title: a\n', 4, 9],
    ['<<: null', 'title: t\n<<:\n', 2, 1],
  ])('%s is a located error, not an internal error', (_name, source, line, col) => {
    const error = firstError(source);
    expect(error).toMatchObject({ line, col, code: 'yaml-alias' });
    expect(error.message).toMatch(/merge key \(<<\) takes a mapping/);
  });

  it("builds the README's pattern: one x- anchor merged into 150 items (and 1,000)", async () => {
    for (const count of [150, 1000]) {
      const items = Array.from({ length: count }, (_, i) => `  - <<: *office\n    title: 任务${i + 1}\n`).join('');
      const source = `x-office: &office { owner: 办公室, due: 2026-12 }\ntitle: 计划\ntasks:\n${items}`;
      const { spec, diagnostics } = validatePlan(source, 'plan.yaml');
      expect(diagnostics).toEqual([]);
      expect(spec!.tasks).toHaveLength(count);
      expect((spec!.tasks as Array<{ owner: string }>)[count - 1].owner).toBe('办公室');
    }
    const built = await buildPlan('x-o: &o { owner: 甲 }\ntitle: t\ntasks:\n  - { <<: *o, title: a }\n', 'p.yaml', {
      formats: ['md'],
    });
    expect(new TextDecoder().decode(built.outputs![0].bytes)).toContain('牵头：甲');
  });
});

describe('alias expansion is bounded by size, not by the number of aliases', () => {
  const laughs = (levels: number) =>
    'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n' +
    Array.from({ length: levels }, (_, i) => {
      const [name, prev] = [String.fromCharCode(98 + i), String.fromCharCode(97 + i)];
      return `${name}: &${name} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
    }).join('') +
    'title: 计划\n';

  it('fails at once on a billion laughs, pointing at the alias that expands most', () => {
    const started = performance.now();
    const error = firstError(laughs(8));
    expect(performance.now() - started).toBeLessThan(1000);
    expect(error).toMatchObject({ line: 9, col: 8, code: 'yaml-alias' });
    expect(error.message).toMatch(/aliases expand too much/);
  });

  it('refuses an alias inside the node it names', () => {
    expect(firstError('x-a: &a [1, *a]\ntitle: t\n')).toMatchObject({ line: 1, col: 13, code: 'yaml-alias' });
  });

  it('lets many small aliases through', () => {
    const source = `x-d: &d 办公室\ntitle: t\ntasks:\n${'  - { title: a, owner: *d }\n'.repeat(500)}`;
    expect(validatePlan(source, 'plan.yaml').diagnostics).toEqual([]);
  });
});

describe('the right line and column', () => {
  it.each([
    ['a blank line', 'title: t\ntasks:\n  - a\n\n - b\n', 5, 2],
    ['a comment line', 'title: t\n# 说明\n  org: x\n', 3, 3],
    ['a comment and a blank line', 'title: t\ntasks:\n  - a\n  # 说明\n\n - b\n', 6, 2],
  ])('bad indentation after %s is reported at its own line', (_name, source, line, col) => {
    expect(firstError(source)).toMatchObject({ line, col, message: expect.stringMatching(/bad indentation/) });
  });

  it.each([
    ["'it''s", "title: t\npreface: 'it''s\ntasks:\n  - a\n", 2, 10],
    ["'don''t' then 'it''s", "title: 'don''t'\npreface: 'it''s ok\n", 2, 10],
    ['"say \\"hi', 'title: t\npreface: "say \\"hi\n', 2, 10],
  ])('an unclosed %s points at the opening quote', (_name, source, line, col) => {
    expect(firstError(source)).toMatchObject({ line, col, message: expect.stringMatching(/unclosed/) });
  });

  it('counts columns in characters, not UTF-16 units', () => {
    const error = firstError('{title: "😀𠀀😀", yeer: 1}\n');
    expect(error).toMatchObject({ line: 1, col: 16 });
    expect(
      decodeSpec(new Uint8Array([...new TextEncoder().encode('t: 😀'), 0xc3, 0x28]), 'x').diagnostics[0],
    ).toMatchObject({ line: 1, col: 5 });
  });

  it('reports a control character in a block scalar at its own line and column', () => {
    const { spec, diagnostics } = validatePlan('title: t\npreface: |\n  第一行\n  第二\u0001行\n  第三行\n', 'p.yaml');
    expect(diagnostics).toMatchObject([{ severity: 'warning', code: 'control-char', line: 4, col: 5 }]);
    expect(spec!.preface).toBe('第一行\n第二行\n第三行\n');
  });

  it('reads a vertical tab or form feed as a line break, and a lone CR as one too', () => {
    const { spec, diagnostics } = validatePlan(
      'title: "上\\v下"\npreface: "甲\\r# 乙\\r\\r丙"\nclosing: "一\\f二"\n',
      'p.yaml',
    );
    expect(diagnostics).toEqual([]);
    expect(spec).toMatchObject({ title: '上\n下', preface: '甲\n# 乙\n\n丙', closing: '一\n二' });
  });

  it.each([
    [
      'schedule from 2026-02-31',
      'title: t\nschedule:\n  - stage: s\n    from: 2026-02-31\n',
      4,
      11,
      /not a real calendar/,
    ],
    ['schedule to 2026-13', 'title: t\nschedule:\n  - stage: s\n    from: 1\n    to: 2026-13\n', 5, 9, /not a real/],
    [
      'schedule from 12 to 1',
      'title: t\nschedule:\n  - stage: s\n    from: 12\n    to: 1\n',
      5,
      9,
      /ends \(1\) before/,
    ],
    [
      'schedule 2026-05 to 2026-04-30',
      'title: t\nschedule:\n  - { stage: s, from: 2026-05, to: 2026-04-30 }\n',
      3,
      36,
      /before/,
    ],
    ['due 2026-02-30', 'title: t\ntasks:\n  - title: a\n    due: 2026-02-30\n', 4, 10, /not a real calendar/],
    ['due 2026-13', 'title: t\nindicators:\n  - { name: n, target: 1, due: 2026-13 }\n', 3, 32, /not a real/],
  ])('an impossible date in %s is a located error', (_name, source, line, col, message) => {
    expect(firstError(source)).toMatchObject({ line, col, message: expect.stringMatching(message) });
  });

  it('lets real dates and free-text deadlines through', () => {
    const source =
      'title: t\nschedule:\n  - { stage: s, from: 2026-02, to: 2026-02-28 }\n  - { stage: u, from: 3, to: 3 }\n' +
      'tasks:\n  - { title: a, due: 2028-02-29 }\n  - { title: b, due: 每季度末 }\n  - { title: c, due: 2026 }\n';
    expect(validatePlan(source, 'p.yaml').diagnostics).toEqual([]);
  });
});

describe('tags', () => {
  it.each([
    ['!!binary', 'title: !!binary aGVsbG8=\n', 1, 8, /!!binary makes this binary data/],
    ['!!timestamp', 'title: t\ndate: !!timestamp 2026-01-05\n', 2, 7, /!!timestamp makes this a timestamp/],
    ['!!set', 'title: t\ntasks: !!set { a, b }\n', 2, 8, /!!set makes this a set/],
    ['!!omap', 'title: t\ntasks: !!omap [ a: 1 ]\n', 2, 8, /!!omap makes this an ordered map/],
  ])('%s says what the tag does, at the tag', (_name, source, line, col, message) => {
    expect(firstError(source)).toMatchObject({ line, col, code: 'yaml-tag', message: expect.stringMatching(message) });
  });

  it('an unknown tag is a warning that says the value is read as written', () => {
    const { spec, diagnostics } = validatePlan('title: t\norg: !org 某局\n', 'p.yaml');
    expect(spec?.org).toBe('某局');
    expect(diagnostics).toMatchObject([
      { severity: 'warning', line: 2, col: 6, message: expect.stringMatching(/unknown tag !org/) },
    ]);
  });
});
