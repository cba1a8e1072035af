import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { afterEach, describe, expect, it } from 'vitest';
import { clearConfigCache } from '../src/config/project-config.js';
import { runCli, tempDir } from './helpers/cli.js';

const ROOT = join(import.meta.dirname, '..');
const FIXTURES = join(import.meta.dirname, 'fixtures/lint');
const SARIF_SCHEMA = join(import.meta.dirname, 'fixtures/sarif/sarif-schema-2.1.0.json');

const dirs: string[] = [];
function workspace(files: Record<string, string>): string {
  const dir = tempDir('plangen-lint-');
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}
afterEach(() => {
  clearConfigCache();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const FLAWED = 'title: 测试计划\nyear: 2026\ntasks:\n  - 配合xx市开展调研。\n  - 1、完善制度。\n';

describe('plangen lint', () => {
  it('prints path:line:col: warning: message with a hint, exits 0 on warnings and 1 with --strict', async () => {
    const cwd = workspace({ 'plan.yaml': FLAWED });
    const run = await runCli(['lint', 'plan.yaml'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('plan.yaml:4:7: warning: placeholder "xx" left in\n  hint: ');
    expect(run.stderr).toContain('plan.yaml:5:5: warning: numbering "1、" typed by hand');
    expect(run.stderr).toContain('1 plan linted: 0 errors, 2 warnings, 0 notes');
    expect((await runCli(['lint', '--strict', 'plan.yaml'], { cwd })).code).toBe(1);
  });

  it('an invalid plan is an error (exit 1); an unknown format is a usage error (exit 2)', async () => {
    const cwd = workspace({ 'plan.yaml': 'title: x\nyear: soon\n' });
    const run = await runCli(['lint', 'plan.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/plan\.yaml:2:7: error: year:/);
    expect((await runCli(['lint', '--format', 'xml', 'plan.yaml'], { cwd })).code).toBe(2);
  });

  it('--format json: per input, its diagnostics with rule id, location and hint', async () => {
    const cwd = workspace({ 'plan.yaml': FLAWED });
    const run = await runCli(['lint', '--format', 'json', 'plan.yaml'], { cwd });
    const report = JSON.parse(run.stdout);
    expect(report.warnings).toBe(2);
    expect(report.inputs[0].input).toBe('plan.yaml');
    expect(report.inputs[0].diagnostics[0]).toMatchObject({
      file: 'plan.yaml',
      line: 4,
      col: 7,
      severity: 'warning',
      code: 'lint/placeholder',
    });
    expect(report.inputs[0].diagnostics[0].hint).toBeTruthy();
  });

  it('--format sarif: a SARIF 2.1.0 log that validates against the OASIS schema, as code scanning needs', async () => {
    const cwd = tempDir('plangen-lint-');
    dirs.push(cwd);
    cpSync(FIXTURES, join(cwd, 'plans'), { recursive: true });
    const run = await runCli(['lint', '--format', 'sarif', 'plans'], { cwd });
    const log = JSON.parse(run.stdout);
    const schema = JSON.parse(readFileSync(SARIF_SCHEMA, 'utf8'));
    // The schema is draft-04 with `id`; ajv 8 reads it as draft-07 once `id` is `$id`
    // (it uses no keyword that changed meaning between the two drafts).
    const { $schema: _, id, ...rest } = schema;
    const validate = new Ajv({ strict: false, allErrors: true }).compile({ $id: id, ...rest });
    expect(validate(log), JSON.stringify(validate.errors?.slice(0, 3))).toBe(true);
    // What GitHub code scanning reads: a rule id, a message, a file and a start line for every result.
    const [sarifRun] = log.runs;
    expect(sarifRun.tool.driver.name).toBe('plangen');
    expect(sarifRun.results.length).toBeGreaterThan(30);
    for (const r of sarifRun.results) {
      expect(sarifRun.tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.message.text).toBeTruthy();
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(/^plans\/\w[\w-]*\.yaml$/);
      expect(r.locations[0].physicalLocation.region.startLine).toBeGreaterThan(0);
    }
    expect(sarifRun.results.find((r: { ruleId: string }) => r.ruleId === 'buried-target').level).toBe('note');
  });

  it('plangen.config.yaml above the plan re-grades rules and excludes files that are not plans', async () => {
    const cwd = workspace({
      'plangen.config.yaml': 'lint:\n  placeholder: error\n  hand-numbering: off\nbuild:\n  exclude: ["plans/ci/**"]\n',
      'plans/a/plan.yaml': FLAWED,
      'plans/ci/workflow.yml': 'on: push\njobs: {}\n',
    });
    const run = await runCli(['lint', 'plans'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('plans/a/plan.yaml:4:7: error: placeholder');
    expect(run.stderr).not.toContain('typed by hand');
    expect(run.stderr).not.toContain('workflow');
    // A file named on the command line is linted even when excluded: the user asked for it.
    expect((await runCli(['lint', 'plans/ci/workflow.yml'], { cwd })).stderr).toContain('workflow.yml');
  });

  it('a folder whose every plan plangen.config.yaml excludes is a usage error for lint and build, naming why', async () => {
    const cwd = workspace({
      'plangen.config.yaml': 'build:\n  exclude: ["plans/**"]\n',
      'plans/a.yaml': 'title: 甲计划\n',
    });
    for (const command of [['lint'], ['build', '-o', 'out', '--no-cache']]) {
      const run = await runCli([...command, 'plans'], { cwd });
      expect(run.code, run.stderr).toBe(2);
      expect(run.stderr).toContain('no plan matched: plans (all excluded by plangen.config.yaml)');
    }
    expect(existsSync(join(cwd, 'out'))).toBe(false);
  });

  it('a broken plangen.config.yaml is reported at its line', async () => {
    const cwd = workspace({ 'plangen.config.yaml': 'lint:\n  placeholdr: off\n', 'plan.yaml': FLAWED });
    const run = await runCli(['lint', 'plan.yaml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/plangen\.config\.yaml:2:3: error: .*placeholdr/);
  });
});

describe('plangen build runs lint', () => {
  it('prints the warnings, builds, and fails with --strict', async () => {
    const cwd = workspace({ 'plan.yaml': FLAWED });
    const run = await runCli(['build', 'plan.yaml', '-f', 'md', '--no-cache'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('plan.yaml:4:7: warning: placeholder "xx" left in');
    const strict = await runCli(['build', 'plan.yaml', '-f', 'md', '--no-cache', '--strict'], { cwd });
    expect(strict.code).toBe(1);
  });

  it('leaves advice (info) out of a build: a --strict build of a plan with only advice passes', async () => {
    const cwd = workspace({ 'plan.yaml': 'title: 测试计划\ngoals:\n  - 力争申报各类科技计划项目30项。\n' });
    const run = await runCli(['build', 'plan.yaml', '-f', 'md', '--no-cache', '--strict'], { cwd });
    expect(run.stderr).not.toContain('indicator');
    expect(run.code).toBe(0);
  });

  it('takes formats and output folder from plangen.config.yaml; flags win', async () => {
    const cwd = workspace({
      'plangen.config.yaml': 'build:\n  formats: [md]\n  outDir: dist\n',
      'plan.yaml': 'title: 测试计划\n',
    });
    expect((await runCli(['build', 'plan.yaml', '--no-cache'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'dist/plan.md'), 'utf8')).toContain('测试计划');
    expect((await runCli(['build', 'plan.yaml', '--no-cache', '-o', 'out', '-f', 'docx'], { cwd })).code).toBe(0);
    expect(readFileSync(join(cwd, 'out/plan.docx')).subarray(0, 2).toString()).toBe('PK');
  });

  it('`plangen build examples` in this repository skips the CI recipes (exclude in plangen.config.yaml)', async () => {
    const out = tempDir('plangen-examples-');
    dirs.push(out);
    const run = await runCli(['build', 'examples', '-f', 'md', '-o', out, '--no-cache', '--jobs', '1'], { cwd: ROOT });
    expect(run.stderr).not.toContain('ci/');
    expect(run.code).toBe(0);
  });
});

describe('the build cache and plangen.config.yaml', () => {
  it('a config below the working folder is part of each plan’s key: editing it rebuilds the plans under it', async () => {
    const cwd = workspace({
      'plans/a/plangen.config.yaml': 'lint:\n  placeholder: off\n',
      'plans/a/plan.yaml': FLAWED,
    });
    const build = () => runCli(['build', 'plans', '-o', 'out', '-f', 'md', '--cache-dir', 'cache'], { cwd });
    const first = await build();
    expect(first.code, first.stderr).toBe(0);
    expect(first.stderr).not.toContain('plangen.config.yaml'); // the config beside the plans is not one of them
    expect((await build()).stderr).toMatch(/unchanged/);
    writeFileSync(join(cwd, 'plans/a/plangen.config.yaml'), 'lint:\n  placeholder: error\n');
    const edited = await build();
    expect(edited.code, edited.stderr).toBe(1);
    expect(edited.stderr).toContain('plans/a/plan.yaml:4:7: error: placeholder');
  });
});
