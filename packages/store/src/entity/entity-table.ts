import type { AppShape, EntityShape, FieldShape } from '../spec-shape';
import { columnKind, SEARCHABLE_TYPES } from './column-types';
import type { Codec, LogicColumnType, SqlType } from './column-types';
import { attributionColumns } from './attribution-columns';
import { healthColumns, pgHealthColumns } from './health-columns';

/** One column of an entity table. `column` is the quoted SQL identifier, ready for compileToSql. */
export type ColumnInfo = {
  /** Field key or camelCase system field name (what records and logic use). */
  key: string;
  /** Raw column name in the table. */
  name: string;
  /** Quoted identifier usable in SQL (`"budget"`). */
  column: string;
  sqlType: SqlType;
  /** Same as `logicType`; named `type` so the map can be passed to compileToSql as is. */
  type: LogicColumnType;
  logicType: LogicColumnType;
  codec: Codec;
  system: boolean;
  /** The column can never hold NULL (lets keyset pagination use a plain range). */
  notNull: boolean;
  field?: FieldShape;
};

export type IndexDef = {
  name: string;
  columns: string[];
  where?: string;
  /**
   * Columns SQLite appends to the index so a report reads it alone (no table row a record).
   * PostgreSQL leaves them out: an indexed column written by an update stops it being a HOT
   * update, and the activity log writes last_activity_at on every logged call.
   */
  sqliteTail?: string[];
  /**
   * Columns PostgreSQL appends (columns no update writes, so updates stay HOT): its index-only
   * scans need every column a read names in the index, and a row there has no id unless it holds
   * one (SQLite's index entries carry the rowid and its rows are looked up by it).
   */
  pgTail?: string[];
  /** Made on PostgreSQL only (SQLite's owner index holds what it serves). */
  pgOnly?: boolean;
  /**
   * Made on SQLite only, from the spec's widgets (attribution-columns.ts): PostgreSQL hashes a
   * period's groups without a sort and met its target reading the table.
   */
  sqliteOnly?: boolean;
};

export type EntityTableInfo = {
  entity: string;
  table: string;
  ftsTable: string;
  /** Search text of records written since the indexer last ran (see search-index.ts). */
  searchPendingTable: string;
  /** Every column by key (system fields + fields), usable as compileToSql `columns`. */
  columns: Record<string, ColumnInfo>;
  systemColumns: ColumnInfo[];
  fieldColumns: ColumnInfo[];
  /** Field keys whose values feed full-text search: the title field, phone and email fields. */
  searchFields: string[];
  identity: string[][];
  indexes: IndexDef[];
};

const SYSTEM: [key: string, name: string, sqlType: SqlType, logicType: LogicColumnType][] = [
  ['id', 'id', 'text', 'text'],
  ['createdAt', 'created_at', 'integer', 'datetime'],
  ['updatedAt', 'updated_at', 'integer', 'datetime'],
  ['createdBy', 'created_by', 'text', 'text'],
  ['ownerId', 'owner_id', 'text', 'text'],
  ['teamId', 'team_id', 'text', 'text'],
  ['stage', 'stage', 'text', 'text'],
  ['stageEnteredAt', 'stage_entered_at', 'integer', 'datetime'],
  ['lastActivityAt', 'last_activity_at', 'integer', 'datetime'],
  ['slaDueAt', 'sla_due_at', 'integer', 'datetime'],
  ['version', 'version', 'integer', 'integer'],
  ['deletedAt', 'deleted_at', 'integer', 'datetime'],
];

const NOT_NULL = new Set(['id', 'createdAt', 'updatedAt', 'version']);

/** System field keys (camelCase) every record carries. */
export const SYSTEM_KEYS: readonly string[] = SYSTEM.map(([key]) => key);

/** Double-quotes an SQL identifier. */
export function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** The search tables kept next to an entity table: the FTS5 index and the text waiting for it. */
export function searchTables(table: string): { ftsTable: string; searchPendingTable: string } {
  return { ftsTable: `${table}_fts`, searchPendingTable: `${table}_search_pending` };
}

export function tableName(entityKey: string): string {
  return `e_${entityKey}`;
}

/**
 * Describes the physical table of an entity: columns (system + one per field), the search
 * fields and the indexes it should have. Pure: reads only the spec. With the app spec, SQLite's
 * owner index also holds what the entity's data health widgets read (health-columns.ts); callers
 * that make indexes pass it.
 */
export function entityTable(entity: EntityShape, app?: AppShape): EntityTableInfo {
  const table = tableName(entity.key);
  const systemColumns: ColumnInfo[] = SYSTEM.map(([key, name, sqlType, logicType]) => ({
    key,
    name,
    column: quoteIdent(name),
    sqlType,
    type: logicType,
    logicType,
    codec: 'plain',
    system: true,
    notNull: NOT_NULL.has(key),
  }));
  const fieldColumns: ColumnInfo[] = entity.fields.map((field) => {
    const kind = columnKind(field);
    return {
      key: field.key,
      name: field.key,
      column: quoteIdent(field.key),
      sqlType: kind.sqlType,
      type: kind.logicType,
      logicType: kind.logicType,
      codec: kind.codec,
      system: false,
      notNull: false,
      field,
    };
  });
  const columns: Record<string, ColumnInfo> = {};
  for (const c of [...systemColumns, ...fieldColumns]) columns[c.key] = c;
  const searchFields = entity.fields
    .filter((f) => f.key === entity.titleField || SEARCHABLE_TYPES.includes(f.type))
    .map((f) => f.key);
  const identity = (entity.identity ?? [])
    .map((k) => [...k])
    .filter((k) => k.length > 0 && k.every((f) => columns[f] && !columns[f]?.system));
  return {
    entity: entity.key,
    table,
    ...searchTables(table),
    columns,
    systemColumns,
    fieldColumns,
    searchFields,
    identity,
    indexes: indexesFor(
      table,
      entity,
      identity,
      healthColumns(entity, app, columns),
      pgHealthColumns(entity, app, columns),
      attributionColumns(entity, app, columns),
    ),
  };
}

