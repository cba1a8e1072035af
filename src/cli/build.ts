import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import type { OutputFormat } from '../pipeline.js';
import { UsageError, type CliIO } from './io.js';

export interface BuildFlags {
  outDir?: string;
  /** Default docx, or plangen.config.yaml's build.formats. */
  format?: string;
  style?: string;
  template?: string;
  strict?: boolean;
  quiet?: boolean;
  jobs?: string;
  shard?: string;
  json?: boolean;
  junit?: string;
  failFast?: boolean;
  force?: boolean;
  /** false with --no-cache */
  cache?: boolean;
  cacheDir?: string;
  /** --draft, or --draft TEXT */
  draft?: boolean | string;
  /** --review: build each plan's year-end review, written beside the plan's outputs as NAME.review.docx. */
  review?: boolean;
}

const FORMATS: OutputFormat[] = ['docx', 'md', 'pdf'];

export function parseFormats(value: string): OutputFormat[] {
  const formats = value
    .split(',')
    .map((f) => f.trim().toLowerCase())
    .filter(Boolean);
  const unknown = formats.filter((f) => !FORMATS.includes(f as OutputFormat));
  if (unknown.length || formats.length === 0)
    throw new UsageError(
      `unknown format "${unknown.join(',') || value}"; use docx, md, pdf or a list such as docx,pdf`,
    );
  return [...new Set(formats)] as OutputFormat[];
}

export function parseJobs(value: string | undefined): number {
  if (value === undefined) return Math.max(1, availableParallelism());
  if (!/^\d+$/.test(value.trim()) || Number(value) < 1)
    throw new UsageError(`--jobs expects a whole number of at least 1 (got "${value}")`);
  return Number(value);
}

export function registerBuild(program: Command, io: CliIO, setExit: (code: number) => void): void {
  program
    .command('build')
    .description('build plans (files, folders or quoted globs) into DOCX and/or Markdown')
    .argument('<inputs...>', 'plan specs: files, folders or globs such as "plans/**/*.yaml"')
    .option(
      '-o, --out-dir <dir>',
      "write outputs here, mirroring the inputs' relative paths (default: beside each input)",
    )
    .option(
      '-f, --format <list>',
      'output formats, comma-separated: docx, md, pdf (pdf needs LibreOffice; default: docx)',
    )
    .option(
      '--style <name|file>',
      'official (GB/T 9704), business, a style file (house.yaml) or a reference Word file (house.docx); overrides the spec',
    )
    .option('--template <dir>', 'a folder of .hbs templates overriding the built-in ones; overrides the spec')
    .option(
      '--draft [text]',
      'a diagonal draft mark on every page (征求意见稿 / DRAFT, or your text); overrides the spec',
    )
    .option('--review', 'build the year-end review of each plan (NAME.review.docx), as with kind: review')
    .option('--strict', 'treat warnings as errors')
    .option('-q, --quiet', 'print errors only')
    .option('-j, --jobs <n>', 'build on n worker threads (default: the available cores)')
    .option(
      '--shard <i/n>',
      'build only part i of n: a stable split of the inputs by relative path, for parallel CI runners',
    )
    .option('--json', 'print a machine-readable report on stdout (per input: status, outputs, diagnostics, ms)')
    .option('--junit <file>', 'write a JUnit XML report (one test case per input) for CI systems')
    .option('--fail-fast', 'stop starting new builds after the first failure')
    .option('--force', 'rebuild every input, even those the cache knows unchanged')
    .option('--no-cache', 'neither read nor write the build cache')
    .option('--cache-dir <dir>', 'where the build cache lives (default: $PLANGEN_CACHE_DIR, else ~/.cache/plangen)')
    .action(async (inputs: string[], flags: BuildFlags) => {
      // Loaded when a build runs: `validate`, `lint` and `--version` do not pay for the batch, its
      // cache (node:crypto) or the reports.
      const { runBuild } = await import('./build-run.js');
      setExit(await runBuild(inputs, flags, io));
    });
}
