import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every test run gets a folder of its own, as the temp folder (TMPDIR) and the home folder (HOME) of
 * the test processes and of the programs they start: a test can never write into the user's home
 * (~/.cache/plangen) or leave folders in the real /tmp. At the end the run fails if a test left
 * anything behind in either (tests remove their temp folders; CLI tests set the cache folder), and
 * the folder is removed. (The e2e tier is not held to it: LibreOffice writes its profile under HOME.)
 */
export default function sandbox(project: { name: string }): () => void {
  // The e2e tier starts LibreOffice, which keeps its profile in the home folder: not a test's leftover.
  const strict = project.name !== 'e2e';
  // Each tier's setup runs in the one vitest process: without this, the second tier's sandbox would be made
  // inside the first's (and removed with it before its own teardown).
  const realTemp = (process.env.PLANGEN_REAL_TMPDIR ??= tmpdir());
  const root = mkdtempSync(join(realTemp, 'plangen-test-run-'));
  const home = join(root, 'home');
  const temp = join(root, 'tmp');
  mkdirSync(home);
  mkdirSync(temp);
  const saved = { HOME: process.env.HOME, TMPDIR: process.env.TMPDIR, XDG_CACHE_HOME: process.env.XDG_CACHE_HOME };
  process.env.HOME = home;
  process.env.TMPDIR = temp;
  delete process.env.XDG_CACHE_HOME;
  return () => {
    const list = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);
    const left = [...list(home).map((f) => `~/${f}`), ...list(temp).map((f) => join(temp, f))];
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    rmSync(root, { recursive: true, force: true });
    if (strict && left.length)
      throw new Error(`tests left files behind in the temp or home folder: ${left.join(', ')}`);
  };
}
