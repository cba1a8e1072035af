import type { Diagnostic } from '../core/diagnostic.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * A spec file's bytes as text. Plans written on Chinese Windows are often saved as GBK; decoded as
 * UTF-8 they would turn into replacement characters without a word, so say what is wrong instead.
 * A UTF-8 byte order mark is dropped.
 */
export function decodeSpec(bytes: Uint8Array, file: string): { source?: string; diagnostics: Diagnostic[] } {
  try {
    return { source: utf8.decode(bytes), diagnostics: [] };
  } catch {
    const { line, col } = firstInvalid(bytes);
    const hint =
      bytes[0] === 0xff || bytes[0] === 0xfe
        ? ' (it looks like UTF-16)'
        : ' (GBK or GB18030, as Windows saves Chinese text, is a likely cause)';
    return {
      diagnostics: [
        {
          file,
          line,
          col,
          severity: 'error',
          code: 'encoding',
          message: `the file is not UTF-8${hint}; save it as UTF-8 and build again`,
        },
      ],
    };
  }
}

/** Line and column of the first byte that is not valid UTF-8. */
function firstInvalid(bytes: Uint8Array): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
    if (bytes[i] < 0x80) continue;
    const length = bytes[i] >= 0xf0 ? 4 : bytes[i] >= 0xe0 ? 3 : bytes[i] >= 0xc2 ? 2 : 0;
    try {
      if (length === 0) throw new Error();
      utf8.decode(bytes.subarray(i, i + length));
      i += length - 1;
    } catch {
      const col = [...new TextDecoder().decode(bytes.subarray(lineStart, i))].length + 1;
      return { line, col };
    }
  }
  return { line: 1, col: 1 };
}
