import type Database from 'better-sqlite3';
import { prepared } from './exec';
import { FIRSTS_SOURCES } from './report-firsts';
import { dwellAboveSql, SETTLED, settledUpTo, TRANSITIONS } from './report-sources';

/**
 * stage_transitions has implicit rowids (its key is a text id), and `upto` (report-sources.ts)
 * is one of them. SQLite's VACUUM keeps them — it copies a table that has an index row by row
 * with its rowid, and the transitions have several — but a restore from a plain `sqlite3 .dump`
 * inserts the rows without their rowids: numbered 1, 2, … anew in their order, a table with
 * deleted rows in the middle ends lower. `upto` would then name another row; the
 * moves renumbered below it would never be counted, or counted twice. So report_settled keeps
 * with `upto` the id of the row there (`mark`; its delete trigger moves both down to the row
 * before) and, before each settle and at the start, this checks that row still has it (one
 * look-up): if not, `upto` follows the id to its new rowid (a renumbering keeps the order and
 * only lowers rowids); an id not found below the old `upto` leaves no way to tell which rows
 * were taken up, so the transitions' share is counted again from scratch.
 */
export function followMark(db: Database.Database): void {
  for (const table of MARKED) followMarkOf(db, table);
}

/**
 * The sources with implicit rowids, whose `upto` carries a mark: record_history's and touches'
 * (report-firsts.ts) as the transitions'. Their take-up is an upsert that keeps the earlier row:
 * rows taken up twice change nothing, so a lost mark takes every row up again.
 */
const MARKED = [TRANSITIONS, ...FIRSTS_SOURCES];

function followMarkOf(db: Database.Database, table: string): void {
  const row = prepared(
    db,
    `SELECT s.upto AS upto, s.mark AS mark, t.id AS id FROM ${SETTLED} AS s` +
      ` LEFT JOIN ${table} AS t ON t.rowid = s.upto WHERE s.source = '${table}'`,
  ).get() as { upto: number; mark: string | null; id: string | null } | undefined;
  if (!row || row.upto === 0 || (row.mark !== null && row.id === row.mark)) return;
  if (row.mark === null) return adoptMark(db, table, row.upto);
  const moved = prepared(db, `SELECT rowid AS r FROM ${table} WHERE id = ?`).get(row.mark) as
    { r: number } | undefined;
  if (moved && moved.r < row.upto)
    prepared(db, `UPDATE ${SETTLED} SET upto = ? WHERE source = '${table}'`).run(moved.r);
  else if (table === TRANSITIONS) recountTransitions(db);
  else prepared(db, `UPDATE ${SETTLED} SET upto = 0, mark = NULL WHERE source = '${table}'`).run();
}

/**
 * A database of before migration 0023 (no `mark`; its rowids as they were, the delete trigger
 * then kept `upto` at most the last rowid): the mark is the last row at or below `upto` — the
 * rows between are gone.
 */
function adoptMark(db: Database.Database, table: string, upto: number): void {
  const below = `FROM ${table} WHERE rowid <= ?`;
  prepared(
    db,
    `UPDATE ${SETTLED} SET upto = (SELECT COALESCE(max(rowid), 0) ${below}),` +
      ` mark = (SELECT id ${below} ORDER BY rowid DESC LIMIT 1) WHERE source = '${table}'`,
  ).run(upto, upto);
}

/**
 * What depends on which moves were taken up, from scratch: report_dwell counted again from every
 * move (as migration 0012 did), every record with a move marked for its settle (its `entered`),
 * `upto` at the last rowid. Rare (a restore whose marked row is gone): the cost of a rebuild.
 */
function recountTransitions(db: Database.Database): void {
  prepared(db, 'DELETE FROM report_dwell').run();
  prepared(db, dwellAboveSql('0')).run();
  prepared(
    db,
    `INSERT OR IGNORE INTO report_dirty (entity, record_id) SELECT entity, record_id FROM ${TRANSITIONS}`,
  ).run();
  settledUpTo(db, TRANSITIONS, null);
}
