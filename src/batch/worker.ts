/**
 * A build worker thread: receives one task at a time, builds it in memory and sends the bytes back
 * (transferred, not copied). It never writes a file: the coordinator writes every output, so stopping
 * a worker at any moment leaves no partial file behind.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { runTask, type BuildSettings, type BuildTask } from './task.js';

const settings = (workerData as { settings: BuildSettings }).settings;
/** A worker lives for one run, during which the templates do not change: compile them once. */
const templateCache = new Map();

parentPort!.on('message', (task: BuildTask) => {
  void runTask(task, settings, templateCache).then((result) => {
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
