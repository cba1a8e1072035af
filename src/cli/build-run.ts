import { dirname, resolve } from 'node:path';
import { BuildCache, plangenFingerprint, runSalt, templatesFingerprint } from '../batch/cache.js';
import { expandInputs, outputPath, type PlanInput } from '../batch/inputs.js';
import { runBatch, sortRecords, type PlannedInput } from '../batch/run.js';
import { inShard, parseShard } from '../batch/shard.js';
import { checkOutputTargets, checkReportTarget } from '../batch/targets.js';
import { writeFileAtomic } from '../io/atomic.js';
import type { OutputFormat } from '../pipeline.js';
import { packageVersion } from '../core/package.js';
import { checkpoint } from '../core/checkpoint.js';
import { createTerminalReporter, jsonReport, junitReport } from './batch-report.js';
import { parseFormats, parseJobs, type BuildFlags } from './build.js';
import { finishPdf, stagePdf, styleFlag } from './build-pdf.js';
import { cacheFolder } from './cache-folder.js';
import { EXIT, noPlanMatched, onInterrupt, UsageError, type CliIO } from './io.js';
import { ConfigError, withConfigDefaults } from './config-defaults.js';
import { loadProjectConfig } from '../config/project-config.js';
import { BUILTIN_TEMPLATES, templateFolderProblem } from '../render/templates.js';
import { findSoffice, INSTALL_HINT } from '../pdf/convert.js';
import { withoutExcluded } from './exclude.js';
import { displayPath } from './report.js';

/**
 * `plangen build`: what build.ts's command runs, in a module of its own so that the other commands load
 * none of the batch, its cache or its reports. Checks every input and output before anything is built,
 * builds (runBatch), reports, and returns the exit code.
 */
export async function runBuild(args: string[], flags: BuildFlags, io: CliIO): Promise<number> {
  const started = performance.now();
  // plangen.config.yaml (found from the working folder up) supplies defaults; flags win.
  const config = loadProjectConfig(io.cwd, (p) => displayPath(io.cwd, p));
  if (config.diagnostics.length) throw new ConfigError(config.diagnostics);
  flags = withConfigDefaults(flags, config);
  const formats = parseFormats(flags.format ?? 'docx');
  const style = styleFlag(flags.style, io.cwd);
  // Before anything is built: a batch that cannot make its PDFs should not write half its outputs.
  const soffice = formats.includes('pdf') ? findSoffice(io.env) : undefined;
  if (formats.includes('pdf') && !soffice) throw new UsageError(INSTALL_HINT);
  const jobs = parseJobs(flags.jobs);
  const shard = flags.shard !== undefined ? usage(parseShard(flags.shard)).shard : undefined;
  const expanded = await expandInputs(args, io.cwd);
  const { unmatched } = expanded;
  if (unmatched.length) throw noPlanMatched(unmatched);
  const configs = expanded.inputs.map((input) => loadProjectConfig(dirname(input.path)));
  const inputs = await withoutExcluded(expanded.inputs, configs, args, io.cwd);
  // Checked over all inputs, before anything is built, so every shard refuses the same mistakes.
  const outDir = flags.outDir ? resolve(io.cwd, flags.outDir) : undefined;
  const allPlans = planOutputs(inputs, formats, outDir, flags.review ? '.review' : '');
  // Nothing but an output is ever replaced: no link, folder or device, no input, nothing outside -o.
  usageIf(checkOutputTargets(allPlans, outDir));
  if (flags.junit !== undefined) usageIf(checkReportTarget(resolve(io.cwd, flags.junit), allPlans));
  const planned = inShard(allPlans, shard, (plan) => plan.input.relative);
  // PDF: each plan's DOCX is staged in a temp folder; one LibreOffice run converts them all at the end.
  const pdf = formats.includes('pdf') ? stagePdf(planned) : undefined;
  const plans = pdf ? pdf.plans : planned;

  const epoch = sourceDateEpoch(io.env.SOURCE_DATE_EPOCH);
  const templateFolder = flags.template !== undefined ? resolve(io.cwd, flags.template) : undefined;
  if (templateFolder) usageIf(templateFolderProblem(templateFolder));
  const settings = {
    formats,
    style: style?.value,
    templateFolder,
    draft: flags.draft,
    review: flags.review,
    sourceDateEpoch: epoch,
    // DOCX frames are kept in the cache folder like the code cache (src/cli/launch.ts), and switched off
    // with it: they hold no plan's content, only what this code writes for a look, so --no-cache leaves them.
    frameCache:
      io.env.PLANGEN_CODE_CACHE === '0' || formats.every((f) => f === 'md')
        ? undefined
        : { folder: cacheFolder(flags.cacheDir, io.env, io.cwd), code: plangenFingerprint() },
  };
  // PDFs are made after the batch, from staged files the cache cannot check: such a run is not cached.
  const cache = flags.cache === false || pdf ? undefined : new BuildCache(cacheFolder(flags.cacheDir, io.env, io.cwd));
  const salt = cache
    ? runSalt({
        tool: plangenFingerprint(),
        templates: templatesFingerprint(BUILTIN_TEMPLATES, templateFolder),
        styleFile: style?.fingerprint,
        ...settings,
        templateFolder: undefined,
        frameCache: undefined,
        strict: Boolean(flags.strict),
        // Lint levels change what a build reports; a config below the working folder is not seen here.
        config: config.text,
      })
    : '';

  const reporter = createTerminalReporter(io, { quiet: flags.quiet, single: plans.length === 1 });
  await reporter.start(plans.length);

  // SIGINT / SIGTERM: stop every worker and the build in this thread (between two of its stages), write
  // nothing more, exit 130. The handlers go after the first signal, so a second one ends the process at once.
  const controller = new AbortController();
  const stopListening = onInterrupt(io, (signal) => {
    stopListening();
    controller.abort(signal);
  });
  let result: Awaited<ReturnType<typeof runBatch>>;
  try {
    result = await runBatch(
      plans,
      {
        settings,
        jobs,
        strict: flags.strict,
        failFast: flags.failFast,
        force: flags.force,
        cache,
        salt,
        display: (p) => displayPath(io.cwd, pdf?.targets.get(p) ?? p),
        keepAll: Boolean(flags.json || flags.junit),
      },
      { record: (record, source) => reporter.record(record, source), output: (text) => io.stderr.write(text) },
      controller.signal,
    );
    reporter.stop();
    // Interrupted, the staged plans are counted as stopped, not built (their PDF was never made).
    if (pdf) await finishPdf(pdf, result, soffice!, io, controller.signal);
    // A signal that came during the last synchronous stretch is still waiting for the event loop:
    // let it in before the handlers go, or it would be dropped and the run end as if none came.
    await checkpoint(controller.signal).catch(() => undefined);
  } finally {
    stopListening();
    reporter.stop();
    pdf?.cleanup();
  }
  const records = sortRecords(result.records);
  const summary = result.tally.summary(performance.now() - started);
  const interrupted = result.interrupted || controller.signal.aborted;
  reporter.finish(summary, records, interrupted);
  if (interrupted) return EXIT.interrupted;

  if (flags.junit) writeFileAtomic(resolve(io.cwd, flags.junit), junitReport(summary, records));
  if (flags.json)
    io.stdout.write(
      jsonReport(packageVersion(), summary, records, shard ? { shard: `${shard.index}/${shard.count}` } : {}),
    );
  return summary.failed ? EXIT.failed : EXIT.ok;
}

