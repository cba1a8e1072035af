import type { Nodes, Parent, PhrasingContent, Root, RootContent } from 'mdast';
import { gfmTableToMarkdown } from 'mdast-util-gfm-table';
import { toMarkdown } from 'mdast-util-to-markdown';
import { displayWidth } from '../text-width.js';

/**
 * The Markdown writer: the document tree with its directives flattened into plain CommonMark + GFM,
 * for review in a repository. Run-in titles become strong text; signature, subtitle and attachment
 * notes become paragraphs; a page break becomes a thematic break.
 */
export function renderMarkdown(tree: Root): string {
  const flat: Root = { type: 'root', children: flattenBlocks(tree.children) };
  return toMarkdown(flat, {
    extensions: [gfmTableToMarkdown({ stringLength: displayWidth })],
    bullet: '-',
    emphasis: '*',
    strong: '*',
    rule: '-',
    fences: true,
  });
}

function flattenBlocks(nodes: RootContent[]): RootContent[] {
  return nodes.flatMap((node): RootContent[] => {
    switch (node.type) {
      case 'containerDirective':
        if (node.name === 'subtitle') {
          return node.children.map((child) =>
            child.type === 'paragraph'
              ? { type: 'paragraph', children: [{ type: 'emphasis', children: flattenInline(child.children) }] }
              : child,
          ) as RootContent[];
        }
        return flattenBlocks(node.children as RootContent[]);
      case 'leafDirective':
        if (node.name === 'pagebreak') return [{ type: 'thematicBreak' }];
        if (node.name === 'annex')
          return [{ type: 'paragraph', children: [{ type: 'strong', children: flattenInline(node.children) }] }];
        return node.children.length ? [{ type: 'paragraph', children: flattenInline(node.children) }] : [];
      default:
        if ('children' in node) return [{ ...node, children: flattenChildren(node) } as RootContent];
        return [node];
    }
  });
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
      return node.name === 'lead' ? strongRunIn(flattenInline(node.children)) : flattenInline(node.children);
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
