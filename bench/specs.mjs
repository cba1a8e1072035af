// Generates varied plan specs for the benchmark and the batch tests: every example, preset and seed
// structure the repository holds, each resized at random (lists shortened or lengthened), with its
// titles and texts made unique. Deterministic for a given seed.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The specs the generator varies: examples/*.yaml, presets/*.yaml, tests/fixtures/seeds/<case>/spec.yaml. */
export function seedSpecs(root = ROOT) {
  const found = [];
  const addFolder = (folder) => {
    if (!existsSync(folder)) return;
    for (const name of readdirSync(folder).sort()) {
      if (/\.ya?ml$/.test(name)) found.push(join(folder, name));
    }
  };
  addFolder(join(root, 'examples'));
  addFolder(join(root, 'presets'));
  const seeds = join(root, 'tests/fixtures/seeds');
  if (existsSync(seeds)) {
    for (const name of readdirSync(seeds).sort()) {
      const spec = join(seeds, name, 'spec.yaml');
      if (existsSync(spec)) found.push(spec);
    }
  }
  return found
    .map((path) => {
      try {
        const data = parse(readFileSync(path, 'utf8'));
        return data && typeof data === 'object' && typeof data.title === 'string' ? { path, data } : undefined;
      } catch {
        return undefined;
      }
    })
    .filter(Boolean);
}

/** mulberry32: a small deterministic PRNG. */
export function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const LIST_KEYS = new Set([
  'items',
  'rows',
  'stages',
  'goals',
  'tasks',
  'measures',
  'indicators',
  'schedule',
  'attachments',
  'sections',
]);

/** A copy of a spec whose lists are resized (×0.3 to ×3) and whose texts carry a variant mark. */
function vary(value, rnd, mark, key = '') {
  if (Array.isArray(value)) {
    if (!LIST_KEYS.has(key) || value.length === 0) return value.map((v) => vary(v, rnd, mark));
    const factor = 0.3 + rnd() * 2.7;
    const length = Math.max(1, Math.min(40, Math.round(value.length * factor)));
    return Array.from({ length }, (_, i) => {
      const item = vary(value[i % value.length], rnd, mark);
      return i < value.length ? item : suffix(item, `（${Math.floor(i / value.length) + 1}）`);
    });
  }
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === 'date' ||
        k === 'due' ||
        k === 'from' ||
        k === 'to' ||
        k === 'after' ||
        k === 'numbering' ||
        k === 'lang' ||
        k === 'style'
          ? v
          : vary(v, rnd, mark, k),
      ]),
    );
  }
  return value;
}

function suffix(item, mark) {
  if (typeof item === 'string') return `${item}${mark}`;
  if (item && typeof item === 'object') {
    for (const field of ['title', 'text', 'name', 'stage', 'heading']) {
      if (typeof item[field] === 'string') return { ...item, [field]: `${item[field]}${mark}` };
    }
  }
  return item;
}

/** Broken specs, each with the diagnostic it must give (line:col). */
export const BROKEN = [
  { text: 'title: 某单位2026年工作计划\nyear: 明年\n', where: '2:7', message: 'year' },
  {
    text: 'title: 某单位2026年工作计划\ngoals:\n  - text: 完成任务\n    taget: 3\n',
    where: '4:5',
    message: 'unknown key "taget"',
  },
  { text: 'title: 某单位2026年工作计划\ngoals:\n  - 目标一\n - 目标二\n', where: '4:2', message: 'indentation' },
  { text: 'title: 某单位2026年工作计划\nlang: fr\n', where: '2:7', message: 'lang' },
  { text: 'title: 某单位2026年工作计划\ndate: 2026-02-30\n', where: '2:7', message: 'date' },
];

/**
 * Write `count` specs under `dir` (in ten sub-folders, as a repository of units would hold them).
 * `broken` of them, at random places, are invalid. Returns the relative paths, with which are broken.
 */
export function generateSpecs({ dir, count = 1000, seed = 2026, broken = 0, root = ROOT }) {
  const seeds = seedSpecs(root);
  if (seeds.length === 0) throw new Error('no example, preset or seed spec to vary');
  const rnd = random(seed);
  const brokenAt = new Set();
  while (brokenAt.size < Math.min(broken, count)) brokenAt.add(Math.floor(rnd() * count));
  const written = [];
  for (let i = 0; i < count; i++) {
    const relative = `unit-${String(i % 10).padStart(2, '0')}/plan-${String(i).padStart(5, '0')}.yaml`;
    const path = join(dir, relative);
    mkdirSync(dirname(path), { recursive: true });
    if (brokenAt.has(i)) {
      const b = BROKEN[written.filter((w) => w.broken).length % BROKEN.length];
      writeFileSync(path, b.text);
      written.push({ relative, broken: b });
      continue;
    }
    const base = seeds[i % seeds.length].data;
    const spec = vary(base, rnd, i);
    spec.title = `${base.title}（${i + 1}）`;
    writeFileSync(path, stringify(spec, { lineWidth: 0 }));
    written.push({ relative, broken: undefined });
  }
  return written;
}

// `node bench/specs.mjs DIR [COUNT] [BROKEN]`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const [dir, count, broken] = process.argv.slice(2);
  if (!dir) {
    console.error('usage: node bench/specs.mjs DIR [COUNT] [BROKEN]');
    process.exit(2);
  }
  const written = generateSpecs({
    dir: resolve(dir),
    count: count ? Number(count) : 1000,
    broken: broken ? Number(broken) : 0,
  });
  console.log(`${written.length} specs in ${dir}`);
}
