import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../src/lint/ids.js';
import { RULES } from '../src/lint/lint.js';
import { lintPlan } from '../src/lint/plan.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { firstMatches, unit, type Unit } from '../src/lint/rules/duplicates.js';
// @ts-expect-error plain ESM helper shared with the benchmark
import { random } from '../bench/specs.mjs';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures/lint');

interface Expected {
  line: number;
  code: string;
  match?: string;
}

/** `# expect: rule "text"; rule2` at the end of a line: the findings that line must have. */
function expectations(source: string): Expected[] {
  return source.split('\n').flatMap((text, i) => {
    const mark = /#\s*expect:\s*(.+)$/.exec(text);
    if (!mark) return [];
    return mark[1].split(';').map((part) => {
      const m = /^\s*([\w-]+)(?:\s+"([^"]+)")?\s*$/.exec(part)!;
      return { line: i + 1, code: m[1], match: m[2] };
    });
  });
}

function lintFile(path: string): { source: string; found: Diagnostic[] } {
  const source = readFileSync(path, 'utf8');
  return { source, found: lintPlan(source, path) };
}

describe('lint rules on fixtures written to reproduce the seed plans’ flaws', () => {
  const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.yaml'));
  it.each(files)('%s: every marked flaw is found at its line and column, and nothing else', (name) => {
    const { source, found } = lintFile(join(FIXTURES, name));
    const expected = expectations(source);
    expect(expected.length).toBeGreaterThan(0);
    expect(found.map((d) => `${d.line} ${d.code}`).sort()).toEqual(
      expected.map((e) => `${e.line} lint/${e.code}`).sort(),
    );
    const lines = source.split('\n');
    for (const e of expected.filter((x) => x.match)) {
      const d = found.find((f) => f.line === e.line && f.code === `lint/${e.code}`)!;
      expect([...lines[e.line - 1]].slice(d.col - 1).join('')).toMatch(new RegExp(`^${escape(e.match!)}`));
    }
  });

  it('covers every rule with a fixture', () => {
    const marked = new Set(
      files.flatMap((f) => expectations(readFileSync(join(FIXTURES, f), 'utf8')).map((e) => e.code)),
    );
    expect([...marked].sort()).toEqual([...RULE_IDS].sort());
  });

  it('every finding has a hint and a message; the info rule is advice, the others warnings', () => {
    const all = files.flatMap((f) => lintFile(join(FIXTURES, f)).found);
    for (const d of all) {
      expect(d.hint).toBeTruthy();
      expect(d.severity).toBe(d.code === 'lint/buried-target' ? 'info' : 'warning');
    }
  });
});

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the rules’ registry', () => {
  it('RULE_IDS (listed in the schema) and the rules themselves agree', () => {
    expect(RULES.map((r) => r.id)).toEqual([...RULE_IDS]);
  });
});

describe('examples and presets', () => {
  const specs = ['examples', 'presets'].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => join(dir, f)),
  );
  it.each(specs)('%s lints clean (not even advice)', (spec) => {
    expect(lintFile(join(ROOT, spec)).found).toEqual([]);
  });
});

