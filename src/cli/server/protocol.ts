// The build server's wire format: one JSON array per line, each way, over a Unix socket. Both ends are
// the same plangen (the socket's name carries the bundle's hash), so the format needs no versioning.
import { connect, type Socket } from 'node:net';

/** What a command may look at of the process that asked for it. */
export interface ServerRequest {
  argv: string[];
  cwd: string;
  env: Record<string, string>;
  umask: number;
  stdout: Terminal;
  stderr: Terminal;
}

export interface Terminal {
  isTTY: boolean;
  columns?: number;
}

export interface ServerStatus {
  pid: number;
  startedAt: string;
  commands: number;
  /** Milliseconds idle before the server stops by itself. */
  idleMs: number;
}

/** Client → server. `run` comes first on a command's connection; `signal` may follow. */
export type ClientMessage = ['run', ServerRequest] | ['signal', 'SIGINT' | 'SIGTERM'] | ['status'] | ['stop'];

/**
 * Server → client. `queued` answers `run` at once; `start` says the command has begun, in the server's
 * process (before it, the client may still run the command itself); `out` and `err` carry text for stdout
 * and stderr, `out64` and `err64` bytes (base64); `exit` ends the command with its exit code; `default`
 * says the command does not handle the signal the client sent: the client ends as that signal ends it.
 */
export type ServerMessage =
  | ['queued']
  | ['start', number]
  | ['out' | 'err' | 'out64' | 'err64', string]
  | ['exit', number]
  | ['default', 'SIGINT' | 'SIGTERM']
  | ['status', ServerStatus]
  | ['stopping'];

export function send(socket: Socket, message: ClientMessage | ServerMessage): void {
  if (!socket.destroyed && socket.writable) socket.write(`${JSON.stringify(message)}\n`);
}

/** Calls `onMessage` with each line's array. A line that is not a JSON array ends the connection. */
export function receive(socket: Socket, onMessage: (message: unknown[]) => void): void {
  let pending = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    pending += chunk;
    let end: number;
    while ((end = pending.indexOf('\n')) >= 0) {
      const line = pending.slice(0, end);
      pending = pending.slice(end + 1);
      let message: unknown;
      try {
        message = JSON.parse(line);
      } catch {
        message = undefined;
      }
      if (!Array.isArray(message) || typeof message[0] !== 'string') {
        socket.destroy();
        return;
      }
      onMessage(message);
    }
  });
}

/** Whether a server listens on `socket` (it accepts a connection). */
export function answers(socket: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect(socket);
    probe.on('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.on('error', () => resolve(false));
  });
}
