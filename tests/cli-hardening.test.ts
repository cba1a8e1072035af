import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:net';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BuildCache } from '../src/batch/cache.js';
import { runMain } from '../src/cli/main.js';
import { writeFilesAtomic } from '../src/io/atomic.js';
import { runCli, tempDir } from './helpers/cli.js';

const PLAN = 'title: 甲计划\n';

function workspace(): string {
  const dir = tempDir();
  writeFileSync(join(dir, 'plan.yaml'), PLAN);
  return dir;
}

const build = (dir: string, ...args: string[]) => runCli(['build', ...args, '--no-cache'], { cwd: dir });

describe('never overwrite what is not an output', () => {
  it.each([
    ['an input', ['plan.yaml', '--junit', 'plan.yaml'], /is an input of this build/],
    ['an output', ['plan.yaml', '-f', 'docx,md', '--junit', 'plan.md'], /is an output of this build/],
    ['an input of the batch', ['.', '--junit', 'other.yaml'], /is an input of this build/],
    ['a file that is not a JUnit report', ['plan.yaml', '--junit', 'notes.txt'], /not a JUnit report/],
    ['a symbolic link', ['plan.yaml', '--junit', 'link.xml'], /symbolic link/],
    ['a socket', ['plan.yaml', '--junit', 'socket'], /a device, a pipe or a socket/],
    ['a folder', ['plan.yaml', '--junit', 'sub'], /a folder/],
  ])('--junit naming %s is refused (exit 2) before anything is written', async (_name, args, message) => {
    const dir = workspace();
    writeFileSync(join(dir, 'other.yaml'), 'title: 乙\n');
    writeFileSync(join(dir, 'notes.txt'), '我的笔记');
    symlinkSync(join(dir, 'notes.txt'), join(dir, 'link.xml'));
    mkdirSync(join(dir, 'sub'));
    // A Unix socket path holds at most 107 bytes, and the sandboxed temp folder can be longer: the socket
    // lives in a short folder of its own and the run names it by its absolute path.
    const short = mkdtempSync('/tmp/pg-');
    const socket = join(short, 'socket');
    const server = createServer();
    await new Promise<void>((done) => server.listen(socket, done));
    const run = await build(dir, ...args.map((arg) => (arg === 'socket' ? socket : arg)));
    await new Promise<void>((done) => server.close(() => done()));
    rmSync(short, { recursive: true, force: true });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(readFileSync(join(dir, 'plan.yaml'), 'utf8')).toBe(PLAN);
    expect(readFileSync(join(dir, 'notes.txt'), 'utf8')).toBe('我的笔记');
    expect(readdirSync(dir).filter((n) => /\.(docx|md)$/.test(n))).toEqual([]);
  });

  it('replaces its own JUnit report', async () => {
    const dir = workspace();
    expect((await build(dir, 'plan.yaml', '--junit', 'report.xml')).code).toBe(0);
    expect((await build(dir, 'plan.yaml', '--junit', 'report.xml')).code).toBe(0);
    expect(readFileSync(join(dir, 'report.xml'), 'utf8')).toMatch(/<testsuites/);
  });

  it('refuses an output that is a symbolic link, or a folder under -o that links out of it', async () => {
    const dir = workspace();
    writeFileSync(join(dir, 'precious.txt'), '原件');
    symlinkSync(join(dir, 'precious.txt'), join(dir, 'plan.docx'));
    const linked = await build(dir, 'plan.yaml');
    expect(linked.code).toBe(2);
    expect(linked.stderr).toMatch(/plan\.docx is a symbolic link/);
    expect(readFileSync(join(dir, 'precious.txt'), 'utf8')).toBe('原件');

    const outside = tempDir();
    mkdirSync(join(dir, 'plans', 'unit'), { recursive: true });
    writeFileSync(join(dir, 'plans', 'unit', 'a.yaml'), PLAN);
    mkdirSync(join(dir, 'dist'));
    symlinkSync(outside, join(dir, 'dist', 'unit'));
    const out = await build(dir, 'plans', '-o', 'dist');
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/outside \S*dist through a symbolic link/);
    expect(readdirSync(outside)).toEqual([]);
  });

  it('writes nothing once cancelled, and makes a folder again that was removed during the batch', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.docx'), 'old docx');
    const files = [
      { path: join(dir, 'a.docx'), bytes: 'new docx' },
      { path: join(dir, 'out', 'a.md'), bytes: 'new md' },
    ];
    // A signal after the temp files are written: they go, the old file stays.
    expect(writeFilesAtomic(files, { cancelled: () => true })).toBe(false);
    expect(readFileSync(join(dir, 'a.docx'), 'utf8')).toBe('old docx');
    expect(readdirSync(join(dir, 'out'))).toEqual([]);
    const made = new Set<string>();
    expect(writeFilesAtomic(files, { made })).toBe(true);
    expect([...made].sort()).toEqual([dir, join(dir, 'out')]);
    rmSync(join(dir, 'out'), { recursive: true });
    expect(writeFilesAtomic(files, { made })).toBe(true);
    expect(readFileSync(join(dir, 'out', 'a.md'), 'utf8')).toBe('new md');
    expect(readdirSync(dir).sort()).toEqual(['a.docx', 'out']);
  });

  it('writes a multi-format build all or nothing', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.docx'), 'old docx');
    writeFileSync(join(dir, 'blocked'), 'a file where a folder should be');
    expect(() =>
      writeFilesAtomic([
        { path: join(dir, 'a.docx'), bytes: 'new docx' },
        { path: join(dir, 'blocked', 'a.md'), bytes: 'new md' },
      ]),
    ).toThrow();
    expect(readFileSync(join(dir, 'a.docx'), 'utf8')).toBe('old docx');
    expect(readdirSync(dir).sort()).toEqual(['a.docx', 'blocked']);
  });
});

