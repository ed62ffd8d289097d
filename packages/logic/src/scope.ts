import { readPath } from './truthy';
import type { EvalContext, LogicLimits, OperatorFn } from './types';

/** Runtime state of one evaluation. `data` changes inside loops; the rest is shared. */
export type Scope = {
  data: unknown;
  record: unknown;
  ctx: EvalContext;
  now: number;
  budget: { left: number };
};

/** A compiled expression. */
export type Compiled = (scope: Scope) => unknown;

export type CompileEnv = {
  operators: Map<string, OperatorFn>;
  limits: LogicLimits;
  /** When set, only these operators compile (others fail with logic.operatorNotAllowed). */
  allowed: ReadonlySet<string> | null;
};

/**
 * Reads a `var` path. `$user...` reads ctx.user and `$previous...` reads ctx.previous (also
 * inside loops); everything else reads the current data through own properties only.
 * Returns undefined when absent.
 */
export function readVar(scope: Scope, path: unknown): unknown {
  if (path === undefined || path === null || path === '') return scope.data;
  // Only text and numbers name a path; any other value (a list, an object) names nothing.
  if (typeof path !== 'string' && typeof path !== 'number') return undefined;
  const p = String(path);
  if (p.charCodeAt(0) === 36 /* $ */) {
    if (p === '$user') return scope.ctx.user ?? undefined;
    if (p.startsWith('$user.')) return readPath(scope.ctx.user, p.slice(6));
    if (p === '$previous') return scope.ctx.previous ?? undefined;
    if (p.startsWith('$previous.')) return readPath(scope.ctx.previous, p.slice(10));
  }
  return readPath(scope.data, p);
}
