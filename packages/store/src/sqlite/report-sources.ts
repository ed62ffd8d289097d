import type Database from 'better-sqlite3';
import { quoteIdent } from '../entity/entity-table';
import { bucketSql } from '../sql/reports/dwell-buckets';
import { prepared } from './exec';
import { isFirstsSource, takeUpFirsts } from './report-firsts';

/**
 * SQLite: the rows a write inserts into an entity table or stage_transitions need no trigger.
 * report_settled keeps, per source table, the highest rowid the settle has taken up (`upto`);
 * the settle (report-settle.ts) takes the rows above it — their records to report_dirty, the
 * transitions' moves into report_dwell, exactly once — and moves `upto` to the table's last
 * rowid. Why: the insert triggers that marked the record, rewrote its `entered` and counted the
 * move were ~7 % of an engine create and 1.3 of its ~33 WAL pages (docs/storage.md, session 28).
 * A rowid table gives a new row the last rowid + 1: only when the last row is deleted may the
 * next insert take a rowid at or below `upto`, so a delete that leaves the table's last rowid
 * below `upto` moves `upto` down to it (lowerSql; the rows between are gone).
 */
export const SETTLED = 'report_settled';

/** The source row of stage_transitions (its moves: report_dwell; its records: their `entered`). */
export const TRANSITIONS = 'stage_transitions';

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The statement a delete trigger on `table` runs: `upto` no higher than the table's last rowid. */
export function lowerSql(table: string): string {
  const last = `(SELECT COALESCE(max(rowid), 0) FROM ${quoteIdent(table)})`;
  return `UPDATE ${SETTLED} SET upto = ${last} WHERE source = ${lit(table)} AND upto > ${last}`;
}

/**
 * The statement the transitions' delete trigger runs last: when the row at `upto` goes, `upto`
 * and `mark` move down to the row before it (none between is left; report-mark.ts). So the row
 * at `upto` always holds `mark`, and an insert can never take a rowid at or below `upto` (a
 * rowid table gives a new row its last rowid + 1).
 */
export function markDownSql(table: string = TRANSITIONS): string {
  const before = `FROM ${table} WHERE rowid < OLD.rowid`;
  return (
    `UPDATE ${SETTLED} SET upto = (SELECT COALESCE(max(rowid), 0) ${before}),` +
    ` mark = (SELECT id ${before} ORDER BY rowid DESC LIMIT 1)` +
    ` WHERE source = '${table}' AND upto = OLD.rowid`
  );
}

/** Whether the transition `row` (OLD or NEW) was counted in report_dwell (at or below `upto`). */
const counted = (row: string) =>
  `${row}.rowid <= (SELECT upto FROM ${SETTLED} WHERE source = '${TRANSITIONS}')`;

/** A move that has a dwell time: the stage it left is known. */
const hasDwell = (row: string) => `${row}.dwell_ms IS NOT NULL AND ${row}.from_stage IS NOT NULL`;

/** Takes the counted move `row` out of report_dwell (a deleted or rewritten transition). */
function dwellTakeOutSql(row: string): string {
  return (
    `UPDATE report_dwell SET moves = moves - 1, total_ms = total_ms - ${row}.dwell_ms` +
    ` WHERE entity = ${row}.entity AND day = ${row}.at / 86400000 AND stage = ${row}.from_stage` +
    ` AND bucket = ${bucketSql(`${row}.dwell_ms`)} AND ${hasDwell(row)} AND ${counted(row)}`
  );
}

/** Adds the move `row` (a rewritten transition, counted before) to report_dwell. */
function dwellAddSql(row: string): string {
  return (
    `INSERT INTO report_dwell (entity, day, stage, bucket, moves, total_ms)` +
    ` SELECT ${row}.entity, ${row}.at / 86400000, ${row}.from_stage, ${bucketSql(`${row}.dwell_ms`)}, 1, ${row}.dwell_ms` +
    ` WHERE ${hasDwell(row)} AND ${counted(row)}` +
    ` ON CONFLICT (entity, day, stage, bucket) DO UPDATE SET moves = moves + 1, total_ms = total_ms + excluded.total_ms`
  );
}

