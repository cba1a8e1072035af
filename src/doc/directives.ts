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
  /**
   * `:::notice-head` the 版头 of a plan issued as a notice (GB/T 9704 7.2): holds `::copy-number`,
   * `::secrecy`, `::urgency`, `::issuer` (the red 发文机关标志), `::doc-number` and `::signer`.
   */
  noticeHead: 'notice-head',
  /** `::copy-number[000012]` 份号, inside `:::notice-head`. */
  copyNumber: 'copy-number',
  /** `::secrecy[秘密★1年]` 密级和保密期限, inside `:::notice-head`. */
  secrecy: 'secrecy',
  /** `::urgency[特急]` 紧急程度, inside `:::notice-head`. */
  urgency: 'urgency',
  /** `::issuer[…文件]` 发文机关标志, inside `:::notice-head`. */
  issuer: 'issuer',
  /** `::doc-number[南科发〔2026〕3号]` 发文字号, inside `:::notice-head`. */
  docNumber: 'doc-number',
  /** `::signer[签发人：…]` 签发人 of a 上行文, inside `:::notice-head`. */
  signer: 'signer',
  /** `::addressee[…：]` 主送机关, flush left under the notice's title. */
  addressee: 'addressee',
  /** `:::notice-record` the 版记 on the last page (7.4): holds `::cc`, `::printed` and `::printed-date`. */
  noticeRecord: 'notice-record',
  /** `::cc[抄送：…。]` 抄送机关, inside `:::notice-record`. */
  cc: 'cc',
  /** `::printed[…]` 印发机关, inside `:::notice-record`. */
  printed: 'printed',
  /** `::printed-date[…印发]` 印发日期, inside `:::notice-record`. */
  printedDate: 'printed-date',
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
  'notice-head': { kind: 'containerDirective' },
  'copy-number': { kind: 'leafDirective', inside: 'notice-head' },
  secrecy: { kind: 'leafDirective', inside: 'notice-head' },
  urgency: { kind: 'leafDirective', inside: 'notice-head' },
  issuer: { kind: 'leafDirective', inside: 'notice-head' },
  'doc-number': { kind: 'leafDirective', inside: 'notice-head' },
  signer: { kind: 'leafDirective', inside: 'notice-head' },
  addressee: { kind: 'leafDirective' },
  'notice-record': { kind: 'containerDirective' },
  cc: { kind: 'leafDirective', inside: 'notice-record' },
  printed: { kind: 'leafDirective', inside: 'notice-record' },
  'printed-date': { kind: 'leafDirective', inside: 'notice-record' },
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
