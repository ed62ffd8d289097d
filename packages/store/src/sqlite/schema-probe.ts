import type { StoreDb } from '../db/open-database';
import type { SqlType } from '../entity/column-types';
import { columnKind } from '../entity/column-types';
import { quoteIdent } from '../entity/entity-table';
import type { SchemaProbe } from '../migration/schema-probe';
import type { AppShape, FieldShape } from '../spec-shape';
import { decodeValue } from './codec';
import { liveColumns, tableExists } from './introspect';

const STORAGE: Record<string, SqlType> = { text: 'text', real: 'real', integer: 'integer' };

/** Archived entity tables are named e_<entity>__archived_<n>. */
export function archivedTableName(entity: string, n: number): string {
  return `e_${entity}__archived_${n}`;
}

export function createSqliteProbe(db: StoreDb): SchemaProbe {
  const q = quoteIdent;
  const count = (sql: string, ...params: unknown[]): number =>
    (db.sqlite.prepare(sql).get(...params) as { n: number }).n;
  return {
    columns(table) {
      if (!tableExists(db, table)) return null;
      return new Map(liveColumns(db, table).map((c) => [c.name, STORAGE[c.type] ?? 'text']));
    },
    archivedTables(entity) {
      const prefix = `e_${entity}__archived_`;
      const rows = db.sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, ?) = ?")
        .all(prefix.length, prefix) as { name: string }[];
      return rows
        .map((r) => r.name)
        .filter((name) => /^\d+$/.test(name.slice(prefix.length)))
        .sort((a, b) => Number(a.slice(prefix.length)) - Number(b.slice(prefix.length)));
    },
    liveRows: (table) => count(`SELECT count(*) AS n FROM ${q(table)} WHERE deleted_at IS NULL`),
    allRows: (table) => count(`SELECT count(*) AS n FROM ${q(table)}`),
    countEmpty: (table, column) =>
      count(
        `SELECT count(*) AS n FROM ${q(table)} WHERE deleted_at IS NULL AND (${q(column)} IS NULL OR ${q(column)} IN ('', '[]'))`,
      ),
    countInStages: (table, stages, empty) =>
      stages.length === 0
        ? 0
        : count(
            `SELECT count(*) AS n FROM ${q(table)} WHERE deleted_at IS NULL AND stage IN (${stages.map(() => '?').join(', ')})${empty ? ` AND (${q(empty)} IS NULL OR ${q(empty)} IN ('', '[]'))` : ''}`,
            ...stages,
          ),
    countNonNull: (table, column) =>
      count(`SELECT count(*) AS n FROM ${q(table)} WHERE ${q(column)} IS NOT NULL`),
    countDuplicates(table, columns) {
      const cols = columns.map(q).join(', ');
      const filled = columns.map((c) => `${q(c)} IS NOT NULL AND ${q(c)} != ''`).join(' AND ');
      return count(
        `SELECT coalesce(sum(c), 0) AS n FROM (SELECT count(*) AS c FROM ${q(table)} WHERE deleted_at IS NULL AND ${filled} GROUP BY ${cols} HAVING count(*) > 1)`,
      );
    },
    countOption(table, column, option, multi) {
      if (multi)
        return count(
          `SELECT count(*) AS n FROM ${q(table)} WHERE json_valid(${q(column)}) AND EXISTS (SELECT 1 FROM json_each(${q(column)}) WHERE value = ?)`,
          option,
        );
      return count(`SELECT count(*) AS n FROM ${q(table)} WHERE ${q(column)} = ?`, option);
    },
    *values(table, column, field) {
      const col = columnKind(field);
      const rows = db.sqlite
        .prepare(`SELECT id, ${q(column)} AS v FROM ${q(table)} WHERE ${q(column)} IS NOT NULL`)
        .all() as { id: string; v: unknown }[];
      for (const r of rows) yield { id: r.id, value: decodeValue(col, r.v) };
    },
    archivedField(entity, field) {
      const row = db.sqlite
        .prepare(
          "SELECT count(*) AS n, max(sql_type) AS t FROM field_archive WHERE entity = ? AND field = ? AND reason = 'removed'",
        )
        .get(entity, field) as { n: number; t: SqlType | null };
      return row.n > 0 && row.t ? { count: row.n, sqlType: row.t } : null;
    },
    previousField(entity, field) {
      const rows = db.sqlite
        .prepare('SELECT spec FROM spec_versions ORDER BY version DESC')
        .iterate() as IterableIterator<{ spec: string }>;
      for (const r of rows) {
        const spec = JSON.parse(r.spec) as AppShape;
        const f: FieldShape | undefined = spec.entities
          ?.find((e) => e.key === entity)
          ?.fields.find((x) => x.key === field);
        if (f) {
          rows.return?.();
          return f;
        }
      }
      return null;
    },
  };
}
