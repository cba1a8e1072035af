import { Option, type Command } from 'commander';
import { cacheRoot } from './cache-folder.js';
import { bundleHash, DEFAULT_IDLE_MS, serverSocket } from './server/place.js';
import { EXIT, UsageError, type CliIO } from './io.js';

type RunMain = (argv: string[], io: CliIO) => Promise<number>;

/**
 * `plangen server status|stop`: the build server that build, validate and lint start for the commands
 * after them (src/cli/server). `server run` is how they start it, and is not listed.
 */
export function registerServer(program: Command, io: CliIO, setExit: (code: number) => void, runMain: RunMain): void {
  const server = program
    .command('server')
    .description('the build server that keeps plangen loaded between commands (PLANGEN_SERVER=0: none)');
  const cacheOption = () => new Option('--cache-dir <dir>', 'the cache folder the server was started for');

  server
    .command('status')
    .description('say whether a build server is up, since when, and how many commands it ran')
    .addOption(cacheOption())
    .action(async (flags: { cacheDir?: string }) => {
      const socket = socketFor(flags.cacheDir, io);
      const { askServer } = await import('./server/client.js');
      const status = await askServer(socket, 'status');
      if (!status) return void io.stdout.write('no build server is running\n');
      const idle = Math.round(status.idleMs / 60_000);
      io.stdout.write(
        `a build server is running: process ${status.pid}, since ${status.startedAt}, ${status.commands} ` +
          `command(s) run; it stops after ${idle} minute(s) without one\n`,
      );
    });

  server
    .command('stop')
    .description('stop the build server (the next build starts a new one)')
    .addOption(cacheOption())
    .action(async (flags: { cacheDir?: string }) => {
      const { askServer } = await import('./server/client.js');
      const stopped = await askServer(socketFor(flags.cacheDir, io), 'stop');
      io.stdout.write(stopped ? 'the build server stopped\n' : 'no build server was running\n');
    });

  server
    .command('run', { hidden: true })
    .requiredOption('--socket <path>', 'the socket to answer on')
    .action(async (flags: { socket: string }) => {
      const { serveCommands } = await import('./server/commands.js');
      const seconds = Number(io.env.PLANGEN_SERVER_IDLE);
      const idleMs = Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : DEFAULT_IDLE_MS;
      await serveCommands(flags.socket, idleMs, runMain);
      setExit(EXIT.ok);
    });
}

function socketFor(cacheDir: string | undefined, io: CliIO): string {
  const hash = bundleHash();
  if (!hash) throw new UsageError('this plangen runs without its bundle (dist/bundle), and so without a build server');
  const socket = serverSocket(cacheRoot(cacheDir ? ['--cache-dir', cacheDir] : [], io.env, io.cwd), hash);
  if (!socket)
    throw new UsageError('the cache folder is not private to this user, or its path is too long for a socket');
  return socket;
}
