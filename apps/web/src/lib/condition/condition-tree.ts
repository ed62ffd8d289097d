import { OPERATORS, operatorOf } from './operators';
import type {
  ConditionField,
  ConditionGroup,
  ConditionNode,
  ConditionScope,
  ConditionRule,
} from './types';

const JOIN_OP = { all: 'and', any: 'or' } as const;

type Ctx = { fields: Map<string, ConditionField>; scope: ConditionScope };

function single(expr: unknown): [string, unknown] | null {
  if (typeof expr !== 'object' || expr === null || Array.isArray(expr)) return null;
  const keys = Object.keys(expr);
  return keys.length === 1 ? [keys[0]!, (expr as Record<string, unknown>)[keys[0]!]] : null;
}

/** A rule, if some operator offered for the field reads this exact shape. */
function readRule(expr: unknown, ctx: Ctx): ConditionRule | null {
  for (const op of OPERATORS) {
    if (op.needs === 'user' && !ctx.scope.user) continue;
    if (op.needs === 'previous' && !ctx.scope.previous) continue;
    // The operator's own shape, else another shape that means the same for this field's kind.
    let hit = op.read(expr);
    let kinds = op.kinds;
    for (const alias of hit ? [] : (op.aliases ?? [])) {
      hit = alias.read(expr);
      kinds = alias.kinds;
      if (hit) break;
    }
    if (!hit) continue;
    const field = ctx.fields.get(hit.field);
    if (!field || !op.kinds.includes(field.kind) || !kinds.includes(field.kind)) continue;
    return {
      kind: 'rule',
      field: hit.field,
      op: op.key,
      ...(op.value === 'none' ? {} : { value: hit.value }),
    };
  }
  return null;
}

function readGroup(expr: unknown, ctx: Ctx): ConditionGroup | null {
  const s = single(expr);
  if (!s) return null;
  let [op, args] = s;
  let join: ConditionGroup['join'];
  if (op === '!') {
    const inner = single(args);
    if (!inner || inner[0] !== 'or') return null;
    [op, args] = inner;
    join = 'none';
  } else if (op === 'and') join = 'all';
  else if (op === 'or') join = 'any';
  else return null;
  // An empty list is never written by the builder (empty groups are dropped): keep it raw.
  if (!Array.isArray(args) || args.length === 0) return null;
  return { kind: 'group', join, children: args.map((a) => readNode(a, ctx)) };
}

function readNode(expr: unknown, ctx: Ctx): ConditionNode {
  return readRule(expr, ctx) ?? readGroup(expr, ctx) ?? { kind: 'raw', logic: expr };
}

/**
 * Reads a JSONLogic condition into the builder's tree: the root is always a group. Every shape
 * the builder writes reads back to the same tree; anything else becomes a raw node that is kept
 * and written back unchanged. No condition (undefined / null) is an empty "all" group.
 */
export function readCondition(
  expr: unknown,
  fields: readonly ConditionField[],
  scope: ConditionScope = {},
): ConditionGroup {
  if (expr === undefined || expr === null) return { kind: 'group', join: 'all', children: [] };
  const ctx: Ctx = { fields: new Map(fields.map((f) => [f.key, f])), scope };
  const group = readGroup(expr, ctx);
  // The root "all" group with one child is written as that child alone, so `{"and": [x]}`
  // (which the builder never writes at the root) is kept as a group inside the root.
  if (group && !(group.join === 'all' && group.children.length === 1)) return group;
  return { kind: 'group', join: 'all', children: [group ?? readNode(expr, ctx)] };
}

function writeNode(node: ConditionNode): unknown {
  if (node.kind === 'raw') return node.logic;
  if (node.kind === 'rule') {
    const op = operatorOf(node.op);
    if (!op) throw new Error(`unknown condition operator ${node.op}`);
    return op.write(node.field, node.value);
  }
  const children = node.children.filter((c) => c.kind !== 'group' || c.children.length > 0);
  const list = children.map(writeNode);
  return node.join === 'none' ? { '!': { or: list } } : { [JOIN_OP[node.join]]: list };
}

/**
 * Writes the tree as JSONLogic; undefined when there is nothing to test (no condition). A root
 * "all" group with one child is written as that child alone; empty nested groups are dropped.
 */
export function writeCondition(root: ConditionGroup): unknown {
  const children = root.children.filter((c) => c.kind !== 'group' || c.children.length > 0);
  if (children.length === 0) return undefined;
  if (root.join === 'all' && children.length === 1) return writeNode(children[0]!);
  return writeNode({ ...root, children });
}
