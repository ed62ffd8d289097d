import { compileToSql } from '@trellis/logic';
import type { ListPage, RecordQuery, RecordRepo } from '../../api/records';
import { entityTable, quoteIdent, type EntityTableInfo } from '../../entity/entity-table';
import { fail, type StoreLocale, type StoreResult } from '../../messages';
import type { AppShape } from '../../spec-shape';
import type { SqlExec } from '../../sql/exec';
import type { WhereSql } from '../../sqlite/record-core';
import { conditionColumns, type TableOf } from '../../sql/reports/scope';
import { BULK_MIN_ROWS, refreshRecords } from '../../sql/reports/bulk-upkeep';
import { refreshTouches } from '../../sql/reports/touch-sql';
import { pgBulkSwitch } from '../bulk-switch';
import { createRecordWithRows } from './create';
import { groupRecords } from './groups';
import { findByIdentities, findByIdentity, getRecord, listRecords } from './reads';
import { pgSearchCondition } from './search';
import { insertRecord, insertRecords, setDeleted, updateRecord, type RecordCx } from './writes';
import { stageMovesOf } from '../../sql/reports/stage-moves';
import {
  countStageEntrants,
  loneStageEntry,
  loneStageEntryTotal,
} from '../../sql/reports/entered-count';
import { stepEntrants } from '../../sql/reports/step-list';

/** Entity table descriptions per spec object, built once. */
const tablesBySpec = new WeakMap<AppShape, Map<string, EntityTableInfo>>();
function tablesOf(spec: AppShape): Map<string, EntityTableInfo> {
  let t = tablesBySpec.get(spec);
  if (!t) tablesBySpec.set(spec, (t = new Map(spec.entities.map((e) => [e.key, entityTable(e)]))));
  return t;
}

/** The compiled condition of a query (PostgreSQL), 'none' when nothing can match, or why not. */
function whereOf(
  info: EntityTableInfo,
  q: Pick<RecordQuery, 'filter' | 'scope' | 'context' | 'search' | 'locale'>,
  storeLocale: StoreLocale,
  tableOf: TableOf,
): WhereSql | null | 'none' | StoreResult<never> {
  // The caller's language for a refused filter, as on SQLite (sqlite/records-repo.ts).
  const locale = q.locale ?? storeLocale;
  const parts: WhereSql[] = [];
  for (const [expr, path] of [
    [q.scope, '/scope'],
    [q.filter, '/filter'],
  ] as const) {
    if (expr === undefined || expr === null) continue;
    const c = compileToSql(expr, {
      columns: conditionColumns(info, 'postgres', tableOf),
      stageMoves: stageMovesOf(info),
      dialect: 'postgres',
      positional: true,
      locale,
      ...(q.context ? { ctx: q.context } : {}),
    });
    if (!c.ok) {
      const errors = c.errors.map((e) => ({ path: e.path, code: e.code, message: e.message }));
      return fail('invalid_filter', path, { reason: errors[0]?.message ?? '', errors }, locale);
    }
    parts.push({ sql: c.sql, params: c.params });
  }
  if (q.search && q.search.text.trim() !== '') {
    const s = pgSearchCondition(info, q.search.text, new Set(q.search.hidden ?? []));
    if (s === 'none') return 'none';
    parts.push(s);
  }
  if (parts.length === 0) return null;
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' AND '),
    params: parts.flatMap((p) => [...p.params]),
  };
}

const EMPTY = (count: boolean | undefined): StoreResult<ListPage> => ({
  ok: true,
  value: { records: [], nextCursor: null, ...(count ? { total: 0 } : {}) },
});

