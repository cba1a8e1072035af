/**
 * Exact rational arithmetic for rates. A figure is the decimal the user wrote (19.6 is 196/10, never
 * 19.600000000000001), rates are exact fractions, and a rate is rounded once, when it is displayed: 433
 * of 400 is 108.25%, shown as 108.3% (in floating point 433/400·1000 is 1082.4999…, shown as 108.2%).
 */
export interface Ratio {
  n: bigint;
  /** Always positive. */
  d: bigint;
}

const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** A number or a plain decimal string ("30", "19.6", "-7") as an exact ratio; undefined for anything else. */
export function exact(value: number | string): Ratio | undefined {
  if (typeof value === 'number' && !Number.isFinite(value)) return undefined;
  // String(19.6) is "19.6": the shortest decimal that reads back as the same double, i.e. what was written.
  // Thousands written with commas (1,200 or 12,000.5) read as the number they group.
  const text = String(value)
    .trim()
    .replace(/^([+-]?\d{1,3}(?:,\d{3})+)(?=\.\d+$|$)/, (g) => g.replace(/,/g, ''));
  const m = DECIMAL.exec(text);
  if (!m) return undefined;
  const [, sign, whole, fraction = '', exponent = '0'] = m;
  const shift = Number(exponent) - fraction.length;
  // Beyond any double (1e308): "1e99999999" would otherwise build a hundred-million-digit integer.
  if (Math.abs(shift) > 400 || whole.length + fraction.length > 400) return undefined;
  let n = BigInt(whole + fraction) * (sign === '-' ? -1n : 1n);
  let d = 1n;
  if (shift >= 0) n *= 10n ** BigInt(shift);
  else d = 10n ** BigInt(-shift);
  return reduce(n, d);
}

function gcd(a: bigint, b: bigint): bigint {
  a = a < 0n ? -a : a;
  while (b) [a, b] = [b, a % b];
  return a;
}

function reduce(n: bigint, d: bigint): Ratio {
  if (d < 0n) [n, d] = [-n, -d];
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
}

export const ratio = (n: bigint | number, d: bigint | number = 1n): Ratio => reduce(BigInt(n), BigInt(d));
export const sub = (a: Ratio, b: Ratio): Ratio => reduce(a.n * b.d - b.n * a.d, a.d * b.d);
export const abs = (a: Ratio): Ratio => ({ n: a.n < 0n ? -a.n : a.n, d: a.d });

/** a ÷ b; undefined when b is zero. */
export function div(a: Ratio, b: Ratio): Ratio | undefined {
  return b.n === 0n ? undefined : reduce(a.n * b.d, a.d * b.n);
}

/** −1, 0 or 1 as a is less than, equal to or greater than b. */
export function compare(a: Ratio, b: Ratio): -1 | 0 | 1 {
  const x = a.n * b.d - b.n * a.d;
  return x < 0n ? -1 : x > 0n ? 1 : 0;
}

/**
 * A rate as offices write it, rounded once, half away from zero, to one decimal of a percent, with no
 * ".0" (50%, 108.3%, 66.7%); negative rates take the minus sign U+2212 as other negative figures do.
 */
export function percentText(rate: Ratio): string {
  // Tenths of a percent: rate × 1000, rounded half away from zero.
  const scaled = rate.n * 1000n;
  const negative = scaled < 0n;
  const magnitude = negative ? -scaled : scaled;
  let tenths = magnitude / rate.d;
  if ((magnitude % rate.d) * 2n >= rate.d) tenths += 1n;
  const whole = tenths / 10n;
  const decimal = tenths % 10n;
  return `${negative && tenths > 0n ? '\u2212' : ''}${whole}${decimal ? `.${decimal}` : ''}%`;
}
