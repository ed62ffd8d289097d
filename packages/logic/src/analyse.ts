import { operationOf } from './compile';
import { pointer } from './errors';
import type { AnalyseResult } from './types';
import { walk } from './walk';

/** The record field a var/missing key reads: its first path segment; null for the whole data. */
function rootField(key: unknown): string | null {
  if (typeof key === 'number' && Number.isFinite(key)) return String(key);
  if (typeof key !== 'string' || key === '') return null;
  return key.split('.')[0] as string;
}

/** Kinds of field reference found in an expression. */
export type FieldRef = {
  /** Field key (first segment), or null when the reference is computed at run time. */
  field: string | null;
  /** 'record' reads the record, 'previous' ctx.previous, 'user' ctx.user. */
  source: 'record' | 'previous' | 'user';
  /** JSON pointer of the key. */
  path: string;
};

/** Every field reference outside loop bodies: var (incl. $user/$previous), missing, missing_some, changed*. */
export function fieldRefs(
  expr: unknown,
  maxDepth = Infinity,
): { refs: FieldRef[]; operators: Set<string> } {
  const refs: FieldRef[] = [];
  const operators = new Set<string>();
  const addKey = (key: unknown, path: string) => {
    if (key === undefined || key === null || key === '') return;
    if (typeof key !== 'string' && typeof key !== 'number') {
      refs.push({ field: null, source: 'record', path });
      return;
    }
    const k = String(key);
    if (k === '$user' || k.startsWith('$user.'))
      refs.push({ field: rootField(k.slice(6)), source: 'user', path });
    else if (k === '$previous' || k.startsWith('$previous.'))
      refs.push({ field: rootField(k.slice(10)), source: 'previous', path });
    else refs.push({ field: rootField(k), source: 'record', path });
  };
  walk(expr, {
    // Deeper parts are not analysed (check and evaluate refuse them anyway); this keeps the stack safe.
    node: (_v, _p, depth) => depth <= maxDepth,
    op: ({ op, args, path, argPath, inLoop }) => {
      operators.add(op);
      if (op === 'var') {
        const key = args[0];
        // Inside a loop body a var reads the item, except $user/$previous which read the context.
        const contextual = typeof key === 'string' && key.startsWith('$');
        // A var is reported at the var object itself (`/and/1/==/0`), the operand a builder sees.
        if (!inLoop || contextual) addKey(key, path);
      } else if (op === 'missing' && !inLoop) {
        const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
        const base = Array.isArray(args[0]) ? (i: number) => `${argPath(0)}/${i}` : argPath;
        keys.forEach((k, i) => literalKeys(k, base(i), addKey));
      } else if (op === 'missing_some' && !inLoop) {
        literalKeys(args[1], argPath(1), addKey);
      } else if (
        (op === 'changed' || op === 'changedTo' || op === 'changedFrom') &&
        !isOperation(args[0])
      ) {
        addKey(args[0], argPath(0));
        refs.push({ field: rootField(args[0]), source: 'previous', path: argPath(0) });
      }
    },
  });
  return { refs, operators };
}

const isOperation = (v: unknown) => typeof v === 'object' && v !== null;

/**
 * Keys given to missing/missing_some: literals, arrays of them, and the usual computed forms
 * `merge` and `if` whose branches are literal; anything else is reported as a computed key.
 */
function literalKeys(node: unknown, path: string, add: (key: unknown, path: string) => void): void {
  if (Array.isArray(node)) {
    node.forEach((k, i) => literalKeys(k, pointer(path, i), add));
    return;
  }
  const operation = operationOf(node);
  if (!operation) {
    add(isOperation(node) ? {} : node, path);
    return;
  }
  const { op, args } = operation;
  const raw = (node as Record<string, unknown>)[op];
  const argPath = (i: number) =>
    Array.isArray(raw) ? pointer(pointer(path, op), i) : pointer(path, op);
  if (op === 'merge') args.forEach((a, i) => literalKeys(a, argPath(i), add));
  else if (op === 'if' || op === '?:') {
    // Branch values (odd positions and the final else) are keys; conditions are ordinary logic.
    args.forEach((a, i) =>
      i % 2 === 1 || i === args.length - 1 ? literalKeys(a, argPath(i), add) : undefined,
    );
  } else add({}, path);
}

/**
 * Which record fields an expression reads and which operators it uses. Loop-item variables
 * (inside map/filter/reduce/all/some/none bodies) are not fields; `$user...` and
 * `$previous...` set flags instead (`$previous.x` also counts field x).
 */
export function analyse(expr: unknown, maxDepth = 256): AnalyseResult {
  const { refs, operators } = fieldRefs(expr, maxDepth);
  const fields = new Set<string>();
  let usesUser = false;
  let usesPrevious = false;
  for (const r of refs) {
    if (r.source === 'user') usesUser = true;
    else {
      if (r.source === 'previous') usesPrevious = true;
      if (r.field !== null) fields.add(r.field);
    }
  }
  const usesNow = ['now', 'daysSince', 'hoursSince', 'startOf'].some((o) => operators.has(o));
  return {
    fields: [...fields].sort(),
    operators: [...operators].sort(),
    usesUser,
    usesPrevious,
    usesNow,
  };
}
