import { isAlias, isCollection, isMap, isPair, isScalar, isSeq, visit, type Document, type Node } from 'yaml';
import type { Diagnostic } from '../core/diagnostic.js';
import { positionAt, type SourcePositions } from './position.js';

/**
 * What aliases may add to the nodes written out: this many, or ten times what is written if that is
 * more. The bound is on the size of the expanded data, not on how often aliases are used: one `x-`
 * block merged into a thousand items adds a few nodes per item and builds, while a "billion laughs"
 * file (aliases of aliases, each level nine times the one before) is refused before anything is
 * expanded. Ten times the file keeps the work linear in the input.
 */
export const ALIAS_EXPANSION = { nodes: 10_000, perWrittenNode: 10 };

interface AliasDocument extends SourcePositions {
  file: string;
  doc: Document.Parsed;
}

/**
 * Checks that need the document's aliases, in the order a reader would want them: an alias to an
 * anchor that does not exist, a merge key (`<<`) whose value is not a mapping, and an expansion too
 * big to build. Each comes back as a located diagnostic, before `toJS` could throw or run away.
 */
export function checkAliases(loaded: AliasDocument): Diagnostic | undefined {
  return unresolvedAlias(loaded) ?? badMerge(loaded) ?? oversizedExpansion(loaded);
}

const targets = new WeakMap<Document, Map<Node, Node | undefined>>();

/**
 * What an alias points at: the last node before it with that anchor. yaml's own `Alias.resolve` walks
 * the whole document on every call, which made a plan with a thousand `<<: *office` items take 20 s;
 * this indexes every alias of a document in one pass.
 */
export function resolveAlias(doc: Document, alias: Node): Node | undefined {
  let index = targets.get(doc);
  if (!index) {
    const anchors = new Map<string, Node>();
    const built = new Map<Node, Node | undefined>();
    visit(doc, {
      Node(_key, node) {
        if (isAlias(node)) built.set(node, anchors.get(node.source));
        else if (node.anchor) anchors.set(node.anchor, node);
      },
    });
    targets.set(doc, (index = built));
  }
  return index.get(alias);
}

/**
 * Let `toJS` use the same index: yaml's `resolve` scans every anchor and alias before the one it
 * resolves (quadratic in the number of aliases: 1.1 s of a 5,000-item plan). Each alias gets its
 * target as an own method; the library's method still runs where the anchor has not been converted
 * yet, which is the only other thing it does.
 */
export function indexAliasesForToJS(doc: Document): void {
  visit(doc, {
    Alias(_key, node) {
      const target = resolveAlias(doc, node);
      const original = node.resolve;
      Object.defineProperty(node, 'resolve', {
        value: (d: Document, ctx?: { anchors: Map<Node, unknown> }) =>
          target && (!ctx || ctx.anchors.get(target)) ? target : original.call(node, d, ctx as never),
      });
    },
  });
}

function at(loaded: AliasDocument, node: Node | undefined, message: string): Diagnostic {
  return {
    file: loaded.file,
    ...positionAt(loaded, node?.range?.[0] ?? 0),
    severity: 'error',
    code: 'yaml-alias',
    message,
  };
}

/** `*name` with no `&name` before it. */
function unresolvedAlias(loaded: AliasDocument): Diagnostic | undefined {
  let found: Diagnostic | undefined;
  visit(loaded.doc, {
    Alias(_key, node) {
      if (resolveAlias(loaded.doc, node)) return;
      found = at(loaded, node, `unknown alias *${node.source}: define the anchor &${node.source} before using it`);
      return visit.BREAK;
    },
  });
  return found;
}

function isMergeKey(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** `<<: 1`, `<<: *text`, `<<: [*map, 2]`: YAML merges mappings only. */
function badMerge(loaded: AliasDocument): Diagnostic | undefined {
  let found: Diagnostic | undefined;
  const resolve = (node: unknown): unknown => (isAlias(node) ? resolveAlias(loaded.doc, node) : node);
  visit(loaded.doc, {
    Pair(_key, pair) {
      if (!isMergeKey(pair.key)) return;
      const value = resolve(pair.value);
      const sources = isSeq(value) ? value.items : [pair.value];
      const wrong = sources.find((item) => !isMap(resolve(item)));
      if (wrong === undefined && (isSeq(value) || isMap(value))) return;
      // At the alias the user wrote, not inside the block it names; at the key when nothing follows it.
      const empty = isScalar(pair.value) && pair.value.value === null;
      const node = (isAlias(pair.value) ? pair.value : empty ? pair.key : (wrong ?? pair.value ?? pair.key)) as Node;
      found = at(
        loaded,
        node,
        'a merge key (<<) takes a mapping, an alias of one (<<: *defaults) or a list of them; this is not a mapping',
      );
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * The number of nodes the data would have with every alias expanded, counted once per anchor
 * (memoised), so the count itself is linear in the file however large the expansion.
 */
function oversizedExpansion(loaded: AliasDocument): Diagnostic | undefined {
  const sizes = new Map<Node, number>();
  const counting = new Set<Node>();
  let written = 0;
  let cycle: Node | undefined;
  let largest: { node?: Node; size: number } = { size: 0 };

  const size = (node: unknown, viaAlias: boolean): number => {
    if (isAlias(node)) {
      const target = resolveAlias(loaded.doc, node);
      if (!target) return 1;
      if (counting.has(target)) {
        cycle ??= node;
        return Infinity;
      }
      const expanded = size(target, true);
      if (expanded > largest.size) largest = { node, size: expanded };
      return expanded;
    }
    if (isPair(node)) return size(node.key, viaAlias) + size(node.value, viaAlias);
    if (!node || typeof node !== 'object') return 0;
    if (!viaAlias) written++;
    if (!isCollection(node)) return 1;
    const known = sizes.get(node as Node);
    if (known !== undefined && viaAlias) return known;
    counting.add(node as Node);
    let total = 1;
    for (const item of node.items) total += size(item, viaAlias);
    counting.delete(node as Node);
    sizes.set(node as Node, total);
    return total;
  };

  const total = size(loaded.doc.contents, false);
  if (cycle) return at(loaded, cycle, 'this alias refers to the list or mapping that contains it, which never ends');
  const allowed = Math.max(ALIAS_EXPANSION.nodes, ALIAS_EXPANSION.perWrittenNode * written);
  if (total - written <= allowed) return undefined;
  const added = Number.isFinite(total) && total < 1e15 ? (total - written).toLocaleString('en') : 'too many';
  return at(
    loaded,
    largest.node,
    `aliases expand too much: they would add ${added} values to the ${written.toLocaleString('en')} written out (at most ${allowed.toLocaleString('en')}); write the content out or use fewer levels of aliases`,
  );
}
