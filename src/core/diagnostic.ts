/**
 * A message about the user's input, located in their file. Errors are values: the library returns
 * them, the CLI formats them once (src/cli/report.ts).
 */
/** `info` is advice (a lint suggestion): it never fails a build, not even with --strict. */
export type Severity = 'error' | 'warning' | 'info';

/**
 * Every kind of message, for tooling (`--json`, JUnit). Add a code here when you add a kind of
 * message; lint rules use `lint/<rule-id>`.
 */
export type DiagnosticCode =
  /** The file's bytes are not UTF-8. */
  | 'encoding'
  /** YAML that does not parse. */
  | 'yaml-syntax'
  /** An unknown alias, aliases that expand too much, or a merge key (<<) that is not given a mapping. */
  | 'yaml-alias'
  /** A YAML tag that makes something other than text, numbers, lists and mappings (!!binary, !!set). */
  | 'yaml-tag'
  /** An empty file or one holding only comments. */
  | 'empty'
  /** The document is not a mapping of keys. */
  | 'not-a-mapping'
  /** A character Word refuses (a control character, a lone surrogate), removed. */
  | 'control-char'
  /** The spec does not match the schema. */
  | 'schema'
  /** A template that does not compile or fails on this plan. */
  | 'template'
  /** The plan or an output could not be read or written. */
  | 'io'
  /** A bug in plangen, caught and reported against the input that met it. */
  | 'internal'
  /** plangen.config.yaml does not match its schema. */
  | 'config'
  /** A style file (house.yaml) that is wrong, or a style the plan names that cannot be read. */
  | 'style'
  /** A reference Word file (house.docx) that cannot be used. */
  | 'reference-docx'
  | `lint/${string}`;

export interface Diagnostic {
  file: string;
  /** 1-based; 0 when the message concerns the file as a whole. */
  line: number;
  /** 1-based; 0 when unknown. */
  col: number;
  severity: Severity;
  message: string;
  code: DiagnosticCode;
  /** How to fix it, when there is more to say than the message (lint rules). */
  hint?: string;
}

/** A diagnostic; without a line it concerns the whole file, without a severity it is an error. */
export function diagnostic(
  file: string,
  code: DiagnosticCode,
  message: string,
  at: { line?: number; col?: number; severity?: Severity } = {},
): Diagnostic {
  return { file, line: at.line ?? 0, col: at.col ?? 0, severity: at.severity ?? 'error', code, message };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Levenshtein distance, for "did you mean" suggestions. */
export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** The closest candidate, or undefined when nothing is reasonably close. */
export function nearest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 2)) ? best : undefined;
}
