import type { SpecPath } from '../../spec/locate.js';
import type { TextField } from '../fields.js';
import type { Finding, LintContext, LintRule } from '../rule.js';

/** Text as compared: without punctuation, spaces and Markdown marks, lower case. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[\p{P}\p{S}\s]/gu, '');
}

/**
 * A text's character bigrams (characters, not UTF-16 units), in order, each its two code points as one
 * number (below 2^42, exact in a double): no string per bigram.
 */
function bigramKeys(text: string): Float64Array {
  const out = new Float64Array(Math.max(0, text.length - 1));
  let n = 0;
  let previous = -1;
  for (let i = 0; i < text.length; i++) {
    const point = text.codePointAt(i)!;
    if (point > 0xffff) i++;
    if (previous >= 0) out[n++] = previous * 0x110000 + point;
    previous = point;
  }
  return out.subarray(0, n);
}

/** The bigrams as ids numbered in the order first seen (the prefix filter's tokens are made of them). */
function bigramIds(text: string, ids: Map<number, number>): Int32Array {
  return Int32Array.from(bigramKeys(text), (key) => {
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = ids.size));
    return id;
  });
}

/**
 * The bigrams sorted: a multiset that another compares with in one merge. No map of ids, as the prefix
 * filter's tokens need: that lookup per bigram was most of the rule's time on a plan.
 */
function bigrams(text: string): Float64Array {
  return bigramKeys(text).sort();
}

/** Dice coefficient over character bigrams (multiset): 1 for the same text, near 1 for small edits. */
function similarity(a: Float64Array, b: Float64Array): number {
  if (a.length + b.length === 0) return 1;
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i] < b[j]) i++;
    else j++;
  }
  return (2 * shared) / (a.length + b.length);
}

/** Paragraphs this short repeat for good reasons (加强组织领导 in two plans' sections). */
const MIN_CHARS = 12;
const NEAR = 0.85;
/**
 * How many candidates the near-duplicate search looks at: a few per paragraph in a plan written by hand,
 * ample there; tens of thousands of look-alike lines (a generated plan) would take minutes without a bound.
 */
const COMPARISONS = { base: 500_000, perUnit: 20 };
/** More distinct bigrams than any plan holds (a token packs an id below it and a count into one number). */
const TOKEN_SPAN = 2 ** 26;

export interface Unit {
  path: SpecPath;
  label: string;
  norm: string;
  /** Length in characters of `norm`. */
  length: number;
  /** Bigrams, computed when a comparison needs them. */
  grams?: Float64Array;
  /** The block (top-level section, custom section, attachment) it belongs to. */
  group: string;
}

export function unit(path: SpecPath, label: string, norm: string, group: string): Unit {
  return { path, label, norm, length: codePoints(norm), group };
}

/** Characters in a text, a pair of UTF-16 surrogates counting once (as [...text].length, without the array). */
function codePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

/** Dice of two units, or 0 when their lengths alone rule out reaching `NEAR` (Dice ≤ 2·min/(a+b)). */
function alike(a: Unit, b: Unit): number {
  if (a.norm === b.norm) return 1;
  if ((2 * Math.min(a.length, b.length)) / (a.length + b.length) < NEAR) return 0;
  a.grams ??= bigrams(a.norm);
  b.grams ??= bigrams(b.norm);
  return similarity(a.grams, b.grams);
}

