import { compileToSql } from '@trellis/logic';
import type { ListPage, RecordQuery, RecordRepo } from '../api/records';
import { quoteIdent, type EntityTableInfo } from '../entity/entity-table';
import { fail, type StoreLocale, type StoreResult } from '../messages';
import { searchCondition } from '../search/search-condition';
import type { RecordStore, WhereSql } from './record-core';
import { BULK_MIN_ROWS, refreshRecords } from '../sql/reports/bulk-upkeep';
import { refreshTouches } from '../sql/reports/touch-sql';
import { withoutReportTriggers } from './bulk-flag';
import { foldReportGroups, hasPendingGroups } from './report-fold';
import { hasDirty, settleReports } from './report-settle';
import { prepared, sqliteExec } from './exec';
import { conditionColumns, type TableOf } from '../sql/reports/scope';
import { stageMovesOf } from '../sql/reports/stage-moves';
import {
  countStageEntrants,
  loneStageEntry,
  loneStageEntryTotal,
} from '../sql/reports/entered-count';
import { stepEntrants } from '../sql/reports/step-list';

/**
 * Records the upkeep settles a call (report-settle.ts), at most: the writer is held while it
 * runs, and 2,000 (the fold's batch) held it tens of ms while intake waited (its p99 rose from
 * 18–19 to 65–81 ms, not quiet).
 */
const SETTLE_BATCH = 500;

/** The compiled condition of a query, 'none' when nothing can match, or why it cannot be compiled. */
function whereOf(
  info: EntityTableInfo,
  q: Pick<RecordQuery, 'filter' | 'scope' | 'context' | 'search' | 'locale'>,
  locale: StoreLocale,
  tableOf: TableOf,
): WhereSql | null | 'none' | StoreResult<never> {
  const parts: WhereSql[] = [];
  const compile = (expr: unknown, path: string): WhereSql | StoreResult<never> => {
    const c = compileToSql(expr, {
      columns: conditionColumns(info, 'sqlite', tableOf),
      stageMoves: stageMovesOf(info),
      dialect: 'sqlite',
      locale: q.locale ?? locale,
      ...(q.context ? { ctx: q.context } : {}),
    });
    if (c.ok) return { sql: c.sql, params: c.params };
    const errors = c.errors.map((e) => ({ path: e.path, code: e.code, message: e.message }));
    return fail(
      'invalid_filter',
      path,
      { reason: errors[0]?.message ?? '', errors },
      q.locale ?? locale,
    );
  };
  for (const [expr, path] of [
    [q.scope, '/scope'],
    [q.filter, '/filter'],
  ] as const) {
    if (expr === undefined || expr === null) continue;
    const w = compile(expr, path);
    if ('ok' in w) return w;
    parts.push(w);
  }
  if (q.search && q.search.text.trim() !== '') {
    const s = searchCondition(info, q.search.text, new Set(q.search.hidden ?? []));
    if (s === 'none') return 'none';
    parts.push(s);
  }
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0]!;
  return {
    sql: parts.map((p) => `(${p.sql})`).join(' AND '),
    params: parts.flatMap((p) => [...p.params]),
  };
}

const EMPTY = (count: boolean | undefined): StoreResult<ListPage> => ({
  ok: true,
  value: { records: [], nextCursor: null, ...(count ? { total: 0 } : {}) },
});

/**
 * The asynchronous RecordRepo of the SQLite adapter over the synchronous record store of the
 * connection `core()` picks (the writer inside a transaction, else a reader).
 */
