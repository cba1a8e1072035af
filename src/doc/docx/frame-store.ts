import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../../io/atomic.js';
import type { ZipEntry } from './zip.js';

/** Where frames are kept between runs: a folder, and the fingerprint of the code that writes them. */
export interface FrameCache {
  folder: string;
  code: string;
}

/** What pack.ts keeps of a frame that a document has verified (see its Frame). */
export interface StoredFrame {
  parts: Map<string, string>;
  entries: Map<string, ZipEntry>;
  document: string[];
  sectionProperties: string[];
  core: string;
  relationships: string;
}

interface FrameFile {
  key: string;
  parts: Array<[string, string]>;
  entries: Array<[string, string, string]>;
  document: string[];
  sectionProperties: string[];
  core: string;
  relationships: string;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** One file per frame and code: `frames/<hash>.json`, holding its content and a checksum of it. */
function pathOf(cache: FrameCache, key: string): string {
  return join(cache.folder, 'frames', `${sha256(`${cache.code}\u0000${key}`).slice(0, 32)}.json`);
}

/**
 * A frame kept by an earlier run of the same code, or undefined: none, unreadable, cut short, altered
 * (the checksum) or another key's. Anything wrong only costs the time of compiling the frame again.
 */
export function loadFrame(cache: FrameCache, key: string): StoredFrame | undefined {
  try {
    const text = readFileSync(pathOf(cache, key), 'utf8');
    const newline = text.indexOf('\n');
    const body = text.slice(newline + 1);
    if (text.slice(0, newline) !== sha256(body)) return undefined;
    const file = JSON.parse(body) as FrameFile;
    if (file.key !== key) return undefined;
    const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, 'base64'));
    return {
      parts: new Map(file.parts),
      entries: new Map(
        file.entries.map(([name, local, central]) => [name, { local: bytes(local), central: bytes(central) }]),
      ),
      document: file.document,
      sectionProperties: file.sectionProperties,
      core: file.core,
      relationships: file.relationships,
    };
  } catch {
    return undefined;
  }
}

/** Keep a frame for the next runs, written atomically. Failures are ignored. */
export function saveFrame(cache: FrameCache, key: string, frame: StoredFrame): void {
  try {
    const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
    const file: FrameFile = {
      key,
      parts: [...frame.parts],
      entries: [...frame.entries].map(([name, entry]) => [name, base64(entry.local), base64(entry.central)]),
      document: frame.document,
      sectionProperties: frame.sectionProperties,
      core: frame.core,
      relationships: frame.relationships,
    };
    const body = JSON.stringify(file);
    writeFileAtomic(pathOf(cache, key), `${sha256(body)}\n${body}`);
  } catch {
    // an unwritable cache folder: the next run compiles the frame again
  }
}