describe('levels', () => {
  const spec = (extra: string) =>
    `title: 测试计划\nyear: 2026\ntasks:\n  - 配合xx市开展调研。\n  - 1、完善制度。\n${extra}`;

  it('the spec’s lint: switches a rule off or re-grades it', () => {
    const found = lintPlan(spec('lint:\n  placeholder: error\n  hand-numbering: off\n'), 'p.yaml');
    expect(found.map((d) => [d.code, d.severity])).toEqual([['lint/placeholder', 'error']]);
  });

  it('config levels apply, and the spec’s own lint: wins over them', () => {
    const found = lintPlan(spec('lint:\n  placeholder: info\n'), 'p.yaml', {
      placeholder: 'off',
      'hand-numbering': 'error',
    });
    expect(found.map((d) => [d.code, d.severity])).toEqual([
      ['lint/placeholder', 'info'],
      ['lint/hand-numbering', 'error'],
    ]);
  });

  it('an unknown rule id in lint: is a schema error with a suggestion, at its line', () => {
    const found = lintPlan(spec('lint:\n  placeholders: off\n'), 'p.yaml');
    expect(found).toMatchObject([{ line: 7, severity: 'error', code: 'schema' }]);
    expect(found[0].message).toContain('did you mean "placeholder"');
  });

  it('a stage that ends before it begins is caught by validation, at its line, before lint runs', () => {
    const source = 'title: 测试计划\nyear: 2026\nschedule:\n  - stage: 集中整治\n    from: 9\n    to: 6\n';
    expect(lintPlan(source, 'p.yaml')).toMatchObject([{ line: 6, severity: 'error', code: 'schema' }]);
  });

  it('a plan that does not validate is not linted', () => {
    expect(lintPlan('title: 1、xx计划\nyear: soon\n', 'p.yaml').map((d) => d.code)).toEqual(['schema']);
  });
});

