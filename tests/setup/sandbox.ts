import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * LibreOffice (the e2e tier) keeps its profile in ~/.config and ~/.cache and its scratch files in the
 * temp folder: not a test's leftovers. Ours are ~/.cache/plangen, anything else in the home folder, and
 * plangen-* folders in the temp folder.
 */
function leftovers(home: string, temp: string): string[] {
  const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
  return [
    ...list(home)
      .filter((f) => f !== '.cache' && f !== '.config')
      .map((f) => `~/${f}`),
    ...(existsSync(join(home, '.cache', 'plangen')) ? ['~/.cache/plangen'] : []),
    ...list(temp)
      .filter((f) => f.startsWith('plangen-'))
      .map((f) => join(temp, f)),
  ];
}

/**
 * Every test run gets one folder of its own, as the temp folder (TMPDIR) and the home folder (HOME) of
 * the test processes and of the programs they start: a test can never write into the user's home
 * (~/.cache/plangen) or leave folders in the real /tmp. At the end the run fails if a test left
 * anything behind in either (tests remove their temp folders; CLI tests set the cache folder), and
 * the folder is removed.
 *
 * Every tier lists this setup, and all tiers' setups run in the one vitest process, sharing its
 * environment: the first makes the sandbox and the others use it (a sandbox per tier would nest, and
 * the tiers' tests would write into whichever was made last).
 */
export default function sandbox(): () => void {
  if (process.env.PLANGEN_TEST_SANDBOX) return () => {};
  const root = mkdtempSync(join(tmpdir(), 'plangen-test-run-'));
  const home = join(root, 'home');
  const temp = join(root, 'tmp');
  mkdirSync(home);
  mkdirSync(temp);
  const saved = {
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
    PLANGEN_SERVER: process.env.PLANGEN_SERVER,
  };
  process.env.PLANGEN_TEST_SANDBOX = root;
  // No test leaves a build server behind (src/cli/server); tests/process/server.test.ts starts its own.
  process.env.PLANGEN_SERVER = '0';
  process.env.HOME = home;
  process.env.TMPDIR = temp;
  delete process.env.XDG_CACHE_HOME;
  return () => {
    const left = leftovers(home, temp);
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    delete process.env.PLANGEN_TEST_SANDBOX;
    rmSync(root, { recursive: true, force: true });
    if (left.length) throw new Error(`tests left files behind in the temp or home folder: ${left.join(', ')}`);
  };
}
