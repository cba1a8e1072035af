import { isAlias, isMap, isNode, isPair, isScalar, isSeq, type Node } from 'yaml';
import { resolveAlias as aliasTarget } from './aliases.js';
import type { LoadedSpec } from './load.js';
import { positionAt } from './position.js';

export type SpecPath = ReadonlyArray<PropertyKey>;

/**
 * Where a data path points in the user's file. Walks the YAML tree (through aliases) as far as the
 * path exists, so a missing key points at the mapping that should hold it. With `key`, a path that
 * ends in a mapping key points at the key itself (for "unknown key" messages).
 */
export function locate(loaded: LoadedSpec, path: SpecPath, key = false): { line: number; col: number } {
  let node: Node | null | undefined = loaded.doc.contents as Node | null;
  let offset = node?.range?.[0] ?? 0;
  for (let i = 0; i < path.length && node; i++) {
    node = resolveAlias(loaded, node);
    const segment = path[i];
    const isLast = i === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(segment));
      if (!pair) break;
      const keyNode = pair.key as Node;
      if (isLast && key) return positionAt(loaded, keyNode.range?.[0] ?? offset);
      // A key with no value (`goals:`) points at the key.
      node = isNode(pair.value) ? pair.value : null;
      offset = node?.range?.[0] ?? keyNode.range?.[0] ?? offset;
      if (!node) break;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment];
      if (!isNode(item)) break;
      node = item;
      offset = item.range?.[0] ?? offset;
    } else {
      break;
    }
  }
  return positionAt(loaded, offset);
}

function resolveAlias(loaded: LoadedSpec, node: Node): Node {
  return (isAlias(node) && aliasTarget(loaded.doc, node)) || node;
}
