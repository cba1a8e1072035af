import { chmodSync, renameSync, rmSync, statSync, unlinkSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import type { CliIO } from '../io.js';
import { startingMarker } from './place.js';
import { answers, receive, send, type ServerRequest, type ServerStatus, type Terminal } from './protocol.js';

export interface ServeOptions {
  socket: string;
  /** Stop after this long without a command. */
  idleMs: number;
  /** The command line (src/cli/main.ts runMain). */
  run: (argv: string[], io: CliIO) => Promise<number>;
  /** Forget what a command remembered of the user's files (config lookups) before the next one. */
  beforeCommand?: () => void;
  /** Runs before the server listens, so that its first command finds the code compiled. */
  warmUp?: () => Promise<void>;
}

/** A server this large after a command stops, and the next command starts a fresh one. */
const MAX_RSS = 1536 * 1024 * 1024;

/**
 * The build server: a plangen that stays up between commands, so that a command pays for starting Node
 * and a small client, not for loading and compiling plangen (client.ts). It runs one command
 * at a time, each in the asking process's working folder, environment and umask, and stops after
 * `idleMs` without one, when asked, on SIGTERM, or when its socket is removed or taken over.
 * Resolves when it has stopped; false when another server already answers on the socket.
 */
export async function serve(options: ServeOptions): Promise<boolean> {
  const home = { cwd: process.cwd(), env: { ...process.env } };
  const status: ServerStatus = {
    pid: process.pid,
    startedAt: new Date().toISOString(),
    commands: 0,
    idleMs: options.idleMs,
  };
  const connections = new Set<Socket>();
  let queue = Promise.resolve();
  let running = 0;
  let stopping = false;
  let idle: NodeJS.Timeout | undefined;
  const interruptCurrent = new Set<(signal: NodeJS.Signals) => void>();

  const serveConnection = (connection: Socket) => {
    connections.add(connection);
    connection.on('close', () => connections.delete(connection));
    connection.on('error', () => undefined);
    const events: CommandEvents = {};
    let taken = false;
    receive(connection, ([kind, value]) => {
      if (kind === 'signal') events.signal?.(value === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
      else if (kind === 'status') send(connection, ['status', status]);
      else if (kind === 'stop') {
        send(connection, ['stopping']);
        stop();
      } else if (kind === 'run' && !taken) {
        taken = true;
        // Stopping, or a request this plangen did not write: the client runs the command itself.
        if (stopping || !isRequest(value)) return void connection.destroy();
        send(connection, ['queued']);
        running++;
        clearTimeout(idle);
        queue = queue
          .then(() => runCommand(connection, value, events))
          .finally(() => {
            running--;
            if (process.memoryUsage().rss > MAX_RSS) stop();
            else armIdle();
          });
      }
    });
  };

  const runCommand = async (connection: Socket, request: ServerRequest, events: CommandEvents) => {
    if (connection.destroyed) return;
    options.beforeCommand?.();
    const listeners = new Set<(signal: NodeJS.Signals) => void>();
    // An interrupt stays: a build that starts listening after it (it listens while it builds) stops at once.
    let interrupted: NodeJS.Signals | undefined;
    const interrupt = (signal: NodeJS.Signals) => {
      interrupted ??= signal;
      listeners.forEach((listener) => listener(signal));
    };
    const io: CliIO = {
      stdout: forward(connection, 'out', request.stdout),
      stderr: forward(connection, 'err', request.stderr),
      env: request.env,
      cwd: request.cwd,
      interrupts(listener) {
        listeners.add(listener);
        if (interrupted) queueMicrotask(() => listener(interrupted!));
        return () => listeners.delete(listener);
      },
    };
    // Ctrl-C while the command does not listen (validate, lint, a build before it builds) ends a plangen
    // without a server at once: the client does so (`default`), and the command here stops when it listens
    // or runs to its end unheard (validate and lint write nothing).
    events.signal = (signal) => {
      if (listeners.size === 0) send(connection, ['default', signal]);
      interrupt(signal);
    };
    // A client that goes away (a second Ctrl-C) ends its command as that signal would have.
    const onClose = () => interrupt('SIGINT');
    connection.on('close', onClose);
    interruptCurrent.add(interrupt);
    const umask = process.umask(request.umask);
    let code: number;
    try {
      process.chdir(request.cwd);
      setEnvironment(request.env);
      send(connection, ['start', process.pid]);
      code = await options.run(request.argv, io);
    } catch (error) {
      // Only the working folder can fail here (gone since the client read it); runMain reports the rest.
      send(connection, ['err', `plangen: ${(error as Error).message}\n`]);
      code = 1;
    } finally {
      interruptCurrent.delete(interrupt);
      connection.off('close', onClose);
      setEnvironment(home.env);
      process.umask(umask);
      try {
        process.chdir(home.cwd);
      } catch {
        // the folder it started in is gone: commands chdir to their own anyway
      }
    }
    status.commands++;
    send(connection, ['exit', code]);
    connection.end();
  };

  let stopped: () => void;
  const done = new Promise<void>((resolve) => (stopped = resolve));
  let watch: NodeJS.Timeout | undefined = undefined; // once listening: is the socket still ours?
  let inode = -1; // the socket file's, once listening
  const ownsSocket = () => {
    try {
      return statSync(options.socket).ino === inode;
    } catch {
      return false;
    }
  };
  const armIdle = () => {
    clearTimeout(idle);
    // Not once stopping: the timer would keep the stopped server's process alive until it fired.
    if (running === 0 && !stopping) idle = setTimeout(stop, options.idleMs);
  };
  function stop() {
    if (stopping) return;
    stopping = true;
    clearTimeout(idle);
    clearInterval(watch);
    process.off('SIGTERM', onTerm);
    process.off('SIGINT', onTerm);
    // Nobody else may answer on the socket after us: remove it while it is still ours.
    if (ownsSocket()) unlinkSync(options.socket);
    server.close();
    void queue.then(() => {
      for (const connection of connections) connection.destroy();
      stopped();
    });
  }
  const onTerm = (signal: NodeJS.Signals) => {
    interruptCurrent.forEach((interrupt) => interrupt(signal));
    stop();
  };

  // Listening on a name of its own first: where no socket can be made (some network file systems), the
  // server ends before warming up, and leaves the `starting` marker so that commands of the next minute
  // do not start another (src/cli/launch.ts).
  const marker = startingMarker(options.socket);
  const own = `${options.socket}.${process.pid}`;
  if (await answers(options.socket)) {
    rmSync(marker, { force: true });
    return false;
  }
  const server = createServer(serveConnection);
  if (!(await listenOwn(server, own))) return false;
  await options.warmUp?.().catch(() => undefined);
  const taken = await take(server, own, options.socket);
  rmSync(marker, { force: true });
  if (taken === undefined) return false;
  inode = taken;
  watch = setInterval(() => {
    if (!ownsSocket()) stop();
  }, 30_000).unref();
  process.on('SIGTERM', onTerm);
  process.on('SIGINT', onTerm);
  armIdle();
  await done;
  return true;
}

/** Listens on `own`, the server's own name for its socket (its file is renamed once it is warm). */
async function listenOwn(server: Server, own: string): Promise<boolean> {
  rmSync(own, { force: true });
  const error = await new Promise<Error | undefined>((resolve) => {
    server.once('error', resolve);
    server.listen(own, () => {
      server.off('error', resolve);
      resolve(undefined);
    });
  });
  return !error;
}

/**
 * Renames the socket file listened on as `own` to `socket`, unless another server answers there;
 * returns its inode. One step: a file nobody answers on (left by a server that crashed) is replaced,
 * and of two servers starting at once only one ends up answering (the one replaced sees it and stops).
 * It also keeps Node from removing the socket file at close by its name, by then maybe another server's.
 */
async function take(server: Server, own: string, socket: string): Promise<number | undefined> {
  try {
    if (await answers(socket)) throw new Error('another server answers');
    chmodSync(own, 0o600);
    renameSync(own, socket);
    return statSync(socket).ino;
  } catch {
    server.close();
    return undefined;
  }
}

/** What a client may say while its command runs. */
interface CommandEvents {
  signal?: (signal: 'SIGINT' | 'SIGTERM') => void;
}

function isRequest(value: unknown): value is ServerRequest {
  const request = value as ServerRequest;
  return (
    typeof request === 'object' &&
    request !== null &&
    Array.isArray(request.argv) &&
    request.argv.every((arg) => typeof arg === 'string') &&
    typeof request.cwd === 'string' &&
    typeof request.env === 'object' &&
    request.env !== null &&
    Number.isInteger(request.umask) &&
    typeof request.stdout === 'object' &&
    request.stdout !== null &&
    typeof request.stderr === 'object' &&
    request.stderr !== null
  );
}

/** A stream whose writes go to the client, as stdout or stderr of the terminal it describes. */
function forward(connection: Socket, kind: 'out' | 'err', terminal: Terminal): Writable & Terminal {
  const stream = new Writable({
    decodeStrings: false,
    write(chunk: string | Buffer, _encoding, callback) {
      if (typeof chunk === 'string') send(connection, [kind, chunk]);
      else send(connection, [`${kind}64`, Buffer.from(chunk).toString('base64')]);
      callback();
    },
  });
  return Object.assign(stream, { isTTY: terminal.isTTY, columns: terminal.columns });
}

/** Makes process.env the client's: libraries read it (the home folder, TZ: Node applies a new TZ at once). */
function setEnvironment(env: Record<string, string | undefined>): void {
  for (const key of Object.keys(process.env)) if (!(key in env)) delete process.env[key];
  for (const [key, value] of Object.entries(env))
    if (value !== undefined && process.env[key] !== value) process.env[key] = value;
}