/** The statement that counts the moves above `upto` (an expression) into report_dwell. */
export const dwellAboveSql = (upto: string) =>
  `INSERT INTO report_dwell (entity, day, stage, bucket, moves, total_ms)` +
  ` SELECT entity, at / 86400000, from_stage, ${bucketSql('dwell_ms')}, count(*), sum(dwell_ms)` +
  ` FROM ${TRANSITIONS} WHERE rowid > ${upto} AND ${hasDwell(TRANSITIONS)} GROUP BY 1, 2, 3, 4` +
  ` ON CONFLICT (entity, day, stage, bucket) DO UPDATE SET moves = moves + excluded.moves, total_ms = total_ms + excluded.total_ms`;
const DWELL_ABOVE = dwellAboveSql('?');

const mark = (row: string) =>
  `INSERT OR IGNORE INTO report_dirty (entity, record_id) VALUES (${row}.entity, ${row}.record_id)`;
const body = (stmts: string[]) => `BEGIN\n  ${stmts.join(';\n  ')};\nEND`;

/**
 * stage_transitions' triggers, by name: none on insert (the settle takes the rows above
 * `upto`). A delete takes a counted move out of report_dwell (one the settle has not taken up
 * was never in it: exactly once) and marks its record (its `entered`); an update of what a move
 * counts takes the old move out and puts the new one in when it was counted, and marks both
 * records.
 */
export function transitionSourceTriggers(): Map<string, string> {
  return new Map([
    [
      'report__transition_del',
      `CREATE TRIGGER report__transition_del AFTER DELETE ON ${TRANSITIONS}\n` +
        body([dwellTakeOutSql('OLD'), mark('OLD'), markDownSql()]),
    ],
    [
      'report__transition_upd',
      `CREATE TRIGGER report__transition_upd AFTER UPDATE OF entity, record_id, to_stage, from_stage, at, dwell_ms ON ${TRANSITIONS}\n` +
        body([dwellTakeOutSql('OLD'), dwellAddSql('NEW'), mark('OLD'), mark('NEW')]),
    ],
  ]);
}

/**
 * Sets `upto` of `source` (for `entity`'s records, or null: the transitions) to its last rowid,
 * and the transitions' `mark` to that row's id.
 */
export function settledUpTo(db: Database.Database, source: string, entity: string | null): void {
  const t = quoteIdent(source);
  const mark = entity === null ? `(SELECT id FROM ${t} WHERE rowid = last.upto)` : 'NULL';
  prepared(
    db,
    `INSERT INTO ${SETTLED} (source, entity, upto, mark) SELECT ?, ?, last.upto, ${mark}` +
      ` FROM (SELECT COALESCE(max(rowid), 0) AS upto FROM ${t}) AS last WHERE true` +
      ` ON CONFLICT (source) DO UPDATE SET entity = excluded.entity, upto = excluded.upto, mark = excluded.mark`,
  ).run(source, entity);
}

type Source = { source: string; entity: string | null; upto: number };

/** Connections that have report_settled (a table no later version drops). */
const hasTable = new WeakSet<Database.Database>();

/**
 * The sources (a few rows, read by every report read's check: no look-up in sqlite_master);
 * none before migration 0022 (a test's database taken back before it).
 */
function sources(db: Database.Database): Source[] {
  if (!hasTable.has(db)) {
    const sql = `SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '${SETTLED}'`;
    if (prepared(db, sql).get() === undefined) return [];
    hasTable.add(db);
  }
  return prepared(db, `SELECT source, entity, upto FROM ${SETTLED}`).all() as Source[];
}

/**
 * Whether the source holds rows above its `upto`; false for a table that is gone (an entity
 * table archived or dropped leaves its row behind).
 */
function hasAbove(db: Database.Database, s: Source): boolean {
  try {
    return (
      prepared(db, `SELECT 1 FROM ${quoteIdent(s.source)} WHERE rowid > ? LIMIT 1`).get(s.upto) !==
      undefined
    );
  } catch (e) {
    if (e instanceof Error && e.message.includes('no such table')) return false;
    throw e;
  }
}

