import { dirname } from 'node:path';
import type { FrameCache } from '../doc/docx/frame-store.js';
import type { BuildOptions, BuiltDocument, OutputFormat } from '../pipeline.js';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';

/** What every build of one run shares: sent once to each worker. */
export interface BuildSettings {
  formats: OutputFormat[];
  /** official, business, or an absolute path to a style file or reference DOCX. */
  style?: string;
  templateFolder?: string;
  draft?: boolean | string;
  /** Build the year-end review (kind: review) whatever the spec's kind. */
  review?: boolean;
  sourceDateEpoch?: number;
  frameCache?: FrameCache;
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
  /** The file's size, when known: a large plan is built where the heap can hold it (pool.ts). */
  bytes?: number;
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
  /** Files the spec pointed at: the cache cannot vouch for them, so such a build is not remembered. */
  dependencies?: string[];
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
  /** For a build in the thread that answers signals: an abort stops it between stages (AbortError). */
  signal?: AbortSignal,
): Promise<TaskResult> {
  const start = performance.now();
  try {
    pipeline ??= import('../pipeline.js');
    const { buildFile } = await pipeline;
    const { lintLevelsFor } = await import('../config/project-config.js');
    const lint = lintLevelsFor(dirname(task.path)) ?? {};
    const result = await buildFile({ path: task.path, file: task.shown }, { ...settings, templateCache, lint, signal });
    return {
      id: task.id,
      diagnostics: result.diagnostics,
      outputs: result.outputs,
      ms: performance.now() - start,
      source: result.diagnostics.length ? result.source : undefined,
      dependencies: result.dependencies,
    };
  } catch (error) {
    if (signal?.aborted) throw error;
    const message = error instanceof Error ? `${error.message}${error.stack ? `\n${error.stack}` : ''}` : String(error);
    return {
      id: task.id,
      diagnostics: [
        diagnostic(
          task.shown,
          'internal',
          `internal error (a bug in plangen; please report it with this file): ${message}`,
        ),
      ],
      ms: performance.now() - start,
    };
  }
}
