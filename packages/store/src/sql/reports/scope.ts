import { compileToSql, type SqlDialectName } from '@trellis/logic';
import type { ReportScope } from '../../api/reports';
import type { ColumnInfo, EntityTableInfo } from '../../entity/entity-table';
import { quoteIdent } from '../../entity/entity-table';
import { fail, type StoreLocale, type StoreResult } from '../../messages';
import { firstOwnerRead, firstTouchRead, ownDelay, ownTouch } from './firsts-sql';
import { stageMovesOf } from './stage-moves';

/** A compiled SQL condition with its `?` parameters. */
export type Where = { sql: string; params: unknown[] };

/**
 * The virtual list field `stagesEntered`: every stage the record ever entered, from its stage
 * transitions, as the JSON list a multiselect column holds (so `in` and `isEmpty` work on it).
 * A correlated subquery on the transitions' (entity, record_id) index.
 */
function stagesEntered(info: EntityTableInfo, dialect: SqlDialectName): ColumnInfo {
  const base = info.columns.id!;
  const self = `${quoteIdent(info.table)}.${base.column}`;
  // Entity keys are camelCase identifiers (spec schema), safe as a literal.
  const entity = `'${info.entity.replace(/'/g, "''")}'`;
  const list =
    dialect === 'postgres'
      ? `(SELECT jsonb_agg(DISTINCT t.to_stage) FROM stage_transitions t WHERE t.entity = ${entity} AND t.record_id = ${self})`
      : `(SELECT json_group_array(DISTINCT t.to_stage) FROM stage_transitions t WHERE t.entity = ${entity} AND t.record_id = ${self})`;
  return {
    ...base,
    key: 'stagesEntered',
    name: 'stages_entered',
    column: list,
    type: 'json',
    logicType: 'json',
    codec: 'json',
    system: true,
    notNull: false,
  };
}

/**
 * The virtual field `assignDelayMs`: how long after its creation the record first had an owner
 * (0 when it was created with one, null while it never had one), from the record's first
 * `ownerId` history row, kept in report_first_owner (migration 0014): a row leaving no owner
 * (`from_none`) is the first assignment, any other means the record was created owned. One
 * look-up by the table's key per record, not a walk through the record's history.
 */
function assignDelay(info: EntityTableInfo, dialect: SqlDialectName): ColumnInfo {
  const self = (key: string) => `${quoteIdent(info.table)}.${info.columns[key]!.column}`;
  const entity = `'${info.entity.replace(/'/g, "''")}'`;
  const kept =
    `(SELECT CASE WHEN f.from_none = 1 THEN f.at - ${self('createdAt')} ELSE 0 END` +
    ` FROM report_first_owner f WHERE f.entity = ${entity} AND f.record_id = ${self('id')})`;
  // SQLite: a record whose latest history rows wait for the settle is read from them (firsts-sql.ts).
  const first =
    dialect === 'postgres'
      ? kept
      : firstOwnerRead(entity, self('id'), kept, ownDelay(entity, self('id'), self('createdAt')));
  return {
    ...info.columns.createdAt!,
    key: 'assignDelayMs',
    name: 'assign_delay_ms',
    column: `COALESCE(${first}, CASE WHEN ${self('ownerId')} IS NOT NULL THEN 0 END)`,
    type: 'integer',
    logicType: 'integer',
    codec: 'plain',
    system: true,
    notNull: false,
  };
}

/** The first touch's UTM columns (`touches`), as report-only virtual fields. */
const TOUCH_COLUMNS: Record<string, string> = {
  firstUtmSource: 'utm_source',
  firstUtmMedium: 'utm_medium',
  firstUtmCampaign: 'utm_campaign',
  firstUtmContent: 'utm_content',
  firstUtmTerm: 'utm_term',
};

/**
 * A UTM value of the record's first touch (the form or webhook call that brought it, oldest
 * first), kept in report_first_touch (migration 0014): one look-up by its key per record.
 */
function firstTouch(
  info: EntityTableInfo,
  key: string,
  column: string,
  dialect: SqlDialectName,
): ColumnInfo {
  const self = `${quoteIdent(info.table)}.${info.columns.id!.column}`;
  const entity = `'${info.entity.replace(/'/g, "''")}'`;
  const kept = `(SELECT f.${column} FROM report_first_touch f WHERE f.entity = ${entity} AND f.record_id = ${self})`;
  return {
    ...info.columns.id!,
    key,
    name: key,
    column:
      dialect === 'postgres'
        ? kept
        : firstTouchRead(entity, self, kept, ownTouch(entity, self, column)),
    type: 'text',
    logicType: 'text',
    codec: 'plain',
    system: true,
    notNull: false,
  };
}

