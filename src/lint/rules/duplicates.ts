import type { SpecPath } from '../../spec/locate.js';
import type { TextField } from '../fields.js';
import type { Finding, LintContext, LintRule } from '../rule.js';

/** Text as compared: without punctuation, spaces and Markdown marks, lower case. */
export function normalise(text: string): string {
  return text.toLowerCase().replace(/[\p{P}\p{S}\s]/gu, '');
}

/**
 * A text's character bigrams as a sorted list of ids (a multiset): two lists compare in one merge,
 * which keeps the pairwise comparison of a long plan's paragraphs within a millisecond or two.
 */
function bigrams(text: string, ids: Map<string, number>): Int32Array {
  const chars = [...text];
  const out = new Int32Array(Math.max(0, chars.length - 1));
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = chars[i] + chars[i + 1];
    let id = ids.get(g);
    if (id === undefined) ids.set(g, (id = ids.size));
    out[i] = id;
  }
  return out.sort();
}

/** Dice coefficient over character bigrams (multiset): 1 for the same text, near 1 for small edits. */
export function similarity(a: Int32Array, b: Int32Array): number {
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

interface Unit {
  path: SpecPath;
  label: string;
  norm: string;
  /** Length in characters of `norm`. */
  length: number;
  /** Bigrams, computed when a comparison needs them. */
  grams?: Int32Array;
  /** The block (top-level section, custom section, attachment) it belongs to. */
  group: string;
}

function unit(path: SpecPath, label: string, norm: string, group: string): Unit {
  return { path, label, norm, length: [...norm].length, group };
}

/** Dice of two units, or 0 when their lengths alone rule out reaching `NEAR` (Dice ≤ 2·min/(a+b)). */
function alike(a: Unit, b: Unit, ids: Map<string, number>): number {
  if (a.norm === b.norm) return 1;
  if ((2 * Math.min(a.length, b.length)) / (a.length + b.length) < NEAR) return 0;
  a.grams ??= bigrams(a.norm, ids);
  b.grams ??= bigrams(b.norm, ids);
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
    const ids = new Map<string, number>();
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
        const s = alike(a, b, ids);
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
    for (let j = 0; j < units.length; j++) {
      for (let i = 0; i < j; i++) {
        const [a, b] = [units[i], units[j]];
        if (pasted.has(`${a.group}|${b.group}`)) continue;
        const s = alike(a, b, ids);
        if (s < NEAR) continue;
        findings.push({
          path: b.path,
          message:
            s === 1
              ? `the same text as ${a.label}`
              : `nearly the same text as ${a.label} (${Math.round(s * 100)}% alike)`,
          hint: 'merge the two or remove one',
        });
        break;
      }
    }
    return findings;
  },
};