describe('near duplicates are found without comparing every pair', () => {
  /** Dice over character bigrams (multisets), written plainly: the oracle's, apart from the rule's. */
  function dice(a: string, b: string): number {
    const grams = (text: string) => {
      const chars = [...text];
      const counts = new Map<string, number>();
      for (let i = 1; i < chars.length; i++)
        counts.set(chars[i - 1] + chars[i], (counts.get(chars[i - 1] + chars[i]) ?? 0) + 1);
      return counts;
    };
    const [ga, gb] = [grams(a), grams(b)];
    let shared = 0;
    for (const [gram, count] of ga) shared += Math.min(count, gb.get(gram) ?? 0);
    const size = (g: Map<string, number>) => [...g.values()].reduce((sum, c) => sum + c, 0);
    return size(ga) + size(gb) === 0 ? 1 : (2 * shared) / (size(ga) + size(gb));
  }

  /** Every pair, in order: what the rule did before, kept here as the oracle. */
  function bruteForce(units: Unit[]) {
    const out: Array<[string, string]> = [];
    units.forEach((later, j) => {
      for (let i = 0; i < j; i++)
        if (dice(units[i].norm, later.norm) >= 0.85) {
          out.push([later.label, units[i].label]);
          break;
        }
    });
    return out;
  }

  it('rates a pair as Dice over character bigrams does, on either side of the threshold', () => {
    const next = random(20261130);
    // Half the pairs from four characters: there every bigram's reverse (甲乙, 乙甲) is common, which a
    // careless key (the sum of the two characters) would count as the same bigram.
    const alphabets = [[...'科技创新企业服务平台项目成果转化推进落实完善机制提升能力建设𠀀𠀁'], [...'甲乙丙丁']];
    let alphabet = alphabets[0];
    const pick = () => alphabet[Math.floor(next() * alphabet.length)];
    let near = 0;
    for (let n = 0; n < 400; n++) {
      alphabet = alphabets[n % 2];
      const a = Array.from({ length: 12 + Math.floor(next() * 30) }, pick);
      const b = [...a];
      for (let e = Math.floor(next() * 7); e > 0; e--) b[Math.floor(next() * b.length)] = pick();
      const [ua, ub] = [unit([0], 'a', a.join(''), 'tasks'), unit([1], 'b', b.join(''), 'tasks')];
      const expected = dice(ua.norm, ub.norm);
      const [match] = firstMatches([ua, ub]).matches;
      expect(match?.s, `${ua.norm} / ${ub.norm}`).toBe(expected >= 0.85 ? expected : undefined);
      if (Math.abs(expected - 0.85) < 0.1) near++;
    }
    expect(near).toBeGreaterThan(50); // many pairs close to the threshold, where a wrong count flips the answer
  });

  it('finds exactly what comparing every pair finds, on paragraphs with planted copies and small edits', () => {
    const next = random(20261129);
    const pick = (s: string) => s[Math.floor(next() * s.length)];
    const alphabet = '科技创新企业服务平台项目成果转化推进落实完善机制提升能力建设';
    const units: Unit[] = [];
    for (let n = 0; n < 600; n++) {
      let text: string;
      const earlier = units.length ? units[Math.floor(next() * units.length)].norm : '';
      if (earlier && next() < 0.3) {
        // A copy with 0–4 characters changed, inserted or dropped: some stay alike, some do not.
        const chars = [...earlier];
        for (let e = Math.floor(next() * 5); e > 0; e--) {
          const at = Math.floor(next() * chars.length);
          const kind = next();
          if (kind < 0.4) chars[at] = pick(alphabet);
          else if (kind < 0.7) chars.splice(at, 0, pick(alphabet));
          else chars.splice(at, 1);
        }
        text = chars.join('');
      } else text = Array.from({ length: 12 + Math.floor(next() * 40) }, () => pick(alphabet)).join('');
      units.push(unit([n], `u${n}`, text, 'tasks'));
    }
    const expected = bruteForce(units);
    const found = firstMatches(units).matches.map((m) => [m.later.label, m.earlier.label]);
    expect(found).toEqual(expected);
    expect(expected.length).toBeGreaterThan(50); // the oracle found plenty to agree on
    // A plan's worth (up to 300 paragraphs) takes the every-pair path: the same matches.
    const few = units.slice(0, 250);
    expect(firstMatches(few).matches.map((m) => [m.later.label, m.earlier.label])).toEqual(bruteForce(few));
    expect(bruteForce(few).length).toBeGreaterThan(10);
  });

  it('stops looking for near copies after its budget of comparisons, and says where; the same text is still found', () => {
    // Look-alike lines, as a generated plan has them by the thousand: each shares its common words with
    // most others and is alike to none, so every candidate list is long and no search ends early.
    const next = random(7);
    const word = (list: string) => list.split(' ')[Math.floor(next() * list.split(' ').length)];
    const line = (n: number) =>
      `${word('完成 推进 建设 落实 开展 组织')}${word('园区 平台 项目 中心 基地 机制')}${n}${word('服务 网络 工程 体系')}${word('优化 提升 培育')}任务${Math.floor(next() * 999)}`;
    const lines = Array.from({ length: 3000 }, (_, n) => unit([n], `u${n}`, line(n), 'tasks'));
    lines.push(unit([3000], 'u3000', lines[2900].norm, 'tasks'), unit([3001], 'u3001', lines[10].norm, 'tasks'));
    const whole = firstMatches(lines, undefined, Infinity);
    const bounded = firstMatches(lines, undefined, whole.compared / 4);
    expect(bounded.stoppedAt).toBeDefined();
    expect(bounded.compared).toBe(whole.compared / 4);
    const at = lines.indexOf(bounded.stoppedAt!);
    // Before the stop, what the whole search finds; after it, the copies of the same text.
    const pairs = (found: typeof whole.matches) => found.map((m) => [m.later.label, m.earlier.label]);
    const before = pairs(whole.matches.filter((m) => lines.indexOf(m.later) < at));
    expect(pairs(bounded.matches).slice(0, before.length)).toEqual(before);
    expect(pairs(bounded.matches).slice(before.length)).toEqual([
      ['u3000', 'u2900'],
      ['u3001', 'u10'],
    ]);
    // The rule's own budget: ample for this plan, one finding when a plan runs over it.
    expect(firstMatches(lines).stoppedAt).toBeUndefined();
    const plan = (count: number) =>
      `title: 测试计划\nyear: 2026\ntasks:\n${Array.from({ length: count }, (_, n) => `  - ${line(n)}`).join('\n')}\n`;
    const stops = (source: string) =>
      lintPlan(source, 'p.yaml').filter((d) => d.code === 'lint/duplicate' && /stopped here/.test(d.message));
    expect(stops(plan(3000))).toHaveLength(0);
    expect(stops(plan(12000))).toHaveLength(1);
  });
});
