import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

const BIN = resolve(import.meta.dirname, '../../bin/plangen.js');
const ROOT = resolve(import.meta.dirname, '../..');
const dir = tempDir();
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function build(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [BIN, 'build', ...args, '-q'], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CI: 'true', PLANGEN_CACHE_DIR: join(dir, 'env-cache'), ...env },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
}

describe('DOCX frames kept in the cache folder (a CLI run in a process of its own)', () => {
  it('are written by the first run and give the next run the same bytes; PLANGEN_CODE_CACHE=0 keeps none', () => {
    const cache = join(dir, 'cache');
    const examples = ['examples/tech-bureau-annual.yaml', 'examples/tech-bureau-notice.yaml'];
    build([...examples, '-o', join(dir, 'first'), '--cache-dir', cache, '--no-cache']);
    // One frame each: the official plan and the notice, whose 版记 is a section of its own.
    expect(readdirSync(join(cache, 'frames')).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    build([...examples, '-o', join(dir, 'second'), '--cache-dir', cache, '--no-cache']);
    for (const name of ['tech-bureau-annual.docx', 'tech-bureau-notice.docx'])
      expect(readFileSync(join(dir, 'second', name)).equals(readFileSync(join(dir, 'first', name))), name).toBe(true);

    build([examples[0], '-o', join(dir, 'third')], { PLANGEN_CODE_CACHE: '0' });
    expect(existsSync(join(dir, 'env-cache', 'frames'))).toBe(false);
    expect(
      readFileSync(join(dir, 'third', 'tech-bureau-annual.docx')).equals(
        readFileSync(join(dir, 'first', 'tech-bureau-annual.docx')),
      ),
    ).toBe(true);
  });
});
