import { readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { expandInputs, outputPath, type PlanInput } from '../batch/inputs.js';
import { writeFileAtomic } from '../io/atomic.js';
import { buildPlan, type OutputFormat } from '../pipeline.js';
import { hasErrors } from '../spec/diagnostic.js';
import { EXIT, UsageError, type CliIO } from './io.js';
import { createReporter } from './report.js';

export interface BuildFlags {
  outDir?: string;
  format: string;
  style?: string;
  template?: string;
  strict?: boolean;
  quiet?: boolean;
}

const FORMATS: OutputFormat[] = ['docx', 'md'];

export function parseFormats(value: string): OutputFormat[] {
  const formats = value.split(',').map((f) => f.trim().toLowerCase()).filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as OutputFormat));
  if (unknown.length || formats.length === 0) throw new UsageError(`unknown format "${unknown.join(',') || value}"; use docx, md or docx,md`);
  return [...new Set(formats)] as OutputFormat[];
}

export function registerBuild(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('build')
    .description('build plans (files, folders or quoted globs) into DOCX and/or Markdown')
    .argument('<inputs...>', 'plan specs: files, folders or globs such as "plans/**/*.yaml"')
    .option('-o, --out-dir <dir>', 'write outputs here, mirroring the inputs\' relative paths (default: beside each input)')
    .option('-f, --format <list>', 'output formats, comma-separated: docx, md', 'docx')
    .option('--style <name>', 'style profile: official (GB/T 9704) or business; overrides the spec')
    .option('--template <dir>', 'a folder of .hbs templates overriding the built-in ones')
    .option('--strict', 'treat warnings as errors')
    .option('-q, --quiet', 'print errors only')
    .action(async (inputs: string[], flags: BuildFlags) => setExit(await runBuild(inputs, flags, io)));
}

export async function runBuild(args: string[], flags: BuildFlags, io: CliIO): Promise<number> {
  const formats = parseFormats(flags.format);
  if (flags.style !== undefined && flags.style !== 'official' && flags.style !== 'business') {
    throw new UsageError(`unknown style "${flags.style}"; use official or business`);
  }
  const { inputs, unmatched } = await expandInputs(args, io.cwd);
  if (unmatched.length) throw new UsageError(`no plan matched: ${unmatched.join(', ')}`);
  const plans = planOutputs(inputs, formats, flags.outDir ? resolve(io.cwd, flags.outDir) : undefined);

  const report = createReporter(io, flags.quiet);
  const epoch = io.env.SOURCE_DATE_EPOCH ? Number(io.env.SOURCE_DATE_EPOCH) : undefined;
  let failed = 0;
  for (const { input, targets } of plans) {
    const source = readFileSync(input.path, 'utf8');
    const shown = displayPath(io.cwd, input.path);
    const result = await buildPlan(source, shown, {
      formats, style: flags.style as 'official' | 'business' | undefined,
      templateFolder: flags.template ? resolve(io.cwd, flags.template) : undefined,
      sourceDateEpoch: Number.isFinite(epoch) ? epoch : undefined,
    });
    report.diagnostics(result.diagnostics, source);
    const failedHere = !result.outputs || hasErrors(result.diagnostics) || (flags.strict && result.diagnostics.length > 0);
    if (failedHere) {
      failed++;
      continue;
    }
    for (const output of result.outputs!) writeFileAtomic(targets[output.format], output.bytes);
    report.info(`${shown} → ${formats.map((f) => displayPath(io.cwd, targets[f])).join(', ')}`);
  }
  if (plans.length > 1 || failed) report.info(`${plans.length - failed} built, ${failed} failed`);
  return failed ? EXIT.failed : EXIT.ok;
}

/** Every input's output paths, checked before anything is built: none outside --out-dir, no two the same. */
export function planOutputs(inputs: PlanInput[], formats: OutputFormat[], outDir?: string) {
  const claimed = new Map<string, string>();
  return inputs.map((input) => {
    const targets = {} as Record<OutputFormat, string>;
    for (const format of formats) {
      const target = outputPath(input, `.${format}`, outDir);
      if (!target) throw new UsageError(`${input.relative}: output would land outside ${outDir}`);
      const other = claimed.get(target);
      if (other) throw new UsageError(`${other} and ${input.path} would both write ${target}`);
      claimed.set(target, input.path);
      targets[format] = target;
    }
    return { input, targets };
  });
}

/** Paths as the user would type them: relative to where they ran the command. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel.startsWith('..') ? path : rel;
}
