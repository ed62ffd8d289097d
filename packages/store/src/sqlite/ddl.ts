import type { EntityTableInfo, IndexDef } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import type { SqlType } from '../entity/column-types';

const SQLITE_TYPE: Record<SqlType, string> = { text: 'TEXT', real: 'REAL', integer: 'INTEGER' };

function sqliteType(t: SqlType): string {
  return SQLITE_TYPE[t];
}

/**
 * CREATE TABLE for an entity. `rid` is an explicit INTEGER PRIMARY KEY so rowids stay stable
 * across VACUUM: the search index refers to rows by it. STRICT makes SQLite refuse a value of
 * the wrong storage class instead of silently coercing it.
 */
export function createTableSql(info: EntityTableInfo, table = info.table): string {
  const cols = [
    'rid INTEGER PRIMARY KEY',
    'id TEXT NOT NULL UNIQUE',
    'created_at INTEGER NOT NULL',
    'updated_at INTEGER NOT NULL',
    'created_by TEXT',
    'owner_id TEXT',
    'team_id TEXT',
    'stage TEXT',
    'stage_entered_at INTEGER',
    'last_activity_at INTEGER',
    'sla_due_at INTEGER',
    'version INTEGER NOT NULL DEFAULT 1',
    'deleted_at INTEGER',
    ...info.fieldColumns.map((c) => `${c.column} ${sqliteType(c.sqlType)}`),
  ];
  return `CREATE TABLE ${quoteIdent(table)} (\n  ${cols.join(',\n  ')}\n) STRICT`;
}

export function addColumnSql(table: string, column: string, sqlType: SqlType): string {
  return `ALTER TABLE ${quoteIdent(table)} ADD COLUMN ${quoteIdent(column)} ${sqliteType(sqlType)}`;
}

export function createIndexSql(table: string, def: IndexDef): string {
  const where = def.where ? ` WHERE ${def.where}` : '';
  const columns = [...def.columns, ...(def.sqliteTail ?? [])];
  return `CREATE INDEX IF NOT EXISTS ${quoteIdent(def.name)} ON ${quoteIdent(table)} (${columns.map(quoteIdent).join(', ')})${where}`;
}

/** The search index: trigram tokenizer (substring match, works for Chinese), own copy of the text. */
export function createFtsSql(ftsTable: string): string {
  return `CREATE VIRTUAL TABLE ${quoteIdent(ftsTable)} USING fts5(body, pairs, tokenize = 'trigram case_sensitive 0')`;
}

/**
 * Search text waiting for the search index, one row per record (see search-index.ts).
 * `replace`: the record may already be in the index with older text, to be deleted first.
 */
export function createSearchPendingSql(table: string): string {
  return `CREATE TABLE IF NOT EXISTS ${quoteIdent(table)} (rid INTEGER PRIMARY KEY, body TEXT NOT NULL, pairs TEXT NOT NULL, replace INTEGER NOT NULL)`;
}
