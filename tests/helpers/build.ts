import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { buildPlan } from '../../src/pipeline.js';

/** Build a spec file to Markdown and DOCX, expecting no diagnostics at all. */
export async function buildMarkdownAndDocx(specPath: string): Promise<{ markdown: string; docx: Uint8Array }> {
  const result = await buildPlan(readFileSync(specPath, 'utf8'), specPath, { formats: ['md', 'docx'] });
  expect(result.diagnostics).toEqual([]);
  const [md, docx] = result.outputs!;
  return { markdown: new TextDecoder().decode(md.bytes), docx: docx.bytes };
}
