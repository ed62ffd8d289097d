import type Database from 'better-sqlite3';

/**
 * Gives SQLite's planner the statistics it samples at 1,000,000 leads for the owner and stage
 * indexes (1,001 owners), so a small test database is planned as a large one. The connection
 * registers the bulk switch the report triggers call.
 */
export function withMillionLeadStats(db: Database.Database): void {
  db.function('trellis_bulk', () => 0);
  db.exec('ANALYZE');
  db.exec(`DELETE FROM sqlite_stat1 WHERE tbl = 'e_lead'`);
  for (const idx of ['ix_e_lead__owner', 'ix_e_lead__stage'])
    db.prepare(`INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('e_lead', ?, ?)`).run(
      idx,
      '1000000 1001 1 1 1 1',
    );
  db.exec('ANALYZE sqlite_schema');
}
