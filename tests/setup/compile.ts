import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Compile src/ → dist/ once before the process and e2e tiers: they run bin/plangen.js, and worker
 * threads load compiled modules, so they must test the code as it is now, not an earlier build. (The
 * fast tier runs the TypeScript sources in-process and needs no build.)
 */
export default function compile(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', resolve(root, 'tsconfig.json')],
    { stdio: 'inherit' },
  );
  // …and the bundle bin/plangen.js runs (tests/process/bundle.test.ts).
  execFileSync(process.execPath, [resolve(root, 'scripts/bundle.mjs')], { stdio: 'inherit' });
}
