import { readFileSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { configTextFor, forgetConfigFiles } from '../config/find.js';
import type { OutputFormat } from '../pipeline.js';
import { diagnostic, hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { readErrorMessage } from '../io/read-error.js';
import { BuildCache, inputKey } from './cache.js';
import type { PlanInput } from './inputs.js';
import { schedule } from './pool.js';
import type { BuildSettings, BuildTask, TaskResult } from './task.js';
import { outputWriter, type OutputWriter } from './writer.js';

export type InputStatus = 'built' | 'unchanged' | 'failed' | 'skipped';

/** One input's outcome: what the reports (terminal, --json, --junit) are made of. */
export interface InputRecord {
  /** As the user would type it (relative to the working folder). */
  input: string;
  status: InputStatus;
  outputs: Array<{ format: OutputFormat; path: string }>;
  diagnostics: Diagnostic[];
  /** Wall time spent on this input: build and write, or the cache check. */
  ms: number;
}

export interface PlannedInput {
  input: PlanInput;
  /** Absolute output path per format. */
  targets: Record<OutputFormat, string>;
}

export interface BatchOptions {
  settings: BuildSettings;
  jobs: number;
  strict?: boolean;
  failFast?: boolean;
  /** Rebuild even when the cache says an input is unchanged. */
  force?: boolean;
  cache?: BuildCache;
  /** Shared part of every input's cache key (tool, templates, options). */
  salt: string;
  /** Path as shown to the user. */
  display(path: string): string;
  /** Keep every input's record (for --json and --junit); false keeps only the failures. Default true. */
  keepAll?: boolean;
}

/**
 * What the batch tells its caller as it runs. The batch never prints: the command line passes a
 * reporter that draws progress on a terminal or writes log lines (src/cli/batch-report.ts).
 */
export interface BatchReporter {
  /** Every input found unchanged or built, failed or skipped, as it happens. `source` is the spec's text when read. */
  record?(record: InputRecord, source?: string): void;
  /** Called once the unchanged inputs are known, with the number left to build. */
  building?(count: number): void;
  /** Text a build worker printed (never the process's stdout, which may carry a report). */
  output?(text: string): void;
}

export interface BatchResult {
  /** Every record, or (without `keepAll`) only the failed ones: a long batch's memory stays flat. */
  records: InputRecord[];
  /** Counts over every input, kept or not. */
  tally: Tally;
  interrupted: boolean;
}

/** Running counts of a batch's outcomes. */
export class Tally {
  inputs = 0;
  built = 0;
  unchanged = 0;
  failed = 0;
  skipped = 0;
  warnings = 0;

  add(record: InputRecord): void {
    this.inputs++;
    this[record.status]++;
    for (const d of record.diagnostics) if (d.severity === 'warning') this.warnings++;
  }

  summary(ms: number): Summary {
    const { inputs, built, unchanged, failed, skipped, warnings } = this;
    return { inputs, built, unchanged, failed, skipped, warnings, ms: Math.round(ms) };
  }
}

/**
 * Build every planned input: skip those the cache knows unchanged, build the rest on up to `jobs` lanes
 * (this thread, and worker threads while enough plans remain: pool.ts), and have the coordinator's writer
 * (writer.ts: this thread, or a writing thread in a large batch) write each plan's outputs atomically, so
 * a stop at any moment leaves no partial file. Every input is tried unless
 * `failFast`; an abort (SIGINT, SIGTERM) stops at once and writes nothing more.
 */
export async function runBatch(
  plans: readonly PlannedInput[],
  options: BatchOptions,
  reporter: BatchReporter = {},
  abort?: AbortSignal,
): Promise<BatchResult> {
  const records: InputRecord[] = [];
  const tally = new Tally();
  const emit = (record: InputRecord, source?: string) => {
    tally.add(record);
    if (options.keepAll !== false || record.status === 'failed') records.push(record);
    reporter.record?.(record, source);
  };

  // 1. Read every spec and ask the cache: cheap, and it needs none of the heavy libraries. Config files
  // are looked up afresh: one may have been added or edited since an earlier run in this process.
  forgetConfigFiles();
  const tasks: BuildTask[] = [];
  const byId = new Map<number, { plan: PlannedInput; key: string }>();
  for (const plan of plans) {
    const started = performance.now();
    const shown = options.display(plan.input.path);
    let key = '';
    let size: number | undefined;
    if (options.cache) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(plan.input.path);
      } catch (error) {
        emit({
          input: shown,
          status: 'failed',
          outputs: [],
          ms: performance.now() - started,
          diagnostics: [diagnostic(shown, 'io', `cannot read the plan: ${readErrorMessage(plan.input.path, error)}`)],
        });
        continue;
      }
      // The config nearest the spec sets its lint levels: a change there must rebuild it.
      key = inputKey(`${options.salt}\u0000${configTextFor(dirname(plan.input.path))}`, bytes);
      size = bytes.length;
      const known = options.force
        ? undefined
        : options.cache.lookup(
            options.settings.formats.map((f) => plan.targets[f]),
            key,
          );
      if (known) {
        const diagnostics = known.diagnostics.map((d) => ({ ...d, file: shown }));
        emit(
          {
            input: shown,
            status: 'unchanged',
            outputs: outputsOf(plan, options),
            diagnostics,
            ms: performance.now() - started,
          },
          diagnostics.length ? bytes.toString('utf8') : undefined,
        );
        continue;
      }
    }
    if (size === undefined) {
      try {
        size = statSync(plan.input.path).size;
      } catch {
        // The build reads it and reports why it cannot.
      }
    }
    const id = tasks.length;
    tasks.push({ id, path: plan.input.path, shown, bytes: size });
    byId.set(id, { plan, key });
  }
  reporter.building?.(tasks.length);

  // 2. Build what is left. A plan's outputs are written while the next one builds (writing.size at most
  // WRITES_IN_FLIGHT); its record is emitted once they are in place.
  let failedOnce = false;
  const stop = () => Boolean(abort?.aborted) || (Boolean(options.failFast) && failedOnce);
  const finished = new Set<number>();
  const writing = new Set<Promise<void>>();
  let writeError: unknown;
  const writer = outputWriter(tasks.length, options.jobs, abort);
  const finish = (record: InputRecord, source?: string) => {
    if (record.status === 'failed') failedOnce = true;
    emit(record, source);
  };
  const done = async (task: BuildTask, result: TaskResult) => {
    if (abort?.aborted) return; // interrupted: write nothing more
    finished.add(task.id);
    const { plan, key } = byId.get(task.id)!;
    const failed = judge(task, result, options);
    if (failed) return finish(failed, result.source);
    const writeStart = performance.now();
    const pending: Promise<void> = write(plan, key, task, result, options, writer)
      .then((record) => {
        if (!record) return; // a signal came before its files were put in place
        record.ms = result.ms + (performance.now() - writeStart);
        finish(record, result.source);
      })
      // Not a file that could not be written (that is a failed record) but a bug: it ends the batch.
      .catch((error: unknown) => void (writeError ??= error))
      .finally(() => writing.delete(pending));
    writing.add(pending);
    if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
  };

  try {
    if (tasks.length > 0 && !abort?.aborted)
      await schedule(tasks, options.jobs, options.settings, { done, stop, output: reporter.output }, abort);
  } finally {
    // Also after a signal: a file half made is finished or removed before the process ends.
    await Promise.all(writing);
    await writer.close();
  }
  if (writeError !== undefined) throw writeError;

  if (abort?.aborted) return { records, tally, interrupted: true };
  for (const task of tasks) {
    if (finished.has(task.id)) continue;
    emit({ input: task.shown, status: 'skipped', outputs: [], diagnostics: [], ms: 0 });
  }
  return { records, tally, interrupted: false };
}

