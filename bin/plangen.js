#!/usr/bin/env node
// Thin launcher: all logic lives in the compiled library (dist/), built by `npm ci` via `prepare`.
import { runMain } from '../dist/cli/main.js';

process.exitCode = await runMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
