import type { Command } from 'commander';
import { expandInputs } from '../batch/inputs.js';
import { hasErrors } from '../core/diagnostic.js';
import { createReporter, displayPath } from './report.js';
import { EXIT, noPlanMatched, type CliIO } from './io.js';

export function registerValidate(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('validate')
    .description('check plans against the schema without writing anything')
    .argument('<inputs...>', 'plan specs: files, folders or globs')
    .option('--strict', 'treat warnings as errors')
    .option('-q, --quiet', 'print errors only')
    .action(async (args: string[], flags: { strict?: boolean; quiet?: boolean }) => {
      const { inputs, unmatched } = await expandInputs(args, io.cwd);
      if (unmatched.length) throw noPlanMatched(unmatched);
      // Loaded here, not at the top: `plangen --version` and other commands need not pay for YAML and zod;
      // and from spec/file.js, not the pipeline, so that validating loads none of the build's libraries.
      const { validateFile } = await import('../spec/file.js');
      const report = createReporter(io, flags.quiet);
      let failed = 0;
      for (const input of inputs) {
        const shown = displayPath(io.cwd, input.path);
        const { source, diagnostics } = validateFile({ path: input.path, file: shown });
        report.diagnostics(diagnostics, source);
        if (hasErrors(diagnostics) || (flags.strict && diagnostics.length > 0)) failed++;
        else report.info(`${shown}: ok`);
      }
      setExit(failed ? EXIT.failed : EXIT.ok);
    });
}
