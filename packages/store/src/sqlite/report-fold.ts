import type Database from 'better-sqlite3';
import { addSums, grains, PENDING, SUMS } from '../sql/reports/cohort-sql';
import { TOUCH_PENDING, touchFoldSql } from '../sql/reports/touch-sql';

/** The queues of group changes written behind, each with its fold's statements. */
const QUEUES: { table: string; fold: (last: string) => string[] }[] = [
  { table: PENDING, fold: (last) => foldSql(last) },
  { table: TOUCH_PENDING, fold: touchFoldSql },
];

/**
 * Moves up to `limit` rows of the queues, in turn — report_group_pending into the day and month
 * groups, then report_touch_pending into the first-touch month groups — the oldest first: one
 * upsert a grain for all of them, the groups they emptied deleted, the rows removed. Run it
 * inside a write transaction. Returns how many rows it moved.
 *
 * Exact at any limit: a record's pending add is older than its take-out, so the moved rows never
 * take out what is not in the groups yet, and a group left with no records holds no sums.
 */
export function foldReportGroups(db: Database.Database, limit: number): number {
  if (limit <= 0) return 0;
  let moved = 0;
  for (const q of QUEUES) {
    if (moved >= limit) break;
    const upTo = db
      .prepare(
        `SELECT max(rowid) AS last, count(*) AS n FROM (SELECT rowid FROM ${q.table} ORDER BY rowid LIMIT ?)`,
      )
      .get(limit - moved) as { last: number | null; n: number };
    if (upTo.last === null) continue;
    for (const sql of q.fold('?')) db.prepare(sql).run(upTo.last);
    moved += upTo.n;
  }
  return moved;
}

/** The fold's statements for the pending rows up to rowid `last` (an SQL expression). */
export function foldSql(last: string): string[] {
  const sums = SUMS.split(', ');
  return [
    ...grains('sqlite').flatMap((g) => [
      `INSERT INTO ${g.table} (${g.key}, ${SUMS})` +
        ` SELECT ${g.values}, ${sums.map((c) => `sum(${c})`).join(', ')} FROM ${PENDING}` +
        ` WHERE rowid <= ${last} GROUP BY ${g.values}` +
        // A record added and taken out again in the same rows leaves nothing to write.
        ` HAVING ${sums.map((c) => `sum(${c}) <> 0`).join(' OR ')} ORDER BY ${g.values}` +
        ` ${addSums(g)}`,
      `DELETE FROM ${g.table} WHERE records = 0 AND (${g.key}) IN (SELECT ${g.values} FROM ${PENDING} WHERE rowid <= ${last})`,
    ]),
    `DELETE FROM ${PENDING} WHERE rowid <= ${last}`,
  ];
}

/** Every pending row moved, in batches (the tables' raw rows read after it: TableData). */
export function foldAllReportGroups(db: Database.Database): void {
  const run = db.transaction(() => {
    while (foldReportGroups(db, 10_000) > 0);
  });
  run.immediate();
}

/** Whether group changes wait for the fold (a plain read). */
export function hasPendingGroups(db: Database.Database): boolean {
  const row = db
    .prepare(
      `SELECT EXISTS (SELECT 1 FROM ${PENDING}) OR EXISTS (SELECT 1 FROM ${TOUCH_PENDING}) AS waiting`,
    )
    .get() as { waiting: number };
  return row.waiting === 1;
}
