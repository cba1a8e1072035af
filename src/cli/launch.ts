import { statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PACKAGE_ROOT } from '../core/package.js';
import { runCachedScript } from '../io/code-cache.js';
import { cacheRoot } from './cache-folder.js';
import { bundleHash, commandOf, serverSocket, serverWanted, startingMarker } from './server/place.js';
import type { CliIO } from './io.js';

type Bundle = typeof import('./bundle-entry.js');

/**
 * What bin/plangen.js runs, bundled on its own (dist/bundle/launch.js) so that a command a build server
 * runs loads one small file. A build, validate or lint goes to the build server when one is up
 * (src/cli/server), and otherwise runs here, after which a server is started for the next command. Here
 * means the bundle (dist/bundle/cli.js) compiled with a V8 code cache, else the compiled modules
 * (dist/cli/main.js). Anything wrong with the bundle's cache — missing, stale, rejected by V8,
 * unwritable — only costs the time the cache would have saved.
 */
export async function runMain(argv: string[], io: CliIO): Promise<number> {
  const hash = bundleHash();
  const socket = hash && serverWanted(argv, io.env) ? serverSocket(cacheRoot(argv, io.env, io.cwd), hash) : undefined;
  if (socket) {
    // The client (and node:net) loads only here: not for a command that runs without a server.
    const { runOnServer } = await import('./server/client.js');
    const outcome = await runOnServer(socket, argv, io);
    if (typeof outcome === 'number') return outcome;
    if (outcome === 'lost') io.stderr.write('plangen: the build server stopped during the command; running it here\n');
  }
  const code = await runHere(argv, io, hash);
  if (socket) await startServer(socket, io);
  return code;
}

async function runHere(argv: string[], io: CliIO, hash: string | undefined): Promise<number> {
  const folder = hash ? codeCacheFolder(argv, io.env, io.cwd) : undefined;
  const cache = folder && cacheFile(folder, `cli-${cachedCommand(argv)}`, hash!);
  const bundle = hash ? runCachedScript<Partial<Bundle>>(BUNDLE, cache) : undefined;
  if (typeof bundle?.exports.runMain !== 'function') {
    const main = (await import(pathToFileURL(join(PACKAGE_ROOT, 'dist', 'cli', 'main.js')).href)) as Bundle;
    return main.runMain(argv, io);
  }
  bundle.exports.useWorkerCodeCache?.(folder && cacheFile(folder, 'worker', hash!));
  const code = await bundle.exports.runMain(argv, io);
  bundle.saveCache();
  return code;
}

// By the package's root: this module also runs bundled (dist/bundle/launch.js).
const BIN = join(PACKAGE_ROOT, 'bin', 'plangen.js');
const BUNDLE = join(PACKAGE_ROOT, 'dist', 'bundle', 'cli.js');

/**
 * Starts a build server on `socket` for the next command, in the background: its own session, no
 * terminal, the environment this command had. It outlives this process and stops after its idle time.
 * Not when one was started less than a minute ago and has not yet answered (`starting`, which the
 * server removes once it listens): a script that runs commands in a row while the first server warms
 * up would otherwise start one for each.
 */
async function startServer(socket: string, io: CliIO): Promise<void> {
  const marker = startingMarker(socket);
  try {
    if (Date.now() - statSync(marker).mtimeMs < 60_000) return;
  } catch {
    // none: no server is starting
  }
  // One that came up while this command ran here (found: a second server, started as the first took its socket).
  const { answers } = await import('./server/protocol.js');
  if (await answers(socket)) return;
  try {
    writeFileSync(marker, '');
    // Loaded here: a command sent to a server, or run with PLANGEN_SERVER=0, never spawns (5 ms saved).
    const { spawn } = await import('node:child_process');
    spawn(process.execPath, [BIN, 'server', 'run', '--socket', socket], {
      cwd: dirname(socket),
      env: io.env,
      detached: true,
      stdio: 'ignore',
    }).unref();
  } catch {
    // no server: the next command runs here too
  }
}

/**
 * The code caches' folder: `code` in the cache folder (cache-folder.ts). None with
 * PLANGEN_CODE_CACHE=0. --no-cache leaves it on: it is about the build cache (outputs known
 * unchanged), and a CI batch run with it is where start-up costs the most; a code cache holds
 * plangen's own compiled code, keyed by its bundle, and changes no output.
 */
export function codeCacheFolder(argv: string[], env: NodeJS.ProcessEnv, cwd = process.cwd()): string | undefined {
  if (env.PLANGEN_CODE_CACHE === '0') return undefined;
  return join(cacheRoot(argv, env, cwd), 'code');
}

/** A bundle's code cache, keyed by Node's version, the architecture and the bundle's hash. */
export function cacheFile(folder: string, name: string, hash: string): string {
  return join(folder, `${name}-${process.version}-${process.arch}-${hash}.bin`);
}

const CACHED_COMMANDS = new Set([
  'build',
  'validate',
  'lint',
  'init',
  'presets',
  'schema',
  'styles',
  'templates',
  'server',
]);

/**
 * Which of the command line's code caches a command uses: one per command, as each compiles different
 * functions of the bundle, and a cache holds those its first run compiled. One cache for all, written
 * by the first command an install ran, was `--version`'s (0.45 MB) for every build after it, which then
 * compiled the rest again each time; a build's cache (1.8 MB) took validate 20 ms longer to load.
 */
export function cachedCommand(argv: readonly string[]): string {
  const command = commandOf(argv);
  return command !== undefined && CACHED_COMMANDS.has(command) ? command : 'other';
}
