import { createHash } from 'node:crypto';

export interface Shard {
  /** 1-based, as written on the command line. */
  index: number;
  count: number;
}

/** `2/3` → { shard: { index: 2, count: 3 } }; anything else → { error } saying what is expected. */
export function parseShard(value: string): { shard: Shard; error?: undefined } | { shard?: undefined; error: string } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = m ? Number(m[1]) : NaN;
  const count = m ? Number(m[2]) : NaN;
  if (!m || count < 1 || index < 1 || index > count || !Number.isSafeInteger(count)) {
    return { error: `--shard expects i/n with 1 ≤ i ≤ n, e.g. 1/3 (got "${value}")` };
  }
  return { shard: { index, count } };
}

/**
 * The shard (1-based) a relative path belongs to: a hash of the path, so the partition is stable — a
 * file stays in its shard when others are added or removed (each runner's cache stays warm) — and it
 * does not depend on the order, the machine or the time zone. Over i = 1…n every path is in exactly one.
 */
export function shardOf(relativePath: string, count: number): number {
  if (count <= 1) return 1;
  const digest = createHash('sha256').update(relativePath.normalize('NFC'), 'utf8').digest();
  // 48 bits, well inside a double: no bias worth the name for any shard count a CI matrix uses.
  return (digest.readUIntBE(0, 6) % count) + 1;
}

/** The items of one shard, keyed by each item's relative path. */
export function inShard<T>(items: readonly T[], shard: Shard | undefined, relativeOf: (item: T) => string): T[] {
  if (!shard) return [...items];
  return items.filter((item) => shardOf(relativeOf(item), shard.count) === shard.index);
}