describe('no internal errors', () => {
  it.each([
    ['null', 'null'],
    ['a missing field', '{"key":"k","diagnostics":[]}'],
    ['outputs of the wrong shape', '{"key":"k","outputs":[null],"diagnostics":[]}'],
    ['an error among the diagnostics', null],
  ])('a cache entry holding %s is a miss', (_name, text) => {
    const dir = tempDir();
    const target = join(dir, 'a.docx');
    writeFileSync(target, 'bytes');
    const cache = new BuildCache(join(dir, 'cache'));
    const warning = { file: 'a', line: 1, col: 1, severity: 'warning' as const, code: 'schema' as const, message: 'm' };
    const made = cache.entry([target], 'k', [warning], [readFileSync(target)]);
    writeFilesAtomic([made]);
    expect(cache.lookup([target], 'k')).toBeDefined();
    const [entry] = readdirSync(join(dir, 'cache'));
    const damaged =
      text ?? readFileSync(join(dir, 'cache', entry), 'utf8').replace('"severity":"warning"', '"severity":"error"');
    writeFileSync(join(dir, 'cache', entry), damaged);
    expect(cache.lookup([target], 'k')).toBeUndefined();
  });

  it.each([
    ['a file', (dir: string) => writeFileSync(join(dir, 'tpl'), 'x'), /not a folder/],
    ['missing', () => undefined, /does not exist/],
    ['holding a dangling link', (dir: string) => symlinkSync('nowhere', join(dir, 'tpl', 'x.hbs')), /link to nothing/],
    ['holding a folder named .hbs', (dir: string) => mkdirSync(join(dir, 'tpl', 'x.hbs')), /is not a file/],
    ['holding __proto__.hbs', (dir: string) => writeFileSync(join(dir, 'tpl', '__proto__.hbs'), 'x'), /cannot name/],
  ])('--template %s is a usage error', async (name, make, message) => {
    const dir = workspace();
    if (name !== 'a file' && name !== 'missing') mkdirSync(join(dir, 'tpl'));
    make(dir);
    const run = await build(dir, 'plan.yaml', '--template', 'tpl');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(existsSync(join(dir, 'plan.docx'))).toBe(false);
  });

  it.each([
    ['build', ['build', '']],
    ['build among others', ['build', 'plan.yaml', ' ']],
    ['validate', ['validate', '']],
  ])('an empty input name is a usage error (%s), not the whole folder', async (_name, argv) => {
    const dir = workspace();
    const run = await runCli(argv, { cwd: dir });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no plan matched: ""|no plan matched: " "/);
    expect(existsSync(join(dir, 'plan.docx'))).toBe(false);
  });

  it.each(['99999999999999', '-5', '1.5', 'yesterday'])('SOURCE_DATE_EPOCH=%s is a usage error', async (value) => {
    const dir = workspace();
    const run = await runCli(['build', 'plan.yaml', '--no-cache'], { cwd: dir, env: { SOURCE_DATE_EPOCH: value } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/SOURCE_DATE_EPOCH must be whole seconds since 1970/);
  });
});

