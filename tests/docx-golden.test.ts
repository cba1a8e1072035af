import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildPlan } from '../src/pipeline.js';
import { docxParts } from './helpers/docx.js';
import { expectGolden } from './helpers/golden.js';
import { canonicalXml } from './helpers/xml.js';

/**
 * Golden DOCX parts, as pandoc tests its DOCX writer: for every example, word/document.xml (levels,
 * labels, run-in titles, fonts, indents of every paragraph) and word/styles.xml (the profile's fonts
 * and sizes), compared as parsed XML. A wrong level, font, size or indent fails here even where the
 * Markdown is right. Regenerate with UPDATE_GOLDEN=1 and review the diff (README: Tests).
 */
const ROOT = join(import.meta.dirname, '..');
const GOLDEN = join(import.meta.dirname, 'fixtures/docx');
const PARTS = ['word/document.xml', 'word/styles.xml'];
const EXAMPLES = readdirSync(join(ROOT, 'examples'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('golden DOCX parts of every example', () => {
  it.each(EXAMPLES)('%s', async (example) => {
    const path = join(ROOT, 'examples', example);
    const result = await buildPlan(readFileSync(path, 'utf8'), path, { formats: ['docx'] });
    const parts = docxParts(result.outputs![0].bytes);
    for (const part of PARTS)
      expectGolden(parts[part], join(GOLDEN, basename(example, '.yaml'), basename(part)), canonicalXml);
  });

  it('has a golden folder for every example and none for an example that is gone', () => {
    expect(readdirSync(GOLDEN).sort()).toEqual(EXAMPLES.map((e) => basename(e, '.yaml')));
  });
});
