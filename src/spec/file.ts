import { readFileSync } from 'node:fs';
import { diagnostic, type Diagnostic } from '../core/diagnostic.js';
import { readErrorMessage } from '../io/read-error.js';
import { loadSpec } from './load.js';
import type { PlanSpec } from './schema.js';
import { decodeSpec } from './source.js';
import { validateSpec } from './validate.js';

// read → decode → load → validate: the first stages of the pipeline (src/pipeline.ts), which is all
// `plangen validate` needs, so it does not load the build's libraries (templates, Markdown, DOCX).

export function validatePlan(source: string, file: string): { spec?: PlanSpec; diagnostics: Diagnostic[] } {
  return validateSpec(loadSpec(source, file));
}

/**
 * A plan file: a path to read, or bytes already in memory. `file` is the name diagnostics carry
 * (default: the path), as the user would type it.
 */
export type PlanFile = { path: string; file?: string } | { bytes: Uint8Array; file: string };

/** A plan file's text, or located diagnostics saying why there is none (unreadable, not UTF-8). */
export function readPlanFile(input: PlanFile): { file: string; source?: string; diagnostics: Diagnostic[] } {
  const file = input.file ?? ('path' in input ? input.path : '');
  let bytes: Uint8Array;
  if ('bytes' in input) bytes = input.bytes;
  else {
    try {
      bytes = readFileSync(input.path);
    } catch (error) {
      const why = readErrorMessage(input.path, error);
      return { file, diagnostics: [diagnostic(file, 'io', `cannot read the plan: ${why}`)] };
    }
  }
  return { file, ...decodeSpec(bytes, file) };
}

/** read → decode → load → validate. `source` is the text when it could be read (for code frames). */
export function validateFile(input: PlanFile): {
  file: string;
  source?: string;
  spec?: PlanSpec;
  diagnostics: Diagnostic[];
} {
  const read = readPlanFile(input);
  if (read.source === undefined) return read;
  return { ...read, ...validatePlan(read.source, read.file) };
}
