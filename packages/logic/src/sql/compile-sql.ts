import { issue } from '../errors';
import type { LogicLimits, SqlOptions, SqlResult } from '../types';

export type SqlEnv = { limits: LogicLimits; known: ReadonlySet<string> };

/** Placeholder until the SQL compiler lands. */
export function compileSql(_expr: unknown, opts: SqlOptions, _env: SqlEnv): SqlResult {
  return { ok: false, errors: [issue('', 'logic.notInSqlSubset', { operator: '*' }, opts.locale)] };
}
