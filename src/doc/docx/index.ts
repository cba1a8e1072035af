import type { Root } from 'mdast';
import { assertDirectives } from '../directives.js';
import { layoutDocx, type DocxMeta } from './build.js';
import type { FrameCache } from './frame-store.js';
import { writeLayout } from './pack.js';
import { PROFILES, type StyleProfile } from './profile.js';

export { PROFILES, type StyleProfile } from './profile.js';
export type { DocxMeta } from './build.js';

export interface DocxOptions extends DocxMeta {
  profile: StyleProfile | keyof typeof PROFILES;
  /** Written into the file's properties; the clock is never read. */
  created: Date;
  /** Where the parts that do not depend on the body are kept between runs (pack.ts); none: in memory only. */
  frameCache?: FrameCache;
}

/**
 * The DOCX writer: document tree → DOCX bytes. Throws a DirectiveError for a directive outside the
 * vocabulary (../directives.ts).
 */
export async function writeDocx(tree: Root, options: DocxOptions): Promise<Uint8Array> {
  assertDirectives(tree);
  const profile = typeof options.profile === 'string' ? PROFILES[options.profile] : options.profile;
  return writeLayout(layoutDocx(tree, profile, options), profile, options.created, options.frameCache);
}
