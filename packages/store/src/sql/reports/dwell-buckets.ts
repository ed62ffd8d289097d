/**
 * The dwell-time buckets of report_dwell (moves counted per entity, UTC day, stage left and
 * bucket of the time spent there). Bucket 0 holds times under a minute (and any negative one);
 * bucket i ≥ 1 holds [BOUNDS[i - 1], BOUNDS[i]), eight buckets per doubling (each ~9 % wide)
 * from one minute to two years (728 days); the last one is open above. The exact median and p90 are
 * read from the one bucket that holds their rank (dwell-all.ts), so a bucket only needs to be
 * narrow, not exact.
 *
 * The boundaries are written into the triggers and the fill of migration 0012 (SQLite) / 0012
 * (PostgreSQL) as the CASE of `bucketSql`: changing them needs a migration that rebuilds
 * report_dwell (test/dwell-buckets.test.ts checks both migrations carry this very CASE).
 */
export const BOUNDS: readonly number[] = Array.from({ length: 161 }, (_, i) =>
  Math.round(60_000 * 2 ** (i / 8)),
);

/** The bucket of a time in stage (ms), as bucketSql computes it. */
export function bucketOf(ms: number): number {
  let i = 0;
  while (i < BOUNDS.length && ms >= BOUNDS[i]!) i++;
  return i;
}

/** The values of bucket `b`: lo ≤ v < hi (null: open). */
export function bucketRange(b: number): { lo: number | null; hi: number | null } {
  return { lo: b === 0 ? null : BOUNDS[b - 1]!, hi: b >= BOUNDS.length ? null : BOUNDS[b]! };
}

/**
 * The bucket of the SQL expression `v` (an integer), the same on SQLite and PostgreSQL: a CASE
 * per doubling, then one per eighth, so at most ~30 comparisons (integers only: no float
 * rounding can put a value in a bucket whose range excludes it).
 */
export function bucketSql(v: string): string {
  const n = BOUNDS.length;
  const groups: string[] = [];
  // Group o: values in [BOUNDS[o], BOUNDS[hi]), buckets o + 1 … hi.
  for (let o = 0; o < n - 1; o += 8) {
    const hi = Math.min(o + 8, n - 1);
    const inner: string[] = [];
    for (let i = o + 1; i < hi; i++) inner.push(`WHEN ${v} < ${BOUNDS[i]} THEN ${i}`);
    const then = inner.length ? `CASE ${inner.join(' ')} ELSE ${hi} END` : `${hi}`;
    groups.push(`WHEN ${v} < ${BOUNDS[hi]} THEN ${then}`);
  }
  return `CASE WHEN ${v} < ${BOUNDS[0]} THEN 0 ${groups.join(' ')} ELSE ${n} END`;
}
