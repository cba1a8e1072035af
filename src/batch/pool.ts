import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { diagnostic } from '../core/diagnostic.js';
import { runTask, type BuildSettings, type BuildTask, type TaskResult } from './task.js';
import { threadUrl } from './thread-url.js';

const OLD_GENERATION_MB = 96;
/**
 * Young generation per worker. V8 sizes it from the machine (up to 3 × 16 MB semi-spaces on 64-bit); a
 * smaller one collects the short-lived garbage of a build (trees, strings, zip buffers) sooner, so each
 * worker's resident memory stays flat over a long batch at a small cost in collections.
 */
const YOUNG_GENERATION_MB = 24;
/**
 * A plan whose file is larger than this does not go to a batch worker capped at OLD_GENERATION_MB: a
 * build allocates some 250 times its file's size before the collector catches up (a 0.9 MB plan of
 * 5,000 tasks peaked near 250 MB), so 128 KB stays well inside a batch worker.
 */
export const IN_PROCESS_BYTES = 128 * 1024;

/**
 * The heap for one large plan, alone in its own worker: its live data between stages is some 30 times
 * the file (a 9.5 MB plan of 50,000 tasks: 290 MB) and more while the DOCX is written; a cap of 100
 * times keeps the collector from letting garbage pile up to gigabytes, as it does in a heap sized for
 * the machine. Should the estimate be short, the plan is built again in this thread.
 */
export function heapForPlan(bytes: number): number {
  return Math.min(4096, Math.max(OLD_GENERATION_MB, Math.ceil(64 + (bytes * 100) / (1024 * 1024))));
}
/**
 * A worker costs 0.4–1 s of CPU to start (loading the libraries, compiling the templates) and more to
 * warm up (V8 compiles the hot code again in each thread). Start one only when at least this many plans
 * are left to share with it (set when a plan cost 20–40 ms; on a spare core the start costs little).
 */
export const WORKER_MIN_TASKS = 24;
/**
 * A building thread on the machine's last free core takes it from V8's background threads (the
 * optimising compiler, the collector), which a lone building thread keeps busy there. Measured on 2
 * cores, interleaved runs: 300 plans took as long on two threads as on one (3.15 s against 3.12 s, 9
 * pairs) with 5.65 s of CPU against 4.20; 500 and 1,000 plans were 17 % and 15 % faster on two. So that
 * thread starts only when every building thread gets at least this many plans.
 */
export const LAST_CORE_MIN_TASKS = 200;
/**
 * From this many small plans on, this thread builds none of them (it keeps the large ones): its heap,
 * unlike a worker's, cannot be capped, and over a long batch it grows to some 120 MB, which put a 10,000-plan
 * batch at 300 MB; with a worker in its place the batch stays near 210 MB. Below it, building here saves
 * a worker's start (0.4–1 s of CPU), which a short batch would feel.
 */
export const LONG_BATCH_TASKS = 2000;

/**
 * How many tasks a pool worker holds: the one it builds and the next, so that it never waits for this
 * thread, which may be building a plan of its own before it reads the worker's result (at 300 plans on
 * two lanes, a worker holding one task was idle 1.4 s of its 10; holding two, 0.1–0.2 s).
 */
const WORKER_QUEUE = 2;

let workerCodeCache: string | undefined;

/**
 * Where the bundled worker (dist/bundle/worker.js) keeps its V8 code cache: set by the launcher
 * (src/cli/launch.ts) when it runs the bundle; undefined runs the workers without one.
 */
export function useWorkerCodeCache(file: string | undefined): void {
  workerCodeCache = file;
}

/** One worker thread that builds the tasks sent to it one at a time, in the order they came. */
class BuildWorker {
  private readonly worker: Worker;
  private readonly results: TaskResult[] = [];
  private waiting?: { resolve: (r: TaskResult) => void; reject: (e: Error) => void };
  private ended?: () => void;
  private failure?: Error;
  /** The error it died of, before its 'exit'. */
  private dying?: Error;
  private readonly codeCache = workerCodeCache;

