import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/cli.js';

// The build server (src/cli/server) as users meet it: bin/plangen.js over the bundle, a server started by
// a first command, and the next commands sent to it. Everything a command prints, writes and returns
// must be what it is without the server (PLANGEN_SERVER=0).
const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/plangen.js');
const EXAMPLE = join(ROOT, 'examples/city-tech-bureau.yaml');
const dir = tempDir();
const cacheDir = join(dir, 'c'); // short: a Unix socket's path holds 103 bytes
const serverFolder = join(cacheDir, 'server');

function environment(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  // The sandbox switches the server off (tests/setup/sandbox.ts), and CI sets CI: both off here.
  const merged: NodeJS.ProcessEnv = { ...process.env, PLANGEN_CACHE_DIR: cacheDir, NO_COLOR: '1', ...env };
  for (const key of ['PLANGEN_SERVER', 'CI'] as const) if (!(key in env)) delete merged[key];
  return merged;
}

function plangen(args: string[], env: NodeJS.ProcessEnv = {}, cwd = dir) {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, env: environment(env), timeout: 60_000 });
  return { code: run.status, stdout: run.stdout.toString(), stderr: run.stderr.toString() };
}

/** A folder of copies of the example plan, `plan-FROM.yaml` to `plan-(COUNT-1).yaml`; its name. */
function examples(name: string, count: number, from = 0): string {
  mkdirSync(join(dir, name), { recursive: true });
  for (let i = from; i < count; i++) copyFileSync(EXAMPLE, join(dir, name, `plan-${i}.yaml`));
  return name;
}

/**
 * plangen in the background. `when.then` runs once, at the first stderr output that holds `when.mark`
 * ('' for any). Resolves to its exit code, the signal that ended it, and its stderr.
 */
function background(
  args: string[],
  env: NodeJS.ProcessEnv = {},
  when?: { mark: string; then: (child: ChildProcess) => void },
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: dir, env: environment(env) });
    let stderr = '';
    let heard = false;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (when && !heard && stderr.includes(when.mark)) {
        heard = true;
        when.then(child);
      }
    });
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

/** The same command without the server. */
const alone = (args: string[], env: NodeJS.ProcessEnv = {}, cwd = dir) =>
  plangen(args, { ...env, PLANGEN_SERVER: '0' }, cwd);

function status(env: NodeJS.ProcessEnv = {}): { pid: number; commands: number } | undefined {
  const { stdout } = plangen(['server', 'status'], env);
  const match = /process (\d+), since \S+, (\d+) command/.exec(stdout);
  return match ? { pid: Number(match[1]), commands: Number(match[2]) } : undefined;
}

/** The running server, started by a command when there is none. */
function serverUp() {
  if (!status()) plangen(['validate', EXAMPLE]);
  return waitFor('a server', status);
}

