import { readFileSync, statSync } from 'node:fs';
import { PROFILES, type StyleProfile } from '../doc/docx/profile.js';
import type { Diagnostic } from '../core/diagnostic.js';
import { decodeSpec } from '../spec/source.js';
import { parseStyleFile } from './load.js';
import { readReferenceDocx } from './reference-docx.js';

export type BuiltinStyle = keyof typeof PROFILES;

export const isBuiltinStyle = (value: string | undefined): value is BuiltinStyle =>
  value === 'official' || value === 'business';

/** Style files by path, size and modification time: a batch reads each once per thread. */
const loaded = new Map<string, { stamp: string; result: { profile?: StyleProfile; diagnostics: Diagnostic[] } }>();

/**
 * A style by name, or from a file: a style profile (.yaml/.yml) or a reference Word file (.docx).
 * `path` is absolute; `shown` is how diagnostics name it. A reference document changes the language's
 * default profile (`fallback`), as a style file changes the profile it extends.
 */
export function loadStyle(
  value: string,
  path: string,
  shown: string,
  fallback: BuiltinStyle,
): { profile?: StyleProfile; diagnostics: Diagnostic[] } {
  if (isBuiltinStyle(value)) return { profile: PROFILES[value], diagnostics: [] };
  let stamp: string;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) throw Object.assign(new Error('not a file'), { code: 'EISDIR' });
    stamp = `${stat.size}:${stat.mtimeMs}:${fallback}`;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : String(code ?? error);
    return { diagnostics: [ioError(shown, `cannot read the style ${shown}: ${why}`)] };
  }
  const known = loaded.get(path);
  if (known?.stamp === stamp) return known.result;
  const bytes = readFileSync(path);
  let result: { profile?: StyleProfile; diagnostics: Diagnostic[] };
  if (/\.docx$/i.test(path)) {
    result = readReferenceDocx(bytes, shown, PROFILES[fallback]);
  } else {
    const decoded = decodeSpec(bytes, shown);
    result =
      decoded.source === undefined ? { diagnostics: decoded.diagnostics } : parseStyleFile(decoded.source, shown);
  }
  loaded.set(path, { stamp, result });
  return result;
}

function ioError(file: string, message: string): Diagnostic {
  return { file, line: 0, col: 0, severity: 'error', code: 'style', message };
}