export function sqliteRecordRepo(core: () => RecordStore, locale: StoreLocale): RecordRepo {
  const unknown = (entity: string) => fail<never>('unknown_entity', '', { entity }, locale);
  return {
    insert: async (entity, record, opts) => core().insert(entity, record, opts),
    create: async (entity, record, rows, opts) => core().create(entity, record, rows, opts),
    // Prepared statements run in-process: a loop without a wait per record is the gain here.
    // A batch is written with the report triggers off and its report groups kept once.
    insertMany: async (entity, inputs, opts) => {
      const c = core();
      const info = c.table(entity);
      if (!info || inputs.length < BULK_MIN_ROWS)
        return inputs.map((r) => c.insert(entity, r, opts));
      const db = c.connection();
      const out = await withoutReportTriggers(db, async () =>
        inputs.map((r) => c.insert(entity, r, opts)),
      );
      const ids = out.flatMap((r) => (r.ok ? [r.value.id] : []));
      const x = sqliteExec(() => db);
      await refreshRecords(x, 'sqlite', entity, quoteIdent(info.table), ids);
      await refreshTouches(x, 'sqlite', info, quoteIdent(info.table), ids);
      return out;
    },
    update: async (entity, id, patch, version, opts) =>
      core().update(entity, id, patch, version, opts),
    get: async (entity, id, opts) => core().get(entity, id, opts),
    async list(entity, q = {}) {
      const c = core();
      const info = c.table(entity);
      if (!info) return unknown(entity);
      const where = whereOf(info, q, locale, (e) => c.table(e));
      if (where === 'none') return EMPTY(q.count);
      if (where !== null && 'ok' in where) return where;
      // A period step's records, unscoped: its entrants read from the transitions' index,
      // counted from the transitions' indexes.
      const entry = loneStageEntry(q);
      const page = c.list(entity, {
        ...(entry ? stepEntrants(info, 'sqlite', entry) : { where }),
        ...(q.sort ? { sort: q.sort } : {}),
        cursor: q.cursor ?? null,
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
        ...(q.count !== undefined ? { count: q.count && !entry } : {}),
        deleted: q.deleted ?? 'exclude',
      });
      if (!entry || !q.count || !page.ok) return page;
      const db = c.connection();
      const total = await countStageEntrants(
        sqliteExec(() => db),
        info,
        'sqlite',
        entry,
      );
      return { ok: true, value: { ...page.value, total } };
    },
    async group(entity, q) {
      const c = core();
      const info = c.table(entity);
      if (!info) return unknown(entity);
      const where = whereOf(info, q, locale, (e) => c.table(e));
      if (where === 'none') return { ok: true, value: [] };
      if (where !== null && 'ok' in where) return where;
      // A period step's total, unscoped: counted as the list counts it.
      const entry = loneStageEntryTotal(q);
      if (entry) {
        const db = c.connection();
        const count = await countStageEntrants(
          sqliteExec(() => db),
          info,
          'sqlite',
          entry,
        );
        return { ok: true, value: [{ value: null, count, sums: {} }] };
      }
      return c.group(entity, {
        where,
        by: q.by ?? null,
        ...(q.sums ? { sums: q.sums } : {}),
        ...(q.limit !== undefined ? { limit: q.limit } : {}),
      });
    },
    findByIdentity: async (entity, values, opts) => core().findByIdentity(entity, values, opts),
    findByIdentityMany: async (entity, values) => {
      const c = core();
      return values.map((v) => c.findByIdentity(entity, v));
    },
    softDelete: async (entity, id, opts) => core().softDelete(entity, id, opts),
    restore: async (entity, id, opts) => core().restore(entity, id, opts),
    async slaDue(entity, q) {
      const c = core();
      const info = c.table(entity);
      if (!info || q.stages.length === 0) return [];
      const db = c.connection();
      const rows = prepared(
        db,
        `SELECT id, stage, sla_due_at AS due FROM ${quoteIdent(info.table)}
         WHERE sla_due_at IS NOT NULL AND (sla_due_at > ? OR (sla_due_at = ? AND id > ?)) AND sla_due_at <= ?
           AND deleted_at IS NULL AND stage IN (${q.stages.map(() => '?').join(', ')})
         ORDER BY sla_due_at, id LIMIT ?`,
      ).all(q.after.due, q.after.due, q.after.id, q.until, ...q.stages, q.limit) as {
        id: string;
        stage: string;
        due: number;
      }[];
      return rows;
    },
    async referencingFile(entity, fields, fileId, limit) {
      const c = core();
      const info = c.table(entity);
      const cols = fields.map((f) => info?.columns[f]).filter((col) => col !== undefined);
      if (!info || cols.length === 0) return [];
      const needle = `%"${fileId.replace(/[%_"\\]/g, '')}"%`;
      const rows = prepared(
        c.connection(),
        `SELECT id FROM ${quoteIdent(info.table)} WHERE ${cols.map((col) => `${col.column} LIKE ?`).join(' OR ')} LIMIT ?`,
      ).all(...cols.map(() => needle), limit) as { id: string }[];
      return rows.map((r) => r.id);
    },
    indexSearch: async (limit) => core().indexSearch(limit),
    searchBacklog: async () => core().searchBacklog(),
    // The records' rows first: their group changes join the queue the fold moves.
    foldReportGroups: async (limit) => {
      const db = core().connection();
      settleReports(db, Math.min(limit, SETTLE_BATCH));
      return foldReportGroups(db, limit);
    },
    reportBacklog: async () => {
      const db = core().connection();
      return hasDirty(db) || hasPendingGroups(db);
    },
  };
}