  constructor(
    settings: BuildSettings,
    url: URL,
    output?: (text: string) => void,
    oldGenerationMb = OLD_GENERATION_MB,
    youngGenerationMb: number | undefined = YOUNG_GENERATION_MB,
  ) {
    this.worker = new Worker(url, {
      workerData: { settings, codeCache: this.codeCache },
      // Each worker's heap is capped, so the batch's memory stays flat whatever its length: a plan's
      // live data is a few megabytes, and a worker that still runs out fails its plan and is replaced.
      resourceLimits: { maxOldGenerationSizeMb: oldGenerationMb, maxYoungGenerationSizeMb: youngGenerationMb },
      // Whatever a worker prints (a library's stray console.log) is piped here, not to the process's
      // stdout, which may carry the --json report.
      stdout: true,
      stderr: true,
    });
    for (const stream of [this.worker.stdout, this.worker.stderr]) {
      stream.setEncoding('utf8');
      stream.on('data', (text: string) => output?.(text));
    }
    this.worker.on('message', (message: TaskResult | 'ended') => {
      if (message === 'ended') return this.ended?.();
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting.resolve(message);
      else this.results.push(message);
    });
    const fail = (error: Error) => {
      this.failure ??= error;
      const waiting = this.waiting;
      this.waiting = undefined;
      waiting?.reject(error);
      this.ended?.();
    };
    // An uncaught error is reported at 'exit', not at 'error': Node delivers the results the worker sent
    // before it died only then (it drains the port before 'exit'), and failing sooner blamed the task
    // whose result was still on its way (found as a flaky pool test). It takes no task meanwhile.
    this.worker.on('error', (error) => (this.dying ??= error));
    this.worker.on('exit', (code) => fail(this.dying ?? new Error(`build worker stopped (exit code ${code})`)));
  }

  /** Queue a task: the worker builds the tasks it holds in the order they came. */
  send(task: BuildTask): void {
    this.worker.postMessage(task);
  }

