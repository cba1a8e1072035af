// The command-line bundle's entry (dist/bundle/cli.js, made by scripts/bundle.mjs): what the launcher
// (launch.ts) calls in it.
export { runMain } from './main.js';
export { useWorkerCodeCache } from '../batch/pool.js';