/** Columns nearly every list filters on (permission scope, stage, recycle bin). */
const SCOPE = ['stage', 'owner_id', 'team_id', 'deleted_at'];

function indexesFor(
  table: string,
  entity: EntityShape,
  identity: string[][],
  health: string[],
  pgHealth: string[],
  attribution: { keys: string[]; columns: string[] }[],
): IndexDef[] {
  const p = `ix_${table}__`;
  const defs: IndexDef[] = [
    // PostgreSQL: a period step's list walks it newest first, index-only (step-list.ts).
    { name: `${p}created`, columns: ['created_at'], pgTail: ['id', 'deleted_at'] },
    // Leading column + created_at: "stage X, newest first" and "my records, newest first" need no sort.
    // The trailing scope columns make counts (list totals, funnels) index-only: no table lookups.
    { name: `${p}stage`, columns: ['stage', 'created_at', ...SCOPE.filter((c) => c !== 'stage')] },
    {
      name: `${p}owner`,
      columns: ['owner_id', 'created_at', ...SCOPE.filter((c) => c !== 'owner_id')],
      // Stale follow-ups (owned open records by owner, their last follow-up) read this index
      // alone, in owner order: at 1,000,000 leads 0.18–0.27 s of CPU against 0.41 for the
      // table read and sort by owner it replaces (docs/reports.md "Stale follow-ups").
      // Data health (health-columns.ts): its SLA and completeness columns, when a widget asks.
      // Then the id: a rep's period funnel and dwell read their records' ids from it alone
      // (flow.ts; at 1,000,000 leads a table look-up each of a rep's ~25,000 was 0.13 of the
      // funnel's 0.33 s of CPU), as PostgreSQL's pgTail below.
      sqliteTail: ['last_activity_at', ...health, 'id'],
      // A rep's reports read their records' ids from it alone (PostgreSQL: ~13,700 table pages
      // for a rep's 25,000 leads at 1,000,000 without it).
      pgTail: ['id'],
    },
    { name: `${p}sla`, columns: ['sla_due_at'], where: 'sla_due_at IS NOT NULL' },
    { name: `${p}deleted`, columns: ['deleted_at'], where: 'deleted_at IS NOT NULL' },
  ];
  // PostgreSQL's data health reads (health-columns.ts pgHealthColumns): a period's live records
  // with every column the read names, so it reads this index alone. Not a tail of the owner
  // index, whose range a manager's period cannot seek (PostgreSQL 15 has no skip scan), nor of
  // the creation index, which a period step's list walks (wider rows, more pages).
  if (pgHealth.length)
    defs.push({
      name: `${p}health`,
      columns: ['created_at'],
      pgTail: pgHealth,
      where: 'deleted_at IS NULL',
      pgOnly: true,
    });
  const seen = new Set<string>();
  const listed = new Set(entity.fields.filter((f) => f.indexed || f.unique).map((f) => f.key));
  // SQLite's campaign attribution reads (attribution-columns.ts): led by the widget's keys. One
  // led by a single field a list index leads (f_ below, not an identity key's) is that index
  // with the summed fields as its tail: it then holds every column of both reads, so they keep
  // their plans, and a create writes one entry fewer (education: ~2.5 % of an engine create,
  // 1.2 of its ~33 WAL pages; docs/storage.md).
  const tails = new Map<string, string[]>();
  for (const { keys, columns } of attribution) {
    const [key] = keys;
    const list = [key!, 'created_at', ...SCOPE];
    if (
      keys.length === 1 &&
      listed.has(key!) &&
      !identity.some((k) => k.length === 1 && k[0] === key)
    )
      tails.set(
        key!,
        columns.filter((c) => !list.includes(c)),
      );
    else defs.push({ name: `${p}attr_${keys.join('_')}`, columns, sqliteOnly: true });
  }
  for (const key of identity) {
    const name = `${p}idn_${key.join('_')}`;
    if (seen.has(name)) continue;
    seen.add(name);
    // Identity look-ups compare every field of the key with `=`, so they use an index of the
    // records with the whole key only: a record created without it (most leads have no WeChat
    // id) then writes no entry and no page (~1 of a create's ~40 WAL pages). A field indexed
    // for lists keeps its entries for NULL too: this index serves its sorts (no f_ index then).
    const partial = !key.some((f) => listed.has(f));
    defs.push({
      name,
      columns: key,
      ...(partial ? { where: key.map((f) => `${quoteIdent(f)} IS NOT NULL`).join(' AND ') } : {}),
    });
  }
  for (const f of entity.fields) {
    if (!f.indexed && !f.unique) continue;
    if (seen.has(`${p}idn_${f.key}`)) continue;
    // As above: "field = x, newest first" without a sort, and counts with stage/owner/team filters index-only.
    // Its tail (SQLite): what an attribution read led by the field sums, when one asks; an
    // empty tail still has the start bring the index to its definition (entity-ddl-exec.ts).
    defs.push({
      name: `${p}f_${f.key}`,
      columns: [f.key, 'created_at', ...SCOPE],
      sqliteTail: tails.get(f.key) ?? [],
    });
  }
  return defs;
}
