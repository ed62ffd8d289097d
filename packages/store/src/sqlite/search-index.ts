import type { EntityTableInfo } from '../entity/entity-table';
import { quoteIdent } from '../entity/entity-table';
import { searchDoc } from '../search/search-text';
import type { SqliteCtx } from './context';

/**
 * The search index is written behind the records. A record write puts the record's search text
 * in the entity's pending table (one row, like any small table); `indexPendingSearch` later moves
 * pending rows into the FTS5 index many at a time, and searches read both (searchCondition).
 *
 * Why: written with each record, the FTS5 index was a quarter of a public-form submission's
 * cost. It tokenizes every trigram, and within a transaction it flushes its pending terms as a
 * new segment at every later statement that opens a statement journal (most inserts do), so a
 * batch of submissions made one segment per record, and merges after them. Moved in bulk, a
 * few hundred records make one segment, written when the machine is not busy with intake.
 */
export function indexRecord(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  rid: number | bigint,
  /** The values of `info.searchFields`, in their order. */
  texts: readonly unknown[],
  replace: boolean,
): void {
  if (texts.length === 0) return;
  const doc = searchDoc(texts);
  // A new record without search text has nothing to index; a changed one may have old text to remove.
  if (!doc.body && !replace) return;
  ctx
    .stmt(
      `INSERT INTO ${quoteIdent(info.searchPendingTable)} (rid, body, pairs, replace) VALUES (?, ?, ?, ?)
       ON CONFLICT (rid) DO UPDATE SET body = excluded.body, pairs = excluded.pairs, replace = max(replace, excluded.replace)`,
    )
    .run(rid, doc.body, doc.pairs, replace ? 1 : 0);
}

/**
 * Moves up to `limit` pending rows of one entity into its search index: one FTS5 segment for all
 * of them. Run it inside a write transaction. Returns how many rows it moved.
 */
export function indexPendingSearch(ctx: SqliteCtx, info: EntityTableInfo, limit: number): number {
  if (limit <= 0) return 0;
  const fts = quoteIdent(info.ftsTable);
  const pending = quoteIdent(info.searchPendingTable);
  const upTo = ctx
    .stmt(
      `SELECT max(rid) AS last, count(*) AS n FROM (SELECT rid FROM ${pending} ORDER BY rid LIMIT ?)`,
    )
    .get(limit) as { last: number | null; n: number };
  if (upTo.last === null) return 0;
  ctx
    .stmt(
      `DELETE FROM ${fts} WHERE rowid IN (SELECT rid FROM ${pending} WHERE rid <= ? AND replace = 1)`,
    )
    .run(upTo.last);
  ctx
    .stmt(
      `INSERT INTO ${fts} (rowid, body, pairs) SELECT rid, body, pairs FROM ${pending} WHERE rid <= ? AND body != '' ORDER BY rid`,
    )
    .run(upTo.last);
  ctx.stmt(`DELETE FROM ${pending} WHERE rid <= ?`).run(upTo.last);
  return upTo.n;
}

/** Whether records of the entity wait for the index (a plain read). */
export function hasPendingSearch(ctx: SqliteCtx, info: EntityTableInfo): boolean {
  const row = ctx
    .stmt(`SELECT EXISTS (SELECT 1 FROM ${quoteIdent(info.searchPendingTable)}) AS waiting`)
    .get() as { waiting: number };
  return row.waiting === 1;
}

/** Rebuilds the whole search index of an entity (after a migration changed its search fields). */
export function rebuildSearchIndex(ctx: SqliteCtx, info: EntityTableInfo): void {
  const fts = quoteIdent(info.ftsTable);
  ctx.db.sqlite.exec(`DELETE FROM ${fts}`);
  ctx.db.sqlite.exec(`DELETE FROM ${quoteIdent(info.searchPendingTable)}`);
  if (info.searchFields.length === 0) return;
  const cols = info.searchFields.map(quoteIdent).join(', ');
  const insert = ctx.db.sqlite.prepare(`INSERT INTO ${fts} (rowid, body, pairs) VALUES (?, ?, ?)`);
  // Batches by rid: better-sqlite3 cannot write while an iterator is open on the same connection.
  const page = ctx.db.sqlite.prepare(
    `SELECT rid, ${cols} FROM ${quoteIdent(info.table)} WHERE rid > ? ORDER BY rid LIMIT 5000`,
  );
  let last = 0;
  for (;;) {
    const rows = page.all(last) as Record<string, unknown>[];
    for (const row of rows) {
      const doc = searchDoc(info.searchFields.map((f) => row[f]));
      if (doc.body) insert.run(row.rid, doc.body, doc.pairs);
    }
    if (rows.length < 5000) break;
    last = (rows[rows.length - 1] as Record<string, unknown>).rid as number;
  }
}