  /** The next result the worker sends (results carry their task's id); rejected once it has died. */
  next(): Promise<TaskResult> {
    const result = this.results.shift();
    if (result) return Promise.resolve(result);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  run(task: BuildTask): Promise<TaskResult> {
    this.send(task);
    return this.next();
  }

  get broken(): boolean {
    return this.failure !== undefined || this.dying !== undefined;
  }

  /**
   * Stop the worker once its work is done. A bundled worker first writes its code cache if it had
   * none (worker-boot.ts): made now, the cache holds every function the builds compiled.
   */
  async finish(): Promise<void> {
    if (this.codeCache && !this.broken) {
      const ended = new Promise<void>((resolve) => (this.ended = resolve));
      this.worker.postMessage('end');
      await ended;
    }
    await this.terminate();
  }

  terminate(): Promise<number> {
    return this.worker.terminate();
  }
}

export interface PoolCallbacks {
  /**
   * Called for every task the pool finished (built, or failed by a worker crash). The lane that built
   * it waits for what it returns before it takes another task (the outputs being written, say).
   */
  done(task: BuildTask, result: TaskResult): void | Promise<void>;
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
  url: URL = threadUrl('worker.js'),
  /** Where the lanes take their next task from (default: `tasks` in order). */
  take?: () => BuildTask | undefined,
): Promise<void> {
  let next = 0;
  const nextTask = take ?? (() => (next < tasks.length ? tasks[next++] : undefined));
  const live = new Set<BuildWorker>();
  const onAbort = () => {
    for (const worker of live) void worker.terminate();
  };
  abort?.addEventListener('abort', onAbort, { once: true });
  const lane = async () => {
    let worker: BuildWorker | undefined;
    /** Sent to `worker` and not yet answered, oldest first: the first is being built. */
    const sent: BuildTask[] = [];
    /** Tasks a worker held but had not started when it died: they go to its replacement. */
    const again: BuildTask[] = [];
    let finished = false;
    try {
      for (;;) {
        while (sent.length < WORKER_QUEUE && !callbacks.stop() && !abort?.aborted) {
          if (worker?.broken && sent.length > 0) break; // what it answered before it died comes first
          const task = again.shift() ?? nextTask();
          if (!task) break;
          if (!worker || worker.broken) {
            if (worker) live.delete(worker);
            worker = new BuildWorker(settings, url, callbacks.output);
            live.add(worker);
          }
          worker.send(task);
          sent.push(task);
        }
        if (sent.length === 0) break;
        let task: BuildTask;
        let result: TaskResult;
        try {
          result = await worker!.next();
          const answered = sent.findIndex((t) => t.id === result.id);
          if (answered < 0) continue; // not a task it holds: worker.ts never answers so
          task = sent.splice(answered, 1)[0];
        } catch (error) {
          if (abort?.aborted) return;
          // It died building the oldest task it held (it builds them in order); the others wait for its replacement.
          task = sent.shift()!;
          again.push(...sent.splice(0));
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
        await callbacks.done(task, result);
        // --fail-fast: the task the worker holds next has not started; stopping the worker drops it.
        if (callbacks.stop()) return;
      }
      finished = true;
    } finally {
      if (worker) {
        live.delete(worker);
        await (finished ? worker.finish() : worker.terminate());
      }
    }
  };
  try {
    const lanes = take ? size : Math.max(1, Math.min(size, tasks.length));
    await Promise.all(Array.from({ length: lanes }, lane));
  } finally {
    abort?.removeEventListener('abort', onAbort);
  }
}

/**
 * Build every task on up to `jobs` lanes: this thread is always one (nothing to start, and the only
 * lane for a plan too large for a worker's heap); each other lane starts a worker thread only when the
 * batch has enough small tasks to pay for its start (WORKER_MIN_TASKS), and the lane that would take the
 * last core only for a long batch (LAST_CORE_MIN_TASKS). So a batch of a few plans never starts a
 * worker, a large one keeps every core busy, and a huge plan builds as it does alone.
 */
export async function schedule(
  tasks: readonly BuildTask[],
  jobs: number,
  settings: BuildSettings,
  callbacks: PoolCallbacks,
  abort?: AbortSignal,
  url: URL = threadUrl('worker.js'),
  /** The cores this process may use (tests set it). */
  cores = availableParallelism(),
): Promise<void> {
  const large = tasks.filter((t) => (t.bytes ?? 0) > IN_PROCESS_BYTES);
  const small = tasks.filter((t) => (t.bytes ?? 0) <= IN_PROCESS_BYTES);
  let nextSmall = 0;
  let nextLarge = 0;
  const stopped = () => callbacks.stop() || Boolean(abort?.aborted);
  const takeSmall = () => (nextSmall < small.length ? small[nextSmall++] : undefined);
  const longBatch = jobs > 1 && small.length >= LONG_BATCH_TASKS;

  const here = async () => {
    const templateCache = new Map();
    for (;;) {
      if (stopped()) return;
      let task: BuildTask | undefined;
      let result: TaskResult | undefined;
      if (nextLarge < large.length) {
        task = large[nextLarge++];
        result = await alone(task, settings, url, callbacks, abort);
        if (abort?.aborted) return;
      } else task = longBatch ? undefined : takeSmall();
      if (!task) return;
      // A large plan whose worker ran out of memory after all: build it here, with the default heap.
      // The build pauses between its stages for a signal (a build is one synchronous stretch per stage).
      try {
        result ??= await runTask(task, settings, templateCache, abort);
      } catch (error) {
        if (abort?.aborted) return;
        throw error;
      }
      if (abort?.aborted) return;
      await callbacks.done(task, result);
      // Let a worker's message and the progress bar in between two plans.
      await new Promise((resolve) => setImmediate(resolve));
    }
  };

  const lanes: Promise<void>[] = [here()];
  // Large plans wait for this thread's lane (one at a time, so their memory does not add up); in a long
  // batch, every small one goes to a worker, `jobs` of them. With this lane's worker, `lane + 1` threads build.
  for (let lane = longBatch ? 0 : 1; lane < jobs; lane++) {
    if (small.length < WORKER_MIN_TASKS * lane) break;
    if (lane + 1 >= cores && small.length < LAST_CORE_MIN_TASKS * (lane + 1)) break;
    lanes.push(runPool([], 1, settings, callbacks, abort, url, takeSmall));
  }
  await Promise.all(lanes);
}

/**
 * Build one large plan in a worker of its own whose heap is sized to it. Undefined when that worker
 * failed (out of memory, most likely): the caller builds the plan in this thread instead.
 */
async function alone(
  task: BuildTask,
  settings: BuildSettings,
  url: URL,
  callbacks: PoolCallbacks,
  abort?: AbortSignal,
): Promise<TaskResult | undefined> {
  // V8's own young generation: a large plan's short-lived garbage comes in large amounts.
  const worker = new BuildWorker(settings, url, callbacks.output, heapForPlan(task.bytes ?? 0), undefined);
  const onAbort = () => void worker.terminate();
  abort?.addEventListener('abort', onAbort, { once: true });
  try {
    return await worker.run(task);
  } catch {
    return undefined;
  } finally {
    abort?.removeEventListener('abort', onAbort);
    await worker.terminate();
  }
}
