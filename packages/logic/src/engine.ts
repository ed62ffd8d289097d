import { analyse } from './analyse';
import { checkExpression } from './check';
import { compile, specialOperators } from './compile';
import { LogicError } from './errors';
import { resolveLimits } from './limits';
import { customOperators } from './operators/custom';
import { standardOperators } from './operators/standard';
import type { CompileEnv, Compiled } from './scope';
import { compileSql } from './sql/compile-sql';
import type { EvalContext, LogicEngine, LogicLimits, OperatorFn } from './types';

export type CreateLogicOptions = {
  limits?: Partial<LogicLimits>;
  /** Extra operators for this engine only (nothing is registered process-wide). */
  operators?: Record<string, OperatorFn>;
};

/**
 * Creates an engine with its own operators and limits. Compiled closures are cached per
 * expression object (expressions are treated as immutable JSON).
 */
export function createLogic(opts: CreateLogicOptions = {}): LogicEngine {
  const limits = resolveLimits(opts.limits);
  const operators = new Map<string, OperatorFn>();
  for (const [name, fn] of Object.entries({ ...standardOperators, ...customOperators, ...(opts.operators ?? {}) })) {
    if (!specialOperators.has(name) && typeof fn === 'function') operators.set(name, fn);
  }
  const env: CompileEnv = { operators, limits };
  const known = new Set<string>([...specialOperators, ...operators.keys()]);
  const cache = new WeakMap<object, Compiled>();

  const compiled = (expr: unknown): Compiled => {
    if (typeof expr !== 'object' || expr === null) return compile(expr, env);
    let fn = cache.get(expr);
    if (!fn) {
      fn = compile(expr, env);
      cache.set(expr, fn);
    }
    return fn;
  };

  const evaluate = (expr: unknown, data: unknown, ctx: EvalContext = {}): unknown => {
    const fn = compiled(expr);
    const now = typeof ctx.now === 'number' ? ctx.now : Date.now();
    const value = fn({ data, record: data, ctx, now, budget: { left: limits.maxIterations } });
    return value === undefined ? null : value;
  };

  return {
    limits,
    evaluate,
    tryEvaluate(expr, data, ctx = {}) {
      try {
        return { ok: true, value: evaluate(expr, data, ctx) };
      } catch (e) {
        const err = e instanceof LogicError ? e : new LogicError('logic.operatorFailed', { operator: '?', cause: String(e) });
        return { ok: false, error: err.toIssue(ctx.locale) };
      }
    },
    analyse,
    check: (expr, checkOpts) => checkExpression(expr, { ...checkOpts, limits: { ...limits, ...checkOpts.limits } }, known),
    compileToSql: (expr, sqlOpts) => compileSql(expr, sqlOpts, env),
    operators: () => [...known].sort(),
  };
}
