import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import type { CliIO } from './io.js';

type RunMain = (argv: string[], io: CliIO) => Promise<number>;

/**
 * What bin/plangen.js runs: the bundle (dist/bundle/cli.js) when it is there, compiled with a V8 code
 * cache; else the compiled modules (dist/cli/main.js). Anything wrong with the bundle's cache — missing,
 * stale, rejected by V8, unwritable — only costs the time the cache would have saved.
 */
export async function runMain(argv: string[], io: CliIO): Promise<number> {
  const bundle = loadBundle(argv, io.env);
  if (!bundle) return (await import('./main.js')).runMain(argv, io);
  const code = await bundle.runMain(argv, io);
  bundle.saveCache();
  return code;
}

const BUNDLE = fileURLToPath(new URL('../bundle/cli.js', import.meta.url));
const MANIFEST = fileURLToPath(new URL('../bundle/manifest.json', import.meta.url));

/**
 * The code cache's file: in the build cache folder (--cache-dir, $PLANGEN_CACHE_DIR, else
 * ~/.cache/plangen), keyed by Node's version, the architecture and the bundle's hash. None with
 * --no-cache or PLANGEN_CODE_CACHE=0.
 */
export function codeCachePath(argv: string[], env: NodeJS.ProcessEnv, bundleHash: string): string | undefined {
  if (argv.includes('--no-cache') || env.PLANGEN_CODE_CACHE === '0') return undefined;
  const flag = argv.indexOf('--cache-dir');
  const folder =
    (flag >= 0 ? argv[flag + 1] : undefined) ??
    env.PLANGEN_CACHE_DIR ??
    join(env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'plangen');
  return join(folder, 'code', `cli-${process.version}-${process.arch}-${bundleHash}.bin`);
}

function loadBundle(argv: string[], env: NodeJS.ProcessEnv): { runMain: RunMain; saveCache(): void } | undefined {
  let source: string;
  let hash: string;
  try {
    source = readFileSync(BUNDLE, 'utf8');
    hash = (JSON.parse(readFileSync(MANIFEST, 'utf8')) as { hash: string }).hash;
  } catch {
    return undefined;
  }
  const cacheFile = /^[0-9a-f]+$/.test(hash) ? codeCachePath(argv, env, hash) : undefined;
  let cachedData: Buffer | undefined;
  if (cacheFile) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // first run, or the cache was cleared
    }
  }
  let script: Script;
  const module = { exports: {} as { runMain?: RunMain } };
  try {
    script = new Script(Module.wrap(source), { filename: BUNDLE, cachedData });
    (script.runInThisContext() as (...args: unknown[]) => void).call(
      module.exports,
      module.exports,
      createRequire(BUNDLE),
      module,
      BUNDLE,
      dirname(BUNDLE),
    );
  } catch {
    return undefined; // a broken bundle: the compiled modules still work
  }
  const runMain = module.exports.runMain;
  if (typeof runMain !== 'function') return undefined;
  const fresh = cachedData === undefined || script.cachedDataRejected === true;
  return {
    runMain,
    saveCache() {
      if (!cacheFile || !fresh) return;
      // Made after the run, so it holds the functions this run compiled; written atomically.
      const temp = `${cacheFile}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(cacheFile), { recursive: true });
        writeFileSync(temp, script.createCachedData());
        renameSync(temp, cacheFile);
      } catch {
        rmSync(temp, { force: true });
      }
    },
  };
}