/**
 * How many plans' outputs may be on their way to the disk at once: enough that the thread that builds
 * never waits for a file to be created, few enough that their bytes take little memory.
 */
const WRITES_IN_FLIGHT = 8;

/** A build that failed (or has findings under --strict) as its record; undefined when it is to be written. */
function judge(task: BuildTask, result: TaskResult, options: BatchOptions): InputRecord | undefined {
  const failed = !result.outputs || hasErrors(result.diagnostics) || (options.strict && result.diagnostics.length > 0);
  if (!failed) return undefined;
  return { input: task.shown, status: 'failed', outputs: [], diagnostics: result.diagnostics, ms: result.ms };
}

/**
 * Write a build's outputs, all or nothing, and then its cache entry. Undefined when a stop came before
 * the files were put in place (nothing written).
 */
async function write(
  plan: PlannedInput,
  key: string,
  task: BuildTask,
  result: TaskResult,
  options: BatchOptions,
  writer: OutputWriter,
): Promise<InputRecord | undefined> {
  const files = result.outputs!.map((output) => ({ path: plan.targets[output.format], bytes: output.bytes }));
  const bytes = new Map(result.outputs!.map((o) => [o.format, o.bytes]));
  // A plan whose `style:` or `template:` names files: the key covers the spec, not them, so do not remember it.
  const remember = result.dependencies?.length
    ? undefined
    : options.cache?.entry(
        options.settings.formats.map((f) => plan.targets[f]),
        key,
        result.diagnostics,
        options.settings.formats.map((f) => bytes.get(f)!),
      );
  try {
    if (!(await writer.write({ files, remember }))) return undefined;
  } catch (error) {
    return {
      input: task.shown,
      status: 'failed',
      outputs: [],
      diagnostics: [...result.diagnostics, ioDiagnostic(task.shown, 'cannot write the output', error)],
      ms: result.ms,
    };
  }
  return {
    input: task.shown,
    status: 'built',
    outputs: outputsOf(plan, options),
    diagnostics: result.diagnostics,
    ms: result.ms,
  };
}

/** A plan's outputs as its record lists them: each format's path as shown to the user. */
function outputsOf(plan: PlannedInput, options: BatchOptions): InputRecord['outputs'] {
  return options.settings.formats.map((format) => ({ format, path: options.display(plan.targets[format]) }));
}

function ioDiagnostic(file: string, what: string, error: unknown): Diagnostic {
  return diagnostic(file, 'io', `${what}: ${error instanceof Error ? error.message : String(error)}`);
}

export interface Summary {
  inputs: number;
  built: number;
  unchanged: number;
  failed: number;
  skipped: number;
  warnings: number;
  ms: number;
}

/** Records in input order (by path), whatever order they finished in. */
export function sortRecords(records: readonly InputRecord[]): InputRecord[] {
  return [...records].sort((a, b) => (a.input < b.input ? -1 : a.input > b.input ? 1 : 0));
}
