import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * plangen's cache folder: the build cache, and in it `code` (the V8 code caches), `frames` (DOCX
 * frames) and `server` (the build server's socket). It lives outside the user's tree unless they say
 * where (CI caches a folder it names): --cache-dir, else $PLANGEN_CACHE_DIR, else the user's cache
 * folder ($XDG_CACHE_HOME or ~/.cache; %LOCALAPPDATA% on Windows). Build cache entries are named by
 * absolute output paths, so projects never share one.
 */
export function cacheFolder(flag: string | undefined, env: NodeJS.ProcessEnv, cwd: string): string {
  if (flag) return resolve(cwd, flag);
  if (env.PLANGEN_CACHE_DIR) return resolve(cwd, env.PLANGEN_CACHE_DIR);
  if (env.XDG_CACHE_HOME) return join(resolve(cwd, env.XDG_CACHE_HOME), 'plangen');
  if (process.platform === 'win32' && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, 'plangen', 'Cache');
  return join(env.HOME ?? homedir(), '.cache', 'plangen');
}

/** The cache folder of a whole command line, read before commander does (`--cache-dir DIR` or `=DIR`). */
export function cacheRoot(argv: readonly string[], env: NodeJS.ProcessEnv, cwd: string): string {
  const flag = argv.indexOf('--cache-dir');
  const joined = argv.find((arg) => arg.startsWith('--cache-dir='));
  return cacheFolder(flag >= 0 ? argv[flag + 1] : joined?.slice('--cache-dir='.length), env, cwd);
}
