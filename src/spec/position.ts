import type { LineCounter } from 'yaml';

/** What is needed to turn an offset in the user's file into a line and a column. */
export interface SourcePositions {
  source: string;
  lineCounter: LineCounter;
}

/**
 * Line and column (1-based) of an offset. The column counts characters, as an editor does, not UTF-16
 * units: an emoji or a CJK Extension B character before the mistake is one column, not two.
 */
export function positionAt({ source, lineCounter }: SourcePositions, offset: number): { line: number; col: number } {
  const { line } = lineCounter.linePos(offset);
  const start = lineCounter.lineStarts[line - 1] ?? 0;
  return { line, col: codePoints(source, start, Math.max(start, offset)) + 1 };
}

/** How many characters (code points) lie between two UTF-16 offsets. */
function codePoints(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = from; i < to; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one character; count it at its first half.
    if (unit >= 0xdc00 && unit <= 0xdfff && i > from && isHigh(text.charCodeAt(i - 1))) continue;
    count++;
  }
  return count;
}

function isHigh(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}
