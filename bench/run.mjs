// npm run bench [-- --count N] [--jobs J] [--cold-runs K] [--pandoc-sample M] [--no-incremental] [--keep]
//
// Generates N varied specs (bench/specs.mjs), builds them all to DOCX and Markdown with the real CLI
// (a fresh process, no cache), and prints documents per second, milliseconds per document and peak
// RSS (with RSS samples through the run, to show whether it stays flat). Builds the same specs again
// to show what the incremental cache saves. Where pandoc is on PATH, converts the same Markdown files
// to DOCX with the same parallelism and prints the ratio. Then times cold single runs: plangen build
// of one plan, pandoc on its Markdown, and a bare `node -e 0`, the floor for any Node.js CLI.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSpecs } from './specs.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/plangen.js');
const PROBE = join(ROOT, 'bench/rss-probe.cjs');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const value = process.argv[i + 1];
  return value === undefined || value.startsWith('--') ? true : value;
}
const COUNT = Number(option('count', 1000));
const JOBS = Number(option('jobs', availableParallelism()));
const COLD_RUNS = Number(option('cold-runs', 9));
const PANDOC_SAMPLE = option('pandoc-sample', undefined);
const KEEP = Boolean(option('keep', false));
const INCREMENTAL = !option('no-incremental', false);

const work = mkdtempSync(join(tmpdir(), 'plangen-bench-'));
const specs = join(work, 'specs');
const out = join(work, 'out');

function timeRun(command, args, env = {}) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...env },
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  return { ms, status: run.status, stderr: run.stderr?.toString() ?? '' };
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

function onPath(program) {
  return spawnSync(program, ['--version'], { stdio: 'ignore' }).status === 0;
}

function files(dir, ext) {
  const found = [];
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (entry.name.endsWith(ext)) found.push(p);
    }
  };
  walk(dir);
  return found.sort();
}

