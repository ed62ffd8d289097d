import type { SqlDialectName } from '@trellis/logic';
import type { DwellRow, TimeRange } from '../../api/reports';
import { quoteIdent, type EntityTableInfo } from '../../entity/entity-table';
import { fromNum, type SqlExec } from '../exec';
import { bucketRange, bucketSql } from './dwell-buckets';
import { param } from './scope';
import { unlessUnsettled } from './unsettled';

/** An open end of a range. */
const FAR = Number.MAX_SAFE_INTEGER;
const DAY = 86_400_000;

type Parts = { info: EntityTableInfo; at?: TimeRange | undefined; dialect: SqlDialectName };
/** Moves per stage left and dwell bucket: how many and their summed time. */
type Histogram = Map<string, Map<number, { n: number; sum: number }>>;

/**
 * The whole UTC days of [from, to) (report_dwell's `day`, at / 86400000 truncated) and the
 * partial ranges at its ends, read from the moves themselves. Days below 1 are never whole
 * unless the range is open below (truncation puts -1 ms and +1 ms in day 0).
 */
function split(
  from: number,
  to: number,
): { days: [number, number] | null; ends: [number, number][] } {
  const lo = from === -FAR ? -FAR : Math.max(1, Math.ceil(from / DAY));
  const hi = to === FAR ? FAR : Math.floor(to / DAY);
  if (hi < 1 || lo >= hi) return { days: null, ends: [[from, to]] };
  const ends: [number, number][] = [];
  if (from !== -FAR && from < lo * DAY) ends.push([from, lo * DAY]);
  if (to !== FAR && hi * DAY < to) ends.push([hi * DAY, to]);
  return { days: [lo, hi], ends };
}

function add(h: Histogram, rows: Record<string, unknown>[], sign: 1 | -1): void {
  for (const r of rows) {
    const stage = String(r.s);
    let buckets = h.get(stage);
    if (!buckets) h.set(stage, (buckets = new Map()));
    const b = fromNum(r.b);
    const cell = buckets.get(b) ?? { n: 0, sum: 0 };
    cell.n += sign * fromNum(r.n);
    cell.sum += sign * fromNum(r.total);
    buckets.set(b, cell);
  }
}

/** The stages the entity's moves left, by a loose index scan (one seek per stage). */
async function stagesLeft(x: SqlExec, d: SqlDialectName, e: string): Promise<string[]> {
  const pe = param(d, e);
  const rows = await x.all(
    `WITH RECURSIVE s(v) AS (
       SELECT min(from_stage) FROM stage_transitions WHERE entity = ${pe} AND dwell_ms IS NOT NULL
       UNION ALL
       SELECT (SELECT min(t.from_stage) FROM stage_transitions t
               WHERE t.entity = ${pe} AND t.dwell_ms IS NOT NULL AND t.from_stage > s.v)
       FROM s WHERE s.v IS NOT NULL)
     SELECT v FROM s WHERE v IS NOT NULL`,
    [e, e],
  );
  return rows.map((r) => String(r.v));
}

/**
 * Time in stage over every live record of the entity (no scope, filter or split: a manager's
 * dwell time) from the maintained report_dwell (moves per UTC day, stage left and dwell bucket,
 * with their summed time; migration 0012 keeps it): the whole days of the range from it, the
 * partial days at its ends and the soft-deleted records' moves (taken out) from the moves'
 * indexes. That gives the count and mean exactly, and per stage the bucket holding each rank;
 * the exact median and p90 are then the k-th smallest time of that one bucket's moves in the
 * range (stage_transitions_dwell_value_ix: entity, from_stage, dwell_ms, at). Sorting every move
 * of the period for the two ranks took 4.9 s at 1,000,000 leads (~240,000 moves a stage).
 */
