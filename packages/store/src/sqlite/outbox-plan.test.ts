import { describe, expect, it } from 'vitest';
import { openDatabase, type StoreDb } from '../db/open-database';
import { pendingEventSql } from '../sql/outbox';
import { OUTBOX_PENDING } from './open-store';

const plan = (db: StoreDb, sql: string) =>
  (
    db.sqlite.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(
      ...sql
        .split('?')
        .slice(1)
        .map(() => 0),
    ) as {
      detail: string;
    }[]
  )
    .map((r) => r.detail)
    .join('; ');

describe('finding pending outbox events', () => {
  it('uses the pending index even with statistics taken during a burst, when a scan looked cheaper', () => {
    const db = openDatabase(':memory:');
    // What `PRAGMA optimize` recorded when a connection opened with 1,560 events, 1,001 of them unprocessed.
    db.sqlite.exec(`ANALYZE sqlite_schema`);
    db.sqlite.exec(
      `INSERT INTO sqlite_stat1 (tbl, idx, stat) VALUES ('outbox', 'outbox_pending_ix', '1560 1001 1'), ('outbox', 'outbox_id_uq', '1560 1')`,
    );
    db.sqlite.exec(`ANALYZE sqlite_schema`); // reloads the statistics into the planner
    // The planner's own choice with these statistics: walk the whole table in seq order.
    const unpinned = pendingEventSql('outbox');
    expect(plan(db, unpinned.take)).toMatch(/^SCAN outbox$/);
    expect(plan(db, unpinned.claimable)).toMatch(/^SCAN outbox$/);
    for (const sql of Object.values(pendingEventSql(OUTBOX_PENDING)))
      expect(plan(db, sql)).toMatch(
        /SEARCH outbox USING (COVERING )?INDEX outbox_pending_ix \(processed_at=\?\)/,
      );
    db.close();
  });
});
