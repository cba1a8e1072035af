/**
 * Lengths and sizes as people write them in a style file: `37mm`, `2.5cm`, `1in`, `16pt`, `2ch` (body
 * characters), bare numbers in the profile's own units (twips for lengths, points for sizes), and the
 * Chinese type sizes (三号 = 16 pt) that local rules are written in.
 */

export const TWIPS_PER = { mm: 1440 / 25.4, cm: 1440 / 2.54, in: 1440, pt: 20, tw: 1 } as const;

/** 字号: the sizes Chinese rules name, in points. */
export const CHINESE_SIZES: Record<string, number> = {
  初号: 42,
  小初: 36,
  一号: 26,
  小一: 24,
  二号: 22,
  小二: 18,
  三号: 16,
  小三: 15,
  四号: 14,
  小四: 12,
  五号: 10.5,
  小五: 9,
  六号: 7.5,
  小六: 6.5,
};

const LENGTH = /^(-?\d+(?:\.\d+)?)\s*(mm|cm|in|pt|tw|ch)?$/;

/** A length → twips; `ch` counts body characters of `charWidth` twips. Undefined when unreadable. */
export function parseLength(value: string | number, charWidth: number): number | undefined {
  if (typeof value === 'number') return Math.round(value);
  const match = LENGTH.exec(value.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  const unit = match[2] ?? 'tw';
  return Math.round(amount * (unit === 'ch' ? charWidth : TWIPS_PER[unit as keyof typeof TWIPS_PER]));
}

/** A font size (`16pt`, `16`, `三号`) → half-points, the unit Word stores. */
export function parseSize(value: string | number): number | undefined {
  if (typeof value === 'number') return Math.round(value * 2);
  const named = CHINESE_SIZES[value.trim()];
  if (named !== undefined) return Math.round(named * 2);
  const match = /^(\d+(?:\.\d+)?)\s*(pt)?$/.exec(value.trim());
  return match ? Math.round(Number(match[1]) * 2) : undefined;
}

/** Twips → the shortest exact `mm` text that reads back to the same twips (2 decimals always do). */
export function formatMm(twips: number): string {
  for (const digits of [0, 1, 2]) {
    const text = (twips / TWIPS_PER.mm).toFixed(digits);
    if (Math.round(Number(text) * TWIPS_PER.mm) === twips) return `${Number(text)}mm`;
  }
  return `${twips}tw`;
}

/** Twips → `Npt` (exact: a point is 20 twips). */
export function formatPt(twips: number): string {
  return `${twips / 20}pt`;
}

/** Half-points → the Chinese size name when there is one, else `Npt`. */
export function formatSize(halfPoints: number): string {
  const pt = halfPoints / 2;
  const named = Object.entries(CHINESE_SIZES).find(([, size]) => size === pt);
  return named ? named[0] : `${pt}pt`;
}
