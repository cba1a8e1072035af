import { execFileSync } from 'node:child_process';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Compile src/ → dist/ once before any test: CLI tests run bin/plangen.js and worker threads load
 * compiled modules, so they must test the code as it is now, not an earlier build.
 */
export default function compile(): void {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  execFileSync(
    process.execPath,
    [resolve(root, 'node_modules/typescript/bin/tsc'), '-p', resolve(root, 'tsconfig.json')],
    { stdio: 'inherit' },
  );
}
