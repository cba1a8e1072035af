import { isDeepStrictEqual } from 'node:util';
import { parse, parseDocument, visit } from 'yaml';
import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { loadSpec } from '../spec/load.js';
import { validateSpec } from '../spec/validate.js';

/** The editor modeline yaml-language-server reads (VS Code's YAML extension, Neovim, Helix, …). */
export const MODELINE = /^# yaml-language-server: \$schema=.*\r?\n/;

export interface Substitution {
  /** The plan's year: every year of the preset (its sample year and the years next to it) moves with it. */
  year?: number;
  /** The organisation: replaces the preset's sample organisation wherever it occurs. */
  org?: string;
}

export interface Scaffold {
  text: string;
  /** Year and organisation of the result (the preset's own when not substituted). */
  year: number;
  org: string;
  diagnostics: Diagnostic[];
}

/**
 * A new plan from a preset: the modeline pointing at the schema, then the preset with its year and
 * organisation replaced. The preset's own `year` and `org` keys say what to replace, so a preset is a
 * plain, valid plan that builds as it is — no template syntax a user could leave behind.
 *
 * Text replacement keeps the preset's comments and layout. It is checked against the same
 * replacement done on the parsed values; when an organisation name would change the YAML's meaning
 * (a quote, `: ` or ` #` in it), the values are replaced in the YAML tree instead.
 */
export function scaffoldPreset(source: string, file: string, schemaRef: string, wanted: Substitution): Scaffold {
  const body = source.replace(MODELINE, '');
  const sample = parse(body) as { year?: unknown; org?: unknown };
  if (typeof sample.year !== 'number' || typeof sample.org !== 'string') {
    throw new Error(`preset ${file} must set year and org: they are what init replaces`);
  }
  const replace = replacer(sample.year, sample.org, wanted);
  let text = replace(body);
  if (!parsesTo(text, mapValues(sample, replace))) text = replaceInTree(body, replace);
  const out = `# yaml-language-server: $schema=${schemaRef}\n${text}`;
  const { diagnostics } = validateSpec(loadSpec(out, file));
  return {
    text: out,
    year: wanted.year ?? sample.year,
    org: wanted.org ?? sample.org,
    diagnostics: hasErrors(diagnostics) ? diagnostics : [],
  };
}

function replacer(sampleYear: number, sampleOrg: string, wanted: Substitution): (s: string) => string {
  const shift = wanted.year === undefined ? 0 : wanted.year - sampleYear;
  // The year before and after move too: 2025年底 as a baseline, a 2026—2027 school year.
  const years = new RegExp(`(?<!\\d)(${sampleYear - 1}|${sampleYear}|${sampleYear + 1})(?!\\d)`, 'g');
  return (s) => {
    let out = shift === 0 ? s : s.replace(years, (y) => String(Number(y) + shift));
    if (wanted.org !== undefined && wanted.org !== sampleOrg) out = out.split(sampleOrg).join(wanted.org);
    return out;
  };
}

function parsesTo(text: string, expected: unknown): boolean {
  try {
    return isDeepStrictEqual(parse(text), expected);
  } catch {
    return false;
  }
}

/** Strings, and numbers read as text (the year key), through the replacement. */
function mapValues(value: unknown, replace: (s: string) => string): unknown {
  if (typeof value === 'string') return replace(value);
  if (typeof value === 'number' && Number.isInteger(value)) {
    const replaced = replace(String(value));
    return /^\d+$/.test(replaced) ? Number(replaced) : value;
  }
  if (Array.isArray(value)) return value.map((v) => mapValues(v, replace));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapValues(v, replace)]));
  return value;
}

function replaceInTree(body: string, replace: (s: string) => string): string {
  const doc = parseDocument(body);
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === 'string' || typeof node.value === 'number') node.value = mapValues(node.value, replace);
    },
  });
  return doc.toString({ lineWidth: 0 });
}
