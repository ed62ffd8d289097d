import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BOUNDS, bucketOf, bucketRange, bucketSql } from './dwell-buckets';

describe('dwell buckets', () => {
  it('puts every value, in SQL as in code, in the one bucket whose range holds it', () => {
    const values = [-1e12, -1, 0, 1, 59_999, 1e15];
    for (const b of BOUNDS) values.push(b - 1, b, b + 1);
    const db = new Database(':memory:');
    const sql = db.prepare(`SELECT ${bucketSql('v')} AS b FROM (SELECT ? AS v)`);
    for (const v of values) {
      const b = (sql.get(v) as { b: number }).b;
      expect([v, b]).toEqual([v, bucketOf(v)]);
      const { lo, hi } = bucketRange(b);
      expect(lo === null || v >= lo).toBe(true);
      expect(hi === null || v < hi).toBe(true);
    }
    db.close();
    // Eight a doubling from a minute to two years (728 days), each under 10 % wide.
    expect(BOUNDS[0]).toBe(60_000);
    expect(BOUNDS.at(-1)! / 86_400_000).toBeGreaterThan(720);
    for (let i = 1; i < BOUNDS.length; i++) expect(BOUNDS[i]! / BOUNDS[i - 1]!).toBeLessThan(1.1);
  });

  it('is the CASE both migrations keep report_dwell with (a new boundary needs a new migration)', () => {
    for (const file of [
      '../../../drizzle/0012_dwell_buckets.sql',
      '../../../drizzle-pg/0012_dwell_buckets.sql',
    ]) {
      const text = readFileSync(new URL(file, import.meta.url), 'utf8');
      for (const v of ['dwell_ms', 'NEW.dwell_ms', 'OLD.dwell_ms'])
        expect(text.includes(bucketSql(v)), `${file}: ${v}`).toBe(true);
    }
  });
});
