import { describe, expect, it } from 'vitest';
import { decodeSpec } from '../src/spec/source.js';

describe('decodeSpec', () => {
  it('reads UTF-8 and drops a byte order mark', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('title: 计划\n')]);
    expect(decodeSpec(bytes, 'p.yaml')).toEqual({ source: 'title: 计划\n', diagnostics: [] });
  });

  it('refuses GBK with a located error instead of garbling the text', () => {
    // "title: 计划" with 计划 in GBK (BC C6 BB AE) on line 2
    const bytes = new Uint8Array([...new TextEncoder().encode('# 注释\ntitle: '), 0xbc, 0xc6, 0xbb, 0xae, 0x0a]);
    const { source, diagnostics } = decodeSpec(bytes, 'p.yaml');
    expect(source).toBeUndefined();
    expect(diagnostics).toEqual([expect.objectContaining({ line: 2, col: 8, severity: 'error', code: 'encoding' })]);
    expect(diagnostics[0].message).toMatch(/not UTF-8 .*GBK/);
  });

  it('recognises UTF-16 by its byte order mark', () => {
    const { diagnostics } = decodeSpec(new Uint8Array([0xff, 0xfe, 0x74, 0x00]), 'p.yaml');
    expect(diagnostics[0].message).toMatch(/UTF-16/);
  });
});
