import type { BuildOptions, BuiltDocument, OutputFormat } from '../pipeline.js';
import type { Diagnostic } from '../spec/diagnostic.js';

/** What every build of one run shares: sent once to each worker. */
export interface BuildSettings {
  formats: OutputFormat[];
  style?: 'official' | 'business';
  templateFolder?: string;
  sourceDateEpoch?: number;
}

/** One plan to build: its text is read (and hashed for the cache) by the coordinator. */
export interface BuildTask {
  id: number;
  /** The path shown in diagnostics. */
  shown: string;
  source: string;
}

export interface TaskResult {
  id: number;
  diagnostics: Diagnostic[];
  /** Present when every output was produced. */
  outputs?: BuiltDocument[];
  /** Build time in milliseconds, in the thread that built it. */
  ms: number;
}

let pipeline: Promise<typeof import('../pipeline.js')> | undefined;

/**
 * Build one plan in memory. The pipeline is imported on first use, so a run that finds every input
 * unchanged never loads the heavy libraries. A bug (an exception the pipeline does not turn into a
 * diagnostic) fails this input, not the batch.
 */
export async function runTask(task: BuildTask, settings: BuildSettings): Promise<TaskResult> {
  const start = performance.now();
  try {
    pipeline ??= import('../pipeline.js');
    const { buildPlan } = await pipeline;
    const options: BuildOptions = { ...settings };
    const result = await buildPlan(task.source, task.shown, options);
    return { id: task.id, diagnostics: result.diagnostics, outputs: result.outputs, ms: performance.now() - start };
  } catch (error) {
    const message = error instanceof Error ? `${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error);
    return {
      id: task.id,
      diagnostics: [{ file: task.shown, line: 0, col: 0, severity: 'error', code: 'internal', message: `internal error (a bug in plangen; please report it with this file): ${message}` }],
      ms: performance.now() - start,
    };
  }
}
