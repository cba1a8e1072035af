/**
 * The bundled worker's entry (dist/bundle/worker.js, made by scripts/bundle.mjs): it runs the worker
 * bundle (worker-main.js, which is worker.ts) through a V8 code cache, as bin/plangen.js runs the
 * command line, so a worker neither parses 1.3 MB of code nor compiles again what it built with last
 * time. The pool passes the cache's file (pool.ts useWorkerCodeCache); when the pool is done with a worker
 * whose cache was missing or stale, it sends 'end' and the worker writes one, holding every function
 * its builds compiled, before it is stopped.
 */
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { runCachedScript } from '../io/code-cache.js';

const MAIN = fileURLToPath(new URL('./worker-main.js', import.meta.url));
const script = runCachedScript(MAIN, (workerData as { codeCache?: string }).codeCache);

/** Listening starts the port: not before the worker's own listener is there, or tasks would go unheard. */
function answerEnd(): void {
  parentPort!.on('message', (message: unknown) => {
    if (message !== 'end') return;
    script?.saveCache();
    parentPort!.postMessage('ended');
  });
}

if (script) answerEnd();
// A worker bundle that cannot be read or run: the worker as tsc compiled it (dist/batch/worker.js).
else void import(new URL('../batch/worker.js', import.meta.url).href).then(answerEnd);
