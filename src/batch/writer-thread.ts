/**
 * The batch's writing thread (started by writer.ts): writes each plan's outputs, all or nothing, then
 * its cache entry, in the order they came, while the building threads go on. It loads nothing but the
 * file functions, so it is ready within a few milliseconds. The coordinator's stop flag is shared
 * memory: a signal is seen here between one plan's temp files and their renames, however many plans
 * wait in the queue.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { writePlan } from './write-plan.js';
import type { WriteReply, WriteRequest } from './writer.js';

const stopped = new Int32Array((workerData as { stop: SharedArrayBuffer }).stop);
const cancelled = () => Atomics.load(stopped, 0) !== 0;
const made = new Set<string>();

parentPort!.on('message', ({ id, ...plan }: WriteRequest) => {
  let reply: WriteReply;
  try {
    reply = { id, written: writePlan(plan, { cancelled, made }) };
  } catch (error) {
    const { message, code } = error as NodeJS.ErrnoException;
    reply = { id, written: false, error: { message: String(message), code } };
  }
  parentPort!.postMessage(reply);
});
