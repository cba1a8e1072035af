import type { Nodes, Root } from 'mdast';

/**
 * The directive vocabulary: what the templates write into the plan's Markdown for what Markdown cannot
 * say, and what both writers (Markdown: writeMarkdown, DOCX: writeDocx) read. A directive not listed
 * here is refused (checkDirectives), never written out as a silent paragraph.
 *
 * Add a directive here first, then handle it in both writers: their switches over these names are
 * checked for exhaustiveness by the compiler.
 */
export const Directive = {
  /**
   * `:lead[…]{level="N"}` a run-in title at the start of a paragraph, set in its outline level's font
   * (2 = （一） 楷体, 3 = 1. bold, …); level 0 is an ordinal run-in (一是) in the body's font.
   */
  lead: 'lead',
  /** `::pagebreak` the next block starts a new page. */
  pagebreak: 'pagebreak',
  /** `::annex[附件1]` an attachment's label at the top left of its first page. */
  annex: 'annex',
  /** `:::subtitle` paragraphs under the title. */
  subtitle: 'subtitle',
  /** `:::signature` the issuing body and the date closing the body; holds `::org` and `::date`. */
  signature: 'signature',
  /** `::org[…]` the issuing body, inside `:::signature`. */
  org: 'org',
  /** `::date[…]` the date written, inside `:::signature`. */
  date: 'date',
  /** `:::attachments` the attachment note (附件：1.… 2.…) after the body. */
  attachments: 'attachments',
} as const;

export type DirectiveName = (typeof Directive)[keyof typeof Directive];

type DirectiveKind = 'textDirective' | 'leafDirective' | 'containerDirective';

/** Each directive's Markdown form (`:x` inline, `::x` a block line, `:::x` a container) and where it may sit. */
export const DIRECTIVE_FORM: Record<DirectiveName, { kind: DirectiveKind; inside?: DirectiveName }> = {
  lead: { kind: 'textDirective' },
  pagebreak: { kind: 'leafDirective' },
  annex: { kind: 'leafDirective' },
  subtitle: { kind: 'containerDirective' },
  signature: { kind: 'containerDirective' },
  org: { kind: 'leafDirective', inside: 'signature' },
  date: { kind: 'leafDirective', inside: 'signature' },
  attachments: { kind: 'containerDirective' },
};

const KINDS: readonly string[] = ['textDirective', 'leafDirective', 'containerDirective'];

export function isDirectiveName(name: string): name is DirectiveName {
  return Object.hasOwn(DIRECTIVE_FORM, name);
}

/** A directive the writers do not know, or one in the wrong form or place. */
export interface DirectiveProblem {
  name: string;
  /** 1-based line in the plan's Markdown, when known. */
  line?: number;
  message: string;
}

/**
 * Every directive in the tree is one of the vocabulary's, in its form, in its place, and a run-in
 * title names its level. Returns the problems (none for a good tree).
 */
export function checkDirectives(tree: Root): DirectiveProblem[] {
  const problems: DirectiveProblem[] = [];
  const visit = (node: Nodes, parent: string | undefined) => {
    let container = parent;
    if (KINDS.includes(node.type)) {
      const directive = node as Extract<Nodes, { type: DirectiveKind }>;
      const { name } = directive;
      const line = node.position?.start.line;
      const form = isDirectiveName(name) ? DIRECTIVE_FORM[name] : undefined;
      const mark = (kind: string) => ({ textDirective: ':', leafDirective: '::', containerDirective: ':::' })[kind];
      if (!form) problems.push({ name, line, message: `unknown directive ${mark(node.type)}${name}` });
      else if (form.kind !== node.type)
        problems.push({ name, line, message: `${mark(node.type)}${name} should be written ${mark(form.kind)}${name}` });
      else if (form.inside !== undefined && form.inside !== parent)
        problems.push({ name, line, message: `${mark(form.kind)}${name} belongs inside :::${form.inside}` });
      else if (name === Directive.lead && !/^\d+$/.test(directive.attributes?.level ?? ''))
        problems.push({ name, line, message: `:lead needs a level, e.g. {level="2"}` });
      container = name;
    }
    if ('children' in node) for (const child of node.children as Nodes[]) visit(child, container);
  };
  visit(tree, undefined);
  return problems;
}

/** Thrown by a writer handed a tree with directives it does not know: a bug in a template or the caller. */
export class DirectiveError extends Error {
  override name = 'DirectiveError';
  constructor(readonly problems: DirectiveProblem[]) {
    super(problems.map((p) => (p.line ? `line ${p.line}: ${p.message}` : p.message)).join('; '));
  }
}

/** For the writers: refuse a tree with a directive outside the vocabulary. */
export function assertDirectives(tree: Root): void {
  const problems = checkDirectives(tree);
  if (problems.length) throw new DirectiveError(problems);
}
