/**
 * Reads a value at a JSONPath of the subset the spec allows: `$`, `.name` and `[index]`
 * (e.g. `$.lead.tel`, `$.answers[0].value`). Own properties only; undefined when absent.
 */
export function readPath(payload: unknown, path: string): unknown {
  if (!path.startsWith('$')) return undefined;
  const tokens = path.slice(1).match(/\.[A-Za-z0-9_-]+|\[[0-9]+\]/g) ?? [];
  let node: unknown = payload;
  for (const token of tokens) {
    if (node === null || typeof node !== 'object') return undefined;
    const key = token.startsWith('.') ? token.slice(1) : Number(token.slice(1, -1));
    if (!Object.prototype.hasOwnProperty.call(node, key)) return undefined;
    node = (node as Record<string | number, unknown>)[key];
  }
  return node;
}
