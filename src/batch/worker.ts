/**
 * A build worker thread: receives tasks, builds them one at a time in the order they came, in memory,
 * and sends the bytes back (transferred, not copied). It never writes a file: the coordinator writes
 * every output, so stopping a worker at any moment leaves no partial file behind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type BuildSettings, type BuildTask } from './task.js';

const settings = (workerData as { settings: BuildSettings }).settings;
/** A worker lives for one run, during which the templates do not change: compile them once. */
const templateCache = new Map();
/** The pool sends the next task before this one is done (pool.ts): builds run one after the other. */
let queue = Promise.resolve();

parentPort!.on('message', (task: BuildTask | 'end') => {
  if (task === 'end') return; // for the bundle's loader (worker-boot.ts)
  queue = queue.then(async () => {
    const result = await runTask(task, settings, templateCache);
    const transfer: ArrayBuffer[] = [];
    for (const output of result.outputs ?? []) {
      const { buffer, byteOffset, byteLength } = output.bytes;
      // Only a buffer the bytes own alone can be moved; a view into a shared pool is copied.
      if (
        buffer instanceof ArrayBuffer &&
        byteOffset === 0 &&
        byteLength === buffer.byteLength &&
        !transfer.includes(buffer)
      )
        transfer.push(buffer);
    }
    parentPort!.postMessage(result, transfer);
  });
});
