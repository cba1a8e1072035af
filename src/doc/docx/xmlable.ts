/**
 * The `docx` package's `stringifyXmlable` (docx 9.15.2, src/file/xml-components/stringify), for what its
 * compiler writes (no indentation, no declaration). The package does not export it; body-xml.ts needs it
 * to write one component at a time. What it writes is checked against the compiler's own output at run
 * time (the first document of every frame pack.ts makes) and in tests/pack.test.ts and docx-body.test.ts.
 */
type Xmlable = Record<string, unknown>;

const ESCAPES = new Map([
  ['&', '&amp;'],
  ['"', '&quot;'],
  ["'", '&apos;'],
  ['<', '&lt;'],
  ['>', '&gt;'],
]);

/** Text or an attribute value escaped as the package's stringifier does (it drops what XML 1.0 forbids). */
export function escapeXml(value: string): string {
  return value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => ESCAPES.get(char) ?? '');
}

function escapeValue(value: unknown): unknown {
  return typeof value === 'string' ? escapeXml(value) : value;
}

interface Resolved {
  name: string | undefined;
  attributes: string[];
  content: Array<Resolved | unknown>;
}

function resolve(data: Xmlable): Resolved {
  const name = Object.keys(data)[0];
  const values = name === undefined ? undefined : data[name];
  const attributes: string[] = [];
  const content: Array<Resolved | unknown> = [];
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, value] of Object.entries(attr)) attributes.push(`${key}="${String(escapeValue(value))}"`);
  };
  if (typeof values === 'object') {
    if (values !== null) {
      const { _attr: attr, _cdata: cdata } = values as { _attr?: Record<string, unknown>; _cdata?: string };
      if (attr) addAttributes(attr);
      if (cdata) content.push(`<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`);
      if (Array.isArray(values)) {
        let isStringContent = false;
        content.push('');
        for (const value of values as unknown[]) {
          if (typeof value === 'object') {
            if (Object.keys(value as object)[0] === '_attr')
              addAttributes((value as { _attr: Record<string, unknown> })._attr);
            else content.push(resolve(value as Xmlable));
          } else {
            content.pop();
            isStringContent = true;
            content.push(escapeValue(value));
          }
        }
        if (!isStringContent) content.push('');
      }
    }
  } else content.push(escapeValue(values));
  return { name, attributes, content };
}

function format(element: Resolved | unknown): string {
  if (typeof element !== 'object' || element === null) return String(element);
  const { name, attributes, content } = element as Resolved;
  const open =
    (name ? `<${name}` : '') +
    (attributes.length > 0 ? ` ${attributes.join(' ')}` : '') +
    (content.length > 0 ? (name ? '>' : '') : '/>');
  if (content.length === 0) return open;
  return (
    open + content.map((child) => (child === undefined ? '' : format(child))).join('') + (name ? `</${name}>` : '')
  );
}

/** XML of an object from docx's Formatter. */
export function xmlOf(input: Xmlable): string {
  return format(resolve(input));
}
