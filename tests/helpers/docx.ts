import { strFromU8, unzipSync } from 'fflate';
import mammoth from 'mammoth';
import { SaxesParser } from 'saxes';
import { expect } from 'vitest';

/** The parts of a DOCX: name → text (XML and relationships). */
export function docxParts(bytes: Uint8Array): Record<string, string> {
  return Object.fromEntries(Object.entries(unzipSync(bytes)).map(([name, data]) => [name, strFromU8(data)]));
}

/**
 * Parse one XML part as strict XML 1.0 with namespaces: the standard Word holds files to. Throws on
 * any character XML 1.0 forbids, an undeclared prefix or a broken structure — things pandoc and
 * LibreOffice forgive and Word does not.
 */
export function parseStrictXml(name: string, xml: string): void {
  const parser = new SaxesParser({ xmlns: true, position: true });
  let error: Error | undefined;
  parser.on('error', (e) => {
    error ??= new Error(`${name}: ${e.message}`);
  });
  parser.write(xml).close();
  if (error) throw error;
}

export function expectStrictXml(bytes: Uint8Array): void {
  const parts = docxParts(bytes);
  const xmlParts = Object.keys(parts).filter((n) => n.endsWith('.xml') || n.endsWith('.rels'));
  expect(xmlParts).toContain('word/document.xml');
  for (const name of xmlParts) parseStrictXml(name, parts[name]);
}

/** The document's text as an independent pure-JS reader (mammoth) sees it. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  const { value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes) });
  return value;
}

/** The XML of a style by its id, from styles.xml. */
export function styleXml(parts: Record<string, string>, id: string): string {
  const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>[\\s\\S]*?</w:style>`).exec(parts['word/styles.xml']);
  expect(m, `style ${id}`).not.toBeNull();
  return m![0];
}