/**
 * The kept first owner and first touch as columns of a join instead of a look-up per mention:
 * an aggregate naming them (data health's assigned-in-time count, attribution by first touch
 * and its A/B split) reads each record's row once, and PostgreSQL may hash-join the table
 * instead of probing its key 250,000 times per column. `joins(sql)` is the LEFT JOINs the
 * statement's SQL needs. The joined columns carry a `__` prefix no entity column has (field
 * keys are identifiers), so the entity's unqualified columns stay unambiguous.
 */
export function joinedFirsts(
  info: EntityTableInfo,
  dialect: SqlDialectName,
): {
  columns: Record<string, ColumnInfo>;
  joins: (sql: string) => string;
} {
  const self = (key: string) => `${quoteIdent(info.table)}.${info.columns[key]!.column}`;
  const entity = `'${info.entity.replace(/'/g, "''")}'`;
  const columns: Record<string, ColumnInfo> = {};
  const base = conditionColumns(info, dialect);
  // SQLite: a record whose latest rows wait for the settle is read from them (firsts-sql.ts).
  const owner = (kept: string) =>
    dialect === 'postgres'
      ? kept
      : firstOwnerRead(
          entity,
          self('id'),
          kept,
          `COALESCE(${ownDelay(entity, self('id'), self('createdAt'))}, CASE WHEN ${self('ownerId')} IS NOT NULL THEN 0 END)`,
        );
  const touch = (column: string) =>
    dialect === 'postgres'
      ? `"__ft".__${column}`
      : firstTouchRead(
          entity,
          self('id'),
          `"__ft".__${column}`,
          ownTouch(entity, self('id'), column),
        );
  if (base.assignDelayMs && info.columns.ownerId)
    columns.assignDelayMs = {
      ...base.assignDelayMs,
      column: owner(
        `(CASE WHEN "__fo".__at IS NULL THEN (CASE WHEN ${self('ownerId')} IS NOT NULL THEN 0 END)` +
          ` WHEN "__fo".__from_none = 1 THEN "__fo".__at - ${self('createdAt')} ELSE 0 END)`,
      ),
    };
  for (const [key, column] of Object.entries(TOUCH_COLUMNS))
    columns[key] = { ...base[key]!, column: touch(column) };
  const utm = Object.values(TOUCH_COLUMNS)
    .map((c) => `${c} AS __${c}`)
    .join(', ');
  const joins = (sql: string) =>
    (sql.includes('"__fo".')
      ? ` LEFT JOIN (SELECT record_id AS __id, at AS __at, from_none AS __from_none FROM report_first_owner WHERE entity = ${entity}) "__fo" ON "__fo".__id = ${self('id')}`
      : '') +
    (sql.includes('"__ft".')
      ? ` LEFT JOIN (SELECT record_id AS __id, ${utm} FROM report_first_touch WHERE entity = ${entity}) "__ft" ON "__ft".__id = ${self('id')}`
      : '');
  return { columns, joins };
}

/** Keys of the virtual fields (filter and report only, never stored). */
export const VIRTUAL_FIELDS = ['stagesEntered', 'assignDelayMs', ...Object.keys(TOUCH_COLUMNS)];

/** The entity table of another entity of the same spec (the target of a relation field). */
export type TableOf = (entity: string) => EntityTableInfo | undefined;

/**
 * The virtual fields `<relation>.<field>` of each single relation field: a field or system field
 * of the related record, read from the live related record (null when the relation is empty or
 * the record deleted) by a correlated subquery on the related table's primary key. Whether the
 * reader may read that record is the engine's to decide (it adds the related scope as a
 * condition over `<relation>.ownerId`…, docs/reports.md).
 */
function relatedColumns(info: EntityTableInfo, tableOf: TableOf): Record<string, ColumnInfo> {
  const out: Record<string, ColumnInfo> = {};
  for (const rel of info.fieldColumns) {
    const f = rel.field;
    if (f?.type !== 'relation' || f.multiple || !f.entity) continue;
    const target = tableOf(f.entity);
    if (!target) continue;
    const link = `${quoteIdent(info.table)}.${rel.column}`;
    for (const col of [...target.systemColumns, ...target.fieldColumns]) {
      const key = `${rel.key}.${col.key}`;
      out[key] = {
        ...col,
        key,
        name: key,
        column:
          `(SELECT rel_r.${col.column} FROM ${quoteIdent(target.table)} rel_r` +
          ` WHERE rel_r.id = ${link} AND rel_r.deleted_at IS NULL)`,
        system: true,
        notNull: false,
      };
    }
  }
  return out;
}

