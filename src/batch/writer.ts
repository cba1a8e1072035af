import { Worker } from 'node:worker_threads';
import { threadUrl } from './thread-url.js';
import { writePlan, type PlanFiles } from './write-plan.js';

/**
 * Where a batch's outputs go to the disk: each plan's files all or nothing (io/atomic.ts), and not
 * once a stop was asked for. `write` resolves false when the stop came before the files were put in
 * place (nothing written), and rejects with the file system's error when they could not be written.
 */
export interface OutputWriter {
  write(plan: PlanFiles): Promise<boolean>;
  /** Called once every write has settled. */
  close(): Promise<void>;
}

/**
 * A batch of this many plans or more, run on more than one thread (--jobs), writes on a thread of its
 * own. Starting it costs this thread 1 ms; it answers its first plan 60–85 ms later (measured on a busy
 * 2-core machine), by when this thread has built the first plan (200 ms and more, cold).
 */
export const WRITER_THREAD_MIN_TASKS = 24;

/** The writer for a batch of `plans` plans built on up to `jobs` threads. */
export function outputWriter(plans: number, jobs: number, abort?: AbortSignal): OutputWriter {
  return jobs > 1 && plans >= WRITER_THREAD_MIN_TASKS ? writeOnThread(abort) : writeHere(abort);
}

/** Writes in this thread, one plan after the other: a short batch, or one the user keeps to one thread. */
export function writeHere(abort?: AbortSignal): OutputWriter {
  const made = new Set<string>();
  const cancelled = () => Boolean(abort?.aborted);
  return {
    write: async (plan) => writePlan(plan, { cancelled, made }),
    close: async () => undefined,
  };
}

/**
 * The writing thread's heap. It holds a few plans' bytes at a time, garbage once written; with the young
 * generation V8 sizes for the machine (up to 48 MB) a 10,000-plan batch peaked 5–8 MB higher (258 and
 * 260 MB against 252 and 253). A plan's files come as byte arrays, whose bytes are outside the heap: one
 * of 200 MB is written all the same (tried).
 */
const WRITER_HEAP = { maxYoungGenerationSizeMb: 4, maxOldGenerationSizeMb: 32 };

/** One plan's files, sent to the writing thread (writer-thread.ts). */
export interface WriteRequest extends PlanFiles {
  id: number;
}

export interface WriteReply {
  id: number;
  written: boolean;
  error?: { message: string; code?: string };
}

/**
 * Writes on a thread of its own. Creating, writing and renaming two files per plan cost the building
 * thread 0.8 ms a plan (a tenth of a 300-plan batch, measured), most of it in the system calls, which a
 * thread on the spare core makes while this one builds. Should the thread stop (it never should), what
 * it had not confirmed is written here, and so is everything after: a write is all or nothing and
 * writing a plan's files twice leaves the same files.
 */
export function writeOnThread(
  abort?: AbortSignal,
  /** The thread's script (tests substitute one that dies). */
  url: URL = threadUrl('writer-thread.js'),
): OutputWriter {
  const stop = new SharedArrayBuffer(4);
  const stopped = new Int32Array(stop);
  const here = writeHere(abort);
  const waiting = new Map<number, { plan: PlanFiles; settle: (written: Promise<boolean>) => void }>();
  let nextId = 0;
  let thread: Worker | undefined = new Worker(url, { workerData: { stop }, resourceLimits: WRITER_HEAP });

  const onAbort = () => Atomics.store(stopped, 0, 1);
  abort?.addEventListener('abort', onAbort, { once: true });
  const fallBack = () => {
    thread = undefined;
    for (const [id, { plan, settle }] of waiting) {
      waiting.delete(id);
      settle(here.write(plan));
    }
  };
  thread.on('message', ({ id, written, error }: WriteReply) => {
    const job = waiting.get(id);
    if (!job) return;
    waiting.delete(id);
    job.settle(
      error ? Promise.reject(Object.assign(new Error(error.message), { code: error.code })) : Promise.resolve(written),
    );
  });
  thread.on('error', fallBack);
  thread.on('exit', fallBack);

  return {
    write(plan) {
      if (!thread) return here.write(plan);
      const id = nextId++;
      const written = new Promise<boolean>((resolve) => waiting.set(id, { plan, settle: resolve }));
      thread.postMessage({ id, ...plan } satisfies WriteRequest);
      return written;
    },
    async close() {
      abort?.removeEventListener('abort', onAbort);
      const closing = thread;
      thread = undefined; // its 'exit' then finds nothing waiting
      await closing?.terminate();
    },
  };
}
