import { lstatSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_ROOT } from '../../core/package.js';
import { isCI } from '../io.js';

/** The commands a build server runs: they read files and write outputs, and never read stdin. */
const SERVED = new Set(['build', 'validate', 'lint']);

/** The command a command line runs (build, validate…): its first word that is not an option. */
export const commandOf = (argv: readonly string[]): string | undefined => argv.find((arg) => !arg.startsWith('-'));

/**
 * Whether the command handles Ctrl-C (build: it stops its builds and writes nothing more); the others end
 * at once, as Node's default does, and so does their client, without waiting for the server.
 */
export const handlesInterrupts = (argv: readonly string[]): boolean => commandOf(argv) === 'build';

/** How long a server waits for its next command before it stops (PLANGEN_SERVER_IDLE, in seconds). */
export const DEFAULT_IDLE_MS = 10 * 60_000;

/**
 * Whether this command line goes to the build server. Not in CI, where each run is a new machine's only
 * one; not with PLANGEN_SERVER=0; not on Windows (no Unix sockets there to keep private); and only for
 * build, validate and lint.
 */
export function serverWanted(argv: readonly string[], env: NodeJS.ProcessEnv, platform = process.platform): boolean {
  if (env.PLANGEN_SERVER === '0' || isCI(env) || platform === 'win32') return false;
  const command = commandOf(argv);
  return command !== undefined && SERVED.has(command) && !argv.includes('--help') && !argv.includes('-h');
}

/**
 * The socket of the server for this plangen (its bundle's hash, shortened), this Node and this
 * architecture, in `server` under the cache folder. Undefined when the path is too long for a Unix
 * socket, or when the folder is not this user's alone: anyone who can reach the socket can run a build
 * as this user.
 */
export function serverSocket(cacheRoot: string, hash: string): string | undefined {
  const folder = join(cacheRoot, 'server');
  const socket = join(folder, `${hash.slice(0, 12)}-${process.version}-${process.arch}.sock`);
  // sun_path holds 108 bytes on Linux and 104 on macOS, with its terminating NUL; the server first
  // listens on this path with its process id added (serve.ts).
  if (Buffer.byteLength(socket) + 8 > 103) return undefined;
  try {
    mkdirSync(folder, { recursive: true, mode: 0o700 });
    const stat = lstatSync(folder);
    if (!stat.isDirectory() || (stat.mode & 0o077) !== 0) return undefined;
    if (process.getuid && stat.uid !== process.getuid()) return undefined;
  } catch {
    return undefined;
  }
  return socket;
}

/** The file that says a server for `socket` is starting (src/cli/launch.ts), until it listens. */
export const startingMarker = (socket: string): string => `${socket}.starting`;

const MANIFEST = join(PACKAGE_ROOT, 'dist', 'bundle', 'manifest.json');

/** The hash of the bundle's code (scripts/bundle.mjs), or undefined without a bundle. */
export function bundleHash(): string | undefined {
  try {
    const { hash } = JSON.parse(readFileSync(MANIFEST, 'utf8')) as { hash?: unknown };
    return typeof hash === 'string' && /^[0-9a-f]+$/.test(hash) ? hash : undefined;
  } catch {
    return undefined;
  }
}
