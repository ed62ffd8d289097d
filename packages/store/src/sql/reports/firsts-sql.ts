/**
 * SQLite reads of a record's first owner and first touch. The kept rows (report_first_owner,
 * report_first_touch) are taken up by the settle from the rows above `upto` of record_history
 * and touches (sqlite/report-firsts.ts), so a read may meet records whose latest rows wait: for
 * those (one set per statement: the rows above `upto`, a rowid range, few) the answer is read
 * from the record's own rows, as before migration 0014; for every other record the kept row is
 * exact. A read needs no settle and no writer, in any snapshot: a list filter, a count of
 * another thread, a report read from the records (sql/reports/unsettled.ts) alike. PostgreSQL
 * keeps the rows in every write (its triggers) and reads them as they are.
 */
export const FIRST_OWNER_SOURCE = 'record_history';
export const FIRST_TOUCH_SOURCE = 'touches';

/**
 * The ids of `entity` (an SQL literal) with rows of `source` above its `upto`: the table's rowid
 * range (NOT INDEXED: the (entity, record_id) index would read every row of the entity). An
 * uncorrelated subquery: SQLite builds the set once a statement, and a record pays one look-up
 * in it (a statement that tested first whether any row waits, to skip it, was no faster).
 */
function waiting(source: string, entity: string, only = ''): string {
  return (
    `(SELECT p.record_id FROM ${source} AS p NOT INDEXED WHERE p.rowid >` +
    ` (SELECT s.upto FROM report_settled AS s WHERE s.source = '${source}') AND p.entity = ${entity}${only})`
  );
}

/**
 * `kept` (an expression over the kept row) for a record `id` of `entity` whose history rows are
 * all taken up, else `own` (the same from its history).
 */
export function firstOwnerRead(entity: string, id: string, kept: string, own: string): string {
  return `(CASE WHEN ${id} IN ${waiting(FIRST_OWNER_SOURCE, entity, " AND p.field = 'ownerId'")} THEN ${own} ELSE ${kept} END)`;
}

/** Likewise for the first touch. */
export function firstTouchRead(entity: string, id: string, kept: string, own: string): string {
  return `(CASE WHEN ${id} IN ${waiting(FIRST_TOUCH_SOURCE, entity)} THEN ${own} ELSE ${kept} END)`;
}

/**
 * The record's assignment delay from its own history: its first `ownerId` row by (at, id), as
 * report_first_owner keeps it (`from_none`: a row leaving no owner).
 */
export const ownDelay = (entity: string, id: string, created: string) =>
  `(SELECT CASE WHEN h."before" IS NULL THEN h.at - ${created} ELSE 0 END FROM record_history h` +
  ` WHERE h.entity = ${entity} AND h.record_id = ${id} AND h.field = 'ownerId' ORDER BY h.at, h.id LIMIT 1)`;

/** A UTM column of the record's first touch by (at, id), from its own touches. */
export const ownTouch = (entity: string, id: string, column: string) =>
  `(SELECT t.${column} FROM touches t WHERE t.entity = ${entity} AND t.record_id = ${id} ORDER BY t.at, t.id LIMIT 1)`;
