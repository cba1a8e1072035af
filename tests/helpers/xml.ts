import { SaxesParser } from 'saxes';

interface XmlElement {
  name: string;
  attributes: Array<[string, string]>;
  children: Array<XmlElement | string>;
}

/**
 * Attributes that change from one run or one `docx` version to the next without changing the
 * document: revision-session ids and Word 2010 paragraph ids. None is written today; listed so a
 * golden comparison never depends on them.
 */
const VOLATILE_ATTRIBUTE = /^(w:rsid\w*|w14:paraId|w14:textId)$/;

function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ position: false });
  const root: XmlElement = { name: '#root', attributes: [], children: [] };
  const stack = [root];
  let error: Error | undefined;
  parser.on('error', (e) => (error ??= e));
  parser.on('opentag', (tag) => {
    const element: XmlElement = {
      name: tag.name,
      attributes: Object.entries(tag.attributes as Record<string, string>)
        .filter(([name]) => !VOLATILE_ATTRIBUTE.test(name))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
      children: [],
    };
    stack.at(-1)!.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  parser.on('text', (text) => stack.at(-1)!.children.push(text));
  parser.write(xml).close();
  if (error) throw error;
  const [document] = root.children.filter((c): c is XmlElement => typeof c !== 'string');
  return document;
}

const escapeText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (s: string) => escapeText(s).replace(/"/g, '&quot;');

function print(element: XmlElement, depth: number, out: string[]): void {
  const indent = '  '.repeat(depth);
  const open = `${indent}<${element.name}${element.attributes.map(([k, v]) => ` ${k}="${escapeAttribute(v)}"`).join('')}`;
  const elements = element.children.filter((c): c is XmlElement => typeof c !== 'string');
  const text = element.children.filter((c): c is string => typeof c === 'string').join('');
  if (elements.length === 0) {
    // A leaf: its text is content (w:t keeps its spaces), on one line.
    out.push(text === '' ? `${open}/>` : `${open}>${escapeText(text)}</${element.name}>`);
    return;
  }
  // Between elements, whitespace is layout; anything else would be mixed content, which OOXML parts do not use.
  if (text.trim() !== '') throw new Error(`mixed content in <${element.name}>: ${JSON.stringify(text.trim())}`);
  out.push(`${open}>`);
  for (const child of elements) print(child, depth + 1, out);
  out.push(`${indent}</${element.name}>`);
}

/**
 * An XML part as parsed XML, printed one element a line with sorted attributes and volatile ids left
 * out: two parts print the same exactly when they hold the same elements, attributes and text. The
 * golden DOCX parts are stored in this form, so a review reads them like any other diff.
 */
export function canonicalXml(xml: string): string {
  const out: string[] = [];
  print(parseXml(xml), 0, out);
  return `${out.join('\n')}\n`;
}