const where = (path: SpecPath) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`)).join('');

/** Which block a field belongs to: a top-level section, or one custom section / attachment. */
function groupOf(field: TextField): string {
  const [top, index] = field.path;
  return top === 'sections' || top === 'attachments' ? `${String(top)}[${String(index)}]` : String(top);
}

/**
 * The same paragraph twice, or twice with small edits; a whole section pasted twice (as one seed plan
 * holds the same plan twice) is reported once, at the copy, not paragraph by paragraph.
 */
export const duplicate: LintRule = {
  id: 'duplicate',
  severity: 'warning',
  description: 'the same paragraph, item or section twice, or twice with small edits',
  check({ fields }: LintContext): Finding[] {
    const findings: Finding[] = [];
    const norms = fields.map((f) => normalise(f.text));

    // Sections: all their text together.
    const groups = new Map<string, { path: SpecPath; parts: string[] }>();
    fields.forEach((f, i) => {
      if (f.role === 'heading') return;
      const group = groupOf(f);
      let entry = groups.get(group);
      if (!entry) groups.set(group, (entry = { path: f.path.slice(0, group.includes('[') ? 2 : 1), parts: [] }));
      entry.parts.push(norms[i]);
    });
    const sections = [...groups.entries()]
      .filter(([, g]) => g.parts.length >= 2)
      .map(([group, g]) => unit(g.path, group, g.parts.join(''), group));
    const pasted = new Set<string>();
    for (let j = 0; j < sections.length; j++)
      for (let i = 0; i < j; i++) {
        const [a, b] = [sections[i], sections[j]];
        if (a.length < MIN_CHARS * 3) continue;
        const s = alike(a, b);
        if (s < NEAR) continue;
        pasted.add(`${a.group}|${b.group}`);
        findings.push({
          path: b.path,
          key: true,
          message: `${b.group} repeats ${a.group}${s < 1 ? ` with small edits (${Math.round(s * 100)}% alike)` : ''}`,
          hint: 'a plan pasted twice? keep one copy',
        });
      }

    const units = fields
      .map((f, i) => (f.role === 'title' ? undefined : unit(f.path, where(f.path), norms[i], groupOf(f))))
      .filter((u): u is Unit => u !== undefined && u.length >= MIN_CHARS);
    const search = firstMatches(units, (a, b) => !pasted.has(`${a.group}|${b.group}`));
    if (search.stoppedAt)
      findings.push({
        path: search.stoppedAt.path,
        message: `the search for nearly the same text stopped here after ${search.compared.toLocaleString('en')} comparisons (${units.length.toLocaleString('en')} paragraphs); from here on only the same text is reported`,
        hint: 'a plan this long and this uniform: check it in parts, or turn the rule off for it (lint: { duplicate: off })',
      });
    for (const { later, earlier, s } of search.matches)
      findings.push({
        path: later.path,
        message:
          s === 1
            ? `the same text as ${earlier.label}`
            : `nearly the same text as ${earlier.label} (${Math.round(s * 100)}% alike)`,
        hint: 'merge the two or remove one',
      });
    return findings;
  },
};

/**
 * For each unit, the first unit before it that is at least NEAR alike (and that `allowed` accepts). Not
 * every pair is compared: that is quadratic, and a plan of 20,000 distinct tasks took 32 s to lint. A
 * prefix filter (set-similarity joins) finds the candidates instead. Each unit's bigrams, a repeated
 * one numbered per occurrence so that sets count as the multisets Dice compares, are ordered rarest
 * first. Two units with Dice >= NEAR share at least ceil(alpha * n) bigrams of each one's n, where
 * alpha = NEAR / (2 - NEAR). So their first n - ceil(alpha * n) + 1 bigrams must meet, and only those
 * are indexed. The candidates are then checked in order, exactly as before, so the findings are the
 * same as comparing every pair.
 */
export function firstMatches<U extends Unit>(
  units: readonly U[],
  allowed: (earlier: U, later: U) => boolean = () => true,
  budget = COMPARISONS.base + COMPARISONS.perUnit * units.length,
): { matches: Array<{ later: U; earlier: U; s: number }>; stoppedAt?: U; compared: number } {
  if (units.length <= EVERY_PAIR_UNITS) return everyPair(units, allowed);
  const alpha = NEAR / (2 - NEAR);
  const ids = new Map<number, number>();
  // Tokens are numbers: a bigram's id, plus TOKEN_SPAN times how many times it came before in the unit.
  const tokens = units.map((u) => {
    const grams = bigramIds(u.norm, ids);
    const seen = new Map<number, number>();
    const list = Array.from(grams, (id) => {
      const before = seen.get(id) ?? 0;
      seen.set(id, before + 1);
      return before * TOKEN_SPAN + id;
    });
    return list;
  });
  const frequency = new Map<number, number>();
  for (const list of tokens) for (const t of list) frequency.set(t, (frequency.get(t) ?? 0) + 1);
  // Each distinct token's rank, rarest first and then by value: a unit's ranks sorted as plain numbers
  // are its tokens in the one order the prefix filter needs (a sort with a comparator per unit took a
  // third of the rule's time). The key (frequency, position by value) is exact in a double while
  // paragraphs × distinct tokens stays below 2^53.
  const values = Float64Array.from(frequency.keys()).sort();
  const keys = values.map((t, p) => frequency.get(t)! * values.length + p).sort();
  const rank = new Map<number, number>();
  keys.forEach((key, r) => rank.set(values[key % values.length], r));
  /** Posting lists by rank: the units whose prefix holds the token, ascending. */
  const index: number[][] = new Array<number[]>(values.length);
  const matches: Array<{ later: U; earlier: U; s: number }> = [];
  /** Units by their text: once the budget is spent, the same text is still found. */
  const same = new Map<string, number[]>();
  let compared = 0;
  let stoppedAt: U | undefined;
  /** The first earlier unit of the same text that `allowed` accepts, as a match. */
  const sameText = (later: U, earlier: readonly number[]) => {
    const first = earlier.find((i) => allowed(units[i], later));
    if (first !== undefined) matches.push({ later, earlier: units[first], s: 1 });
  };
  units.forEach((later, j) => {
    const earlierSame = same.get(later.norm) ?? [];
    if (stoppedAt) sameText(later, earlierSame);
    if (earlierSame.length === 0) same.set(later.norm, earlierSame);
    earlierSame.push(j);
    if (stoppedAt) return;
    const list = Int32Array.from(tokens[j], (t) => rank.get(t)!).sort();
    const prefix = list.subarray(0, list.length - Math.ceil(alpha * list.length - 1e-9) + 1);
    // The candidates in ascending order, merged from the posting lists (each ascending), until the first
    // match: a plan of look-alike paragraphs stops at its first candidate, not after listing them all.
    const lists: number[][] = [];
    for (const r of prefix) if (index[r]) lists.push(index[r]);
    const at = lists.map(() => 0);
    for (let last = -1; ;) {
      let next = Infinity;
      for (let k = 0; k < lists.length; k++) {
        while (at[k] < lists[k].length && lists[k][at[k]] <= last) at[k]++;
        if (at[k] < lists[k].length) next = Math.min(next, lists[k][at[k]]);
      }
      if (next === Infinity) break;
      if (++compared > budget) {
        // Look-alike lines by the ten thousand (a generated plan) make every candidate list long.
        stoppedAt = later;
        sameText(later, earlierSame.slice(0, -1));
        break;
      }
      last = next;
      const earlier = units[next];
      if (!allowed(earlier, later)) continue;
      const s = alike(earlier, later);
      if (s < NEAR) continue;
      matches.push({ later, earlier, s });
      break;
    }
    for (const r of prefix) (index[r] ??= []).push(j);
  });
  return { matches, stoppedAt, compared: Math.min(compared, budget) };
}

/**
 * Up to this many paragraphs (a plan written by hand holds 20 to 200), comparing every earlier one in
 * order is quicker than indexing them: the prefix filter's maps and sorts cost more than the few
 * thousand comparisons they save, most of which the length bound or equal texts settle at once.
 */
const EVERY_PAIR_UNITS = 300;

/**
 * firstMatches by comparing each unit with every one before it, in order: the same matches. No budget:
 * EVERY_PAIR_UNITS paragraphs make at most 44,850 comparisons, below COMPARISONS.base.
 */
function everyPair<U extends Unit>(
  units: readonly U[],
  allowed: (earlier: U, later: U) => boolean,
): { matches: Array<{ later: U; earlier: U; s: number }>; compared: number } {
  const matches: Array<{ later: U; earlier: U; s: number }> = [];
  let compared = 0;
  units.forEach((later, j) => {
    for (let i = 0; i < j; i++) {
      const earlier = units[i];
      compared++;
      if (!allowed(earlier, later)) continue;
      const s = alike(earlier, later);
      if (s < NEAR) continue;
      matches.push({ later, earlier, s });
      return;
    }
  });
  return { matches, compared };
}
