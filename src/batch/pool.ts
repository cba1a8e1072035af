import { Worker } from 'node:worker_threads';
import { diagnostic } from '../core/diagnostic.js';
import type { BuildSettings, BuildTask, TaskResult } from './task.js';

/**
 * The compiled worker: dist/batch/worker.js. Under the test runner this module is TypeScript in
 * src/, and a worker thread cannot load that, so it points at the compiled copy.
 */
export function workerUrl(): URL {
  const here = import.meta.url;
  if (/\/src\/batch\/[^/]+\.ts$/.test(here))
    return new URL(here.replace(/\/src\/batch\/[^/]+\.ts$/, '/dist/batch/worker.js'));
  return new URL('./worker.js', here);
}

const OLD_GENERATION_MB = 96;

/** One worker thread that builds one task at a time. */
class BuildWorker {
  private readonly worker: Worker;
  private pending?: { resolve: (r: TaskResult) => void; reject: (e: Error) => void };
  private failure?: Error;

  constructor(settings: BuildSettings, url: URL, output?: (text: string) => void) {
    this.worker = new Worker(url, {
      workerData: { settings },
      // Each worker's heap is capped, so the batch's memory stays flat whatever its length: a plan's
      // live data is a few megabytes, and a worker that still runs out fails its plan and is replaced.
      resourceLimits: { maxOldGenerationSizeMb: OLD_GENERATION_MB },
      // Whatever a worker prints (a library's stray console.log) is piped here, not to the process's
      // stdout, which may carry the --json report.
      stdout: true,
      stderr: true,
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => output?.(text));
    }
    this.worker.on('message', (result: TaskResult) => {
      const pending = this.pending;
      this.pending = undefined;
      pending?.resolve(result);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      const pending = this.pending;
      this.pending = undefined;
      pending?.reject(error);
    };
    this.worker.on('error', fail);
    this.worker.on('exit', (code) => fail(new Error(`build worker stopped (exit code ${code})`)));
  }

  run(task: BuildTask): Promise<TaskResult> {
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(task);
    });
  }

  get broken(): boolean {
    return this.failure !== undefined;
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface PoolCallbacks {
  /** Called for every task the pool finished (built, or failed by a worker crash). */
  done(task: BuildTask, result: TaskResult): void;
  /** Checked before each task is handed out: true stops the pool from taking more. */
  stop(): boolean;
  /** What a worker prints on its stdout or stderr; dropped without this. */
  output?(text: string): void;
}

/**
 * Build tasks on `size` worker threads, each taking the next task as soon as it is free. A worker
 * that dies (a crash, memory) fails only its task and is replaced. `abort` terminates every worker
 * at once; tasks in flight are dropped.
 */
export async function runPool(
  tasks: readonly BuildTask[],
  size: number,
  settings: BuildSettings,
  callbacks: PoolCallbacks,
  abort?: AbortSignal,
  /** The worker script (tests substitute one that misbehaves). */
  url: URL = workerUrl(),
): Promise<void> {
  let next = 0;
  const live = new Set<BuildWorker>();
  const onAbort = () => {
    for (const worker of live) void worker.terminate();
  };
  abort?.addEventListener('abort', onAbort, { once: true });
  const lane = async () => {
    let worker: BuildWorker | undefined;
    try {
      while (next < tasks.length && !callbacks.stop() && !abort?.aborted) {
        const task = tasks[next++];
        if (!worker || worker.broken) {
          if (worker) live.delete(worker);
          worker = new BuildWorker(settings, url, callbacks.output);
          live.add(worker);
        }
        let result: TaskResult;
        try {
          result = await worker.run(task);
        } catch (error) {
          if (abort?.aborted) return;
          const message = error instanceof Error ? error.message : String(error);
          result = {
            id: task.id,
            ms: 0,
            diagnostics: [
              diagnostic(
                task.shown,
                'internal',
                `internal error (a bug in plangen; please report it with this file): ${message}`,
              ),
            ],
          };
        }
        if (abort?.aborted) return;
        callbacks.done(task, result);
      }
    } finally {
      if (worker) {
        live.delete(worker);
        await worker.terminate();
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(size, tasks.length)) }, lane));
  } finally {
    abort?.removeEventListener('abort', onAbort);
  }
}
