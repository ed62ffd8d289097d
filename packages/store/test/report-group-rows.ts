import { rebuildSql } from '../src/sql/reports/cohort-sql';
import { foldAllReportGroups } from '../src/sqlite/report-fold';
import { settleAllReports } from '../src/sqlite/report-settle';
import type { SqliteRun } from './on-databases';

/** The tables the report triggers keep: each record's row and the day and month groups. */
export const TABLES = ['report_rows', 'report_cohorts', 'report_cohort_months'] as const;

/** Whether the database has `table` (one taken back to before a migration may not). */
const has = (db: Parameters<Parameters<SqliteRun>[0]>[0], table: string) =>
  db.prepare('SELECT 1 FROM sqlite_master WHERE name = ?').get(table) !== undefined;

/**
 * Every row of the three tables, as text, sorted; the records waiting for their settle settled
 * and the group changes written behind folded in first (what reports read).
 */
export const contents = (sql: SqliteRun) =>
  sql((db) => {
    if (has(db, 'report_dirty')) settleAllReports(db);
    // (A database taken back to before 0018 has no pending changes to fold.)
    if (has(db, 'report_group_pending')) foldAllReportGroups(db);
    return TABLES.map((t) =>
      (db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[])
        .map((r) => Object.values(r).map(String).join('|'))
        .sort(),
    );
  });

/** The same after rebuilding them from the records (rolled back): what exact groups hold. */
export const rebuilt = (sql: SqliteRun) =>
  sql((db) => {
    db.exec('BEGIN');
    try {
      for (const q of rebuildSql('e_lead', "'lead'", 'sqlite')) db.exec(q);
      return contents((f) => f(db));
    } finally {
      db.exec('ROLLBACK');
    }
  });

/**
 * How many records wait for their settle, read past the store: report_dirty's rows, and the
 * records and transitions' records inserted above what the settle has taken up
 * (sqlite/report-sources.ts; report_settled is missing before migration 0022).
 */
export const waiting = (sql: SqliteRun) =>
  sql((db) => {
    const upto = (s: string) => `(SELECT upto FROM report_settled WHERE source = '${s}')`;
    const above = has(db, 'report_settled')
      ? ` UNION SELECT 'lead', id FROM e_lead WHERE rowid > ${upto('e_lead')}` +
        ` UNION SELECT entity, record_id FROM stage_transitions WHERE rowid > ${upto('stage_transitions')}`
      : '';
    const q = `SELECT count(*) AS n FROM (SELECT entity, record_id FROM report_dirty${above})`;
    return (db.prepare(q).get() as { n: number }).n;
  });
