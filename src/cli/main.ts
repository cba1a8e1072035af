import { Command, CommanderError } from 'commander';
import { packageVersion } from '../core/package.js';
import { registerBuild } from './build.js';
import { EXIT, isClosedPipe, STDOUT_CLOSED_NOTE, UsageError, type CliIO } from './io.js';
import { createReporter } from './report.js';
import { registerValidate } from './validate.js';
import { registerLint } from './lint.js';
import { ConfigError } from './config-defaults.js';
import { registerInit } from './init.js';
import { registerPresets } from './presets.js';
import { registerSchema } from './schema.js';
import { registerServer } from './server.js';
import { registerStyles } from './styles.js';
import { registerTemplates } from './templates.js';

/**
 * The command line, over the library API. Takes its argv and streams as arguments so tests run it
 * in-process; returns the exit code instead of exiting.
 */
export async function runMain(argv: string[], io: CliIO): Promise<number> {
  let exitCode: number = EXIT.ok;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const debug = argv.includes('--debug');
  // `plangen … | head -1`: a reader that stops reading must not end the run with a stack trace; the
  // builds go on, and stderr says the report did not all arrive.
  let stdoutClosed = false;
  const onStdoutError = (error: NodeJS.ErrnoException) => {
    if (!isClosedPipe(error)) throw error;
    stdoutClosed = true;
  };
  io.stdout.on('error', onStdoutError);
  const noteClosedStdout = () => {
    io.stdout.off('error', onStdoutError);
    io.stdout.on('error', () => undefined); // later writes to the closed pipe fail the same way
    if (stdoutClosed) io.stderr.write(STDOUT_CLOSED_NOTE);
  };
  const program = new Command('plangen')
    .description('Turn a work plan written once as YAML into a finished Word document and Markdown')
    .version(packageVersion(), '-V, --version')
    .option('--debug', 'print stack traces for errors')
    .exitOverride()
    .showSuggestionAfterError(true)
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
    });
  registerBuild(program, io, setExit);
  registerValidate(program, io, setExit);
  registerLint(program, io, setExit);
  registerInit(program, io, setExit);
  registerPresets(program, io, setExit);
  registerSchema(program, io, setExit);
  registerStyles(program, io, setExit);
  registerTemplates(program, io, setExit);
  registerServer(program, io, setExit, runMain);

  try {
    await program.parseAsync(argv, { from: 'user' });
    await new Promise((resolve) => setImmediate(resolve)); // let a failed write report itself
    noteClosedStdout();
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // --help and --version end here too, with code 0.
      return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const report = createReporter(io);
    if (error instanceof ConfigError) {
      createReporter(io).diagnostics(error.diagnostics);
      return EXIT.failed;
    }
    if (error instanceof UsageError) {
      report.error(error.message);
      return EXIT.usage;
    }
    const err = error as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && err.syscall) {
      // A file system error (permissions, disk full): the user's environment, not a bug.
      report.error(`${err.message}`);
      if (debug) io.stderr.write(`${err.stack}\n`);
      return EXIT.failed;
    }
    report.error(
      `internal error: ${err?.message ?? String(error)}\nThis is a bug in plangen; please report it with the input that caused it.`,
    );
    io.stderr.write(`${err?.stack ?? ''}\n`);
    return EXIT.failed;
  }
}
