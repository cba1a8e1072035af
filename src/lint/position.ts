import { isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import type { LoadedSpec } from '../spec/load.js';
import { positionAt } from '../spec/position.js';
import { locate, type SpecPath } from '../spec/locate.js';

/**
 * Where a finding points: the column of the matched text inside its scalar when it can be found in the
 * source as written (plain, quoted or block scalars, no escapes in between), else the scalar's start.
 */
export function findingPosition(
  loaded: LoadedSpec,
  path: SpecPath,
  match?: string,
  occurrence = 0,
  key = false,
): { line: number; col: number } {
  if (match) {
    const node = nodeAt(loaded, path);
    if (node && isScalar(node) && node.range) {
      const [start, , end] = node.range;
      const written = loaded.source.slice(start, end);
      let at = -1;
      for (let n = 0; n <= occurrence; n++) {
        at = written.indexOf(match, at + 1);
        if (at < 0) break;
      }
      if (at >= 0) return positionAt(loaded, start + at);
    }
  }
  return locate(loaded, path, key);
}

/** The YAML node at a data path, through aliases; undefined when the path does not reach one. */
function nodeAt(loaded: LoadedSpec, path: SpecPath): Node | undefined {
  let node: Node | undefined = loaded.doc.contents ?? undefined;
  for (const segment of path) {
    if (node && 'source' in node && typeof (node as { resolve?: unknown }).resolve === 'function')
      node = (node as unknown as { resolve(doc: unknown): Node | undefined }).resolve(loaded.doc);
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      node = pair && isNode(pair.value) ? pair.value : undefined;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      node = isNode(item) ? item : undefined;
    } else return undefined;
  }
  return node;
}
