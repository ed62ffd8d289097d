/** A minimal RFC 6902 subset (add, replace, remove) used to derive fixtures from a valid base spec. */
export type PatchOp = { op: 'add' | 'replace' | 'remove'; path: string; value?: unknown };

const unescape = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~');

/** Applies the operations to a deep copy of `doc` and returns the copy. */
export function applyPatch(doc: unknown, ops: PatchOp[]): unknown {
  let root: unknown = structuredClone(doc);
  for (const op of ops) {
    if (op.path === '') {
      root = structuredClone(op.value);
      continue;
    }
    const parts = op.path.split('/').slice(1).map(unescape);
    const last = parts.pop() as string;
    let parent = root as Record<string, unknown>;
    for (const p of parts) {
      const next = (parent as Record<string, unknown>)[p];
      if (next === undefined || next === null || typeof next !== 'object')
        throw new Error(`patch path not found: ${op.path}`);
      parent = next as Record<string, unknown>;
    }
    if (Array.isArray(parent)) {
      const index = last === '-' ? parent.length : Number(last);
      if (op.op === 'add') parent.splice(index, 0, structuredClone(op.value));
      else if (op.op === 'replace') parent[index] = structuredClone(op.value);
      else parent.splice(index, 1);
    } else if (op.op === 'remove') {
      if (!(last in parent)) throw new Error(`patch path not found: ${op.path}`);
      delete parent[last];
    } else {
      if (op.op === 'replace' && !(last in parent))
        throw new Error(`patch path not found: ${op.path}`);
      parent[last] = structuredClone(op.value);
    }
  }
  return root;
}