async function waitFor<T>(
  what: string,
  probe: () => T | undefined | false | Promise<T | undefined | false>,
  ms = 45_000,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const sockets = (folder = serverFolder) =>
  existsSync(folder) ? readdirSync(folder).filter((f) => f.endsWith('.sock')) : [];
/** Timings differ from run to run; output folders differ by test. */
const steady = (text: string, folder: string) =>
  text
    .replace(/\(\d+ ms\)/g, '(N ms)')
    .replace(/in \d+(\.\d+)? s/g, 'in N s')
    .replaceAll(`${folder || '\0'}/`, 'OUT/');

/** The processes of the servers under `folder`, warming up or running. */
const servers = (folder: string) =>
  spawnSync('ps', ['-eo', 'pid=,args='])
    .stdout.toString()
    .split('\n')
    .filter((line) => line.includes(`server run --socket ${folder}`))
    .map((line) => Number.parseInt(line, 10));

afterAll(async () => {
  // Every server these tests started: one may still be warming up.
  const ours = servers(dir);
  for (const pid of ours) process.kill(pid, 'SIGTERM');
  await waitFor('the servers to end', () => ours.every((pid) => !alive(pid)));
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('the build server', () => {
  it('starts after a first command, then runs build, validate and lint as they run without it', async () => {
    expect(plangen(['build', EXAMPLE, '-o', 'first', '--force', '-q']).code).toBe(0);
    const started = await waitFor('a server', status); // started by the build above
    expect(started.commands).toBe(0);
    expect(sockets()).toHaveLength(1);

    const args = (out: string) => ['build', EXAMPLE, '-o', out, '-f', 'docx,md', '--force'];
    const served = plangen(args('served'));
    const local = alone(args('local'));
    expect(served.code).toBe(0);
    expect(steady(served.stderr, 'served')).toBe(steady(local.stderr, 'local'));
    expect(served.stderr).toMatch(/built/);
    for (const name of ['city-tech-bureau.docx', 'city-tech-bureau.md'])
      expect(readFileSync(join(dir, 'served', name)).equals(readFileSync(join(dir, 'local', name))), name).toBe(true);

    // A mistake: the same message at the same line, exit 1, nothing written.
    writeFileSync(join(dir, 'bad.yaml'), 'title: 计划\nyear: 2027\nsections: 5\n');
    const bad = plangen(['build', 'bad.yaml', '-o', 'bad-out']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad.yaml:3:11');
    expect(steady(bad.stderr, '')).toBe(steady(alone(['build', 'bad.yaml', '-o', 'bad-out']).stderr, ''));
    expect(existsSync(join(dir, 'bad-out'))).toBe(false);

    for (const command of [
      ['validate', EXAMPLE, 'bad.yaml'],
      ['lint', EXAMPLE, '--format', 'json'],
    ]) {
      const viaServer = plangen(command);
      expect(viaServer, command[0]).toEqual(alone(command));
    }
    // Four commands went to the server (build twice, validate, lint); `alone` ones did not.
    expect(status()).toEqual({ pid: started.pid, commands: 4 });
  }, 120_000);

  it("runs each command in its caller's folder and environment, and sees a config edited in between", async () => {
    await serverUp();
    const work = join(dir, 'work');
    mkdirSync(work);
    // SOURCE_DATE_EPOCH sets the document's dates when the spec has none: it must be the caller's.
    writeFileSync(join(work, 'plan.yaml'), readFileSync(EXAMPLE, 'utf8').replace(/^date: .*\n/m, ''));
    const env = { SOURCE_DATE_EPOCH: '1000000000' };
    expect(plangen(['build', 'plan.yaml', '-o', 'served', '-q'], env, work).code).toBe(0);
    expect(alone(['build', 'plan.yaml', '-o', 'local', '-q'], env, work).code).toBe(0);
    const docx = (folder: string) => readFileSync(join(work, folder, 'plan.docx'));
    expect(docx('served').equals(docx('local'))).toBe(true);
    expect(plangen(['build', 'plan.yaml', '-o', 'other-date', '-q'], {}, work).code).toBe(0);
    expect(docx('served').equals(docx('other-date'))).toBe(false);

    writeFileSync(join(work, 'plangen.config.yaml'), 'build:\n  formats: [md]\n');
    expect(plangen(['build', 'plan.yaml', '-o', 'configured', '-q'], {}, work).code).toBe(0);
    expect(readdirSync(join(work, 'configured'))).toEqual(['plan.md']);
  }, 120_000);

  it('passes Ctrl-C on to the command: exit 130, no half-written file, and the server goes on', async () => {
    const before = await serverUp();
    const interrupt = { mark: 'built', then: (child: ChildProcess) => child.kill('SIGINT') };
    const run = await background(
      ['build', examples('many', 300), '-o', 'many-out', '--force', '-j', '1'],
      {},
      interrupt,
    );
    expect(run.code).toBe(130);
    const written = readdirSync(join(dir, 'many-out'));
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(300);
    expect(written.filter((f) => !f.endsWith('.docx'))).toEqual([]); // no temp file left
    expect(status()?.pid).toBe(before.pid);

    // A command that does not handle Ctrl-C (validate) ends at once by it, with the server as without.
    examples('many', 1500, 300);
    for (const env of [{}, { PLANGEN_SERVER: '0' }]) {
      const validate = await background(['validate', 'many'], env, { ...interrupt, mark: '' });
      expect({ code: validate.code, signal: validate.signal }, JSON.stringify(env)).toEqual({
        code: null,
        signal: 'SIGINT',
      });
    }
    expect(status()?.pid).toBe(before.pid);

    // A reader that stops early (`| head`) of a report larger than a pipe holds: the same exit code as
    // without the server, and no stack trace (found: an EPIPE stack trace and exit 1).
    const noisy = join(dir, 'noisy');
    mkdirSync(noisy);
    for (let i = 0; i < 300; i++) writeFileSync(join(noisy, `p${i}.yaml`), 'title: 计划\nyear: next\nsections: 5\n');
    const piped = (env: NodeJS.ProcessEnv) =>
      spawnSync(
        'bash',
        [
          '-c',
          `"${process.execPath}" "${BIN}" lint noisy --format json | head -c 1 >/dev/null; exit \${PIPESTATUS[0]}`,
        ],
        {
          cwd: dir,
          env: environment(env),
        },
      );
    const [served, local] = [piped({}), piped({ PLANGEN_SERVER: '0' })];
    expect(served.status).toBe(local.status);
    // Whether the note comes depends on when the closed pipe is noticed, with the server or without.
    const note = 'plangen: standard output was closed early; what it printed there is incomplete\n';
    for (const run of [served, local]) expect(['', note]).toContain(run.stderr.toString());
    expect(status()).toMatchObject({ pid: before.pid });
  }, 120_000);

  it('runs the command itself when the server died, before or during it, and a new server takes over', async () => {
    const old = await serverUp();
    process.kill(old.pid, 'SIGKILL');
    await waitFor('the server to die', () => !alive(old.pid));
    expect(sockets()).toHaveLength(1); // left behind
    const run = plangen(['build', EXAMPLE, '-o', 'after-crash', '--force', '-q']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(existsSync(join(dir, 'after-crash', 'city-tech-bureau.docx'))).toBe(true);
    const next = await waitFor('a new server', () => {
      const now = status();
      return now && now.pid !== old.pid && now;
    });
    expect(next.commands).toBe(0);

    // Killed while it runs a command that printed nothing on stdout yet: the command runs again here.
    const { code, stderr } = await background(
      ['build', examples('killed', 200), '-o', 'killed-out', '--force', '-j', '1'],
      {},
      { mark: 'built', then: () => process.kill(next.pid, 'SIGKILL') },
    );
    expect(code).toBe(0);
    expect(stderr).toContain('plangen: the build server stopped during the command; running it here\n');
    expect(stderr).toContain('200 inputs: 200 built');
    expect(readdirSync(join(dir, 'killed-out')).filter((f) => f.endsWith('.docx'))).toHaveLength(200);
    // What a killed process may leave: temp files of writes under way (src/io/atomic.ts), never a partial output.
    for (const file of readdirSync(join(dir, 'killed-out')).filter((f) => !f.endsWith('.docx')))
      expect(file).toMatch(/^\.plan-\d+\.docx\.\d+\.\w+\.tmp$/);
    await waitFor('the next server', status);
  }, 120_000);

  it('runs the command itself when the server does not answer in 3 s (a stuck server)', async () => {
    const { hash } = JSON.parse(readFileSync(join(ROOT, 'dist/bundle/manifest.json'), 'utf8')) as { hash: string };
    const socket = join(serverFolder, `${hash.slice(0, 12)}-${process.version}-${process.arch}.sock`);
    const stuck = createServer(() => undefined); // accepts, never answers
    // The socket is free once no server runs: stop any (one started by an earlier test may still come up).
    await waitFor('the socket', async () => {
      const running = status();
      if (running) {
        plangen(['server', 'stop']);
        await waitFor('the server to end', () => !alive(running.pid));
      }
      return new Promise<boolean>((resolve) => {
        stuck.once('error', () => resolve(false));
        stuck.listen(socket, () => resolve(true));
      });
    });
    try {
      const started = Date.now();
      const run = await background(['build', EXAMPLE, '-o', 'unanswered', '--force', '-q']);
      expect(run).toEqual({ code: 0, signal: null, stderr: '' });
      expect(existsSync(join(dir, 'unanswered', 'city-tech-bureau.docx'))).toBe(true);
      expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
    } finally {
      stuck.close();
    }
  }, 120_000);

  it('stops when asked, and by itself after its idle time', async () => {
    // A cache folder of its own: a server an earlier test started may still come up on the other one.
    const own = { PLANGEN_CACHE_DIR: join(dir, 's') };
    const ownSockets = () => sockets(join(dir, 's', 'server'));
    expect(plangen(['build', EXAMPLE, '-o', 'restart', '--force', '-q'], own).code).toBe(0);
    const running = await waitFor('a server', () => status(own));
    expect(plangen(['server', 'stop'], own).stdout).toBe('the build server stopped\n');
    await waitFor('the server to end', () => !alive(running.pid));
    expect(ownSockets()).toEqual([]);
    expect(plangen(['server', 'status'], own).stdout).toBe('no build server is running\n');

    // Asked to stop during a command: it finishes that command, then its process ends (found: an idle
    // timer set after the command kept the stopped server's process alive for its whole idle time).
    expect(plangen(['validate', EXAMPLE], own).code).toBe(0);
    const busy = await waitFor('a server', () => status(own));
    let stopSaid = '';
    const run = await background(['build', examples('stop-batch', 150), '-o', 'stop-out', '--force', '-j', '1'], own, {
      mark: 'built',
      then: () => (stopSaid = plangen(['server', 'stop'], own).stdout),
    });
    expect(run.code).toBe(0);
    expect(stopSaid).toBe('the build server stopped\n');
    expect(readdirSync(join(dir, 'stop-out'))).toHaveLength(150);
    await waitFor('the stopped server to end', () => !alive(busy.pid), 15_000);

    expect(plangen(['validate', EXAMPLE], { ...own, PLANGEN_SERVER_IDLE: '3' }).code).toBe(0);
    const idle = await waitFor('a server', () => status(own));
    await waitFor('the idle server to stop', () => !alive(idle.pid));
    expect(ownSockets()).toEqual([]);
  }, 120_000);

  it('is started once for commands run in a row while it warms up, not once for each', async () => {
    const own = { PLANGEN_CACHE_DIR: join(dir, 'm') };
    for (let i = 0; i < 4; i++) expect(plangen(['validate', EXAMPLE], own).code).toBe(0);
    expect(servers(join(dir, 'm'))).toHaveLength(1);
    const running = await waitFor('a server', () => status(own));
    plangen(['server', 'stop'], own);
    await waitFor('the server to end', () => !alive(running.pid));
  }, 120_000);

  it('is not started in CI or with PLANGEN_SERVER=0', async () => {
    const own = { PLANGEN_CACHE_DIR: join(dir, 'n') };
    expect(plangen(['validate', EXAMPLE], { ...own, CI: 'true' }).code).toBe(0);
    expect(plangen(['validate', EXAMPLE], { ...own, PLANGEN_SERVER: '0' }).code).toBe(0);
    await new Promise((resolve) => setTimeout(resolve, 3000));
    expect(existsSync(join(dir, 'n', 'server'))).toBe(false);
    expect(status(own)).toBeUndefined();
  }, 60_000);
});