/** Run `pandoc in.md -o in.pandoc.docx` over the files, `jobs` processes at a time. */
async function pandocBatch(mdFiles, jobs) {
  let next = 0;
  let failed = 0;
  const start = process.hrtime.bigint();
  const lane = async () => {
    while (next < mdFiles.length) {
      const file = mdFiles[next++];
      const code = await new Promise((done) =>
        spawn('pandoc', [file, '-o', `${file}.pandoc.docx`], { stdio: 'ignore' }).on('close', done),
      );
      if (code !== 0) failed++;
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return { ms: Number(process.hrtime.bigint() - start) / 1e6, failed };
}

const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;
const fmt = (n, digits = 1) => n.toFixed(digits);

console.log(
  `plangen bench: ${COUNT} specs, --jobs ${JOBS}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}`,
);
const generated = generateSpecs({ dir: specs, count: COUNT });
const bytes = files(specs, '.yaml').reduce((n, f) => n + statSync(f).size, 0);
console.log(
  `specs: ${generated.length} in ${relative(process.cwd(), specs) || specs} (${fmt(bytes / generated.length / 1024)} KB each on average)`,
);

// 1. The batch, cold: a fresh process, no cache.
const rssFile = join(work, 'rss.json');
const batch = timeRun(
  process.execPath,
  ['-r', PROBE, BIN, 'build', specs, '-o', out, '-f', 'docx,md', '--jobs', String(JOBS), '--no-cache', '-q'],
  { PLANGEN_BENCH_RSS: rssFile },
);
if (batch.status !== 0) {
  console.error(`plangen build failed (exit ${batch.status}):\n${batch.stderr.slice(0, 4000)}`);
  process.exit(1);
}
const rss = JSON.parse(readFileSync(rssFile, 'utf8'));
const built = files(out, '.docx').length;
const msPerDoc = batch.ms / built;
console.log('');
console.log(
  `plangen batch      ${built} documents (DOCX + Markdown) in ${fmt(batch.ms / 1000, 2)} s: ${fmt(1000 / msPerDoc)} docs/s, ${fmt(msPerDoc, 2)} ms/doc`,
);
const samples = rss.samples.map(([, r]) => r);
const quarter = (q) => samples[Math.min(samples.length - 1, Math.floor((samples.length - 1) * q))] ?? 0;
console.log(
  `  peak RSS         ${mb(rss.maxRssKb)}; RSS at 25/50/75/100% of the run: ${[0.25, 0.5, 0.75, 1].map((q) => mb(quarter(q) / 1024)).join(' / ')}`,
);

// 2. The same batch again, with the cache: a first run that fills it, then a run that finds all unchanged.
const cacheDir = join(work, 'cache');
if (INCREMENTAL) {
  const fill = timeRun(process.execPath, [
    BIN,
    'build',
    specs,
    '-o',
    join(work, 'out-cached'),
    '-f',
    'docx,md',
    '--jobs',
    String(JOBS),
    '--cache-dir',
    cacheDir,
    '-q',
  ]);
  const again = timeRun(process.execPath, [
    BIN,
    'build',
    specs,
    '-o',
    join(work, 'out-cached'),
    '-f',
    'docx,md',
    '--jobs',
    String(JOBS),
    '--cache-dir',
    cacheDir,
    '-q',
  ]);
  console.log(
    `incremental        first run ${fmt(fill.ms / 1000, 2)} s, second run (all unchanged) ${fmt(again.ms / 1000, 2)} s = ${fmt((100 * again.ms) / fill.ms)}% of the first`,
  );
}

// 3. pandoc on the same Markdown, same parallelism.
const hasPandoc = onPath('pandoc');
let pandocPerDoc;
if (hasPandoc) {
  let md = files(out, '.md');
  if (PANDOC_SAMPLE)
    md = md
      .filter((_, i) => i % Math.max(1, Math.floor(md.length / Number(PANDOC_SAMPLE))) === 0)
      .slice(0, Number(PANDOC_SAMPLE));
  const pandoc = await pandocBatch(md, JOBS);
  pandocPerDoc = pandoc.ms / md.length;
  console.log(
    `pandoc batch       ${md.length} Markdown → DOCX in ${fmt(pandoc.ms / 1000, 2)} s (${JOBS} at a time): ${fmt(1000 / pandocPerDoc)} docs/s, ${fmt(pandocPerDoc, 2)} ms/doc${pandoc.failed ? `, ${pandoc.failed} failed` : ''}`,
  );
  console.log(
    `  ratio            plangen is ${fmt(pandocPerDoc / msPerDoc)}× pandoc's throughput per document (target ≥ 20×)`,
  );
} else {
  console.log('pandoc batch       skipped: pandoc is not on PATH');
}

// 4. Cold single runs.
const one = generated.find((g) => !g.broken);
const oneSpec = join(specs, one.relative);
const oneMd = join(out, one.relative.replace(/\.yaml$/, '.md'));
const coldOut = join(work, 'cold');
const node0 = [];
const cold = [];
const coldCached = [];
const pandocCold = [];
for (let i = 0; i < COLD_RUNS; i++) {
  node0.push(timeRun(process.execPath, ['-e', '0']).ms);
  rmSync(coldOut, { recursive: true, force: true });
  cold.push(timeRun(process.execPath, [BIN, 'build', oneSpec, '-o', coldOut, '-f', 'docx,md', '--no-cache', '-q']).ms);
  coldCached.push(
    timeRun(process.execPath, [
      BIN,
      'build',
      oneSpec,
      '-o',
      join(work, 'out-cached-one'),
      '-f',
      'docx,md',
      '--cache-dir',
      join(work, 'cache-one'),
      '-q',
    ]).ms,
  );
  if (hasPandoc) pandocCold.push(timeRun('pandoc', [oneMd, '-o', join(work, 'cold-pandoc.docx')]).ms);
}
console.log('');
console.log(`cold, one plan     (median of ${COLD_RUNS})`);
console.log(`  node -e 0        ${fmt(median(node0))} ms`);
console.log(
  `  plangen build    ${fmt(median(cold))} ms = ${fmt(median(cold) / median(node0), 2)}× node -e 0 (target ≤ 2×)`,
);
console.log(`  … unchanged      ${fmt(median(coldCached.slice(1)))} ms (cache hit: the plan was built before)`);
if (hasPandoc) console.log(`  pandoc           ${fmt(median(pandocCold))} ms`);

if (KEEP) console.log(`\nkept ${work}`);
else rmSync(work, { recursive: true, force: true });
