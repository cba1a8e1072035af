import { mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BuildCache, inputKey, plangenFingerprint, runSalt, templatesFingerprint } from '../src/batch/cache.js';
import type { Diagnostic } from '../src/core/diagnostic.js';
import { writeFileAtomic } from '../src/io/atomic.js';
import { tempDir } from './helpers/cli.js';

/** What a batch does once the outputs are written: write the entry that remembers them. */
function record(cache: BuildCache, targets: string[], key: string, diagnostics: Diagnostic[] = []): void {
  const entry = cache.entry(
    targets,
    key,
    diagnostics,
    targets.map((t) => readFileSync(t)),
  );
  writeFileAtomic(entry.path, entry.bytes);
}

describe('build cache', () => {
  const setup = () => {
    const dir = tempDir();
    const out = join(dir, 'out');
    mkdirSync(out);
    const targets = [join(out, 'a.docx'), join(out, 'a.md')];
    for (const t of targets) writeFileSync(t, 'bytes');
    return { dir, cache: new BuildCache(join(dir, 'cache')), targets };
  };

  it('finds an entry only for the same key and outputs that are still as written', () => {
    const { cache, targets } = setup();
    const key = inputKey('salt', 'title: x\n');
    expect(cache.lookup(targets, key)).toBeUndefined();
    record(cache, targets, key, [
      { file: 'a.yaml', line: 1, col: 8, severity: 'warning', code: 'control-char', message: 'removed' },
    ]);
    expect(cache.lookup(targets, key)?.diagnostics).toHaveLength(1);
    expect(cache.lookup(targets, inputKey('salt', 'title: y\n'))).toBeUndefined();
    expect(cache.lookup(targets, inputKey('other salt', 'title: x\n'))).toBeUndefined();
    expect(cache.lookup([targets[0]], key)).toBeUndefined();
  });

  it('misses when an output was deleted or changed since', () => {
    const { cache, targets } = setup();
    const key = inputKey('s', 'spec');
    record(cache, targets, key);
    writeFileSync(targets[1], 'edited by hand');
    expect(cache.lookup(targets, key)).toBeUndefined();
    record(cache, targets, key);
    // Same size, other bytes.
    writeFileSync(targets[0], 'BYTES');
    expect(cache.lookup(targets, key)).toBeUndefined();
    // A restored cache (CI) gives the files new times: still a hit.
    writeFileSync(targets[0], 'bytes');
    utimesSync(targets[0], new Date(2001, 0, 1), new Date(2001, 0, 1));
    expect(cache.lookup(targets, key)).toBeDefined();
  });

  it('writes one small file per input, and survives a corrupt one', () => {
    const { cache, targets } = setup();
    record(cache, targets, 'k');
    const files = readdirSync(cache.dir);
    expect(files).toHaveLength(1);
    writeFileSync(join(cache.dir, files[0]), '{not json');
    expect(cache.lookup(targets, 'k')).toBeUndefined();
  });

  it('keys on the templates, the options and plangen itself', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'plan.hbs'), '# {{md title}}\n');
    const before = templatesFingerprint(join(dir, 'none'), dir);
    writeFileSync(join(dir, 'plan.hbs'), '# {{md title}}!\n');
    expect(templatesFingerprint(join(dir, 'none'), dir)).not.toBe(before);
    expect(runSalt({ formats: ['docx'] })).not.toBe(runSalt({ formats: ['docx', 'md'] }));
    expect(plangenFingerprint()).toMatch(/^[0-9a-f]{64}$/);
    expect(plangenFingerprint()).toBe(plangenFingerprint());
  });
});
