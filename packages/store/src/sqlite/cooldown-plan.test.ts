import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/open-database';
import { cooldownSql } from '../sql/ownership';
import { OWNERSHIP_COOLDOWN } from './open-store';

describe('finding the records in a handover cooldown', () => {
  it('uses the cooldown index even with statistics where the record index looked cheaper', () => {
    const db = openDatabase(':memory:');
    // What `PRAGMA optimize` recorded on a workspace of 100,000 seeded leads (no handovers yet).
    db.sqlite.exec(`ANALYZE sqlite_schema`);
    db.sqlite.exec(
      `INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES
        ('ownership_changes', 'ownership_changes_cooldown_ix', '100000 1001 1001 1001'),
        ('ownership_changes', 'ownership_changes_record_ix', '100000 1001 1 1')`,
    );
    db.sqlite.exec(`ANALYZE sqlite_schema`); // reloads the statistics into the planner
    const plan = (sql: string) =>
      (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('u1', 'lead', 0) as { detail: string }[])
        .map((r) => r.detail)
        .join('; ');
    // The planner's own choice: every row of the entity through the record index.
    expect(plan(cooldownSql('ownership_changes'))).toMatch(
      /ownership_changes_record_ix \(entity=\?\)/,
    );
    expect(plan(cooldownSql(OWNERSHIP_COOLDOWN))).toMatch(
      /SEARCH ownership_changes USING (COVERING )?INDEX ownership_changes_cooldown_ix \(from_user_id=\? AND entity=\? AND read_until>\?\)/,
    );
    db.close();
  });
});
