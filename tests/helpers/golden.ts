import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { expect } from 'vitest';

/** `UPDATE_GOLDEN=1 npx vitest run …` rewrites the golden files from the current output; review the diff. */
export const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

/**
 * The output equals its golden file, both passed through `normalise` (e.g. parsed and re-printed as
 * XML). A missing golden file fails; with UPDATE_GOLDEN=1 it is (re)written first.
 */
export function expectGolden(actual: string, goldenPath: string, normalise: (text: string) => string = (t) => t): void {
  if (UPDATE_GOLDEN) {
    mkdirSync(dirname(goldenPath), { recursive: true });
    writeFileSync(goldenPath, normalise(actual));
  }
  expect(existsSync(goldenPath), `no golden file ${goldenPath}: run with UPDATE_GOLDEN=1 and review it`).toBe(true);
  expect(normalise(actual)).toBe(normalise(readFileSync(goldenPath, 'utf8')));
}
