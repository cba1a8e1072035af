import { Document, isMap, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.js';
import { stripXmlInvalid } from '../core/xml.js';

/** A parsed YAML plan with what is needed to point back into the user's file. */
export interface LoadedSpec {
  file: string;
  source: string;
  doc: Document.Parsed;
  lineCounter: LineCounter;
  /** Plain data (aliases expanded), or undefined when the YAML could not be read. */
  data: unknown;
  diagnostics: Diagnostic[];
}

/** Aliases are expanded at most this many times: a "billion laughs" file fails fast instead of eating memory. */
export const MAX_ALIAS_COUNT = 100;

export function positionAt(lineCounter: LineCounter, offset: number): { line: number; col: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

/**
 * A YAML error, reworded for people who are not YAML experts and pointed at the line to fix: yaml
 * reports some mistakes where it noticed them (the end of the file, the line before) rather than where
 * they are.
 */
function fromYamlError(file: string, source: string, lineCounter: LineCounter, error: YAMLError): Diagnostic {
  // yaml's messages end with a code frame of their own; the CLI draws one, so keep the first line.
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  let offset = error.pos[0];
  let text = message;
  switch (error.code) {
    case 'TAB_AS_INDENT':
      text = 'tab used for indentation; YAML indents with spaces';
      break;
    case 'DUPLICATE_KEY':
      text = `${message.replace(/\.$/, '')}; each key may appear once in a mapping`;
      break;
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
    case 'BAD_INDENT':
      // "Nested mappings are not allowed in compact mappings" is reported on the line before the one
      // that is indented too far.
      if (/compact mappings/.test(message)) offset = nextContentLine(source, offset) ?? offset;
      else offset = lineStart(source, offset);
      offset += /^[ ]*/.exec(source.slice(offset))![0].length;
      text =
        'bad indentation: this line does not line up with the lines around it (keys of one mapping, and items of one list, start in the same column)';
      break;
    default:
      if (/multiple documents/.test(message))
        text = 'one plan per file: remove this `---` line or move the second document to a file of its own';
      if (/^Missing closing ["']quote/.test(message)) {
        // Reported at the end of the file; the opening quote is the last quote character before it.
        const quote = message.includes('"quote') ? '"' : "'";
        const open = source.lastIndexOf(quote, offset - 1);
        if (open >= 0) offset = open;
        text = `unclosed ${quote === '"' ? 'double' : 'single'} quote: the text that starts here never ends`;
      }
  }
  const { line, col } = positionAt(lineCounter, offset);
  return {
    file,
    line,
    col,
    severity: error.name === 'YAMLWarning' ? 'warning' : 'error',
    code: 'yaml-syntax',
    message: text,
  };
}

function lineStart(source: string, offset: number): number {
  return source.lastIndexOf('\n', offset - 1) + 1;
}

/** Offset of the next line after `offset` that holds something other than blanks or a comment. */
function nextContentLine(source: string, offset: number): number | undefined {
  let at = source.indexOf('\n', offset);
  while (at >= 0) {
    const end = source.indexOf('\n', at + 1);
    const line = source.slice(at + 1, end < 0 ? undefined : end);
    if (line.trim() && !line.trim().startsWith('#')) return at + 1;
    at = end;
  }
  return undefined;
}

/** Parse YAML text. Never throws for bad input: problems come back as located diagnostics. */
export function loadSpec(source: string, file: string): LoadedSpec {
  const lineCounter = new LineCounter();
  // Merge keys (<<: *defaults) let a plan share owner/due blocks between items.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  // After the first syntax error yaml often reports its consequences too; the first is the one to fix.
  const diagnostics: Diagnostic[] = [...doc.errors.slice(0, 1), ...doc.warnings].map((e) =>
    fromYamlError(file, source, lineCounter, e),
  );
  const loaded: LoadedSpec = { file, source, doc, lineCounter, data: undefined, diagnostics };
  if (doc.errors.length > 0) return loaded;

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    diagnostics.push({
      file,
      line: 1,
      col: 1,
      severity: 'error',
      code: 'empty',
      message: 'the file is empty; the smallest plan is one line: `title: …`',
    });
    return loaded;
  }
  if (!isMap(doc.contents)) {
    const { line, col } = positionAt(lineCounter, doc.contents.range?.[0] ?? 0);
    diagnostics.push({
      file,
      line,
      col,
      severity: 'error',
      code: 'not-a-mapping',
      message: 'a plan must be a mapping of keys such as `title:`, `goals:`, `tasks:`',
    });
    return loaded;
  }

  const unresolved = unresolvedAlias(loaded);
  if (unresolved) {
    diagnostics.push(unresolved);
    return loaded;
  }
  cleanScalars(loaded);
  try {
    loaded.data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (!(error instanceof ReferenceError)) throw error;
    diagnostics.push({
      file,
      line: 1,
      col: 1,
      severity: 'error',
      code: 'yaml-alias',
      message: `aliases expand too much (over ${MAX_ALIAS_COUNT} times); write the content out or use fewer aliases`,
    });
  }
  return loaded;
}

/** `*name` with no `&name` before it. */
function unresolvedAlias(loaded: LoadedSpec): Diagnostic | undefined {
  let found: Diagnostic | undefined;
  visit(loaded.doc, {
    Alias(_key, node) {
      if (node.resolve(loaded.doc)) return;
      const { line, col } = positionAt(loaded.lineCounter, node.range?.[0] ?? 0);
      found = {
        file: loaded.file,
        line,
        col,
        severity: 'error',
        code: 'yaml-alias',
        message: `unknown alias *${node.source}: define the anchor &${node.source} before using it`,
      };
      return visit.BREAK;
    },
  });
  return found;
}

/** Strip characters XML cannot hold where they enter, with a warning at the scalar that held them. */
function cleanScalars(loaded: LoadedSpec): void {
  visit(loaded.doc, {
    Scalar(_key, node) {
      if (typeof node.value !== 'string') return;
      const cleaned = stripXmlInvalid(node.value);
      if (cleaned === node.value) return;
      node.value = cleaned;
      const { line, col } = positionAt(loaded.lineCounter, node.range?.[0] ?? 0);
      loaded.diagnostics.push({
        file: loaded.file,
        line,
        col,
        severity: 'warning',
        code: 'control-char',
        message: 'removed control characters that a Word document cannot contain',
      });
    },
  });
}
