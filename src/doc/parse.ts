import type { Root } from 'mdast';
import { directiveFromMarkdown } from 'mdast-util-directive';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmTableFromMarkdown } from 'mdast-util-gfm-table';
import { directive } from 'micromark-extension-directive';
import { gfmTable } from 'micromark-extension-gfm-table';
import { recognisePlanMarkdown } from './recognise.js';

/**
 * Markdown (CommonMark + GFM tables + directives) → the document tree every writer reads.
 * Directives carry what Markdown cannot say; their vocabulary is ./directives.ts.
 */
export function parsePlanMarkdown(markdown: string): Root {
  return fromMarkdown(markdown, {
    extensions: [gfmTable(), directive()],
    mdastExtensions: [gfmTableFromMarkdown(), directiveFromMarkdown()],
  });
}

/**
 * The document tree for the pipeline: the fast recogniser for what the built-in templates write,
 * micromark (parsePlanMarkdown) for anything else. The recogniser's tree has no source positions.
 */
export function parsePlanTree(markdown: string): Root {
  return recognisePlanMarkdown(markdown) ?? parsePlanMarkdown(markdown);
}
