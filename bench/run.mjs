// npm run bench [-- --sizes 300,1000,10000] [--jobs J] [--pairs P] [--cold-runs K] [--pandoc-sample M] [--keep]
//
// Issue #10's measurements, taken so that a noisy shared machine disturbs them as little as it can:
// plangen and pandoc run interleaved (A B A B …) and every ratio is computed within a pair, then the
// median over pairs is reported.
//
// 1. Batch, for each size: plangen builds N generated plans to DOCX + Markdown (a fresh process, no
//    build cache, --jobs J), then pandoc converts a sample of the same Markdown to DOCX with the same
//    parallelism; repeated `--pairs` times (fewer for 10,000). Per-document time (and CPU time of all
//    plangen's threads per document), the paired ratio, and plangen's peak RSS with samples at
//    25/50/75/100% of the run. A small batch runs first, so that the code caches of the command line and
//    of a worker exist, as they do for a user from their second run on.
//    Batches run without a build server (PLANGEN_SERVER=0), as in CI; for 1,000 plans or fewer each pair
//    also times the batch sent to a build server that is up (a developer's machine from its second
//    command on), reported on its own line.
// 2. Cold single runs, interleaved: `node -e 0`, `plangen build` (DOCX), `plangen build -f md`,
//    `plangen validate`, each without a build server (a new process loads plangen) and with one up
//    (src/cli/server), and pandoc on the plan's Markdown; each ratio paired within an iteration.
// The issue's targets are printed beside the figures, with the load average before and after.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
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
const SIZES = String(option('sizes', '300,1000,10000')).split(',').map(Number);
const JOBS = Number(option('jobs', availableParallelism()));
const PAIRS = Number(option('pairs', 3));
const COLD_RUNS = Number(option('cold-runs', 9));
const PANDOC_SAMPLE = Number(option('pandoc-sample', 200));
const KEEP = Boolean(option('keep', false));

const work = mkdtempSync(join(tmpdir(), 'plangen-bench-'));
// The code cache and the build cache of every run live here, not in the user's home; so does the
// socket of the build server, which runs only where a measurement asks for it (SERVED).
const ENV = { PLANGEN_CACHE_DIR: join(work, 'cache'), PLANGEN_SERVER: '0' };
const SERVED = { PLANGEN_SERVER: '1' };
const serverAllowed = !process.env.CI || process.env.CI === 'false' || process.env.CI === '0';
const load = () =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const fmt = (n, digits = 1) => n.toFixed(digits);
const mb = (bytes) => `${(bytes / 1048576).toFixed(0)} MB`;

