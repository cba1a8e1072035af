import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The root of the installed plangen package, where package.json, presets/, templates/ and schema/ live:
 * two folders up from this module (src/core/package.ts under the test runner, dist/core/package.js installed).
 */
export const PACKAGE_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

let version: string | undefined;

/** plangen's version, from its package.json. */
export function packageVersion(): string {
  version ??= (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
  return version;
}
