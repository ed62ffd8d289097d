import { columnKind } from '../../entity/column-types';
import { quoteIdent } from '../../entity/entity-table';
import type { SchemaProbe } from '../../migration/schema-probe';
import type { AppShape, FieldShape } from '../../spec-shape';
import { fromJson, type SqlExec } from '../../sql/exec';
import { fromPg } from '../records/codec';
import { storageClass } from '../records/ddl';
import { liveColumns, rowCount, tableExists } from './introspect';

/** The migration planner's questions answered by PostgreSQL (see migration/planning.ts). */
export function createPgProbe(x: SqlExec): SchemaProbe {
  const q = quoteIdent;
  return {
    async columns(table) {
      if (!(await tableExists(x, table))) return null;
      return new Map((await liveColumns(x, table)).map((c) => [c.name, storageClass(c.type)]));
    },
    async archivedTables(entity) {
      const prefix = `e_${entity}__archived_`;
      const rows = await x.all<{ name: string }>(
        `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND left(table_name, ?) = ?`,
        [prefix.length, prefix],
      );
      return rows
        .map((r) => r.name)
        .filter((name) => /^\d+$/.test(name.slice(prefix.length)))
        .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
    },
    liveRows: (table) => rowCount(x, table, 'deleted_at IS NULL'),
    allRows: (table) => rowCount(x, table),
    async countEmpty(table, column) {
      // Text '' and an empty JSON array are empty too (the column's type says which applies).
      const c = q(column);
      return rowCount(
        x,
        table,
        `deleted_at IS NULL AND (${c} IS NULL OR CAST(${c} AS text) IN ('', '[]'))`,
      );
    },
    async countInStages(table, stages, empty) {
      if (stages.length === 0) return 0;
      const c = empty ? q(empty) : '';
      const r = await x.get<{ n: number | string }>(
        `SELECT count(*) AS n FROM ${q(table)} WHERE deleted_at IS NULL AND stage IN (${stages.map(() => '?').join(', ')})${empty ? ` AND (${c} IS NULL OR CAST(${c} AS text) IN ('', '[]'))` : ''}`,
        [...stages],
      );
      return Number(r?.n ?? 0);
    },
    countNonNull: (table, column) => rowCount(x, table, `${q(column)} IS NOT NULL`),
    async countDuplicates(table, columns) {
      const cols = columns.map(q).join(', ');
      const filled = columns
        .map((c) => `${q(c)} IS NOT NULL AND CAST(${q(c)} AS text) <> ''`)
        .join(' AND ');
      const r = await x.get<{ n: number }>(
        `SELECT coalesce(sum(c), 0) AS n FROM (SELECT count(*) AS c FROM ${q(table)} WHERE deleted_at IS NULL AND ${filled} GROUP BY ${cols} HAVING count(*) > 1) d`,
      );
      return r?.n ?? 0;
    },
    async countOption(table, column, option, multi) {
      const c = q(column);
      const r = multi
        ? await x.get<{ n: number }>(
            `SELECT count(*) AS n FROM ${q(table)} WHERE jsonb_typeof(CAST(${c} AS jsonb)) = 'array' AND CAST(${c} AS jsonb) @> jsonb_build_array(?::text)`,
            [option],
          )
        : await x.get<{ n: number }>(
            `SELECT count(*) AS n FROM ${q(table)} WHERE CAST(${c} AS text) = ?`,
            [option],
          );
      return r?.n ?? 0;
    },
    async values(table, column, field) {
      const kind = columnKind(field);
      const rows = await x.all<{ id: string; v: unknown }>(
        `SELECT id, ${q(column)} AS v FROM ${q(table)} WHERE ${q(column)} IS NOT NULL`,
      );
      return rows.map((r) => ({ id: r.id, value: engineValue(kind, r.v) }));
    },
    async archivedField(entity, field) {
      const row = await x.get<{ n: number; t: string | null }>(
        "SELECT count(*) AS n, max(sql_type) AS t FROM field_archive WHERE entity = ? AND field = ? AND reason = 'removed'",
        [entity, field],
      );
      return row && row.n > 0 && row.t
        ? { count: row.n, sqlType: row.t as 'text' | 'real' | 'integer' }
        : null;
    },
    async previousField(entity, field) {
      const rows = await x.all<{ spec: string }>(
        'SELECT spec FROM spec_versions ORDER BY version DESC',
      );
      for (const r of rows) {
        const spec = fromJson<AppShape | null>(r.spec, null);
        const f: FieldShape | undefined = spec?.entities
          ?.find((e) => e.key === entity)
          ?.fields.find((x2) => x2.key === field);
        if (f) return f;
      }
      return null;
    },
  };
}

/**
 * A stored value in engine form for `kind`. A column whose type the spec no longer describes
 * (text holding JSON, a boolean read as a number) is read the way SQLite would have stored it.
 */
export function engineValue(kind: ReturnType<typeof columnKind>, raw: unknown): unknown {
  if (kind.codec === 'json' && typeof raw === 'string') return fromJson(raw, raw);
  if (kind.codec === 'boolean' && typeof raw === 'number') return raw === 1;
  if (kind.codec !== 'boolean' && typeof raw === 'boolean') return raw ? 1 : 0;
  return fromPg(kind, raw);
}
