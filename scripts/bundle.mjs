// Bundles the command line for a fast start (run by `npm run build` and at `prepare`, after tsc):
// dist/bundle/cli.js (the CLI and everything it loads), dist/bundle/worker-main.js (a batch worker) and
// dist/bundle/launch.js (what bin/plangen.js runs first: the build server's client, src/cli/launch.ts), all
// CommonJS so they can be compiled with a V8 code cache (vm.Script cachedData), which Node 20 offers
// for scripts but not for ES modules: bin/plangen.js does it for cli.js (src/cli/launch.ts), and
// dist/bundle/worker.js, the worker's entry, for worker-main.js (src/batch/worker-boot.ts). Modules the
// CLI imports on demand stay lazy inside the bundle: esbuild wraps them so they run on first use, and V8
// compiles a function only when it is called.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'dist/bundle');

let build;
try {
  ({ build } = await import('esbuild'));
} catch {
  // Without esbuild (an install without devDependencies) bin/plangen.js runs the compiled modules.
  console.warn('plangen: esbuild not found; no bundle made (the CLI runs from dist/ as compiled, slower to start)');
  process.exit(0);
}

// Compiled by tsc before this runs (npm run build, prepare).
const { precompiledModule } = await import('../dist/render/precompile.js');

mkdirSync(OUT, { recursive: true });
// .js in this folder is CommonJS, whatever the package's "type".
writeFileSync(join(OUT, 'package.json'), '{ "type": "commonjs" }\n');

const result = await build({
  entryPoints: {
    cli: join(ROOT, 'src/cli/bundle-entry.ts'),
    launch: join(ROOT, 'src/cli/launch.ts'),
    'worker-main': join(ROOT, 'src/batch/worker.ts'),
    worker: join(ROOT, 'src/batch/worker-boot.ts'),
    'writer-thread': join(ROOT, 'src/batch/writer-thread.ts'),
  },
  outdir: OUT,
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  minify: true,
  legalComments: 'none',
  logLevel: 'warning',
  // The sources find package.json, templates and the worker from their own URL; in the bundle that is
  // the bundle's file (dist/bundle/…: two folders under the package root, as dist/core/package.js is).
  define: { 'import.meta.url': '__plangen_url' },
  // The built-in templates precompiled (src/render/precompiled.ts is empty outside the bundle).
  plugins: [
    {
      // zod's namespace object holds every locale's messages (250 KB, a sixth of the bundle, read at every
      // start); plangen never switches from English, zod's default (src/spec/validate.ts words the rest).
      name: 'zod-english-only',
      setup(bundle) {
        bundle.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({
          contents: 'export { default as en } from "./en.js";',
          loader: 'js',
          resolveDir: join(ROOT, 'node_modules/zod/v4/locales'),
        }));
      },
    },
    // fdir (tinyglobby's folder walker) requires picomatch at load, from node_modules, for a glob option
    // tinyglobby never uses (it matches with its own, bundled picomatch): 5 ms of every build.
    patchModule(
      'fdir-without-picomatch',
      /[\\/]fdir[\\/]dist[\\/]index\.mjs$/,
      /try \{\s*__require\.resolve\("picomatch"\);\s*pm = __require\("picomatch"\);\s*\} catch \{\}/,
      '',
    ),
    // commander requires node:child_process at load for executable subcommands, which plangen has none
    // of: loaded on their first use instead (5 ms of every command that runs without a build server).
    patchModule(
      'commander-lazy-child-process',
      /[\\/]commander[\\/]lib[\\/]command\.js$/,
      "const childProcess = require('node:child_process');",
      "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };",
    ),
    {
      name: 'precompiled-templates',
      setup(bundle) {
        bundle.onLoad({ filter: /[\\/]src[\\/]render[\\/]precompiled\.ts$/ }, () => ({
          contents: precompiledModule(join(ROOT, 'templates')),
          loader: 'js',
        }));
      },
    },
  ],
  banner: { js: 'var __plangen_url=require("url").pathToFileURL(__filename).href;' },
  write: false,
});
for (const file of result.outputFiles) writeFileSync(file.path, asciiOnly(file.text));

/**
 * An esbuild plugin that replaces `find` (a string or a regular expression) with `replace` in the module
 * whose path matches `filter`, and fails the bundle when the module no longer holds it: a dependency's
 * new version must not quietly undo the change.
 */
function patchModule(name, filter, find, replace) {
  return {
    name,
    setup(bundle) {
      bundle.onLoad({ filter }, ({ path }) => {
        const code = readFileSync(path, 'utf8');
        const found = typeof find === 'string' ? code.includes(find) : find.test(code);
        if (!found) throw new Error(`${path}: the code plugin ${name} replaces has changed; update the plugin`);
        return { contents: code.replace(find, replace), loader: 'js' };
      });
    },
  };
}

/**
 * The bundle with every non-ASCII character written as a \u escape. esbuild escapes them in strings
 * but leaves them in regular expressions (the spec checks' CJK punctuation); one such character makes
 * the whole 1.4 MB file a two-byte string when Node reads it, which costs time at every start. A
 * character already escaped (`\（`, an identity escape) loses its backslash for the \u escape.
 */
function asciiOnly(code) {
  return code.replace(/(\\*)([^\0-\x7f])/gu, (_, backslashes, char) => {
    let escaped = ''; // a character beyond U+FFFF is two UTF-16 units: two escapes
    for (let i = 0; i < char.length; i++) escaped += `\\u${char.charCodeAt(i).toString(16).padStart(4, '0')}`;
    return (backslashes.length % 2 ? backslashes.slice(1) : backslashes) + escaped;
  });
}

// What the code cache is keyed by (with Node's version and the architecture), and the build cache's
// fingerprint of the code when it runs from the bundle (src/batch/cache.ts): the bundles' own bytes.
const hash = createHash('sha256')
  .update(readFileSync(join(OUT, 'cli.js')))
  .update(readFileSync(join(OUT, 'worker-main.js')))
  .update(readFileSync(join(OUT, 'worker.js')))
  .update(readFileSync(join(OUT, 'writer-thread.js')))
  .update(readFileSync(join(OUT, 'launch.js'))) // a build server talks to clients of its own bundle only
  .digest('hex')
  .slice(0, 16);
writeFileSync(join(OUT, 'manifest.json'), `${JSON.stringify({ hash })}\n`);
