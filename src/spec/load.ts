import { Document, isMap, isScalar, LineCounter, parseDocument, type YAMLError } from 'yaml';
import { checkAliases, indexAliasesForToJS } from './aliases.js';
import { hasErrors, type Diagnostic } from '../core/diagnostic.js';
import { positionAt, type SourcePositions } from './position.js';
import { cleanScalars } from './scalars.js';

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

export { positionAt } from './position.js';

/**
 * A YAML error, reworded for people who are not YAML experts and pointed at the line to fix: yaml
 * reports some mistakes where it noticed them (the end of the file, the line before) rather than where
 * they are.
 */
function fromYamlError(file: string, positions: SourcePositions, error: YAMLError): Diagnostic {
  const { source } = positions;
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
      // yaml notices the mistake at a blank or comment line before it; the line to fix is the next one.
      if (!isContent(lineAt(source, offset))) offset = nextContentLine(source, offset) ?? offset;
      offset += /^[ ]*/.exec(source.slice(offset))![0].length;
      text =
        'bad indentation: this line does not line up with the lines around it (keys of one mapping, and items of one list, start in the same column)';
      break;
    case 'TAG_RESOLVE_FAILED':
      text = `unknown tag ${/!\S*/.exec(message)?.[0] ?? ''}: plangen ignores it and reads the value as written`;
      offset =
        source.lastIndexOf('!', offset + 1) >= lineStart(source, offset) ? source.lastIndexOf('!', offset + 1) : offset;
      break;
    default:
      if (/multiple documents/.test(message))
        text = 'one plan per file: remove this `---` line or move the second document to a file of its own';
      if (/^Missing closing ["']quote/.test(message)) {
        // Reported at the end of the file; the opening quote is the last quote character before it.
        const quote = message.includes('"quote') ? '"' : "'";
        const open = openingQuote(source, quote, offset);
        if (open >= 0) offset = open;
        text = `unclosed ${quote === '"' ? 'double' : 'single'} quote: the text that starts here never ends`;
      }
  }
  const { line, col } = positionAt(positions, offset);
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

function lineAt(source: string, offset: number): string {
  const start = lineStart(source, offset);
  const end = source.indexOf('\n', start);
  return source.slice(start, end < 0 ? undefined : end);
}

/** A line holding something other than blanks or a comment. */
function isContent(line: string): boolean {
  return line.trim() !== '' && !line.trim().startsWith('#');
}

/** Offset of the next line after `offset` that holds something other than blanks or a comment. */
function nextContentLine(source: string, offset: number): number | undefined {
  let at = source.indexOf('\n', offset);
  while (at >= 0) {
    const end = source.indexOf('\n', at + 1);
    if (isContent(source.slice(at + 1, end < 0 ? undefined : end))) return at + 1;
    at = end;
  }
  return undefined;
}

/**
 * The quote that opens an unclosed string, searching back from where yaml gave up: the last quote that
 * starts a value (after a blank, `[`, `{`, `,` or at the start of a line), so the doubled quote
 * inside 'it''s is not taken for it.
 */
function openingQuote(source: string, quote: string, before: number): number {
  for (let at = source.lastIndexOf(quote, before - 1); at >= 0; at = source.lastIndexOf(quote, at - 1)) {
    const prefix = source.slice(lineStart(source, at), at);
    if (/(^|[\s[{,])$/.test(prefix)) return at;
  }
  return -1;
}

/** Parse YAML text. Never throws for bad input: problems come back as located diagnostics. */
export function loadSpec(source: string, file: string): LoadedSpec {
  const lineCounter = new LineCounter();
  // Merge keys (<<: *defaults) let a plan share owner/due blocks between items.
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true, merge: true });
  // After the first syntax error yaml often reports its consequences too; the first is the one to fix.
  const positions = { source, lineCounter };
  const diagnostics: Diagnostic[] = [...doc.errors.slice(0, 1), ...doc.warnings].map((e) =>
    fromYamlError(file, positions, e),
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
    const { line, col } = positionAt(positions, doc.contents.range?.[0] ?? 0);
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

  // An alias is written *name and a merge key <<: without either in the text there is nothing to check
  // or expand (the checks walk the whole document several times).
  const mayAlias = source.includes('*') || source.includes('<<');
  const aliasProblem = mayAlias ? checkAliases(loaded) : undefined;
  if (aliasProblem) {
    diagnostics.push(aliasProblem);
    return loaded;
  }
  diagnostics.push(...cleanScalars(loaded));
  if (hasErrors(diagnostics)) return loaded;
  // checkAliases bounded the expanded size, which is what matters, so yaml's count of alias uses is off.
  if (mayAlias) indexAliasesForToJS(doc);
  loaded.data = doc.toJS({ maxAliasCount: -1 });
  return loaded;
}
