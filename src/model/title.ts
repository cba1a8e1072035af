/**
 * Breaking a title into lines as GB/T 9704 7.3.1 asks: at word boundaries, the lines in a trapezoid
 * (each line longer than the one above) or a diamond (longest in the middle), never a rectangle (equal
 * lines) nor an hourglass (a short line between longer ones), never one word split across two lines.
 *
 * Widths are in characters of the title's size: a CJK character is 1, a digit or Latin letter 0.5, and
 * the autospace between them a quarter.
 */

/** Lines typed by the user (a YAML `|` block) are kept; each is broken further only when too long. */
export function breakTitle(title: string, maxWidth: number | undefined, org?: string | null): string[] {
  const typed = title
    .split(/\r?\n/)
    // Runs of blanks inside a title are one space: they are not a reason to break it.
    .map((l) => l.trim().replace(/[ \t\u3000]{2,}/g, ' '))
    .filter(Boolean)
    // A typed line starts with a word or an opening bracket; one that starts with markup or punctuation
    // (---, [1]:, ，) continues the line before it, so no line reads as Markdown syntax on its own.
    .reduce<string[]>(
      (lines, line) =>
        lines.length && !/^[\p{L}\p{N}《“‘（(【「]/u.test(line)
          ? [...lines.slice(0, -1), lines.at(-1) + line]
          : [...lines, line],
      [],
    );
  if (maxWidth === undefined) return typed;
  return typed.flatMap((line) => breakLine(line, maxWidth, org ?? undefined));
}

/**
 * Word and LibreOffice put a little space between a Chinese character and a Latin letter or digit beside
 * it (autospace: measured 4.4 pt at 22 pt in LibreOffice; Word's is about a quarter of a character), so
 * 中心2026年 is wider than its characters: a title that fits only without it wraps on the page.
 */
const AUTOSPACE = 0.25;
const HAN = /\p{Script=Han}/u;
const LATIN_OR_DIGIT = /[A-Za-z0-9]/;

/** The space Word and LibreOffice put between two characters side by side: AUTOSPACE or none. */
function autospace(before: string | undefined, after: string | undefined): number {
  if (before === undefined || after === undefined) return 0;
  const mixed = (HAN.test(before) && LATIN_OR_DIGIT.test(after)) || (LATIN_OR_DIGIT.test(before) && HAN.test(after));
  return mixed ? AUTOSPACE : 0;
}

/** Width of a line in characters of its size, the autospace between Chinese and Latin included. */
export function charWidth(text: string): number {
  let width = 0;
  let previous: string | undefined;
  for (const ch of text) {
    width += (/[\u0000-\u00FF\u2000-\u2013\u2015-\u206F\uFF61-\uFF9F]/.test(ch) ? 0.5 : 1) + autospace(previous, ch);
    previous = ch;
  }
  return width;
}

/** Made on first use: it loads ICU's word dictionary (~60 ms), which `validate` and short titles never need. */
let segmenter: Intl.Segmenter | undefined;
const wordSegmenter = () => (segmenter ??= new Intl.Segmenter('zh', { granularity: 'word' }));
const SEGMENT_WINDOW = 240;

/**
 * The pieces a title may break between: words, with punctuation kept on the side it belongs to (an
 * opening bracket with what follows, a closing one or a comma with what precedes), a bracketed name
 * 《…》 or a quotation “…” of up to 12 characters kept whole, and runs of digits or Latin letters whole.
 */
export function titlePieces(line: string, terms: string[] = []): string[] {
  // ICU's dictionary word break takes quadratic time on a long run of CJK text: a title is short, but a
  // hostile one is segmented in windows (its breaks at a window edge may then fall inside a word).
  const words: string[] = [];
  for (let at = 0; at < line.length; at += SEGMENT_WINDOW)
    for (const s of wordSegmenter().segment(line.slice(at, at + SEGMENT_WINDOW))) words.push(s.segment);
  const pieces: string[] = [];
  let pendingOpen = '';
  for (const word of words) {
    if (/^[《“‘（(〈【「]+$/.test(word)) {
      pendingOpen += word;
      continue;
    }
    const last = pieces.length - 1;
    const glue =
      last >= 0 &&
      pendingOpen === '' &&
      (/^[\p{P}\s]+$/u.test(word) ||
        // Digits and Latin letters next to each other are one piece (2026 年 stays with its year).
        (/[0-9A-Za-z]$/.test(pieces[last]) && /^[0-9A-Za-z.%]/.test(word)) ||
        // A number keeps its counting word: 2026年度, 3个, 12家.
        (/[0-9]$/.test(pieces[last]) && /^[年月日号期届次个项家件亿万]/.test(word)));
    if (glue) pieces[last] += word;
    else pieces.push(pendingOpen + word);
    pendingOpen = '';
  }
  if (pendingOpen) pieces.push(pendingOpen);
  return keepTermsWhole(keepBracketsWhole(attachSingleCharacters(pieces)), [...TERMS, ...terms]);
}

/** Compounds the word segmenter splits but an office never would (高新|技术, 印|发 …). */
const TERMS = [
  '高新技术',
  '中小企业',
  '规模以上',
  '知识产权',
  '产学研',
  '印发',
  '科学技术',
  '人民政府',
  '办公室',
  '研发活动',
  '研发机构',
  '孵化器',
  '众创空间',
  '完成情况',
  '考核指标',
  '实施方案',
  '实施意见',
  '工作要点',
  '工作计划',
  '工作总结',
  '科技创新',
];

/** Single characters that end the word before them: 清河|区, 技术|局, 科技|型. */
const SUFFIXES = /^[局区市县省厅委办部会院校站所型化性级类者员家图表单书率量额费证]$/;
/** Function words a line may start or end at: …工作|的|实施意见, 培育|和|认定. */
const FUNCTION_WORDS = /^[的和与及等对在为把将]$/;

function attachSingleCharacters(pieces: string[]): string[] {
  const out: string[] = [];
  let carry = '';
  for (const piece of pieces) {
    const core = piece.replace(/^\p{P}+|\p{P}+$/gu, '');
    const single = /^\p{Script=Han}$/u.test(core) && !FUNCTION_WORDS.test(core);
    if (single && SUFFIXES.test(core) && out.length && !carry && !/\d年度?$/.test(out[out.length - 1]))
      out[out.length - 1] += piece;
    else if (single) carry += piece;
    else {
      out.push(carry + piece);
      carry = '';
    }
  }
  if (carry) out.push(carry);
  return out;
}

/** Pieces whose boundary falls inside a known term (or the issuing body) are joined. */
function keepTermsWhole(pieces: string[], terms: string[]): string[] {
  const line = pieces.join('');
  const inside = new Set<number>();
  for (const term of terms) {
    if (!term) continue;
    for (let at = line.indexOf(term); at >= 0; at = line.indexOf(term, at + 1))
      for (let k = at + 1; k < at + term.length; k++) inside.add(k);
  }
  const out: string[] = [];
  let offset = 0;
  for (const piece of pieces) {
    if (out.length && inside.has(offset)) out[out.length - 1] += piece;
    else out.push(piece);
    offset += piece.length;
  }
  return out;
}

function keepBracketsWhole(pieces: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const open = /[《“]/.exec(pieces[i]);
    if (open) {
      const close = open[0] === '《' ? '》' : '”';
      let j = i;
      let joined = pieces[i];
      while (!joined.includes(close) && j + 1 < pieces.length) joined += pieces[++j];
      if (joined.includes(close) && charWidth(joined) <= 12) {
        out.push(joined);
        i = j;
        continue;
      }
    }
    out.push(pieces[i]);
  }
  return out;
}

/**
 * A line of the shape 7.3.1 allows: widening (trapezoid) or widening then narrowing (diamond). Lines that
 * differ by less than a character (a digit, an autospace) look equal on the page: a rectangle, refused.
 */
export function isTitleShape(widths: number[]): boolean {
  if (widths.length < 2) return true;
  const longer = (a: number, b: number) => a >= b + 1;
  let i = 1;
  while (i < widths.length && longer(widths[i], widths[i - 1])) i++;
  if (i === widths.length) return true; // trapezoid
  if (i === 1 || widths.length < 3) return false; // starts narrowing: an inverted trapezoid or a rectangle
  while (i < widths.length && longer(widths[i - 1], widths[i])) i++;
  return i === widths.length; // diamond
}

function breakLine(line: string, maxWidth: number, org: string | undefined): string[] {
  // Word processors put about 0.22 of a character between CJK and digits or Latin letters: a line of
  // exactly 20 characters with "2026年" in it is wider than 20 and would wrap its last character.
  const total =
    charWidth(line) + 0.22 * (line.match(/(?=[\u3400-\u9FFF][0-9A-Za-z]|[0-9A-Za-z%][\u3400-\u9FFF])/g)?.length ?? 0);
  if (total <= maxWidth) return [line];
  const pieces = titlePieces(line);
  // Each piece carries the autospace between it and the piece before, which a line starting with it drops.
  const gaps = pieces.map((piece, k) => (k === 0 ? 0 : autospace(pieces[k - 1].at(-1), piece[0])));
  const widths = pieces.map((piece, k) => charWidth(piece) + gaps[k]);
  // Break positions by preference: after the issuing body, before 关于, before the 的 that closes the title.
  let offset = 0;
  const bonus = pieces.map((piece, k) => {
    const before = offset;
    offset += piece.length;
    if (k === 0) return 0;
    let b = 0;
    if (org && before === org.length && line.startsWith(org)) b += 6;
    if (/^关于/.test(pieces[k])) b += 5;
    if (/^的/.test(pieces[k]) && k >= pieces.length - 3) b += 3;
    // After the year: 清河区科学技术局2026年度 | 科技创新工作…
    if (/\d年度?$/.test(pieces[k - 1])) b += 2;
    return b;
  });
  const minLines = Math.ceil(total / maxWidth);
  // A title of more than four lines is not a title; search the shapes only where that stays cheap.
  const searchable = minLines <= 4 && pieces.length <= 80;
  for (let lines = minLines; searchable && lines <= Math.min(minLines + 2, pieces.length, 6); lines++) {
    const best = bestSplit(widths, gaps, bonus, lines, maxWidth);
    if (best) return best.map((r) => pieces.slice(r[0], r[1]).join(''));
  }
  // No allowed shape (a single huge word): greedy at word boundaries, so at least no word is split.
  const out: string[] = [];
  let current = '';
  for (const piece of pieces) {
    if (current && charWidth(current + piece) > maxWidth) {
      out.push(current);
      current = '';
    }
    current += piece;
  }
  if (current) out.push(current);
  return out;
}

/** The split of `widths` into `lines` ranges with an allowed shape, balanced, preferring the bonus breaks. */
function bestSplit(
  widths: number[],
  gaps: number[],
  bonus: number[],
  lines: number,
  maxWidth: number,
): Array<[number, number]> | null {
  const n = widths.length;
  const prefix = [0];
  for (const w of widths) prefix.push(prefix.at(-1)! + w);
  const width = (from: number, to: number) => prefix[to] - prefix[from] - gaps[from];
  const mean = prefix[n] / lines;
  let best: { cost: number; cuts: number[] } | null = null;
  const cuts: number[] = [];
  const walk = (from: number, left: number) => {
    if (left === 1) {
      const all = [0, ...cuts, n];
      const lineWidths = all.slice(1).map((end, i) => width(all[i], end));
      if (lineWidths.some((w) => w > maxWidth) || !isTitleShape(lineWidths)) return;
      const balance = lineWidths.reduce((a, w) => a + (w - mean) ** 2, 0);
      const cost = balance - cuts.reduce((a, c) => a + bonus[c], 0) * 4;
      if (!best || cost < best.cost) best = { cost, cuts: [...cuts] };
      return;
    }
    for (let c = from + 1; c <= n - left + 1; c++) {
      if (width(from, c) > maxWidth) break;
      cuts.push(c);
      walk(c, left - 1);
      cuts.pop();
    }
  };
  walk(0, lines);
  if (!best) return null;
  const all = [0, ...(best as { cuts: number[] }).cuts, n];
  return all.slice(1).map((end, i) => [all[i], end]);
}