describe('templates', () => {
  it('keeps {{log}} off stdout, so --json stays JSON', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'tpl', 'plan.hbs'), '{{log "来自模板"}}{{log title level="error"}}# {{md title}}\n');
    const run = await build(dir, 'plan.yaml', '--template', 'tpl', '--json', '-f', 'md');
    expect(run.code).toBe(0);
    expect(() => JSON.parse(run.stdout)).not.toThrow();
  });

  it('names the template file (and the line where Handlebars knows it) of a runtime error', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'tpl', 'plan.hbs'), '# {{md title}}\n{{> part}}\n{{> other}}\n');
    writeFileSync(join(dir, 'tpl', 'part.hbs'), '正文\n\n{{md nosuch}}\n');
    writeFileSync(join(dir, 'tpl', 'other.hbs'), '');
    const located = await build(dir, 'plan.yaml', '--template', 'tpl');
    expect(located.code).toBe(1);
    expect(located.stderr).toMatch(/tpl[\\/]part\.hbs:3:1: error: template error/);
    writeFileSync(join(dir, 'tpl', 'part.hbs'), '');
    writeFileSync(join(dir, 'tpl', 'other.hbs'), '{{#each tasks.nosuch}}{{/each}}\n');
    const unlocated = await build(dir, 'plan.yaml', '--template', 'tpl');
    expect(unlocated.code).toBe(1);
    expect(unlocated.stderr).toMatch(/tpl[\\/]other\.hbs: error: template error/);
  });

  it('lets DIR/<lang>/x.hbs win over DIR/x.hbs', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'tpl', 'zh-CN'), { recursive: true });
    writeFileSync(join(dir, 'tpl', 'plan.hbs'), '# 通用 {{md title}}\n');
    writeFileSync(join(dir, 'tpl', 'zh-CN', 'plan.hbs'), '# 中文 {{md title}}\n');
    expect((await build(dir, 'plan.yaml', '--template', 'tpl', '-f', 'md')).code).toBe(0);
    expect(readFileSync(join(dir, 'plan.md'), 'utf8')).toMatch(/^# 中文 甲计划/);
  });

  it('stops a runaway template (a partial tree doubling at each of 40 levels) with a template error', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'tpl', 'plan.hbs'), '# {{md title}}\n{{> p0}}\n');
    for (let i = 0; i < 40; i++) writeFileSync(join(dir, 'tpl', `p${i}.hbs`), `{{> p${i + 1}}}{{> p${i + 1}}}`);
    writeFileSync(join(dir, 'tpl', 'p40.hbs'), 'x');
    const run = await build(dir, 'plan.yaml', '--template', 'tpl', '-f', 'md');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/template error: the templates ran over [\d,]+ steps/);
  }, 120_000);

  it('stops a partial that includes itself', async () => {
    const dir = workspace();
    mkdirSync(join(dir, 'tpl'));
    writeFileSync(join(dir, 'tpl', 'plan.hbs'), '# {{md title}}\n{{> loop}}\n');
    writeFileSync(join(dir, 'tpl', 'loop.hbs'), '{{> loop}}');
    const run = await build(dir, 'plan.yaml', '--template', 'tpl', '-f', 'md');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/call each other without end/);
  });
});

