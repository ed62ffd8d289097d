import { check, compileToSql, createLogic } from '@trellis/logic';
import type { SqlColumn } from '@trellis/logic';
import { fieldTypeOf } from '../schema/index';
import type { Ctx } from './context';
import { readableFields } from './context';

const SYSTEM_COLUMNS: Record<string, SqlColumn['type']> = {
  id: 'text',
  stage: 'text',
  ownerId: 'text',
  teamId: 'text',
  createdBy: 'text',
  createdAt: 'datetime',
  updatedAt: 'datetime',
  stageEnteredAt: 'datetime',
  lastActivityAt: 'datetime',
  slaDueAt: 'datetime',
  deletedAt: 'datetime',
  version: 'integer',
};

/** Operators that compare a record with its previous version: only meaningful in update-driven automations. */
export const CHANGE_OPERATORS = ['changed', 'changedTo', 'changedFrom'];
/**
 * Operators over a record's stage transitions: the store answers them in list filters (a
 * dashboard's drill-down), but a spec's rule sees only the record, so the spec refuses them.
 */
const TRANSITION_OPERATORS = ['enteredStage', 'leftStage'];
const KNOWN_OPERATORS = createLogic().operators();
const ALL_OPERATORS = KNOWN_OPERATORS.filter((op) => !TRANSITION_OPERATORS.includes(op));
const WITHOUT_CHANGE = ALL_OPERATORS.filter((op) => !CHANGE_OPERATORS.includes(op));

export type LogicCheckOptions = {
  /** Allow changed/changedTo/changedFrom (automation conditions on update triggers). Default false. */
  changes?: boolean;
  /** The expression must compile to SQL (view filters, schedule queries, widget filters). Default false. */
  sql?: boolean;
};

/**
 * Checks a JSONLogic expression at `path` against the readable fields of `entity` (null: no record,
 * only $user and now). Issue paths from @trellis/logic are relative to the expression.
 */
export function checkLogic(
  ctx: Ctx,
  expr: unknown,
  path: string,
  entity: string | null,
  opts: LogicCheckOptions = {},
): void {
  if (expr === undefined) return;
  const fields = entity === null ? [] : readableFields(ctx, entity);
  const issues = check(expr, {
    fields,
    operators: opts.changes ? ALL_OPERATORS : WITHOUT_CHANGE,
    locale: ctx.locale,
  });
  for (const issue of issues) {
    ctx.errors.push({
      path: path + issue.path,
      code: issue.code,
      message: issue.message,
      ...(issue.params ? { params: issue.params } : {}),
    });
  }
  if (issues.length > 0 || !opts.sql || entity === null) return;
  const columns: Record<string, SqlColumn> = {};
  for (const [key, type] of Object.entries(SYSTEM_COLUMNS)) columns[key] = { column: key, type };
  for (const field of ctx.fields.get(entity)?.values() ?? []) {
    if (fieldTypeOf(field).stored(field))
      columns[field.key] = { column: field.key, type: fieldTypeOf(field).logicType(field) };
  }
  const compiled = compileToSql(expr, {
    columns,
    locale: ctx.locale,
    ctx: { now: 0, user: { id: 'u', teams: [], roles: [] } },
  });
  if (!compiled.ok) {
    for (const e of compiled.errors) {
      ctx.errors.push({
        path: path + e.path,
        code: e.code,
        message: e.message,
        ...(e.params ? { params: e.params } : {}),
      });
    }
  }
}

const OPERATOR_SET = new Set(KNOWN_OPERATORS);

/** Whether a value is a JSONLogic operation ({"op": args}) rather than a literal. */
export function isExpression(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && OPERATOR_SET.has(keys[0] as string);
}
