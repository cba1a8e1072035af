#!/usr/bin/env node
// Thin launcher: all logic lives in the library. It runs the bundle (dist/bundle/cli.js, made at
// `prepare` by scripts/bundle.mjs) through a V8 code cache, so a cold start neither resolves ~450
// module files nor compiles what it ran last time; without the bundle it runs the compiled modules
// (dist/cli/main.js), as before.
import { runMain } from '../dist/cli/launch.js';

process.exitCode = await runMain(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  stdin: process.stdin,
  env: process.env,
  cwd: process.cwd(),
});
