import { relative } from 'node:path';
import { Chalk, type ChalkInstance } from 'chalk';
import type { Diagnostic } from '../core/diagnostic.js';
import { displayWidth } from '../text-width.js';
import type { CliIO } from './io.js';

/** Colour only on a terminal; NO_COLOR turns it off, FORCE_COLOR on (https://no-color.org). */
export function colourFor(stream: CliIO['stderr'], env: CliIO['env']): ChalkInstance {
  if (env.NO_COLOR) return new Chalk({ level: 0 });
  if (env.FORCE_COLOR !== undefined) {
    const level = env.FORCE_COLOR === '' || env.FORCE_COLOR === 'true' ? 1 : Number(env.FORCE_COLOR);
    return new Chalk({ level: (Number.isInteger(level) ? Math.min(Math.max(level, 0), 3) : 1) as 0 | 1 | 2 | 3 });
  }
  return new Chalk({ level: stream.isTTY ? 1 : 0 });
}

/** `1 plan`, `3 plans`: a count with its noun. */
export function counted(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

/**
 * Text from the user's files and file names, safe to print on a terminal: control characters (an ESC
 * could clear the screen or retitle the window) and bidirectional overrides become visible escapes.
 * Line breaks in a message stay; in a file name they are escaped too.
 */
export function printable(text: string, keepLineBreaks = false): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g, (c) => {
    const code = c.charCodeAt(0);
    if ((keepLineBreaks && c === '\n') || c === '\t') return c;
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16)}`;
  });
}

/** `path:line:col: error: message` — the one line that scripts and editors parse. */
export function formatDiagnostic(d: Diagnostic, c: ChalkInstance = new Chalk({ level: 0 })): string {
  const file = printable(d.file);
  const where = d.line > 0 ? `${file}:${d.line}:${d.col}` : file;
  const severity =
    d.severity === 'error' ? c.red.bold('error') : d.severity === 'warning' ? c.yellow.bold('warning') : c.cyan('info');
  return `${c.bold(where)}: ${severity}: ${printable(d.message, true)}`;
}

/** Two lines of context and a caret under the column, as compilers print. */
export function codeFrame(
  source: string,
  line: number,
  col: number,
  c: ChalkInstance = new Chalk({ level: 0 }),
): string {
  if (line < 1) return '';
  const lines = source.split(/\r?\n/);
  const first = Math.max(1, line - 2);
  const last = Math.min(lines.length, line + 1);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = first; n <= last; n++) {
    const marker = n === line ? c.red('>') : ' ';
    out.push(`${marker} ${c.dim(String(n).padStart(width))} | ${printable(lines[n - 1] ?? '')}`);
    if (n === line)
      out.push(
        `  ${' '.repeat(width)} | ${' '.repeat(displayWidth([...(lines[n - 1] ?? '')].slice(0, col - 1).join('')))}${c.red('^')}`,
      );
  }
  return out.join('\n');
}

export interface Reporter {
  diagnostics(list: readonly Diagnostic[], source?: string): void;
  info(line: string): void;
  error(line: string): void;
}

/** Diagnostics to stderr; code frames only when a person is reading (a terminal or forced colour). */
export function createReporter(io: CliIO, quiet = false): Reporter {
  const c = colourFor(io.stderr, io.env);
  const frames = Boolean(io.stderr.isTTY) || c.level > 0;
  return {
    diagnostics(list, source) {
      for (const d of list) {
        if (quiet && d.severity !== 'error') continue;
        io.stderr.write(`${formatDiagnostic(d, c)}\n`);
        if (d.hint) io.stderr.write(`  ${c.dim('hint:')} ${d.hint}\n`);
        if (frames && source !== undefined && d.line > 0) io.stderr.write(`${codeFrame(source, d.line, d.col, c)}\n`);
      }
    },
    info(line) {
      if (!quiet) io.stderr.write(`${line}\n`);
    },
    error(line) {
      io.stderr.write(`${c.red.bold('error')}: ${line}\n`);
    },
  };
}

/** Paths as the user would type them: relative to where they ran the command. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return printable(rel.startsWith('..') ? path : rel);
}
