import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic } from '../core/diagnostic.js';
import { PACKAGE_ROOT, packageVersion } from '../core/package.js';
import type { FileToWrite } from '../io/atomic.js';

/**
 * The incremental build cache. An input is skipped when the key of its last successful build — its
 * spec's bytes, the templates, the style profiles and plangen itself (version, compiled code, the
 * versions of the libraries that write the bytes), the formats and every option that changes the
 * output — is the same as now, and each output it wrote is still there with the same content (size,
 * then SHA-256: unlike a modification time, that survives a CI cache restore or a copy).
 *
 * One small JSON file per input, named by a hash of its output paths: runs over different inputs
 * never contend for one file, and a write is atomic.
 */

/** Libraries whose version changes the bytes of an output. */
const BYTE_DEPENDENCIES = [
  'docx',
  'fflate',
  'handlebars',
  'mdast-util-from-markdown',
  'mdast-util-to-markdown',
  'mdast-util-gfm-table',
  'mdast-util-directive',
  'micromark',
  'yaml',
  'zod',
];

export interface CacheEntry {
  key: string;
  outputs: Array<{ path: string; size: number; sha256: string }>;
  /** Warnings of the build that wrote the outputs, reported again when it is skipped. */
  diagnostics: Diagnostic[];
}

function hashFiles(
  hash: ReturnType<typeof createHash>,
  folder: string,
  match: (name: string) => boolean,
  root = folder,
): void {
  if (!existsSync(folder)) return;
  for (const entry of readdirSync(folder, { withFileTypes: true }).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  )) {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) hashFiles(hash, path, match, root);
    } else if (match(entry.name)) {
      hash
        .update(`${path.slice(root.length)}\u0000`)
        .update(readFileSync(path))
        .update('\u0000');
    }
  }
}

/** A dependency's package.json where Node would find it: our node_modules, else hoisted into a parent's. */
function findManifest(dep: string): string | undefined {
  for (let dir = PACKAGE_ROOT; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', dep, 'package.json');
    if (existsSync(manifest)) return manifest;
    if (dirname(dir) === dir) return undefined;
  }
}

let toolFingerprint: string | undefined;

/** plangen's version, its compiled code and the versions of the libraries that write the bytes: once per process. */
export function plangenFingerprint(): string {
  if (toolFingerprint) return toolFingerprint;
  const hash = createHash('sha256');
  hash.update(`plangen ${packageVersion()}\u0000`);
  // The code that builds: a changed writer is a changed output. Running from the bundle, that is the
  // bundle, whose manifest holds the hash of its bytes (scripts/bundle.mjs); else dist/ when installed,
  // src/ under the test runner, every file read.
  const self = fileURLToPath(import.meta.url);
  if (/[\\/]dist[\\/]bundle[\\/][^\\/]+\.js$/.test(self))
    hash.update(readFileSync(join(dirname(self), 'manifest.json')));
  else {
    const code = existsSync(join(PACKAGE_ROOT, 'dist')) ? join(PACKAGE_ROOT, 'dist') : join(PACKAGE_ROOT, 'src');
    hashFiles(hash, code, (name) => /\.(js|ts)$/.test(name) && !name.endsWith('.d.ts'));
  }
  for (const dep of BYTE_DEPENDENCIES) {
    const manifest = findManifest(dep);
    const version = manifest ? (JSON.parse(readFileSync(manifest, 'utf8')) as { version?: string }).version : '?';
    hash.update(`${dep}@${version}\u0000`);
  }
  toolFingerprint = hash.digest('hex');
  return toolFingerprint;
}

/** The built-in templates and a user's --template folder, by content. */
export function templatesFingerprint(builtin: string, userFolder?: string): string {
  const hash = createHash('sha256');
  hashFiles(hash, builtin, (name) => name.endsWith('.hbs'));
  hash.update('\u0001');
  if (userFolder) hashFiles(hash, userFolder, (name) => name.endsWith('.hbs'));
  return hash.digest('hex');
}

/** What every input of one run shares in its key. */
export function runSalt(parts: Record<string, unknown>): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

export function inputKey(salt: string, source: Uint8Array | string): string {
  return createHash('sha256').update(salt).update('\u0000').update(source).digest('hex');
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * An entry as `record` writes it. Anything else — `null`, a field missing, an error among the
 * diagnostics (a build with an error is never recorded) — is a damaged or foreign file: a cache miss.
 */
function isCacheEntry(value: unknown): value is CacheEntry {
  if (!isObject(value) || typeof value.key !== 'string') return false;
  const { outputs, diagnostics } = value;
  return (
    Array.isArray(outputs) &&
    outputs.every(
      (o) => isObject(o) && typeof o.path === 'string' && typeof o.size === 'number' && typeof o.sha256 === 'string',
    ) &&
    Array.isArray(diagnostics) &&
    diagnostics.every(
      (d) =>
        isObject(d) &&
        d.severity === 'warning' &&
        typeof d.message === 'string' &&
        typeof d.code === 'string' &&
        Number.isInteger(d.line) &&
        Number.isInteger(d.col),
    )
  );
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export class BuildCache {
  constructor(readonly dir: string) {}

  private entryPath(targets: readonly string[]): string {
    const name = createHash('sha256').update(targets.join('\u0000')).digest('hex').slice(0, 32);
    return join(this.dir, `${name}.json`);
  }

  /** The entry for these outputs if its key matches and the outputs are still as written; else undefined. */
  lookup(targets: readonly string[], key: string): CacheEntry | undefined {
    let entry: unknown;
    try {
      entry = JSON.parse(readFileSync(this.entryPath(targets), 'utf8'));
    } catch {
      return undefined;
    }
    if (!isCacheEntry(entry) || entry.key !== key || entry.outputs.length !== targets.length) return undefined;
    for (const [i, output] of entry.outputs.entries()) {
      if (output.path !== targets[i]) return undefined;
      try {
        if (statSync(output.path).size !== output.size) return undefined;
        if (sha256(readFileSync(output.path)) !== output.sha256) return undefined;
      } catch {
        return undefined;
      }
    }
    return entry;
  }

  /**
   * The entry that remembers a successful build whose outputs are `written`, as a file for the caller to
   * write once they are in place (src/batch/write-plan.ts); a cache that cannot be written only costs a
   * rebuild next time.
   */
  entry(
    targets: readonly string[],
    key: string,
    diagnostics: Diagnostic[],
    written: readonly Uint8Array[],
  ): FileToWrite {
    const outputs = targets.map((path, i) => ({ path, size: written[i].length, sha256: sha256(written[i]) }));
    const entry: CacheEntry = { key, outputs, diagnostics };
    return { path: this.entryPath(targets), bytes: JSON.stringify(entry) };
  }
}
