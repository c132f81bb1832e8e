import { type Document, isMap, isPair, isScalar, isSeq, type LineCounter, type Node } from "yaml";

/**
 * The 1-based line of the node a path names, in a document parsed with node ranges. When the path
 * ends at a map key, the key's line is given (that is where a reader looks); when part of the path is
 * missing from the file (a required field left out), the line of the deepest node that exists.
 */
export function lineOf(doc: Document, lines: LineCounter, path: readonly PropertyKey[]): number {
  let node: unknown = doc.contents;
  let at = startOf(node) ?? 0;
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (pair === undefined) break;
      at = startOf(pair.key) ?? at;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === "number") {
      const item = node.items[segment];
      if (item === undefined) break;
      node = item;
      at = startOf(node) ?? at;
    } else {
      break;
    }
  }
  return lines.linePos(at).line;
}

function startOf(node: unknown): number | undefined {
  return (node as Node | null | undefined)?.range?.[0];
}