describe('every input is checked, and the terminal sees only what it should', () => {
  it('validate goes on past a file whose name is not UTF-8, and reports it', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), PLAN);
    writeFileSync(Buffer.concat([Buffer.from(join(dir, 'b')), Buffer.from([0xff]), Buffer.from('.yaml')]), PLAN);
    writeFileSync(join(dir, 'c.yaml'), PLAN);
    const run = await runCli(['validate', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/a\.yaml: ok/);
    expect(run.stderr).toMatch(/b\uFFFD\.yaml: error: cannot read the plan: its name is not valid UTF-8/);
    expect(run.stderr).not.toContain('ENOENT');
    expect(run.stderr).toMatch(/c\.yaml: ok/);
  });

  it('build and lint say that a name is not UTF-8, not that the file is missing', async () => {
    const dir = tempDir();
    const name = Buffer.concat([Buffer.from('b'), Buffer.from([0xff]), Buffer.from('.yaml')]);
    writeFileSync(Buffer.concat([Buffer.from(`${dir}/`), name]), PLAN);
    writeFileSync(join(dir, 'a.yaml'), PLAN);
    for (const argv of [
      ['build', '.', '-o', 'out', '--no-cache'],
      ['lint', '.'],
    ]) {
      const run = await runCli(argv, { cwd: dir });
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(/b\uFFFD\.yaml: error: cannot read the plan: its name is not valid UTF-8.*rename it/);
      expect(run.stderr).not.toContain('ENOENT');
    }
    // Named on the command line, as a shell passes the bytes: Node reads them as �, so nothing matches.
    const named = await runCli(['build', name.toString('utf8')], { cwd: dir });
    expect(named.code).toBe(2);
    expect(named.stderr).toContain('not UTF-8');
  });

  it('escapes control characters in file names before they reach the terminal', async () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'e\u001b[2Jz.yaml'), 'title: 甲\nyear: 明年\n');
    const run = await runCli(['validate', '.'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).not.toContain('\u001b');
    expect(run.stderr).toContain('e\\x1b[2Jz.yaml:2:7: error');
  });

  it('init --org "" has its own message; control characters in --org are shown escaped', async () => {
    const dir = tempDir();
    const empty = await runCli(['init', 'x.yaml', '--preset', 'tech-bureau-annual', '--org', ''], { cwd: dir });
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/--org is empty/);
    const ctrl = await runCli(['init', 'x.yaml', '--preset', 'tech-bureau-annual', '--org', 'a\u001b]0;x\u0007b'], {
      cwd: dir,
    });
    expect(ctrl.code).toBe(2);
    expect(ctrl.stderr).not.toMatch(/[\u0007\u001b]/);
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });

  it('Ctrl-C at the init prompt exits 130 and writes nothing', async () => {
    const dir = tempDir();
    const stdin = new PassThrough() as PassThrough & { isTTY?: boolean; setRawMode?: () => void };
    stdin.isTTY = true;
    stdin.setRawMode = () => undefined;
    const stderr = new PassThrough() as PassThrough & { isTTY?: boolean; columns?: number };
    stderr.isTTY = true;
    stderr.columns = 80;
    stderr.resume();
    const stdout = new PassThrough();
    const code = runMain(['init', 'x.yaml'], { stdin, stdout, stderr, env: {}, cwd: dir });
    setTimeout(() => stdin.write('\u0003'), 50);
    expect(await code).toBe(130);
    expect(existsSync(join(dir, 'x.yaml'))).toBe(false);
  });

  it('a closed stdout ends nothing early and is said on stderr', async () => {
    const dir = tempDir();
    for (const n of ['a', 'b', 'c']) writeFileSync(join(dir, `${n}.yaml`), PLAN);
    const stdout = new Writable({
      write(_chunk, _encoding, done) {
        done(Object.assign(new Error('write EPIPE'), { code: 'EPIPE' }));
      },
    });
    const chunks: string[] = [];
    const stderr = new Writable({
      write(chunk, _encoding, done) {
        chunks.push(String(chunk));
        done();
      },
    });
    const code = await runMain(['build', '.', '--json', '-f', 'md', '--no-cache', '--jobs', '1'], {
      stdout,
      stderr,
      env: {},
      cwd: dir,
    });
    expect(code).toBe(0);
    for (const n of ['a', 'b', 'c']) expect(existsSync(join(dir, `${n}.md`))).toBe(true);
    expect(chunks.join('')).toMatch(/standard output was closed early/);
  });
});
