import { operationOf } from './compile';
import { loopOperators } from './compile-special';
import { pointer } from './errors';

/** What the walker reports for each operation node. */
type VisitedOp = {
  op: string;
  args: unknown[];
  /** JSON pointer of the operation object. */
  path: string;
  /** JSON pointer of argument i (unary shorthand `{"var":"x"}` has no index). */
  argPath: (i: number) => string;
  depth: number;
  /** True inside the body of map/filter/reduce/all/some/none, where `var` reads the loop item. */
  inLoop: boolean;
};

export type Visitor = {
  op?: (v: VisitedOp) => void;
  /** Every node; return false to stop descending (used to stop at the first limit issue). */
  node?: (value: unknown, path: string, depth: number) => boolean | void;
};

/** Depth-first walk over an expression with JSON pointers, tracking loop-body scope. */
export function walk(expr: unknown, visitor: Visitor): void {
  visit(expr, '', 1, false, visitor);
}

function visit(expr: unknown, path: string, depth: number, inLoop: boolean, v: Visitor): void {
  if (v.node && v.node(expr, path, depth) === false) return;
  if (Array.isArray(expr)) {
    expr.forEach((e, i) => visit(e, pointer(path, i), depth + 1, inLoop, v));
    return;
  }
  const operation = operationOf(expr);
  if (!operation) return;
  const { op, args } = operation;
  const opPath = pointer(path, op);
  const isArray = Array.isArray((expr as Record<string, unknown>)[op]);
  const argPath = (i: number) => (isArray ? pointer(opPath, i) : opPath);
  v.op?.({ op, args, path, argPath, depth, inLoop });
  args.forEach((a, i) => {
    // The loop body (argument 1) reads the item; input and reduce's initial value read the record.
    const body = loopOperators.has(op) && i === 1;
    visit(a, argPath(i), depth + 1, inLoop || body, v);
  });
}
