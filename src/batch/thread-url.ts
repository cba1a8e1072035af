/**
 * A thread's script (worker.js, writer-thread.js) beside this module: dist/batch/ as tsc compiles it,
 * or dist/bundle/ in the bundle (scripts/bundle.mjs makes an entry of each). Under the test runner this
 * module is TypeScript in src/, and a thread cannot load that, so it points at the compiled copy.
 */
export function threadUrl(file: string): URL {
  const here = import.meta.url;
  if (/\/src\/batch\/[^/]+\.ts$/.test(here))
    return new URL(here.replace(/\/src\/batch\/[^/]+\.ts$/, `/dist/batch/${file}`));
  return new URL(`./${file}`, here);
}