function timeRun(command, args, env = {}) {
  const start = process.hrtime.bigint();
  const run = spawnSync(command, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...ENV, ...env },
    maxBuffer: 64 << 20,
  });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${run.status}): ${run.stderr}`);
  return ms;
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

/** `pandoc in.md -o in.docx` over the files, `jobs` processes at a time; ms per document. */
async function pandocBatch(mdFiles, jobs) {
  let next = 0;
  const start = process.hrtime.bigint();
  const lane = async () => {
    while (next < mdFiles.length) {
      const file = mdFiles[next++];
      await new Promise((done, fail) =>
        spawn('pandoc', [file, '-o', join(work, `pandoc-${next % 64}.docx`)], { stdio: 'ignore' }).on('close', (c) =>
          c === 0 ? done() : fail(new Error(`pandoc failed on ${file}`)),
        ),
      );
    }
  };
  await Promise.all(Array.from({ length: jobs }, lane));
  return Number(process.hrtime.bigint() - start) / 1e6 / mdFiles.length;
}

/** One plangen batch: ms per document and the RSS record. */
/** Starts the bench's build server (a first command starts it) and waits until it answers. */
function serverUp() {
  const status = () =>
    spawnSync(process.execPath, [BIN, 'server', 'status'], { env: { ...process.env, ...ENV } }).stdout.toString();
  if (status().startsWith('a build server')) return;
  timeRun(process.execPath, [BIN, 'validate', join(ROOT, 'examples/project-plan.yaml')], SERVED);
  const end = Date.now() + 60_000;
  while (!status().startsWith('a build server'))
    if (Date.now() > end) throw new Error('the build server did not start within 60 s');
}

/** The batch sent to the build server: wall time only (the work is in the server's process). */
function servedBatch(specs, out, count) {
  rmSync(out, { recursive: true, force: true });
  serverUp();
  const ms = timeRun(
    process.execPath,
    [BIN, 'build', specs, '-o', out, '-f', 'docx,md', '--jobs', String(JOBS), '--no-cache', '-q'],
    SERVED,
  );
  const built = files(out, '.docx').length;
  if (built !== count) throw new Error(`plangen (served) built ${built} of ${count}`);
  return ms / count;
}

function plangenBatch(specs, out, count) {
  rmSync(out, { recursive: true, force: true });
  const rssFile = join(work, 'rss.json');
  const ms = timeRun(
    process.execPath,
    ['-r', PROBE, BIN, 'build', specs, '-o', out, '-f', 'docx,md', '--jobs', String(JOBS), '--no-cache', '-q'],
    { PLANGEN_BENCH_RSS: rssFile },
  );
  const rss = JSON.parse(readFileSync(rssFile, 'utf8'));
  const built = files(out, '.docx').length;
  if (built !== count) throw new Error(`plangen built ${built} of ${count}`);
  return { perDoc: ms / count, ms, rss, cpuPerDoc: rss.cpuMs / count };
}

const hasPandoc = spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0;
console.log(
  `plangen bench: --jobs ${JOBS}, ${cpus().length} CPUs (${cpus()[0]?.model ?? '?'}), Node ${process.version}; load average ${load()}`,
);
if (!hasPandoc) console.log('pandoc is not on PATH: ratios to pandoc are left out');

// 1. Batches.
const warmUp = join(work, 'warm-up');
generateSpecs({ dir: warmUp, count: 60 });
plangenBatch(warmUp, join(work, 'warm-up-out'), 60);
const rows = [];
for (const count of SIZES) {
  const specs = join(work, `specs-${count}`);
  generateSpecs({ dir: specs, count });
  const kb = files(specs, '.yaml').reduce((n, f) => n + statSync(f).size, 0) / count / 1024;
  const out = join(work, `out-${count}`);
  const pairs = count >= 10000 ? 1 : PAIRS;
  const plangen = [];
  const cpu = [];
  const pandoc = [];
  const ratios = [];
  const served = [];
  const servedRatios = [];
  let rss;
  for (let p = 0; p < pairs; p++) {
    const servedPerDoc = serverAllowed && count <= 1000 ? servedBatch(specs, out, count) : undefined;
    if (servedPerDoc !== undefined) served.push(servedPerDoc);
    const run = plangenBatch(specs, out, count);
    plangen.push(run.perDoc);
    cpu.push(run.cpuPerDoc);
    rss = run.rss;
    if (hasPandoc) {
      const md = files(out, '.md');
      const step = Math.max(1, Math.floor(md.length / PANDOC_SAMPLE));
      // A different sample in each pair, spread over the whole set.
      const sample = md.filter((_, i) => i % step === p % step).slice(0, PANDOC_SAMPLE);
      const perDoc = await pandocBatch(sample, JOBS);
      pandoc.push(perDoc);
      ratios.push(perDoc / run.perDoc);
      if (servedPerDoc !== undefined) servedRatios.push(perDoc / servedPerDoc);
    }
  }
  const samples = rss.samples.map(([, r]) => r);
  const at = (q) => samples[Math.min(samples.length - 1, Math.max(0, Math.ceil(samples.length * q) - 1))] ?? 0;
  rows.push({
    count,
    kb,
    pairs,
    plangen: median(plangen),
    cpu: median(cpu),
    pandoc: hasPandoc ? median(pandoc) : undefined,
    ratio: hasPandoc ? median(ratios) : undefined,
    ratios,
    served: served.length ? median(served) : undefined,
    servedRatio: servedRatios.length ? median(servedRatios) : undefined,
    servedRatios,
    peak: rss.maxRssKb * 1024,
    quarters: [0.25, 0.5, 0.75, 1].map(at),
  });
  rmSync(out, { recursive: true, force: true });
  rmSync(specs, { recursive: true, force: true });
}

console.log('');
console.log('batch (DOCX + Markdown per plan; pandoc: Markdown → DOCX on a sample of the same plans)');
console.log(
  'plans   KB/plan  pairs  plangen ms/doc  (CPU ms/doc)  pandoc ms/doc  paired ratio (each pair)      peak RSS  RSS at 25/50/75/100%',
);
for (const r of rows) {
  console.log(
    `${String(r.count).padEnd(7)} ${fmt(r.kb).padStart(7)}  ${String(r.pairs).padStart(5)}  ${fmt(r.plangen, 2).padStart(14)}  ${fmt(r.cpu, 2).padStart(12)}  ${r.pandoc === undefined ? '—'.padStart(13) : fmt(r.pandoc, 1).padStart(13)}  ${r.ratio === undefined ? '—'.padEnd(28) : `${fmt(r.ratio)}× (${r.ratios.map((x) => fmt(x)).join(', ')})`.padEnd(28)}  ${mb(r.peak).padStart(8)}  ${r.quarters.map(mb).join(' / ')}`,
  );
}
console.log('targets: paired ratio ≥ 20× at 300 and at 1,000 plans; 10,000 plans peak RSS ≤ 300 MB and flat');
for (const r of rows.filter((row) => row.served !== undefined)) {
  console.log(
    `  the same ${r.count} plans sent to a build server that is up: ${fmt(r.served, 2)} ms/doc` +
      (r.servedRatio === undefined
        ? ''
        : `, paired ${fmt(r.servedRatio)}× pandoc (${r.servedRatios.map((x) => fmt(x)).join(', ')})`),
  );
}

// 2. Cold single runs.
const coldSpecs = join(work, 'cold');
const one = generateSpecs({ dir: coldSpecs, count: 1 })[0];
const oneSpec = join(coldSpecs, one.relative);
const coldOut = join(work, 'cold-out');
timeRun(process.execPath, [BIN, 'build', oneSpec, '-o', coldOut, '-f', 'md', '--no-cache', '-q']);
const oneMd = files(coldOut, '.md')[0];
// One run first, so the code cache exists, as it does for a user from their second run on.
timeRun(process.execPath, [BIN, 'build', oneSpec, '-o', coldOut, '--force', '-q']);
const modes = serverAllowed
  ? [
      ['', {}],
      [' (server up)', SERVED],
    ]
  : [['', {}]];
if (serverAllowed) serverUp();
const cold = { node: [], pandoc: [] };
const paired = {};
for (let i = 0; i < COLD_RUNS; i++) {
  const node = timeRun(process.execPath, ['-e', '0']);
  cold.node.push(node);
  for (const [mode, env] of modes) {
    const runs = {
      build: timeRun(process.execPath, [BIN, 'build', oneSpec, '-o', coldOut, '--force', '-q'], env),
      md: timeRun(process.execPath, [BIN, 'build', oneSpec, '-o', coldOut, '-f', 'md', '--force', '-q'], env),
      validate: timeRun(process.execPath, [BIN, 'validate', oneSpec], env),
    };
    for (const [command, ms] of Object.entries(runs)) {
      (cold[command + mode] ??= []).push(ms);
      (paired[command + mode] ??= []).push(ms / node);
    }
  }
  if (hasPandoc) cold.pandoc.push(timeRun('pandoc', [oneMd, '-o', join(work, 'cold-pandoc.docx')]));
}
console.log('');
console.log(`cold, one plan (${COLD_RUNS} interleaved iterations; medians; code cache present)`);
console.log(`  node -e 0                        ${fmt(median(cold.node))} ms`);
const targets = { build: ' (target ≤ 2×)', md: '', validate: ' (target ≤ 1.5×)' };
const labels = { build: 'plangen build', md: 'plangen build -f md', validate: 'plangen validate' };
for (const [mode] of modes) {
  for (const command of ['build', 'md', 'validate']) {
    const key = command + mode;
    const vsPandoc =
      hasPandoc && command !== 'validate' ? `, ${fmt(median(cold[key]) / median(cold.pandoc), 2)}× pandoc` : '';
    console.log(
      `  ${(labels[command] + mode).padEnd(31)}  ${fmt(median(cold[key]))} ms   paired ${fmt(median(paired[key]), 2)}× node -e 0${targets[command]}${vsPandoc}`,
    );
  }
}
if (!serverAllowed) console.log('  (CI is set: plangen starts no build server there, so no "server up" rows)');
if (hasPandoc) console.log(`  pandoc (one .md)                 ${fmt(median(cold.pandoc))} ms`);
console.log('');
console.log(`load average at the end: ${load()}`);

if (serverAllowed) spawnSync(process.execPath, [BIN, 'server', 'stop'], { env: { ...process.env, ...ENV } });
if (KEEP) console.log(`kept ${work}`);
else rmSync(work, { recursive: true, force: true });
