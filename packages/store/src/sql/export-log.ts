import type { ExportLogEntry, ExportLogRepo } from '../api/export-log';
import { fromNum, type Row, type SqlExec } from './exec';
import { keysetPage } from './keyset-page';

const COLS = 'id, user_id, entity, view, filter, q, format, row_count, at';

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

function toEntry(r: Row): ExportLogEntry {
  return {
    id: String(r.id),
    userId: text(r.user_id),
    entity: String(r.entity),
    view: text(r.view),
    filter: text(r.filter),
    q: text(r.q),
    format: String(r.format),
    rows: fromNum(r.row_count),
    at: fromNum(r.at),
  };
}

/** export_log over portable SQL. */
export function exportLogRepo(x: SqlExec): ExportLogRepo {
  return {
    async append(e) {
      await x.run(`INSERT INTO export_log (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
        e.id,
        e.userId,
        e.entity,
        e.view,
        e.filter,
        e.q,
        e.format,
        e.rows,
        e.at,
      ]);
    },
    page(page) {
      return keysetPage(x, {
        select: COLS,
        from: 'export_log',
        keys: [
          { column: 'at', dir: 'desc', notNull: true },
          { column: 'id', dir: 'desc', notNull: true },
        ],
        page,
        signature: 'export_log',
        map: toEntry,
      });
    },
  };
}
