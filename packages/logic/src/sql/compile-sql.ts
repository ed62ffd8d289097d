import { compile } from '../compile';
import { LogicError, issue } from '../errors';
import type { CompileEnv } from '../scope';
import type { SqlOptions, SqlResult } from '../types';
import { sqlDialects } from './dialect';
import { SqlUnsupported } from './fragment';
import { predicate } from './predicates';
import { render } from './render';

/**
 * Compiles a condition to a parameterized SQL fragment (SQLite unless `opts.dialect` says
 * 'postgres') that selects exactly the rows for which `evaluate` is truthy. Anything outside the
 * SQL subset is refused with an issue. Column names in `opts.columns` are used verbatim (pass
 * quoted identifiers). PostgreSQL placeholders are numbered from `opts.paramOffset + 1`, or
 * written as `?` with `opts.positional` (for a caller that numbers a whole statement at once).
 */
export function compileSql(expr: unknown, opts: SqlOptions, env: CompileEnv): SqlResult {
  const locale = opts.locale ?? opts.ctx?.locale ?? 'zh-CN';
  try {
    // Same structural rules as evaluate: limits and known operators.
    compile(expr, env);
    const ctx = opts.ctx ?? {};
    const now = typeof ctx.now === 'number' ? ctx.now : Date.now();
    const d = sqlDialects[opts.dialect ?? 'sqlite'];
    if (!d) throw new Error(`unknown SQL dialect ${String(opts.dialect)}`);
    const out = predicate(expr, '', {
      columns: opts.columns ?? {},
      ctx,
      now,
      d,
      locale,
      ...(opts.stageMoves ? { stageMoves: opts.stageMoves } : {}),
    });
    return { ok: true, ...render(out, d, opts.paramOffset ?? 0, opts.positional ?? false) };
  } catch (e) {
    if (e instanceof SqlUnsupported)
      return {
        ok: false,
        errors: [issue(e.issue.path, e.issue.code, e.issue.params ?? {}, locale)],
      };
    if (e instanceof LogicError) return { ok: false, errors: [e.toIssue(locale)] };
    return {
      ok: false,
      errors: [issue('', 'logic.notInSqlSubset', { operator: String(e) }, locale)],
    };
  }
}
