import { compileAnd, compileIf, compileLoop, compileMissing, compileMissingSome, compileOr, compileVar, loopOperators } from './compile-special';
import { LogicError, pointer } from './errors';
import type { CompileEnv, Compiled } from './scope';
import type { OperatorFn } from './types';

/** Special forms: operators that control evaluation of their own arguments. */
export const specialOperators: ReadonlySet<string> = new Set(['var', 'missing', 'missing_some', 'if', '?:', 'and', 'or', ...loopOperators]);

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

/**
 * Compiles an expression into a closure once; limits on depth, node count and literal sizes
 * and unknown operators are rejected here, so evaluation itself stays a tight loop.
 * Throws LogicError (with the JSON pointer of the offending node).
 */
export function compile(expr: unknown, env: CompileEnv): Compiled {
  return node(expr, '', 1, { env, nodes: 0 });
}

function node(expr: unknown, path: string, depth: number, st: State): Compiled {
  const { limits } = st.env;
  if (++st.nodes > limits.maxNodes) throw new LogicError('logic.tooLarge', { max: limits.maxNodes }, path);
  if (depth > limits.maxDepth) throw new LogicError('logic.tooDeep', { max: limits.maxDepth }, path);
  if (typeof expr === 'string' && expr.length > limits.maxStringLength) {
    throw new LogicError('logic.stringTooLong', { max: limits.maxStringLength }, path);
  }
  if (Array.isArray(expr)) {
    if (expr.length > limits.maxArrayLength) throw new LogicError('logic.arrayTooLong', { max: limits.maxArrayLength }, path);
    const items = expr.map((e, i) => node(e, pointer(path, i), depth + 1, st));
    return (s) => items.map((f) => f(s));
  }
  const operation = operationOf(expr);
  if (!operation) return () => expr;
  const { op, args } = operation;
  const opPath = pointer(path, op);
  const raw = (expr as Record<string, unknown>)[op];
  // `{"var":"x"}` and `{"var":["x"]}` address their argument differently.
  const argPath = (i: number) => (Array.isArray(raw) ? pointer(opPath, i) : opPath);
  if (args.length > limits.maxArrayLength) throw new LogicError('logic.arrayTooLong', { max: limits.maxArrayLength }, opPath);
  const compiled = args.map((a, i) => node(a, argPath(i), depth + 1, st));
  if (specialOperators.has(op)) return special(op, args, compiled, st);
  const fn = st.env.operators.get(op);
  if (!fn) throw new LogicError('logic.unknownOperator', { operator: op }, path);
  return plain(op, fn, compiled, st);
}

function special(op: string, raw: unknown[], args: Compiled[], st: State): Compiled {
  switch (op) {
    case 'var': {
      const first = raw[0];
      const literal = first === undefined || first === null || typeof first === 'string' || typeof first === 'number';
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
  const { maxArrayLength, maxStringLength } = st.env.limits;
  const checked = (result: unknown): unknown => {
    if (typeof result === 'string' && result.length > maxStringLength) throw new LogicError('logic.stringTooLong', { max: maxStringLength });
    if (Array.isArray(result) && result.length > maxArrayLength) throw new LogicError('logic.arrayTooLong', { max: maxArrayLength });
    return result;
  };
  const call = (values: unknown[], s: Parameters<Compiled>[0]): unknown => {
    try {
      return checked(fn(values, s));
    } catch (e) {
      if (e instanceof LogicError) throw e;
      throw new LogicError('logic.operatorFailed', { operator: op, cause: e instanceof Error ? e.message : String(e) });
    }
  };
  // Unrolled arities keep the hot path free of array allocation from map().
  const [a0, a1] = args;
  if (args.length === 0) return (s) => call([], s);
  if (args.length === 1 && a0) return (s) => call([a0(s)], s);
  if (args.length === 2 && a0 && a1) return (s) => call([a0(s), a1(s)], s);
  return (s) => call(args.map((f) => f(s)), s);
}
