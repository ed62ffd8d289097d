import {
  compileAnd,
  compileIf,
  compileLoop,
  compileMissing,
  compileMissingSome,
  compileOr,
  compileVar,
  loopOperators,
} from './compile-special';
import { LogicError, pointer } from './errors';
import type { CompileEnv, Compiled, Scope } from './scope';
import type { LogicLimits, OperatorFn } from './types';

/** Special forms: operators that control evaluation of their own arguments. */
export const specialOperators: ReadonlySet<string> = new Set([
  'var',
  'missing',
  'missing_some',
  'if',
  '?:',
  'and',
  'or',
  ...loopOperators,
]);

/** JSONLogic's rule: an operation is an object with exactly one key; other objects are data. */
export function operationOf(expr: unknown): { op: string; args: unknown[] } | null {
  if (typeof expr !== 'object' || expr === null || Array.isArray(expr)) return null;
  const keys = Object.keys(expr);
  if (keys.length !== 1) return null;
  const op = keys[0] as string;
  const raw = (expr as Record<string, unknown>)[op];
  return { op, args: Array.isArray(raw) ? raw : [raw] };
}

type State = { env: CompileEnv; nodes: number };

/** Paths are built only when an error is thrown: string building dominated compile time. */
type PathNode = { parent: PathNode | null; seg: string | number } | null;
const pathOf = (p: PathNode): string => (p ? pointer(pathOf(p.parent), p.seg) : '');

/** A compiled node; `literal` marks nodes that always return `value`, so parents can fold literal arrays. */
type Node = { fn: Compiled; literal: boolean; value?: unknown };
const constant = (value: unknown): Node => ({ fn: always(value), literal: true, value });
function always(value: unknown): Compiled {
  return () => value;
}
const dynamic = (fn: Compiled): Node => ({ fn, literal: false });

/**
 * Compiles an expression into a closure once; limits on depth, node count and literal sizes
 * and unknown operators are rejected here, so evaluation itself stays a tight loop.
 * Throws LogicError (with the JSON pointer of the offending node).
 */
export function compile(expr: unknown, env: CompileEnv): Compiled {
  return node(expr, null, 1, { env, nodes: 0 }).fn;
}

function node(expr: unknown, path: PathNode, depth: number, st: State): Node {
  const { limits } = st.env;
  // Too large is about the whole expression, so it points at the root (as check does).
  if (++st.nodes > limits.maxNodes)
    throw new LogicError('logic.tooLarge', { max: limits.maxNodes }, '');
  if (depth > limits.maxDepth)
    throw new LogicError('logic.tooDeep', { max: limits.maxDepth }, pathOf(path));
  if (typeof expr === 'string' && expr.length > limits.maxStringLength) {
    throw new LogicError('logic.stringTooLong', { max: limits.maxStringLength }, pathOf(path));
  }
  if (Array.isArray(expr)) {
    if (expr.length > limits.maxArrayLength)
      throw new LogicError('logic.arrayTooLong', { max: limits.maxArrayLength }, pathOf(path));
    const items = expr.map((e, i) => node(e, { parent: path, seg: i }, depth + 1, st));
    // A list of literals is built once and frozen, since every evaluation shares it.
    if (items.every((n) => n.literal)) return constant(Object.freeze(items.map((n) => n.value)));
    const fns = items.map((n) => n.fn);
    return dynamic((s) => fns.map((f) => f(s)));
  }
  const operation = operationOf(expr);
  if (!operation) return constant(expr);
  const { op, args } = operation;
  const opPath: PathNode = { parent: path, seg: op };
  // `{"var":"x"}` and `{"var":["x"]}` address their argument differently.
  const isArray = Array.isArray((expr as Record<string, unknown>)[op]);
  if (args.length > limits.maxArrayLength)
    throw new LogicError('logic.arrayTooLong', { max: limits.maxArrayLength }, pathOf(opPath));
  const fn = st.env.operators.get(op);
  const isSpecial = specialOperators.has(op);
  if (!fn && !isSpecial)
    throw new LogicError('logic.unknownOperator', { operator: op }, pathOf(path));
  if (st.env.allowed && !st.env.allowed.has(op))
    throw new LogicError('logic.operatorNotAllowed', { operator: op }, pathOf(path));
  const compiled = args.map(
    (a, i) => node(a, isArray ? { parent: opPath, seg: i } : opPath, depth + 1, st).fn,
  );
  if (isSpecial || !fn) return dynamic(special(op, args, compiled, st));
  return dynamic(plain(op, fn, compiled, st));
}

function special(op: string, raw: unknown[], args: Compiled[], st: State): Compiled {
  switch (op) {
    case 'var': {
      const first = raw[0];
      const literal =
        first === undefined ||
        first === null ||
        typeof first === 'string' ||
        typeof first === 'number';
      return compileVar(args, first, literal);
    }
    case 'missing':
      return compileMissing(args);
    case 'missing_some':
      return compileMissingSome(args);
    case 'if':
    case '?:':
      return compileIf(args);
    case 'and':
      return compileAnd(args);
    case 'or':
      return compileOr(args);
    default:
      return compileLoop(op as 'map', args, st.env.limits);
  }
}

function plain(op: string, fn: OperatorFn, args: Compiled[], st: State): Compiled {
  const { limits } = st.env;
  // Unrolled arities keep the hot path free of array allocation from map().
  const [a0, a1] = args;
  if (args.length === 0) return (s) => call(op, fn, [], s, limits);
  if (args.length === 1 && a0) return (s) => call(op, fn, [a0(s)], s, limits);
  if (args.length === 2 && a0 && a1) return (s) => call(op, fn, [a0(s), a1(s)], s, limits);
  return (s) =>
    call(
      op,
      fn,
      args.map((f) => f(s)),
      s,
      limits,
    );
}

/** Runs an operator, bounds the size of what it returns and wraps foreign exceptions. */
function call(
  op: string,
  fn: OperatorFn,
  values: unknown[],
  s: Scope,
  limits: LogicLimits,
): unknown {
  let result: unknown;
  try {
    result = fn(values, s);
  } catch (e) {
    if (e instanceof LogicError) throw e;
    throw new LogicError('logic.operatorFailed', {
      operator: op,
      cause: e instanceof Error ? e.message : String(e),
    });
  }
  if (typeof result === 'string' && result.length > limits.maxStringLength)
    throw new LogicError('logic.stringTooLong', { max: limits.maxStringLength });
  if (Array.isArray(result) && result.length > limits.maxArrayLength)
    throw new LogicError('logic.arrayTooLong', { max: limits.maxArrayLength });
  return result;
}
