import { Document, isMap, isScalar, LineCounter, parseDocument, visit, type YAMLError } from 'yaml';
import type { Diagnostic } from './diagnostic.js';

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

/**
 * Characters XML 1.0 cannot carry (Word refuses such a file, pandoc and LibreOffice forgive it):
 * C0 controls except tab/newline/CR, lone surrogates, U+FFFE and U+FFFF.
 */
// eslint-disable-next-line no-control-regex
const XML_INVALID = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function stripXmlInvalid(text: string): string {
  return text.replace(XML_INVALID, '');
}

export function positionAt(lineCounter: LineCounter, offset: number): { line: number; col: number } {
  const { line, col } = lineCounter.linePos(offset);
  return { line, col };
}

function fromYamlError(file: string, lineCounter: LineCounter, error: YAMLError): Diagnostic {
  const { line, col } = positionAt(lineCounter, error.pos[0]);
  // yaml's messages end with a code frame of their own; the CLI draws one, so keep the first line.
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return { file, line, col, severity: error.name === 'YAMLWarning' ? 'warning' : 'error', code: 'yaml-syntax', message: explainYaml(error.code, message) };
}

function explainYaml(code: string, message: string): string {
  switch (code) {
    case 'TAB_AS_INDENT':
      return 'tab used for indentation; YAML indents with spaces';
    case 'DUPLICATE_KEY':
      return `${message.replace(/\.$/, '')}; each key may appear once in a mapping`;
    default:
      return message;
  }
}

/** Parse YAML text. Never throws for bad input: problems come back as located diagnostics. */
export function loadSpec(source: string, file: string): LoadedSpec {
  const lineCounter = new LineCounter();
  const doc = parseDocument(source, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const diagnostics: Diagnostic[] = [...doc.errors, ...doc.warnings].map((e) => fromYamlError(file, lineCounter, e));
  const loaded: LoadedSpec = { file, source, doc, lineCounter, data: undefined, diagnostics };
  if (doc.errors.length > 0) return loaded;

  if (doc.contents === null || (isScalar(doc.contents) && doc.contents.value === null)) {
    diagnostics.push({ file, line: 1, col: 1, severity: 'error', code: 'empty', message: 'the file is empty; the smallest plan is one line: `title: …`' });
    return loaded;
  }
  if (!isMap(doc.contents)) {
    const { line, col } = positionAt(lineCounter, doc.contents.range?.[0] ?? 0);
    diagnostics.push({ file, line, col, severity: 'error', code: 'not-a-mapping', message: 'a plan must be a mapping of keys such as `title:`, `goals:`, `tasks:`' });
    return loaded;
  }

  cleanScalars(loaded);
  try {
    loaded.data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    diagnostics.push({
      file, line: 1, col: 1, severity: 'error', code: 'yaml-alias',
      message: `aliases expand too much (over ${MAX_ALIAS_COUNT} times); write the content out or use fewer aliases`,
    });
    if (!(error instanceof ReferenceError)) throw error;
  }
  return loaded;
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
        file: loaded.file, line, col, severity: 'warning', code: 'control-char',
        message: 'removed control characters that a Word document cannot contain',
      });
    },
  });
}
