import { connect } from 'node:net';
import { isClosedPipe, STDOUT_CLOSED_NOTE, type CliIO } from '../io.js';
import { handlesInterrupts } from './place.js';
import { receive, send, type ServerRequest, type ServerStatus } from './protocol.js';

/** How long a server has to answer a command before the client runs it itself: one that does not is stuck. */
const ANSWER_MS = 3000;

/**
 * What became of a command sent to a build server: its exit code; `absent` when no server took it (none
 * there, none that answered in time, or it went away before starting it); `lost` when the server went
 * away while running it, before anything reached stdout. After either, the caller runs the command
 * itself: build, validate and lint may run twice (outputs are written whole, and the same bytes).
 */
export type ServedOutcome = number | 'absent' | 'lost';

/**
 * Runs a command on the build server at `socket`: its output comes to these streams, and Ctrl-C goes to
 * it. A second Ctrl-C ends the server and this process at once, as it ends plangen without a server.
 * This module loads none of plangen's libraries: it is what a command costs when a server is up.
 */
export function runOnServer(socket: string, argv: string[], io: CliIO): Promise<ServedOutcome> {
  return new Promise((resolve) => {
    const connection = connect(socket);
    let started = false;
    let serverPid = 0;
    let finished = false;
    let interrupted = false;
    let stdoutOpen = true;
    let printed = false; // on stdout

    /** Ends this process as `signal` ends it without handlers (and without a server). */
    const endBy = (signal: 'SIGINT' | 'SIGTERM') => {
      stopListening();
      connection.destroy();
      process.kill(process.pid, signal);
    };
    const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
      // As a second signal does without a server (the server's process too: it may be stuck), and as a
      // first does before the command began or to a command that does not handle it.
      if (interrupted && serverPid) process.kill(serverPid, 'SIGKILL');
      if (interrupted || !started || !handlesInterrupts(argv)) return endBy(signal);
      interrupted = true;
      send(connection, ['signal', signal]);
    };
    // A reader that stops reading (`| head`): what is left is not written, and the note comes at the end,
    // as runMain gives it without a server (the server never learns: its command goes on the same).
    const onStdoutError = (error: NodeJS.ErrnoException) => {
      if (!isClosedPipe(error)) throw error;
      stdoutOpen = false;
    };
    // The stdout listener stays: a write to a closed pipe fails after the command has ended, too.
    const stopListening = () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    };
    const unanswered = setTimeout(() => connection.destroy(), ANSWER_MS);
    const finish = (outcome: ServedOutcome) => {
      if (finished) return;
      finished = true;
      clearTimeout(unanswered);
      stopListening();
      connection.end();
      if (!printed) return resolve(outcome);
      // Once what it printed has gone out, or failed to.
      io.stdout.write('', () => {
        if (!stdoutOpen) io.stderr.write(STDOUT_CLOSED_NOTE);
        resolve(outcome);
      });
    };

    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    io.stdout.on('error', onStdoutError);
    connection.on('connect', () => send(connection, ['run', requestFor(argv, io)]));
    connection.on('error', () => undefined); // 'close' follows and decides
    connection.on('close', () => {
      if (finished) return;
      if (!started) return finish('absent');
      if (!printed) return finish('lost');
      // What it printed cannot be taken back: running the command again would print it twice.
      io.stderr.write(
        'plangen: the build server stopped before the command ended. Each output file is written whole or not ' +
          'at all; run the command again (PLANGEN_SERVER=0 runs it without the server).\n',
      );
      finish(1);
    });
    receive(connection, ([kind, value]) => {
      if (kind === 'queued') clearTimeout(unanswered);
      else if (kind === 'start') {
        started = true;
        serverPid = typeof value === 'number' ? value : 0;
      } else if (kind === 'out' || kind === 'out64') {
        printed = true;
        if (stdoutOpen) io.stdout.write(kind === 'out' ? (value as string) : Buffer.from(value as string, 'base64'));
      } else if (kind === 'err') io.stderr.write(value as string);
      else if (kind === 'err64') io.stderr.write(Buffer.from(value as string, 'base64'));
      else if (kind === 'exit' && typeof value === 'number') finish(value);
      else if (kind === 'default' && !finished) endBy(value === 'SIGTERM' ? 'SIGTERM' : 'SIGINT');
    });
  });
}

function requestFor(argv: string[], io: CliIO): ServerRequest {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(io.env)) if (value !== undefined) env[key] = value;
  return {
    argv,
    cwd: io.cwd,
    env,
    umask: process.umask(),
    stdout: { isTTY: Boolean(io.stdout.isTTY), columns: io.stdout.columns },
    stderr: { isTTY: Boolean(io.stderr.isTTY), columns: io.stderr.columns },
  };
}

/** Asks the server at `socket` for its status, or to stop; undefined when none answers. */
export function askServer(socket: string, question: 'status'): Promise<ServerStatus | undefined>;
export function askServer(socket: string, question: 'stop'): Promise<true | undefined>;
export function askServer(socket: string, question: 'status' | 'stop'): Promise<ServerStatus | true | undefined> {
  return new Promise((resolve) => {
    const connection = connect(socket);
    let answer: ServerStatus | true | undefined;
    connection.on('connect', () => send(connection, [question]));
    connection.on('error', () => undefined);
    connection.on('close', () => resolve(answer));
    receive(connection, ([kind, value]) => {
      if (kind === 'status') answer = value as ServerStatus;
      if (kind === 'stopping') answer = true;
      connection.end();
    });
  });
}
