import { rebuildSql } from '../src/sql/reports/cohort-sql';
import { foldAllReportGroups } from '../src/sqlite/report-fold';
import type { SqliteRun } from './on-databases';

/** The tables the report triggers keep: each record's row and the day and month groups. */
export const TABLES = ['report_rows', 'report_cohorts', 'report_cohort_months'] as const;

/**
 * Every row of the three tables, as text, sorted; the group changes written behind folded in
 * first (what reports read).
 */
export const contents = (sql: SqliteRun) =>
  sql((db) => {
    // (A database taken back to before 0018 has no pending changes to fold.)
    if (db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'report_group_pending'").get())
      foldAllReportGroups(db);
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
