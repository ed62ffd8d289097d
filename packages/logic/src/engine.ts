import { analyse } from './analyse';
import { checkExpression } from './check';
import { compile, specialOperators } from './compile';
import { LogicError, issue } from './errors';
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
  /** Operator allowlist: when given, every other operator is refused (evaluate, check, compileToSql). */
  allow?: string[];
};

/**
 * Creates an engine with its own operators and limits. Compiled closures are cached per
 * expression object (expressions are treated as immutable JSON).
 */
export function createLogic(opts: CreateLogicOptions = {}): LogicEngine {
  const limits = resolveLimits(opts.limits);
  const operators = new Map<string, OperatorFn>();
  for (const [name, fn] of Object.entries({
    ...standardOperators,
    ...customOperators,
    ...(opts.operators ?? {}),
  })) {
    if (!specialOperators.has(name) && typeof fn === 'function') operators.set(name, fn);
  }
  const allowed = opts.allow ? new Set(opts.allow) : null;
  const env: CompileEnv = { operators, limits, allowed };
  const known = new Set<string>([...specialOperators, ...operators.keys()]);
  // check() reports operators outside the engine's allowlist as not allowed.
  const checkAllow = (asked?: string[]) =>
    allowed ? (asked ?? [...allowed]).filter((o) => allowed.has(o)) : asked;
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
    let value: unknown;
    try {
      value = fn({ data, record: data, ctx, now, budget: { left: limits.maxIterations } });
    } catch (e) {
      // Non-JSON input (objects without a prototype, cyclic values) can make JS itself throw.
      if (e instanceof LogicError) throw e;
      throw new LogicError('logic.operatorFailed', {
        operator: '?',
        cause: e instanceof Error ? e.message : String(e),
      });
    }
    return value === undefined ? null : value;
  };

  return {
    limits,
    evaluate,
    tryEvaluate(expr, data, ctx = {}) {
      try {
        return { ok: true, value: evaluate(expr, data, ctx) };
      } catch (e) {
        const err =
          e instanceof LogicError
            ? e
            : new LogicError('logic.operatorFailed', { operator: '?', cause: String(e) });
        return { ok: false, error: err.toIssue(ctx.locale) };
      }
    },
    analyse: (expr) => analyse(expr, limits.maxDepth),
    check: (expr, checkOpts) => {
      try {
        const merged = {
          ...checkOpts,
          operators: checkAllow(checkOpts.operators),
          limits: { ...limits, ...checkOpts.limits },
        };
        return checkExpression(expr, merged, known);
      } catch (e) {
        // Only reachable with non-JSON input (getters that throw, cycles): still an issue, not a throw.
        return [
          issue(
            '',
            'logic.badArguments',
            { operator: '?', expected: 'JSON', cause: String(e) },
            checkOpts?.locale,
          ),
        ];
      }
    },
    compileToSql: (expr, sqlOpts) => compileSql(expr, sqlOpts, env),
    operators: () => [...known].sort(),
  };
}
