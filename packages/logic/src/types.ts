/**
 * Public types of @trellis/logic. Expressions are plain JSON (JSONLogic); every API that takes
 * one treats it as immutable (compiled closures are cached per expression object).
 */
import type { Fragment } from './sql/fragment';
import type { SqlDialectName } from './sql/dialect';

/** A JSONLogic expression: any JSON value. */
export type Expr = unknown;

/** Supported message locales. */
export type Locale = 'zh-CN' | 'en';

/** The signed-in user as seen by expressions: `{"var":"$user.id"}`, `$user.teams`, `$user.roles`. */
export type LogicUser = { id: string; teams: string[]; roles: string[] };

/** Per-evaluation context. `now` defaults to `Date.now()`; `previous` is the record before an update. */
export type EvalContext = {
  now?: number;
  user?: LogicUser;
  previous?: Record<string, unknown> | null;
  /** IANA time zone of `startOf` periods ("today", "this week"); default UTC. */
  timeZone?: string;
  /** Locale of error messages returned by `tryEvaluate` (default zh-CN). */
  locale?: Locale;
};

/** An error as a value: JSON pointer relative to the expression, stable code, localized message. */
export type LogicIssue = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
};

/** Resource limits; every evaluation and check enforces them. */
export type LogicLimits = {
  /** Maximum nesting of operators and arrays (default 32). */
  maxDepth: number;
  /** Maximum number of nodes (operators, arrays, literals) in one expression (default 2000). */
  maxNodes: number;
  /** Maximum length of any array read by a loop or produced by merge/map/filter (default 10000). */
  maxArrayLength: number;
  /** Maximum length of any string literal or string produced by cat/substr (default 100000). */
  maxStringLength: number;
  /** Maximum loop iterations (map/filter/reduce/all/some/none, summed) per evaluation (default 100000). */
  maxIterations: number;
};

/** What an operator sees besides its evaluated arguments. */
export type OperatorScope = {
  /** The current data: the record, or the loop item inside map/filter/reduce/all/some/none. */
  data: unknown;
  /** The record the evaluation started with (never a loop item). */
  record: unknown;
  ctx: EvalContext;
  /** Evaluation time in epoch ms (ctx.now or the clock, fixed for the whole evaluation). */
  now: number;
};

/** A custom operator: receives already evaluated arguments. Must not mutate them. */
export type OperatorFn = (args: unknown[], scope: OperatorScope) => unknown;

export type AnalyseResult = {
  /** Record fields the expression reads (first path segment of `var`, `missing`, `changed`...), sorted. */
  fields: string[];
  /** Operators used, sorted. */
  operators: string[];
  usesUser: boolean;
  usesPrevious: boolean;
  usesNow: boolean;
};

export type CheckOptions = {
  /** Field keys the expression may read. */
  fields: string[];
  /** If given, only these operators are allowed (otherwise every operator of the engine). */
  operators?: string[];
  locale?: Locale;
  limits?: Partial<LogicLimits>;
};

/** Column kinds compileToSql understands; values as stored by @trellis/store. */
export type SqlColumnType =
  'text' | 'number' | 'integer' | 'boolean' | 'date' | 'datetime' | 'json';
export type SqlColumn = { column: string; type: SqlColumnType };
/** A record's stage change asked for by `enteredStage` / `leftStage` (bounds in epoch ms, [from, to)). */
export type StageMoveTest = {
  side: 'entered' | 'left';
  stage: string;
  from: number | null;
  to: number | null;
};
export type SqlOptions = {
  columns: Record<string, SqlColumn>;
  /**
   * The SQL condition for `enteredStage` / `leftStage` on the row (the store's EXISTS over the
   * record's stage transitions); without it those operators are outside the SQL subset.
   */
  stageMoves?: (test: StageMoveTest) => Fragment;
  ctx?: EvalContext;
  /** The database the SQL is for (default 'sqlite'): placeholders, JSON, substrings, dates, booleans. */
  dialect?: SqlDialectName;
  /** PostgreSQL: how many `$n` parameters precede this fragment in the statement (default 0). */
  paramOffset?: number;
  /** PostgreSQL: write parameters as `?` (with their casts) instead of `$n`, to be numbered later. */
  positional?: boolean;
  locale?: Locale;
};
export type SqlResult =
  { ok: true; sql: string; params: unknown[] } | { ok: false; errors: LogicIssue[] };

export type TryResult = { ok: true; value: unknown } | { ok: false; error: LogicIssue };

/** One configured engine: own operators and limits, nothing shared process-wide. */
export type LogicEngine = {
  evaluate(expr: Expr, data: unknown, ctx?: EvalContext): unknown;
  tryEvaluate(expr: Expr, data: unknown, ctx?: EvalContext): TryResult;
  analyse(expr: Expr): AnalyseResult;
  check(expr: Expr, opts: CheckOptions): LogicIssue[];
  compileToSql(expr: Expr, opts: SqlOptions): SqlResult;
  /** Names of every operator this engine knows. */
  operators(): string[];
  limits: LogicLimits;
};
