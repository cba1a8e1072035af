import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../../src/pipeline.js';
import { e2eFolder, readersFor } from '../helpers/e2e.js';

/**
 * Word is stricter than LibreOffice, pandoc and mammoth: an element out of schema order makes it refuse
 * or "repair" a file. Every word/*.xml part of every example, preset and e2e test plan is validated
 * against the ISO/IEC 29500-4 transitional schemas with ../shared/ooxml-xsd/check.py (xmllint inside).
 * Skipped with a message where the checker or xmllint is missing; required under CI=true.
 */
const ROOT = join(import.meta.dirname, '../..');
const CHECK = join(ROOT, '../shared/ooxml-xsd/check.py');

const { missing, skip } = readersFor('OOXML schema check', [
  'python3',
  'xmllint',
  ...(existsSync(CHECK) ? [] : ['../shared/ooxml-xsd/check.py']),
]);

function yamlIn(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => join(dir, f));
}

const specs = [
  ...yamlIn(join(ROOT, 'examples')).map((path) => ({ name: `example-${basename(path, '.yaml')}`, path })),
  ...yamlIn(join(ROOT, 'presets')).map((path) => ({ name: `preset-${basename(path, '.yaml')}`, path })),
  ...yamlIn(join(import.meta.dirname, 'fixtures')).map((path) => ({ name: `test-${basename(path, '.yaml')}`, path })),
];

describe.skipIf(skip)('every generated DOCX validates against the OOXML schemas', () => {
  const dir = e2eFolder(skip, 'plangen-xsd-');

  it('has the checker it needs (required in CI)', () => expect(missing).toEqual([]));

  it(`${specs.length} examples, presets and test plans: zero schema problems`, async () => {
    expect(specs.length).toBeGreaterThan(20);
    const files: string[] = [];
    for (const spec of specs) {
      const result = await buildPlan(readFileSync(spec.path, 'utf8'), spec.path, { formats: ['docx'] });
      if (!result.outputs) throw new Error(`${spec.path} did not build: ${JSON.stringify(result.diagnostics)}`);
      const file = join(dir, `${spec.name}.docx`);
      writeFileSync(file, result.outputs[0].bytes);
      files.push(file);
    }
    // One checker run for all files; it prints one line per problem and exits 1 if there is any.
    let report: string;
    try {
      report = execFileSync('python3', [CHECK, ...files], { encoding: 'utf8', stdio: 'pipe' });
    } catch (error) {
      const e = error as { stdout?: string; stderr?: string };
      report = `${e.stdout ?? ''}${e.stderr ?? ''}`;
    }
    const problems = report.split('\n').filter((l) => l.includes('.docx: '));
    expect(problems).toEqual([]);
    expect(report).toContain(`${files.length} file(s), 0 problem(s)`);
  });
});
