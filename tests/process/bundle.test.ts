import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LAST_CORE_MIN_TASKS } from '../../src/batch/pool.js';
import { cacheFile, cachedCommand, codeCacheFolder } from '../../src/cli/launch.js';
import { buildPlan } from '../../src/pipeline.js';
import { tempDir } from '../helpers/cli.js';

// Unit tests run the sources; this runs what users run: bin/plangen.js over the bundle that `prepare`
// (npm ci) and `npm run build` make in dist/bundle (and tests/setup/compile.ts before this tier), with
// its V8 code cache.
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plangen.js');
const EXAMPLE = join(ROOT, 'examples/city-tech-bureau.yaml');
const dir = tempDir();
const cacheDir = join(dir, 'cache');

function plangen(args: string[], env: NodeJS.ProcessEnv = {}) {
  const run = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, PLANGEN_CACHE_DIR: cacheDir, NO_COLOR: '1', CI: 'true', ...env },
  });
  return { code: run.status, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}
const codeCacheFiles = () => (existsSync(join(cacheDir, 'code')) ? readdirSync(join(cacheDir, 'code')) : []);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the bundled command line (smoke test)', () => {
  it('builds the same bytes as the sources, cold and with its code cache, and survives a corrupt cache', async () => {
    const reference = await buildPlan(readFileSync(EXAMPLE, 'utf8'), EXAMPLE, { formats: ['docx', 'md'] });
    const [docx, md] = reference.outputs!.map((o) => Buffer.from(o.bytes));
    for (const [run, out] of [
      ['first (writes the code cache)', 'a'],
      ['second (reads it)', 'b'],
      ['corrupt cache', 'c'],
    ]) {
      if (out === 'c') for (const f of codeCacheFiles()) writeFileSync(join(cacheDir, 'code', f), 'not a code cache');
      const result = plangen(['build', EXAMPLE, '-o', out, '-f', 'docx,md', '--force', '-q']);
      expect(result.stderr, run).toBe('');
      expect(result.code, run).toBe(0);
      expect(readFileSync(join(dir, out, 'city-tech-bureau.docx')).equals(docx), run).toBe(true);
      expect(readFileSync(join(dir, out, 'city-tech-bureau.md')).equals(md), run).toBe(true);
      expect(codeCacheFiles(), run).toEqual([
        expect.stringMatching(new RegExp(`^cli-build-${process.version}-${process.arch}-[0-9a-f]+\\.bin$`)),
      ]);
    }
    // The corrupt cache was rejected and written again.
    expect(readFileSync(join(cacheDir, 'code', codeCacheFiles()[0])).length).toBeGreaterThan(1000);
  }, 120_000);

  it('keeps a code cache per command: a build after --version does not take the cache --version wrote', () => {
    const own = join(dir, 'per-command');
    const files = () => readdirSync(join(own, 'code')).sort();
    const sizeOf = (prefix: string) =>
      readFileSync(
        join(
          own,
          'code',
          files().find((f) => f.startsWith(prefix))!,
        ),
      ).length;
    expect(plangen(['--version'], { PLANGEN_CACHE_DIR: own }).code).toBe(0);
    expect(plangen(['build', EXAMPLE, '-o', 'per-command', '--force', '-q'], { PLANGEN_CACHE_DIR: own }).code).toBe(0);
    expect(plangen(['validate', EXAMPLE], { PLANGEN_CACHE_DIR: own }).code).toBe(0);
    expect(files().map((f) => f.replace(/-v[\d.]+-.*$/, ''))).toEqual(['cli-build', 'cli-other', 'cli-validate']);
    // What each holds is what its command compiled: a build compiles several times what --version does.
    expect(sizeOf('cli-build')).toBeGreaterThan(2 * sizeOf('cli-other'));
    expect(sizeOf('cli-build')).toBeGreaterThan(sizeOf('cli-validate'));
    expect(cachedCommand(['--cache-dir', 'c', 'build', 'x'])).toBe('other');
    expect(cachedCommand(['../../etc', 'x'])).toBe('other');
  });

  it('writes what the sources write for every example (its built-in templates are precompiled)', async () => {
    // Every built-in template text is in the bundle precompiled (a Handlebars specification names its compiler).
    const texts = new Set(
      ['common', 'zh-CN', 'en'].flatMap((folder) =>
        readdirSync(join(ROOT, 'templates', folder))
          .filter((n) => n.endsWith('.hbs'))
          .map((n) => readFileSync(join(ROOT, 'templates', folder, n), 'utf8')),
      ),
    );
    const specs = readFileSync(join(ROOT, 'dist/bundle/cli.js'), 'utf8').match(/compiler:\[8,">= 4\.3\.0"\]/g);
    expect(specs?.length).toBe(texts.size);
    const examples = readdirSync(join(ROOT, 'examples')).filter((n) => n.endsWith('.yaml'));
    const result = plangen(['build', join(ROOT, 'examples'), '-o', 'examples', '-f', 'md', '--no-cache', '-q']);
    expect(result.stderr).toBe('');
    for (const name of examples) {
      const path = join(ROOT, 'examples', name);
      const reference = await buildPlan(readFileSync(path, 'utf8'), path, { formats: ['md'] });
      const built = readFileSync(join(dir, 'examples', name.replace(/\.yaml$/, '.md')));
      expect(built.equals(Buffer.from(reference.outputs![0].bytes)), name).toBe(true);
    }
  }, 120_000);

  it('validates, and starts its batch workers from the bundle, with their own code cache', () => {
    expect(plangen(['validate', EXAMPLE]).code).toBe(0);
    mkdirSync(join(dir, 'plans'));
    // Enough plans to start a worker on two lanes whatever the machine's cores (pool.ts).
    const count = LAST_CORE_MIN_TASKS * 2;
    for (let i = 0; i < count; i++)
      writeFileSync(join(dir, `plans/p${i}.yaml`), `title: 第${i}个计划\nyear: 2026\ngoals:\n  - 目标${i}\n`);
    const workerCache = () => codeCacheFiles().filter((f) => f.startsWith('worker-'));
    const outputs = (out: string) =>
      readdirSync(join(dir, out))
        .sort()
        .map((name) => readFileSync(join(dir, out, name)));
    // A wrong worker path would fail the plans the worker took.
    // The first run writes the worker's code cache (--no-cache is about the build cache), the second
    // reads it, the third finds it corrupt and writes it again: the same files every time.
    for (const [run, out] of [
      ['first', 'batch-a'],
      ['second', 'batch-b'],
      ['corrupt worker cache', 'batch-c'],
    ]) {
      if (out === 'batch-c') writeFileSync(join(cacheDir, 'code', workerCache()[0]), 'not a code cache');
      const batch = plangen(['build', 'plans', '-o', out, '--jobs', '2', '--no-cache', '-q']);
      expect(batch.stderr, run).toBe('');
      expect(batch.code, run).toBe(0);
      expect(readdirSync(join(dir, out)).length, run).toBe(count);
      expect(workerCache(), run).toEqual([expect.stringMatching(/^worker-v[\d.]+-\w+-[0-9a-f]+\.bin$/)]);
      expect(readFileSync(join(cacheDir, 'code', workerCache()[0])).length, run).toBeGreaterThan(1000);
      if (out !== 'batch-a') expect(outputs(out), run).toEqual(outputs('batch-a'));
    }
  }, 120_000);

  it('builds all the same when its cache folder cannot be made (a file stands in the way)', () => {
    writeFileSync(join(dir, 'a-file'), '');
    // Before, saving the code cache there threw ENOTDIR after the build: a stack trace and exit 1.
    const result = plangen([
      'build',
      EXAMPLE,
      '-o',
      'blocked',
      '--force',
      '-q',
      '--cache-dir',
      join(dir, 'a-file', 'cache'),
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(existsSync(join(dir, 'blocked', 'city-tech-bureau.docx'))).toBe(true);
  });

  it('is ASCII, as the launcher reads it (Latin-1), and loads no module from node_modules at run time', () => {
    for (const name of ['cli.js', 'worker-main.js', 'worker.js', 'launch.js']) {
      const bytes = readFileSync(join(ROOT, 'dist/bundle', name));
      expect(
        bytes.findIndex((b) => b > 0x7f),
        name,
      ).toBe(-1);
    }
    // fdir's optional picomatch, left out by scripts/bundle.mjs (a require from node_modules, uncached).
    expect(readFileSync(join(ROOT, 'dist/bundle/cli.js'), 'latin1')).not.toMatch(/require\("picomatch"\)/);
    // Named files only: validating or building one neither globs nor spawns.
    const run = spawnSync(
      process.execPath,
      [
        '-e',
        `const M=require('module');const seen=[];const load=M._load;M._load=function(r,...a){seen.push(r);return load.call(this,r,...a)};process.on('exit',()=>console.log(JSON.stringify(seen)));require(${JSON.stringify(BIN)})`,
        'validate',
        EXAMPLE,
      ],
      { cwd: dir, env: { ...process.env, PLANGEN_CACHE_DIR: cacheDir, PLANGEN_SERVER: '0' } },
    );
    const loaded = JSON.parse(run.stdout.toString().trim().split('\n').pop()!) as string[];
    const dependencies = Object.keys(
      (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: object }).dependencies,
    );
    expect(loaded.filter((request) => [...dependencies, 'picomatch'].includes(request))).toEqual([]);
    expect(loaded).toContain('node:fs'); // the hook saw the loads
    expect(loaded).not.toContain('node:child_process');
    expect(loaded).not.toContain('node:net');
    expect(loaded).not.toContain('node:readline');
  });

  it('writes no code cache with PLANGEN_CODE_CACHE=0; --cache-dir moves it', () => {
    expect(codeCacheFolder(['build', 'x'], { PLANGEN_CODE_CACHE: '0' })).toBeUndefined();
    expect(codeCacheFolder(['build', 'x', '--no-cache', '--cache-dir', '/c'], {})).toBe(join('/c', 'code'));
    expect(cacheFile('/c', 'worker', 'ab')).toBe(join('/c', `worker-${process.version}-${process.arch}-ab.bin`));
  });
});
