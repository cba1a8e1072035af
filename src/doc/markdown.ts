import type { BlockContent, Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { displayWidth } from '../text-width.js';
import { assertDirectives, Directive, type DirectiveName } from './directives.js';
import { fastMarkdown } from './markdown-fast.js';

/**
 * The Markdown writer: the document tree with its directives (./directives.ts) flattened into plain
 * CommonMark + GFM, for review in a repository. Run-in titles become strong text; signature, subtitle
 * and attachment notes become paragraphs; a page break becomes a thematic break. Throws a
 * DirectiveError for a directive outside the vocabulary.
 */
export function writeMarkdown(tree: Root): string {
  assertDirectives(tree);
  const flat: Root = { type: 'root', children: flattenBlocks(tree.children) };
  return fastMarkdown(flat) ?? referenceMarkdown(flat);
}

/** mdast-util-to-markdown, the definition of what writeMarkdown writes (fastMarkdown gives the same or nothing). */
export function referenceMarkdown(flat: Root): string {
  return toMarkdown(flat, {
    extensions: [gfmTableToMarkdown({ stringLength: displayWidth })],
    bullet: '-',
    emphasis: '*',
    strong: '*',
    rule: '-',
    fences: true,
  });
}

/** The tree with its directives flattened into CommonMark + GFM nodes. */
export function flattenBlocks(nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node): RootContent[] => {
    switch (node.type) {
      case 'containerDirective':
      case 'leafDirective':
        return flattenDirective(node.name as DirectiveName, node);
      default:
        if ('children' in node) return [{ ...node, children: flattenChildren(node) } as RootContent];
        return [node];
    }
  });
}

function flattenDirective(
  name: DirectiveName,
  node: Extract<RootContent, { type: 'containerDirective' | 'leafDirective' }>,
): RootContent[] {
  const inline = () => flattenInline(node.children as PhrasingContent[]);
  switch (name) {
    case Directive.subtitle:
      return (node.children as RootContent[]).map((child) =>
        child.type === 'paragraph'
          ? { type: 'paragraph', children: [{ type: 'emphasis', children: flattenInline(child.children) }] }
          : child,
      );
    case Directive.signature:
    case Directive.attachments:
      return flattenBlocks(node.children as RootContent[]);
    case Directive.pagebreak:
      return [{ type: 'thematicBreak' }];
    case Directive.annex:
      return [{ type: 'paragraph', children: [{ type: 'strong', children: inline() }] }];
    case Directive.org:
    case Directive.date:
    case Directive.copyNumber:
    case Directive.secrecy:
    case Directive.urgency:
    case Directive.issuer:
    case Directive.docNumber:
    case Directive.signer:
    case Directive.addressee:
    case Directive.cc:
    case Directive.printed:
    case Directive.printedDate:
      return node.children.length ? [{ type: 'paragraph', children: inline() }] : [];
    case Directive.noticeHead:
      return flattenBlocks(node.children as RootContent[]);
    case Directive.noticeRecord:
      // The 版记 of a notice stays one block, apart from the plan's text.
      return [{ type: 'blockquote', children: flattenBlocks(node.children as RootContent[]) as BlockContent[] }];
    case Directive.lead:
      throw new Error(':lead is inline (checked by assertDirectives)');
    default:
      return unreachable(name);
  }
}

function unreachable(name: never): never {
  throw new Error(`unhandled directive ${String(name)}`);
}

function flattenChildren(node: Parent): Nodes[] {
  if (
    node.type === 'paragraph' ||
    node.type === 'heading' ||
    node.type === 'tableCell' ||
    node.type === 'emphasis' ||
    node.type === 'strong' ||
    node.type === 'link'
  ) {
    return flattenInline(node.children as PhrasingContent[]);
  }
  return flattenBlocks(node.children as RootContent[]);
}

function flattenInline(nodes: PhrasingContent[]): PhrasingContent[] {
  return nodes.flatMap((node): PhrasingContent[] => {
    if (node.type === 'textDirective')
      return node.name === Directive.lead ? strongRunIn(flattenInline(node.children)) : flattenInline(node.children);
    if ('children' in node)
      return [{ ...node, children: flattenInline(node.children as PhrasingContent[]) } as PhrasingContent];
    return [node];
  });
}

/**
 * A run-in title as strong text, its closing punctuation outside: `**…。**组织` is not closed emphasis in
 * CommonMark (the closer sits between punctuation and a letter), `**…**。组织` is.
 */
function strongRunIn(children: PhrasingContent[]): PhrasingContent[] {
  const last = children.at(-1);
  const trailing = last?.type === 'text' ? /[\p{P}\s]+$/u.exec(last.value)?.[0] : undefined;
  if (!last || last.type !== 'text' || !trailing || trailing === last.value) return [{ type: 'strong', children }];
  const inside = [...children.slice(0, -1), { ...last, value: last.value.slice(0, -trailing.length) }];
  return [
    { type: 'strong', children: inside },
    { type: 'text', value: trailing },
  ];
}