export async function dwellOfAll(x: SqlExec, p: Parts): Promise<DwellRow[]> {
  const d = p.dialect;
  const e = p.info.entity;
  const [from, to] = [p.at?.from ?? -FAR, p.at?.to ?? FAR];
  const pe = param(d, e);
  const bucket = bucketSql('t.dwell_ms');
  const h: Histogram = new Map();
  const { days, ends } = split(from, to);
  // SQLite: null when moves wait for their settle on a reader that cannot have them settled
  // (unsettled.ts); the whole range is then read from the moves themselves, as its ends are.
  const kept = days
    ? await unlessUnsettled(async () =>
        x.all(
          `SELECT stage AS s, bucket AS b, sum(moves) AS n, sum(total_ms) AS total FROM report_dwell
         WHERE entity = ${pe} AND day >= ${param(d, days[0])} AND day < ${param(d, days[1])}
         GROUP BY stage, bucket`,
          [e, days[0], days[1]],
        ),
      )
    : [];
  if (kept) add(h, kept, 1);
  else ends.splice(0, ends.length, [from, to]);
  // SQLite: the moves by time (its planner may take the moves by value for a range on `at`).
  const byTime = d === 'sqlite' ? ' INDEXED BY stage_transitions_dwell_ix' : '';
  // One range per stage: `from_stage IS NOT NULL` alone made the range on `at` a filter over
  // every move of the entity (0.3-0.5 s for a partial day at 1,000,000 leads).
  const left = ends.length === 0 ? [] : await stagesLeft(x, d, e);
  for (const [a, b] of ends)
    for (const stage of left)
      add(
        h,
        await x.all(
          `SELECT t.from_stage AS s, ${bucket} AS b, count(*) AS n, sum(t.dwell_ms) AS total
           FROM stage_transitions t${byTime}
           WHERE t.entity = ${pe} AND t.from_stage = ${param(d, stage)} AND t.dwell_ms IS NOT NULL
             AND t.at >= ${param(d, a)} AND t.at < ${param(d, b)}
           GROUP BY 1, 2`,
          [e, stage, a, b],
        ),
        1,
      );
  const table = quoteIdent(p.info.table);
  const deleted = `SELECT id FROM ${table} WHERE deleted_at IS NOT NULL`;
  add(
    h,
    await x.all(
      `SELECT t.from_stage AS s, ${bucket} AS b, count(*) AS n, sum(t.dwell_ms) AS total
       FROM ${table} r ${d === 'sqlite' ? 'CROSS JOIN' : 'JOIN'} stage_transitions t ON t.record_id = r.id
       WHERE r.deleted_at IS NOT NULL AND t.entity = ${pe} AND t.from_stage IS NOT NULL
         AND t.dwell_ms IS NOT NULL AND t.at >= ${param(d, from)} AND t.at < ${param(d, to)}
       GROUP BY 1, 2`,
      [e, from, to],
    ),
    -1,
  );
  const byValue = d === 'sqlite' ? ' INDEXED BY stage_transitions_dwell_value_ix' : '';
  /** The k-th smallest (1-based) time in stage among the bucket's live moves in the range. */
  const kth = async (stage: string, b: number, k: number): Promise<number> => {
    const { lo, hi } = bucketRange(b);
    const [vlo, vhi] = [lo ?? -FAR, hi ?? FAR];
    const [row] = await x.all(
      `SELECT t.dwell_ms AS v FROM stage_transitions t${byValue}
       WHERE t.entity = ${pe} AND t.from_stage = ${param(d, stage)} AND t.dwell_ms IS NOT NULL
         AND t.dwell_ms >= ${param(d, vlo)} AND t.dwell_ms < ${param(d, vhi)}
         AND t.at >= ${param(d, from)} AND t.at < ${param(d, to)}
         AND t.record_id NOT IN (${deleted})
       ORDER BY t.dwell_ms LIMIT 1 OFFSET ${param(d, k - 1)}`,
      [e, stage, vlo, vhi, from, to, k - 1],
    );
    return fromNum(row?.v);
  };
  const out: DwellRow[] = [];
  for (const [stage, buckets] of [...h].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const sorted = [...buckets].filter(([, c]) => c.n > 0).sort(([a], [b]) => a - b);
    const n = sorted.reduce((s, [, c]) => s + c.n, 0);
    if (n === 0) continue;
    const sum = sorted.reduce((s, [, c]) => s + c.sum, 0);
    /** Nearest rank, as the scoped query: the bucket holding it and the rank inside it. */
    const at = async (rank: number) => {
      let before = 0;
      for (const [b, c] of sorted) {
        if (before + c.n >= rank) return kth(stage, b, rank - before);
        before += c.n;
      }
      throw new Error(`dwell rank ${rank} past ${n} moves`);
    };
    out.push({
      stage,
      key: null,
      count: n,
      mean: sum / n,
      median: await at(Math.floor((n + 1) / 2)),
      p90: await at(Math.floor((9 * n + 9) / 10)),
    });
  }
  return out;
}
