import Handlebars from 'handlebars';

/**
 * Templates may come from anyone. Handlebars' own defences (no prototype access at run time, strict
 * mode, known helpers only) refuse the published attacks when a template runs, with a message that
 * names no line. This check refuses them before anything runs, at the line and column of the
 * offending expression, and also closes what run-time checks leave open:
 *
 * - JavaScript internals by name — `constructor`, `__proto__`, `__defineGetter__`, `prototype` … — as a
 *   path segment (`{{this.constructor.constructor}}`) or a string argument (`{{lookup this "__proto__"}}`);
 * - dynamic partials (`{{> (lookup . "x")}}`), partial paths (`{{> ../x}}`, `{{> /etc/passwd}}`),
 *   partial blocks and `@partial-block` (CVE-2026-33937/33938 build code from a tampered @partial-block);
 * - decorators and inline partials (`{{* …}}`, `{{#*inline}}`; CVE-2026-33939 crashed on malformed ones).
 */
export const FORBIDDEN_NAMES = new Set([
  'constructor',
  'prototype',
  '__proto__',
  '__defineGetter__',
  '__defineSetter__',
  '__lookupGetter__',
  '__lookupSetter__',
  'hasOwnProperty',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'valueOf',
  'partial-block',
]);

/** A partial is named by a template file in the folder: letters, digits, - and _ only. */
const PARTIAL_NAME = /^[A-Za-z0-9_-]+$/;

export interface TemplateRefusal {
  message: string;
  line: number;
  col: number;
}

interface Node {
  type: string;
  loc?: { start: { line: number; column: number } };
  [key: string]: unknown;
}

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';

/** The first refused construct in a template's source, or undefined. Syntax errors are left to the compiler. */
export function refuseUnsafe(source: string): TemplateRefusal | undefined {
  let ast: Node;
  try {
    ast = Handlebars.parse(source) as unknown as Node;
  } catch {
    return undefined;
  }
  let found: TemplateRefusal | undefined;
  const refuse = (node: Node, message: string) => {
    found ??= { message, line: node.loc?.start.line ?? 0, col: (node.loc?.start.column ?? 0) + 1 };
  };
  const visit = (node: Node): void => {
    if (found) return;
    switch (node.type) {
      case 'PathExpression': {
        const parts = (node.parts as string[]) ?? [];
        const bad = parts.find((p) => FORBIDDEN_NAMES.has(p));
        if (bad !== undefined)
          return refuse(node, `"${bad}" is not allowed in a template: it reaches JavaScript internals, not plan data`);
        break;
      }
      case 'StringLiteral':
        if (FORBIDDEN_NAMES.has(node.value as string))
          return refuse(
            node,
            `"${String(node.value)}" is not allowed in a template: it reaches JavaScript internals, not plan data`,
          );
        break;
      case 'PartialStatement': {
        const name = node.name as Node;
        if (name.type !== 'PathExpression')
          return refuse(node, 'dynamic partials are not allowed: name a template file, e.g. {{> item}}');
        const original = String(name.original);
        if (!PARTIAL_NAME.test(original) || (name.data as boolean))
          return refuse(
            node,
            `partial "${original}" is not allowed: a partial is a template file of the folder, named without a path, e.g. {{> item}}`,
          );
        break;
      }
      case 'PartialBlockStatement':
        return refuse(node, 'partial blocks ({{#> …}}) are not allowed: use {{> name}}');
      case 'DecoratorBlock':
      case 'Decorator':
        return refuse(node, 'decorators and inline partials ({{* …}}, {{#*inline}}) are not allowed');
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) value.forEach((v) => isNode(v) && visit(v));
      else if (isNode(value)) visit(value);
    }
  };
  visit(ast);
  return found;
}
