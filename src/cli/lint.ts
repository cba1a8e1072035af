import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { expandInputs } from '../batch/inputs.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { packageVersion } from '../core/package.js';
import { readErrorMessage } from '../io/read-error.js';
import { decodeSpec } from '../spec/source.js';
import { withoutExcluded } from './exclude.js';
import { counted, createReporter, displayPath } from './report.js';
import { EXIT, noPlanMatched, UsageError, type CliIO } from './io.js';

const FORMATS = ['text', 'json', 'sarif'] as const;

interface LintFlags {
  format: string;
  strict?: boolean;
  quiet?: boolean;
}

export function registerLint(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('check plans for placeholders left in, hand-typed numbering, duplicates, vague targets, dates…')
    .argument('<inputs...>', 'plan specs: files, folders or globs')
    .option('--format <format>', 'text (on stderr), json or sarif (on stdout)', 'text')
    .option('--strict', 'exit 1 on warnings too')
    .option('-q, --quiet', 'print errors only (text format)')
    .action(async (args: string[], flags: LintFlags) => setExit(await runLint(args, flags, io)));
}

async function runLint(args: string[], flags: LintFlags, io: CliIO): Promise<number> {
  if (!FORMATS.includes(flags.format as (typeof FORMATS)[number]))
    throw new UsageError(`unknown format "${flags.format}"; use ${FORMATS.join(', ')}`);
  const { inputs: found, unmatched } = await expandInputs(args, io.cwd);
  if (unmatched.length) throw noPlanMatched(unmatched);
  const { loadProjectConfig } = await import('../config/project-config.js');
  const { lintPlan } = await import('../lint/plan.js');
  const show = (p: string) => displayPath(io.cwd, p).split('\\').join('/');
  const configs = found.map((input) => loadProjectConfig(dirname(input.path)));
  const inputs = await withoutExcluded(found, configs, args, io.cwd);

  const report = createReporter(io, flags.quiet);
  const all: Diagnostic[] = [];
  const perFile: Array<{ input: string; diagnostics: Diagnostic[] }> = [];
  for (const input of inputs) {
    const shown = show(input.path);
    const config = loadProjectConfig(dirname(input.path), show);
    let decoded: { source?: string; diagnostics: Diagnostic[] };
    try {
      decoded = decodeSpec(readFileSync(input.path), shown);
    } catch (error) {
      decoded = {
        diagnostics: [diagnostic(shown, 'io', `cannot read the plan: ${readErrorMessage(input.path, error)}`)],
      };
    }
    const diagnostics = [
      ...config.diagnostics,
      ...(decoded.source === undefined ? decoded.diagnostics : lintPlan(decoded.source, shown, config.data.lint)),
    ];
    all.push(...diagnostics);
    perFile.push({ input: shown, diagnostics });
    if (flags.format === 'text') report.diagnostics(diagnostics, decoded.source);
  }
  const count = (s: Diagnostic['severity']) => all.filter((d) => d.severity === s).length;
  const [errors, warnings, infos] = [count('error'), count('warning'), count('info')];
  if (flags.format === 'json')
    io.stdout.write(
      `${JSON.stringify({ version: packageVersion(), inputs: perFile, errors, warnings, infos }, null, 2)}\n`,
    );
  else if (flags.format === 'sarif') {
    const { sarifLog } = await import('../lint/sarif.js');
    io.stdout.write(`${JSON.stringify(sarifLog(all, packageVersion()), null, 2)}\n`);
  } else
    report.info(
      `${counted(inputs.length, 'plan')} linted: ${counted(errors, 'error')}, ${counted(warnings, 'warning')}, ${counted(infos, 'note')}`,
    );
  return errors > 0 || (flags.strict && warnings > 0) ? EXIT.failed : EXIT.ok;
}
