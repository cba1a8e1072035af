import { readFileSync } from 'node:fs';
import type { BuildOptions, BuiltDocument, OutputFormat } from '../pipeline.js';
import type { Diagnostic } from '../spec/diagnostic.js';
import { decodeSpec } from '../spec/source.js';

/** What every build of one run shares: sent once to each worker. */
export interface BuildSettings {
  formats: OutputFormat[];
  style?: 'official' | 'business';
  templateFolder?: string;
  sourceDateEpoch?: number;
}

/**
 * One plan to build. The coordinator hashed the file for the cache and keeps nothing of it; the
 * thread that builds reads it again, so a batch of any size holds no spec text it is not building.
 */
export interface BuildTask {
  id: number;
  /** Absolute path of the spec. */
  path: string;
  /** The path shown in diagnostics. */
  shown: string;
}

export interface TaskResult {
  id: number;
  diagnostics: Diagnostic[];
  /** Present when every output was produced. */
  outputs?: BuiltDocument[];
  /** Build time in milliseconds, in the thread that built it. */
  ms: number;
  /** The spec's text, sent back only when there are diagnostics to show with a code frame. */
  source?: string;
}

let pipeline: Promise<typeof import('../pipeline.js')> | undefined;

/**
 * Build one plan in memory. The pipeline is imported on first use, so a run that finds every input
 * unchanged never loads the heavy libraries. A bug (an exception the pipeline does not turn into a
 * diagnostic) fails this input, not the batch.
 */
export async function runTask(
  task: BuildTask,
  settings: BuildSettings,
  templateCache?: BuildOptions['templateCache'],
): Promise<TaskResult> {
  const start = performance.now();
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(task.path);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return {
      id: task.id,
      diagnostics: [
        {
          file: task.shown,
          line: 0,
          col: 0,
          severity: 'error',
          code: 'io',
          message: `cannot read the plan: ${message}`,
        },
      ],
      ms: performance.now() - start,
    };
  }
  const decoded = decodeSpec(bytes, task.shown);
  if (decoded.source === undefined)
    return { id: task.id, diagnostics: decoded.diagnostics, ms: performance.now() - start };
  const { source } = decoded;
  try {
    pipeline ??= import('../pipeline.js');
    const { buildPlan } = await pipeline;
    const options: BuildOptions = { ...settings, templateCache };
    const result = await buildPlan(source, task.shown, options);
    return {
      id: task.id,
      diagnostics: result.diagnostics,
      outputs: result.outputs,
      ms: performance.now() - start,
      source: result.diagnostics.length ? source : undefined,
    };
  } catch (error) {
    const message = error instanceof Error ? `${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error);
    return {
      id: task.id,
      diagnostics: [
        {
          file: task.shown,
          line: 0,
          col: 0,
          severity: 'error',
          code: 'internal',
          message: `internal error (a bug in plangen; please report it with this file): ${message}`,
        },
      ],
      ms: performance.now() - start,
    };
  }
}
