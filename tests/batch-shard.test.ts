import { describe, expect, it } from 'vitest';
import { inShard, parseShard, shardOf } from '../src/batch/shard.js';

const paths = Array.from({ length: 500 }, (_, i) => `unit-${i % 7}/计划-${String(i).padStart(4, '0')}.yaml`);

describe('--shard i/n', () => {
  it('parses i/n and returns an error for anything else', () => {
    expect(parseShard('2/3')).toEqual({ shard: { index: 2, count: 3 } });
    expect(parseShard(' 1 / 1 ')).toEqual({ shard: { index: 1, count: 1 } });
    for (const bad of ['0/3', '4/3', '3', 'a/b', '1/0', '-1/2', '1.5/3', ''])
      expect(parseShard(bad), bad).toEqual({ error: `--shard expects i/n with 1 ≤ i ≤ n, e.g. 1/3 (got "${bad}")` });
  });

  it('puts every input in exactly one shard, for any n', () => {
    for (let n = 1; n <= 9; n++) {
      const seen = new Map<string, number>();
      for (let i = 1; i <= n; i++)
        for (const p of inShard(paths, { index: i, count: n }, (x) => x)) seen.set(p, (seen.get(p) ?? 0) + 1);
      expect(seen.size).toBe(paths.length);
      expect([...seen.values()].every((c) => c === 1)).toBe(true);
    }
  });

  it('is stable: a path keeps its shard whatever the order and whatever other paths come and go', () => {
    const before = new Map(paths.map((p) => [p, shardOf(p, 4)]));
    const shuffled = [...paths]
      .reverse()
      .filter((_, i) => i % 3 !== 0)
      .concat(['new/plan.yaml', 'another.yaml']);
    const kept = shuffled.filter((p) => before.has(p));
    expect(kept).toHaveLength(shuffled.length - 2);
    for (const p of kept) expect(shardOf(p, 4)).toBe(before.get(p));
    expect(inShard(shuffled, { index: 2, count: 4 }, (x) => x).every((p) => shardOf(p, 4) === 2)).toBe(true);
  });

  it('spreads the inputs roughly evenly', () => {
    for (const n of [2, 3, 5]) {
      const sizes = Array.from({ length: n }, (_, i) => inShard(paths, { index: i + 1, count: n }, (x) => x).length);
      for (const size of sizes) expect(Math.abs(size - paths.length / n)).toBeLessThan(paths.length / n / 3);
    }
  });

  it('keeps the partition that the tests and CI rely on (a hash of the relative path, not of the machine)', () => {
    // Pinned: a change to the function would move files between CI runners' caches.
    expect(['a.yaml', 'plans/b.yaml', '计划/c.yml'].map((p) => shardOf(p, 3))).toEqual([2, 1, 1]);
    expect(shardOf('a.yaml', 1)).toBe(1);
  });
});