function usageIf(problem: string | undefined): void {
  if (problem !== undefined) throw new UsageError(problem);
}

/** The latest second a document date can hold (9999-12-31T23:59:59Z). */
const LAST_EPOCH = 253_402_300_799;

/**
 * SOURCE_DATE_EPOCH (reproducible-builds.org): whole seconds since 1970. Anything else was ignored or
 * ended in an internal error in the DOCX writer; now it is a usage error that says what is expected.
 */
export function sourceDateEpoch(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (!/^\s*\d+\s*$/.test(value) || Number(value) > LAST_EPOCH)
    throw new UsageError(
      `SOURCE_DATE_EPOCH must be whole seconds since 1970-01-01, at most ${LAST_EPOCH} (got "${value}")`,
    );
  return Number(value);
}

/** A library result that carries an error → that error as a usage mistake (exit 2). */
function usage<T extends { error?: string }>(result: T): T & { error?: undefined } {
  if (result.error !== undefined) throw new UsageError(result.error);
  return result as T & { error?: undefined };
}

/** Every input's output paths, checked before anything is built: none outside --out-dir, no two the same. */
export function planOutputs(
  inputs: PlanInput[],
  formats: OutputFormat[],
  outDir?: string,
  suffix = '',
): PlannedInput[] {
  const claimed = new Map<string, string>();
  return inputs.map((input) => {
    const targets = {} as Record<OutputFormat, string>;
    for (const format of formats) {
      const target = outputPath(input, `${suffix}.${format}`, outDir);
      if (!target) throw new UsageError(`${input.relative}: output would land outside ${outDir}`);
      const other = claimed.get(target);
      if (other) throw new UsageError(`${other} and ${input.path} would both write ${target}`);
      claimed.set(target, input.path);
      targets[format] = target;
    }
    return { input, targets };
  });
}
