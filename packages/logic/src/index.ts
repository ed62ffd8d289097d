import { createLogic } from './engine';
import type { CheckOptions, EvalContext, Expr, SqlOptions } from './types';

export { createLogic } from './engine';
export type { CreateLogicOptions } from './engine';
export { LogicError } from './errors';
export { parseDuration, addDuration } from './duration';
export { toEpochMs } from './dates';
export { isTimeZone, startOfPeriod, PERIODS } from './zoned';
export type { Period } from './zoned';
export { truthy } from './truthy';
export { defaultLimits } from './limits';
export { issueCodes } from './messages';
export type * from './types';
export { sqlDialects, sqliteDialect, postgresDialect } from './sql/dialect';
export type { SqlDialect, SqlDialectName, TimeUnit } from './sql/dialect';
export { Fragment as SqlFragment, sql as sqlFragment, raw as rawSql } from './sql/fragment';
export { render as renderSql } from './sql/render';

const defaultEngine = createLogic();

/** Evaluates with the default engine. Throws LogicError only on limit or unknown-operator violations. */
export const evaluate = (expr: Expr, data: unknown, ctx?: EvalContext) =>
  defaultEngine.evaluate(expr, data, ctx);
/** Like evaluate, but returns the error as a value. */
export const tryEvaluate = (expr: Expr, data: unknown, ctx?: EvalContext) =>
  defaultEngine.tryEvaluate(expr, data, ctx);
/** Fields read and operators used by an expression. */
export const analyse = (expr: Expr) => defaultEngine.analyse(expr);
/** Issues of an expression against allowed fields/operators and the default limits. Never throws. */
export const check = (expr: Expr, opts: CheckOptions) => defaultEngine.check(expr, opts);
/** Compiles the SQL subset to a parameterized SQLite or PostgreSQL fragment, or returns why it cannot. */
export const compileToSql = (expr: Expr, opts: SqlOptions) =>
  defaultEngine.compileToSql(expr, opts);
