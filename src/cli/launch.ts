import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCachedScript } from '../io/code-cache.js';
import type { CliIO } from './io.js';

type Bundle = typeof import('./bundle-entry.js');

/**
 * What bin/plangen.js runs: the bundle (dist/bundle/cli.js) when it is there, compiled with a V8 code
 * cache; else the compiled modules (dist/cli/main.js). Anything wrong with the bundle's cache — missing,
 * stale, rejected by V8, unwritable — only costs the time the cache would have saved.
 */
export async function runMain(argv: string[], io: CliIO): Promise<number> {
  const hash = bundleHash();
  const folder = hash ? codeCacheFolder(argv, io.env) : undefined;
  const bundle = hash ? runCachedScript<Partial<Bundle>>(BUNDLE, folder && cacheFile(folder, 'cli', hash)) : undefined;
  if (typeof bundle?.exports.runMain !== 'function') return (await import('./main.js')).runMain(argv, io);
  bundle.exports.useWorkerCodeCache?.(folder && cacheFile(folder, 'worker', hash!));
  const code = await bundle.exports.runMain(argv, io);
  bundle.saveCache();
  return code;
}

const BUNDLE = fileURLToPath(new URL('../bundle/cli.js', import.meta.url));
const MANIFEST = fileURLToPath(new URL('../bundle/manifest.json', import.meta.url));

/** The hash of the bundle's code (scripts/bundle.mjs), or undefined without a bundle. */
function bundleHash(): string | undefined {
  try {
    const { hash } = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { hash?: unknown };
    return typeof hash === 'string' && /^[0-9a-f]+$/.test(hash) ? hash : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The code caches' folder: `code` in the build cache folder (--cache-dir, $PLANGEN_CACHE_DIR, else
 * ~/.cache/plangen). None with PLANGEN_CODE_CACHE=0. --no-cache leaves it on: it is about the build
 * cache (outputs known unchanged), and a CI batch run with it is where start-up costs the most; a code
 * cache holds plangen's own compiled code, keyed by its bundle, and changes no output.
 */
export function codeCacheFolder(argv: string[], env: NodeJS.ProcessEnv): string | undefined {
  if (env.PLANGEN_CODE_CACHE === '0') return undefined;
  const flag = argv.indexOf('--cache-dir');
  const folder =
    (flag >= 0 ? argv[flag + 1] : undefined) ??
    env.PLANGEN_CACHE_DIR ??
    join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plangen');
  return join(folder, 'code');
}

/** A bundle's code cache, keyed by Node's version, the architecture and the bundle's hash. */
export function cacheFile(folder: string, bundle: 'cli' | 'worker', hash: string): string {
  return join(folder, `${bundle}-${process.version}-${process.arch}-${hash}.bin`);
}