/** The RecordRepo of the PostgreSQL adapter over the executor of its scope (pool or transaction). */
export function pgRecordRepo(x: SqlExec, spec: AppShape, locale: StoreLocale): RecordRepo {
  const tables = tablesOf(spec);
  const cx: RecordCx = { x, locale };
  const unknown = (entity: string) => fail<never>('unknown_entity', '', { entity }, locale);
  const on = async <T>(
    entity: string,
    fn: (info: EntityTableInfo) => Promise<StoreResult<T>>,
  ): Promise<StoreResult<T>> => {
    const info = tables.get(entity);
    return info ? fn(info) : unknown(entity);
  };
  return {
    insert: (entity, record, opts) => on(entity, (i) => insertRecord(cx, i, record, opts)),
    create: (entity, record, rows, opts) =>
      on(entity, (i) => createRecordWithRows(cx, i, record, rows, opts)),
    // A batch is written with the report triggers off and its report groups kept once.
    async insertMany(entity, inputs, opts) {
      const info = tables.get(entity);
      if (!info) return inputs.map(() => unknown(entity));
      if (inputs.length < BULK_MIN_ROWS) return insertRecords(cx, info, inputs, opts);
      const out = await pgBulkSwitch(x)(() => insertRecords(cx, info, inputs, opts));
      const ids = out.flatMap((r) => (r.ok ? [r.value.id] : []));
      await refreshRecords(x, 'postgres', entity, quoteIdent(info.table), ids);
      await refreshTouches(x, 'postgres', info, quoteIdent(info.table), ids);
      return out;
    },
    update: (entity, id, patch, version, opts) =>
      on(entity, (i) => updateRecord(cx, i, id, patch, version, opts)),
    async get(entity, id, opts) {
      const info = tables.get(entity);
      return info
        ? getRecord(cx, info, id, opts?.includeDeleted ?? false, opts?.lock ?? false)
        : null;
    },
    list: (entity, q = {}) =>
      on(entity, async (info) => {
        const where = whereOf(info, q, locale, (e) => tables.get(e));
        if (where === 'none') return EMPTY(q.count);
        if (where !== null && 'ok' in where) return where;
        // A period step's records, unscoped: its entrants read from the transitions' index,
        // counted from the transitions' indexes.
        const entry = loneStageEntry(q);
        const page = await listRecords(cx, info, {
          ...(entry ? stepEntrants(info, 'postgres', entry, q.sort) : { where }),
          ...(q.sort ? { sort: q.sort } : {}),
          cursor: q.cursor ?? null,
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
          ...(q.count !== undefined ? { count: q.count && !entry } : {}),
          deleted: q.deleted ?? 'exclude',
        });
        if (!entry || !q.count || !page.ok) return page;
        const total = await countStageEntrants(x, info, 'postgres', entry);
        return { ok: true, value: { ...page.value, total } };
      }),
    group: (entity, q) =>
      on(entity, async (info) => {
        const where = whereOf(info, q, locale, (e) => tables.get(e));
        if (where === 'none') return { ok: true, value: [] };
        if (where !== null && 'ok' in where) return where;
        // A period step's total, unscoped: counted as the list counts it.
        const entry = loneStageEntryTotal(q);
        if (entry) {
          const count = await countStageEntrants(x, info, 'postgres', entry);
          return { ok: true, value: [{ value: null, count, sums: {} }] };
        }
        return groupRecords(cx, info, {
          where,
          by: q.by ?? null,
          ...(q.sums ? { sums: q.sums } : {}),
          ...(q.limit !== undefined ? { limit: q.limit } : {}),
        });
      }),
    async findByIdentity(entity, values, opts) {
      const info = tables.get(entity);
      return info ? findByIdentity(cx, info, values, opts?.excludeId) : [];
    },
    async findByIdentityMany(entity, values) {
      const info = tables.get(entity);
      if (!info) return values.map(() => []);
      return findByIdentities(cx, info, values);
    },
    softDelete: (entity, id, opts = {}) => on(entity, (i) => setDeleted(cx, i, id, true, opts)),
    restore: (entity, id, opts = {}) => on(entity, (i) => setDeleted(cx, i, id, false, opts)),
    async slaDue(entity, q) {
      const info = tables.get(entity);
      if (!info || q.stages.length === 0) return [];
      return x.all(
        `SELECT id, stage, sla_due_at AS due FROM ${quoteIdent(info.table)}
         WHERE sla_due_at IS NOT NULL AND (sla_due_at > ? OR (sla_due_at = ? AND id > ?)) AND sla_due_at <= ?
           AND deleted_at IS NULL AND stage IN (${q.stages.map(() => '?').join(', ')})
         ORDER BY sla_due_at, id LIMIT ?`,
        [q.after.due, q.after.due, q.after.id, q.until, ...q.stages, q.limit],
      );
    },
    async referencingFile(entity, fields, fileId, limit) {
      const info = tables.get(entity);
      const cols = fields.map((f) => info?.columns[f]).filter((col) => col !== undefined);
      if (!info || cols.length === 0) return [];
      const needle = `%"${fileId.replace(/[%_"\\]/g, '')}"%`;
      const rows = await x.all<{ id: string }>(
        `SELECT id FROM ${quoteIdent(info.table)} WHERE ${cols.map((col) => `CAST(${col.column} AS text) LIKE ?`).join(' OR ')} LIMIT ?`,
        [...cols.map(() => needle), limit],
      );
      return rows.map((r) => r.id);
    },
    // Search rows are written with each record: nothing ever waits for an indexer.
    indexSearch: async () => 0,
    searchBacklog: async () => false,
    // The trigger functions keep PostgreSQL's groups in every write's transaction.
    foldReportGroups: async () => 0,
    reportBacklog: async () => false,
  };
}
