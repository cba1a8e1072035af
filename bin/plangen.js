#!/usr/bin/env node
// Thin launcher: all logic lives in the library. CommonJS (bin/package.json), because Node starts an ES
// module ~30 ms slower. It runs dist/bundle/launch.js (src/cli/launch.ts, made at `prepare` by
// scripts/bundle.mjs), which sends the command to a build server or runs the bundle through a V8 code
// cache; without the bundles, the compiled modules (dist/cli/launch.js).
'use strict';

let launcher;
try {
  launcher = Promise.resolve(require('../dist/bundle/launch.js'));
} catch {
  launcher = import('../dist/cli/launch.js');
}
launcher
  .then(({ runMain }) =>
    runMain(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      stdin: process.stdin,
      env: process.env,
      cwd: process.cwd(),
    }),
  )
  .then((code) => {
    process.exitCode = code;
  });
