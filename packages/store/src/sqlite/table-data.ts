import type { TableData } from '../api/table-data';
import type { StoreDb } from '../db/open-database';
import { quoteIdent } from '../entity/entity-table';
import { foldAllReportGroups, hasPendingGroups } from './report-fold';
import { hasDirty, settleAllReports } from './report-settle';
import type { SettleOnWriter } from './settled-reads';

/** Tables that hold data: not SQLite's own, not drizzle's journal, not search index internals. */
function dataTables(db: StoreDb): string[] {
  const rows = db.sqlite
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT LIKE '\\_\\_drizzle%' ESCAPE '\\' ORDER BY name",
    )
    .all() as { name: string; sql: string | null }[];
  const fts = rows.filter((r) => /VIRTUAL TABLE/i.test(r.sql ?? '')).map((r) => r.name);
  return rows.map((r) => r.name).filter((n) => !fts.some((f) => n === f || n.startsWith(`${f}_`)));
}

/**
 * How `rows` orders a table: by rowid, or by the primary key's columns for a table WITHOUT ROWID
 * (report_first_owner, report_first_touch), which has none.
 */
function order(db: StoreDb, t: string): string {
  const pk = (db.sqlite.prepare(`PRAGMA table_info(${t})`).all() as { name: string; pk: number }[])
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => quoteIdent(c.name));
  const info = db.sqlite.prepare(`PRAGMA table_list(${t})`).get() as { wr: number } | undefined;
  return info?.wr === 1 && pk.length ? pk.join(', ') : 'rowid';
}

/** A value from another adapter as SQLite stores it: flags 0/1, JSON values as JSON text. */
function sqliteValue(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) return JSON.stringify(v);
  return v;
}

/** The group tables whose changes are written behind (sqlite/report-fold.ts). */
const FOLDED = new Set(['report_cohorts', 'report_cohort_months', 'report_touch_months']);
/**
 * The tables the settle writes (sqlite/report-settle.ts): the rows, groups and queues, and the
 * moves' dwell times. (Not report_dirty or report_settled: their raw rows are what waits.)
 */
const SETTLED = new Set([
  ...FOLDED,
  'report_rows',
  'report_touch_rows',
  'report_group_pending',
  'report_touch_pending',
  'report_dwell',
  // Taken up from record_history's and touches' rows by the settle (report-firsts.ts).
  'report_first_owner',
  'report_first_touch',
]);

/**
 * Raw table rows of the SQLite adapter (names checked against the schema: no injection). The
 * report tables' raw rows are what reports read: the records waiting for their settle settled
 * first (on a reader, by the writer: `settle`), the group changes waiting for the fold in them.
 */
export function sqliteTableData(db: () => StoreDb, settle: SettleOnWriter | null): TableData {
  const check = (table: string): string => {
    if (!dataTables(db()).includes(table)) throw new Error(`no table ${table}`);
    return quoteIdent(table);
  };
  const known = async (table: string): Promise<string> => {
    const t = check(table);
    if (!SETTLED.has(table)) return t;
    if (db().sqlite.readonly && settle && hasDirty(db().sqlite)) await settle(null);
    const c = db().sqlite;
    if (c.readonly) return t;
    if (hasDirty(c)) settleAllReports(c);
    if (FOLDED.has(table) && hasPendingGroups(c)) foldAllReportGroups(c);
    return t;
  };
  return {
    names: async () => dataTables(db()),
    async count(table) {
      const t = await known(table);
      return (db().sqlite.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n;
    },
    async rows(table, q = {}) {
      const t = await known(table);
      return db()
        .sqlite.prepare(`SELECT * FROM ${t} ORDER BY ${order(db(), t)} LIMIT ? OFFSET ?`)
        .all(q.limit ?? -1, q.offset ?? 0) as Record<string, unknown>[];
    },
    async insert(table, rows) {
      const t = check(table);
      if (rows.length === 0) return 0;
      const have = new Set(
        (db().sqlite.prepare(`PRAGMA table_info(${t})`).all() as { name: string }[]).map(
          (c) => c.name,
        ),
      );
      const cols = Object.keys(rows[0]!).filter((c) => have.has(c));
      const insert = db().sqlite.prepare(
        `INSERT INTO ${t} (${cols.map(quoteIdent).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`,
      );
      for (const row of rows) insert.run(...cols.map((c) => sqliteValue(row[c])));
      return rows.length;
    },
    async clear(table) {
      db()
        .sqlite.prepare(`DELETE FROM ${check(table)}`)
        .run();
    },
  };
}