/** Per connection, the one statement that probes every source, and the sources it names. */
const probes = new WeakMap<Database.Database, { key: string; stmt: Database.Statement | null }>();

/**
 * Whether a source holds rows the settle has not taken up, in this connection's snapshot. Every
 * read of the kept report tables asks it (settled-reads.ts): one statement probes every source
 * (a probe a statement and the sources' rows read apart cost ~20 µs a read), made again when
 * the sources change; a source whose table is gone falls back to probing one by one.
 */
export function hasNewRows(db: Database.Database): boolean {
  if (!hasTable.has(db) && sources(db).length === 0) return false;
  const names = prepared(db, `SELECT group_concat(source, char(1)) AS k FROM ${SETTLED}`).get() as {
    k: string | null;
  };
  const key = names.k ?? '';
  if (key === '') return false;
  let probe = probes.get(db);
  if (probe?.key !== key) {
    const each = key
      .split('\u0001')
      .map(
        (t) =>
          `EXISTS (SELECT 1 FROM ${quoteIdent(t)} WHERE rowid > (SELECT upto FROM ${SETTLED} WHERE source = ${lit(t)}))`,
      );
    let stmt: Database.Statement | null = null;
    try {
      stmt = db.prepare(`SELECT ${each.join(' OR ')} AS y`);
    } catch (e) {
      if (!(e instanceof Error && e.message.includes('no such table'))) throw e;
    }
    probes.set(db, (probe = { key, stmt }));
  }
  if (probe.stmt) {
    try {
      return (probe.stmt.get() as { y: number }).y === 1;
    } catch (e) {
      if (!(e instanceof Error && e.message.includes('no such table'))) throw e;
      probes.set(db, { key, stmt: null });
    }
  }
  return sources(db).some((s) => hasAbove(db, s));
}

/**
 * Takes up every source's rows above its `upto`: an entity table's records and the
 * transitions' records go to report_dirty, the transitions' moves into report_dwell; `upto`
 * becomes the table's last rowid. Inside the settle's write transaction.
 */
export function takeUpNewRows(db: Database.Database): void {
  for (const s of sources(db)) {
    if (!hasAbove(db, s)) continue;
    const t = quoteIdent(s.source);
    if (isFirstsSource(s.source)) takeUpFirsts(db, s.source, s.upto);
    else if (s.entity === null) {
      prepared(db, DWELL_ABOVE).run(s.upto);
      prepared(
        db,
        `INSERT OR IGNORE INTO report_dirty (entity, record_id) SELECT entity, record_id FROM ${t} WHERE rowid > ?`,
      ).run(s.upto);
    } else
      prepared(
        db,
        `INSERT OR IGNORE INTO report_dirty (entity, record_id) SELECT ?, id FROM ${t} WHERE rowid > ?`,
      ).run(s.entity, s.upto);
    settledUpTo(db, s.source, s.entity);
  }
}

/**
 * After a bulk write (bulk-flag.ts), whose call kept its records' report rows itself
 * (sql/reports/bulk-upkeep.ts; takeUpNewRows ran before it, so the rows above `upto` are the
 * batch's): its transitions' moves are counted into report_dwell, and every source's `upto`
 * moves past the batch without marking its records — a settle of each would only count them
 * again (an import's 100,000 records: ~1-2 s of the writer at the next read).
 */
export function takeUpBulk(db: Database.Database): void {
  for (const s of sources(db)) {
    if (!hasAbove(db, s)) continue;
    // The first owners and touches the batch's history and touches bring: the bulk call reads
    // them (bulk-upkeep.ts inTimeSql, touch-sql.ts) once the flag is down.
    if (isFirstsSource(s.source)) takeUpFirsts(db, s.source, s.upto);
    else if (s.entity === null) prepared(db, DWELL_ABOVE).run(s.upto);
    settledUpTo(db, s.source, s.entity);
  }
}
