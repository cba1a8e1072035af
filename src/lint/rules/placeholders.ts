import type { Finding, LintContext, LintRule } from '../rule.js';

interface Pattern {
  re: RegExp;
  what: (m: string) => string;
  hint: string;
}

const CJK = '\\u3400-\\u9FFF';

/**
 * Placeholders that survive copying last year's plan: a year, a place or a name left as xx, 某某, **,
 * blanks and TODOs. Order matters: a match claims its characters, so `20xx` is reported as a year, not
 * also as `xx`.
 */
const PATTERNS: Pattern[] = [
  {
    re: /(?:19|20)(?:[xX×＊*]{2}|[_＿]{1,2}|\d[xX_＿])/g,
    what: (m) => `year left as "${m}"`,
    hint: 'write the real year (the plan’s `year` is used for dates plangen writes)',
  },
  {
    // "做好-20全国…", "--2010年度": the year's digits lost to a hyphen when the text was copied.
    re: new RegExp(`(?<![\\d.])(?:-{1,2}|—)20(?=[${CJK}])|(?<![\\d\\w])-{2}\\d{4}(?=[年${CJK}])`, 'g'),
    what: (m) => `broken year "${m}"`,
    hint: 'write the full year, e.g. 2026',
  },
  {
    re: /(?<![A-Za-z])[xX]{2,}(?![A-Za-z])|[×]{2,}|ＸＸ|ｘｘ/g,
    what: (m) => `placeholder "${m}" left in`,
    hint: 'write the name it stands for (a city, county, company…)',
  },
  { re: /某某/g, what: () => 'placeholder "某某" left in', hint: 'write the name it stands for' },
  { re: /_{2,}|＿{2,}/g, what: (m) => `blank "${m}" left to fill in`, hint: 'fill in the blank' },
  {
    re: /\b(?:TODO|TBD|FIXME)\b|待补充|待填写?|待定/g,
    what: (m) => `"${m}" left in`,
    hint: 'finish the sentence or remove the note',
  },
  {
    // An ellipsis where words belong: the whole text, or where a count or a name should stand (完成……项,
    // 开展……活动, ……万元). Between two phrases (服务……推动) it is an ordinary ellipsis.
    re: new RegExp(
      `^\\s*(?:……|\\.{3}|…)\\s*$|(?<=\\d)(?:……|…)|(?:……|…)(?=\\d|[项家个次场名人年月日万亿元%]|活动|工作|专项|等)`,
      'g',
    ),
    what: () => 'ellipsis "……" used as filler',
    hint: 'write out what the ellipsis stands for',
  },
];

/**
 * Whether a text may hold any of PATTERNS or a `**`: one pass over each field, where most have none,
 * instead of one per pattern (the patterns then run only on the few that may).
 */
const MAY_HOLD = new RegExp([...PATTERNS.map((p) => p.re.source), '\\*\\*'].map((source) => `(?:${source})`).join('|'));

/**
 * `**` as a placeholder (为做强做大**的…, 组织**公司…) rather than bold: an unpaired `**`, a `**` that
 * stands right before an administrative unit (**市, **县), `****`, or a "bold" pair that spans a clause.
 */
function starPlaceholders(text: string): Array<{ index: number }> {
  const stars = [...text.matchAll(/\*\*+/g)];
  const found: Array<{ index: number }> = [];
  if (stars.length === 0) return found;
  for (let i = 0; i < stars.length; i++) {
    const m = stars[i];
    const after = text[m.index + m[0].length] ?? '';
    const unpaired = stars.length % 2 === 1 && i === stars.length - 1;
    const region = /[市县区省镇乡村]/.test(after);
    const empty = m[0].length >= 4;
    const opening = i % 2 === 0 && i + 1 < stars.length;
    const span = opening ? text.slice(m.index + m[0].length, stars[i + 1].index) : '';
    const clause = opening && (/[，。；,;]/.test(span) || span.length > 40);
    if (unpaired || region || empty || clause) {
      found.push({ index: m.index });
      if (clause) found.push({ index: stars[i + 1].index });
      if (clause) i++;
    }
  }
  return found;
}

function occurrence(text: string, match: string, index: number): number {
  let n = 0;
  for (let at = text.indexOf(match); at >= 0 && at < index; at = text.indexOf(match, at + 1)) n++;
  return n;
}

export const placeholder: LintRule = {
  id: 'placeholder',
  severity: 'warning',
  description: 'placeholders left in: 20xx, xx市, XX, **, 某某, ___, TODO, …… as filler, broken years (-20, 20__)',
  check(ctx: LintContext): Finding[] {
    const findings: Finding[] = [];
    for (const field of ctx.fields) {
      if (!MAY_HOLD.test(field.text)) continue;
      const claimed: Array<[number, number]> = [];
      const free = (i: number, len: number) => !claimed.some(([a, b]) => i < b && i + len > a);
      for (const p of PATTERNS) {
        for (const m of field.text.matchAll(p.re)) {
          if (!free(m.index, m[0].length)) continue;
          claimed.push([m.index, m.index + m[0].length]);
          findings.push({
            path: field.path,
            match: m[0].trim() || m[0],
            occurrence: occurrence(field.text, m[0].trim() || m[0], m.index),
            message: p.what(m[0].trim()),
            hint: p.hint,
          });
        }
      }
      for (const s of starPlaceholders(field.text)) {
        if (!free(s.index, 2)) continue;
        findings.push({
          path: field.path,
          match: '**',
          occurrence: occurrence(field.text, '**', s.index),
          message: 'placeholder "**" left in',
          hint: 'write the name it stands for; for bold text, close the pair around a short phrase',
        });
      }
    }
    return findings;
  },
};

/**
 * How a plan speaks of its own year: "2026年是…关键一年", "2026年全年力争…", "2026年工作计划". The same words
 * with an earlier year are last year's text showing through; an earlier year in other words (截至2025年底,
 * 2025年全县新增…) is a fact about the past and fine.
 */
const OWN_YEAR =
  /^年(?:度)?(?:是|全年|我们|我局|我部|我校|我镇|我区|我县|我市|要|将|力争|计划|重点|主要|工作(?:的)?(?:总体|指导|主要)?(?:思路|目标|要求|计划|任务|重点))/;
const OWN_YEAR_EN = /^\s+(?:is|will be)\b/;

/**
 * A year that looks like last year's plan showing through: a plan for 2026 that says "2025年是…关键一年".
 * Only earlier years, up to five back, in the words a plan uses for its own year.
 */
export const yearSlip: LintRule = {
  id: 'year-slip',
  severity: 'warning',
  description: "a year other than the plan's where the text speaks of the plan's own year (2025年是…, 2025年工作计划)",
  check(ctx: LintContext): Finding[] {
    const year = ctx.spec.year;
    if (year === undefined) return [];
    const findings: Finding[] = [];
    for (const field of ctx.fields) {
      for (const m of field.text.matchAll(/(?<![\d\-—–])((?:19|20)\d{2})(?![\d\-—–])/g)) {
        const y = Number(m[1]);
        if (y >= year || y < year - 5) continue;
        const after = field.text.slice(m.index + 4, m.index + 20);
        if (!OWN_YEAR.test(after) && !OWN_YEAR_EN.test(after)) continue;
        findings.push({
          path: field.path,
          match: m[1],
          occurrence: occurrence(field.text, m[1], m.index),
          message: `${y} in a plan for ${year}: left over from an earlier plan?`,
          hint: `write ${year}, or say how ${y} relates (比${y}年…, 截至${y}年底…)`,
        });
      }
    }
    return findings;
  },
};
