import { SaxesParser } from 'saxes';

/** A parsed XML element: qualified name, attributes, children. Enough to read WordprocessingML parts. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
}

/**
 * Parse XML into a small element tree (text is dropped: styles and page setup live in attributes).
 * saxes is a conforming XML parser: no external entities, no DTD expansion, so a hostile file cannot
 * make it read files or expand a billion laughs. Throws on malformed XML.
 */
export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const root: XmlElement = { name: '#document', attributes: {}, children: [] };
  const stack: XmlElement[] = [root];
  parser.on('doctype', () => {
    throw new Error('a DOCTYPE is not allowed in a Word part');
  });
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: tag.attributes as Record<string, string>, children: [] };
    stack[stack.length - 1].children.push(element);
    if (!tag.isSelfClosing) stack.push(element);
  });
  parser.on('closetag', (tag) => {
    if (!tag.isSelfClosing) stack.pop();
  });
  parser.write(text).close();
  return root;
}

export function child(element: XmlElement | undefined, name: string): XmlElement | undefined {
  return element?.children.find((c) => c.name === name);
}

export function children(element: XmlElement | undefined, name: string): XmlElement[] {
  return element?.children.filter((c) => c.name === name) ?? [];
}

/** Depth-first search for the last element of this name (the body's own sectPr is the document's last). */
export function findLast(element: XmlElement, name: string): XmlElement | undefined {
  let found: XmlElement | undefined;
  const walk = (e: XmlElement) => {
    if (e.name === name) found = e;
    e.children.forEach(walk);
  };
  walk(element);
  return found;
}
