import { expect } from 'vitest';
import type { Store } from '../src/index';
import { bucketSql } from '../src/sql/reports/dwell-buckets';
import { settleAllReports } from '../src/sqlite/report-settle';
import { baseSpec } from './fixtures';
import { ok } from './contract/seeded';
import type { SqliteRun } from './on-databases';

/** A filter every lead passes that the kept tables cannot answer: the read goes over the records. */
const FULL = { '!=': [{ var: 'name' }, '-'] };

/** After a settle, SQLite's kept `report_dwell` holds exactly what the moves count. */
export function expectDwellExact(sql: SqliteRun): void {
  sql(settleAllReports);
  const kept = sql((db) =>
    db
      .prepare(
        'SELECT entity, day, stage, bucket, moves, total_ms FROM report_dwell WHERE moves <> 0 ORDER BY 1, 2, 3, 4',
      )
      .all(),
  );
  const moves = sql((db) =>
    db
      .prepare(
        `SELECT entity, at / 86400000 AS day, from_stage AS stage, ${bucketSql('dwell_ms')} AS bucket, count(*) AS moves, sum(dwell_ms) AS total_ms FROM stage_transitions WHERE dwell_ms IS NOT NULL AND from_stage IS NOT NULL GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`,
      )
      .all(),
  );
  expect(kept).toEqual(moves);
}

/**
 * Time in stage and stage entries over each range, against the same read forced over the records
 * and moves (brute force). Returns how many moves the widest dwell read counted.
 */
export async function expectDwellReadsExact(
  store: Store,
  ranges: [number | undefined, number | undefined][],
): Promise<number> {
  const reports = store.reports(baseSpec);
  let moves = 0;
  for (const [from, to] of ranges) {
    const at = { ...(from === undefined ? {} : { from }), ...(to === undefined ? {} : { to }) };
    const read = async (full: boolean) => {
      const q = { at, ...(full ? { filter: FULL } : {}) };
      const dwell = await ok(reports.dwell('lead', q));
      const entries = await ok(reports.entries('lead', q));
      return [
        dwell.map((r) => [r.stage, r.count, Math.round(r.mean), r.median, r.p90]),
        entries.map((r) => [r.stage, r.records]).sort(),
      ] as const;
    };
    const fast = await read(false);
    expect(fast).toEqual(await read(true));
    moves = Math.max(
      moves,
      fast[0].reduce((n, r) => n + Number(r[1]), 0),
    );
  }
  return moves;
}
