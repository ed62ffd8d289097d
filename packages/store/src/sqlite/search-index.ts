import type { EntityTableInfo } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import { searchDoc } from '../search/search-text';
import type { SqliteCtx } from './context';

/** Writes (or rewrites) the search row of one record from its raw column values. */
export function indexRecord(ctx: SqliteCtx, info: EntityTableInfo, rid: number | bigint, row: Record<string, unknown>, replace: boolean): void {
  if (info.searchFields.length === 0) return;
  const fts = quoteIdent(info.ftsTable);
  if (replace) ctx.stmt(`DELETE FROM ${fts} WHERE rowid = ?`).run(rid);
  const doc = searchDoc(info.searchFields.map((f) => row[f]));
  if (!doc.body) return;
  ctx.stmt(`INSERT INTO ${fts} (rowid, body, pairs) VALUES (?, ?, ?)`).run(rid, doc.body, doc.pairs);
}

/** Rebuilds the whole search index of an entity (after a migration changed its search fields). */
export function rebuildSearchIndex(ctx: SqliteCtx, info: EntityTableInfo): void {
  const fts = quoteIdent(info.ftsTable);
  ctx.db.sqlite.exec(`DELETE FROM ${fts}`);
  if (info.searchFields.length === 0) return;
  const cols = info.searchFields.map(quoteIdent).join(', ');
  // Batches by rid: better-sqlite3 cannot write while an iterator is open on the same connection.
  const page = ctx.db.sqlite.prepare(`SELECT rid, ${cols} FROM ${quoteIdent(info.table)} WHERE rid > ? ORDER BY rid LIMIT 5000`);
  let last = 0;
  for (;;) {
    const rows = page.all(last) as Record<string, unknown>[];
    for (const row of rows) indexRecord(ctx, info, row.rid as number, row, false);
    if (rows.length < 5000) break;
    last = (rows[rows.length - 1] as Record<string, unknown>).rid as number;
  }
}