const columnsCache = new WeakMap<EntityTableInfo, Map<string, Record<string, ColumnInfo>>>();

/**
 * Columns a report or list condition may name: the table's plus the virtual ones (with `tableOf`,
 * also the fields of related records). Built once per table description and dialect.
 */
export function conditionColumns(
  info: EntityTableInfo,
  dialect: SqlDialectName,
  tableOf?: TableOf,
): Record<string, ColumnInfo> {
  if (info.columns.stagesEntered) return info.columns;
  const slot = `${dialect}:${tableOf ? 'related' : 'own'}`;
  let byDialect = columnsCache.get(info);
  if (!byDialect) columnsCache.set(info, (byDialect = new Map()));
  const cached = byDialect.get(slot);
  if (cached) return cached;
  const extra: Record<string, ColumnInfo> = { stagesEntered: stagesEntered(info, dialect) };
  if (info.columns.ownerId) extra.assignDelayMs = assignDelay(info, dialect);
  for (const [key, column] of Object.entries(TOUCH_COLUMNS))
    extra[key] = firstTouch(info, key, column, dialect);
  const all = { ...info.columns, ...extra, ...(tableOf ? relatedColumns(info, tableOf) : {}) };
  byDialect.set(slot, all);
  return all;
}

/**
 * The scope and filter of a report as one SQL condition over the entity table (unqualified
 * columns), null when there is none, or the localized `invalid_filter` failure.
 */
export function reportWhere(
  info: EntityTableInfo,
  q: ReportScope,
  dialect: SqlDialectName,
  locale: StoreLocale,
  tableOf?: TableOf,
): Where | null | StoreResult<never> {
  const columns = conditionColumns(info, dialect, tableOf);
  const parts: Where[] = [];
  for (const [expr, path] of [
    [q.scope, '/scope'],
    [q.filter, '/filter'],
  ] as const) {
    if (expr === undefined || expr === null) continue;
    const c = reportCondition(expr, path, info, columns, dialect, locale, q.context);
    if ('ok' in c) return c;
    parts.push(c);
  }
  if (parts.length === 0) return null;
  return { sql: parts.map((p) => p.sql).join(' AND '), params: parts.flatMap((p) => p.params) };
}

/**
 * One JSONLogic condition of a report (its scope, filter or a measure's own `where`) as SQL over
 * `columns`, in parentheses, or the localized `invalid_filter` failure at `path`.
 */
export function reportCondition(
  expr: unknown,
  path: string,
  info: EntityTableInfo,
  columns: Record<string, ColumnInfo>,
  dialect: SqlDialectName,
  locale: StoreLocale,
  context: ReportScope['context'],
): Where | StoreResult<never> {
  const c = compileToSql(expr, {
    columns,
    stageMoves: stageMovesOf(info),
    dialect,
    positional: true,
    locale,
    ...(context ? { ctx: context } : {}),
  });
  if (!c.ok) {
    const errors = c.errors.map((e) => ({ path: e.path, code: e.code, message: e.message }));
    return fail('invalid_filter', path, { reason: errors[0]?.message ?? '', errors }, locale);
  }
  return { sql: `(${c.sql})`, params: [...c.params] };
}

/** `SELECT id, <by> AS k, stage FROM <table> WHERE live AND <where>`: the selected records. */
export function selectedRecords(
  info: EntityTableInfo,
  where: Where | null,
  by: ColumnInfo | null,
): Where {
  return {
    sql:
      `SELECT id, ${by ? by.column : 'NULL'} AS k, stage FROM ${quoteIdent(info.table)}` +
      ` WHERE deleted_at IS NULL${where ? ` AND ${where.sql}` : ''}`,
    params: where?.params ?? [],
  };
}

/** A `?` typed for the dialect (PostgreSQL cannot infer a parameter's type in every position). */
export function param(dialect: SqlDialectName, v: unknown): string {
  if (dialect !== 'postgres') return '?';
  if (typeof v === 'string') return 'CAST(? AS text)';
  if (typeof v === 'number')
    return Number.isSafeInteger(v) ? 'CAST(? AS bigint)' : 'CAST(? AS double precision)';
  return '?';
}
