import type Database from 'better-sqlite3';
import { quoteIdent } from '../entity/entity-table';
import { pendingShift } from '../sql/reports/cohort-sql';
import { touchRemoveSql } from '../sql/reports/touch-sql';
import { prepared } from './exec';
import { followMark } from './report-mark';
import { hasNewRows, takeUpNewRows } from './report-sources';

/**
 * SQLite keeps a record's report rows (report_rows, report_touch_rows) behind its write: the
 * entity table's update and delete triggers only add the record to report_dirty
 * (report-triggers.ts), an insert (of the record or of a transition) nothing (report-sources.ts:
 * the settle takes up the rows inserted since it last ran), and the
 * settle brings the rows of many records up to date at once — from the automations' upkeep
 * (records.settleReports), before every read of those rows or of their groups (settled-reads.ts)
 * and before a raw read of the tables (table-data.ts). Why: that upkeep in every write's
 * transaction cost ~20 % of an engine create (docs/deploy.md, session 26).
 */
export const DIRTY = 'report_dirty';

/**
 * The view over an entity's table whose INSTEAD OF INSERT triggers count a record as its insert
 * triggers did before (cohort-sql.ts addSql, touch-sql.ts touchRecordSql): a settle's
 * `INSERT INTO view SELECT * FROM view WHERE id IN (…)` runs those statements for each live
 * record, with the entity's money fields, without the settle knowing the spec.
 */
export const settleView = (entity: string) => `report_settle__${entity}`;

/** The dirty records of one entity in a batch (one JSON array parameter). */
const MINE = `entity = ? AND record_id IN (SELECT value FROM json_each(?))`;

/**
 * What a settle takes out of the records `mine` selects (a condition on entity and record_id):
 * their groups' share (a pending row per day group, and per first-touch month group) and their
 * rows — the records that are gone, deleted or changed alike; the live ones are counted anew
 * through the view after.
 */
export const takeOutSql = (mine: string) => [
  pendingShift(mine, -1, true),
  `DELETE FROM report_rows WHERE ${mine}`,
  ...touchRemoveSql(mine, true, 'sqlite'),
];
const REMOVE = [...takeOutSql(MINE), `DELETE FROM ${DIRTY} WHERE ${MINE}`];

function viewExists(db: Database.Database, name: string): boolean {
  return (
    prepared(db, "SELECT 1 FROM sqlite_master WHERE type = 'view' AND name = ?").get(name) !==
    undefined
  );
}

/** Settles the dirty records `ids` of `entity` through its view. */
function settleIds(db: Database.Database, entity: string, ids: string[]): void {
  const json = JSON.stringify(ids);
  for (const sql of REMOVE) prepared(db, sql).run(entity, json);
  const view = settleView(entity);
  // (An entity whose table went away without its records: they are only taken out.)
  if (viewExists(db, view))
    prepared(
      db,
      `INSERT INTO ${quoteIdent(view)} SELECT * FROM ${quoteIdent(view)} WHERE id IN (SELECT value FROM json_each(?))`,
    ).run(json);
}

/**
 * Settles up to `limit` dirty records: for each, what its rows counted is taken out and what the
 * record counts now is added (a record gone or deleted: taken out only), and it leaves
 * report_dirty. Running it again changes nothing. Run it inside a write transaction; returns how
 * many records it settled.
 */
export function settleReports(db: Database.Database, limit: number): number {
  // `upto` found again if the transitions were numbered anew (a restore from a dump), then the
  // rows inserted since the last settle: their records to report_dirty, their moves counted.
  followMark(db);
  takeUpNewRows(db);
  const { byEntity, n } = dirtyBatch(db, limit);
  for (const [entity, ids] of byEntity) settleIds(db, entity, ids);
  return n;
}

/** Up to `limit` dirty records, by entity. */
function dirtyBatch(db: Database.Database, limit: number) {
  const byEntity = new Map<string, string[]>();
  if (limit <= 0) return { byEntity, n: 0 };
  const dirty = prepared(db, `SELECT entity, record_id FROM ${DIRTY} LIMIT ?`).all(limit) as {
    entity: string;
    record_id: string;
  }[];
  for (const d of dirty) {
    const ids = byEntity.get(d.entity);
    if (ids) ids.push(d.record_id);
    else byEntity.set(d.entity, [d.record_id]);
  }
  return { byEntity, n: dirty.length };
}

/**
 * Whether records wait for their settle, in this connection's snapshot (plain reads): marked in
 * report_dirty or inserted since the last settle (report-sources.ts).
 */
export function hasDirty(db: Database.Database): boolean {
  return prepared(db, `SELECT 1 FROM ${DIRTY} LIMIT 1`).get() !== undefined || hasNewRows(db);
}

/**
 * Every dirty record settled on this writable connection: inside its open transaction, else in
 * one of its own (synchronous: no other write of this connection runs in between).
 */
export function settleAllReports(db: Database.Database): void {
  const run = () => {
    while (settleReports(db, 5_000) > 0);
  };
  if (db.inTransaction) run();
  else db.transaction(run).immediate();
}
