import type { SqlDialectName } from '@trellis/logic';
import type { DwellRow, TimeRange } from '../../api/reports';
import { quoteIdent, type EntityTableInfo } from '../../entity/entity-table';
import { fromNum, type SqlExec } from '../exec';
import { param } from './scope';

/** An open end of a range. */
const FAR = Number.MAX_SAFE_INTEGER;

/**
 * Time in stage over every live record of the entity (no scope, filter or split: a manager's
 * dwell time) from the moves' own index (stage_transitions_dwell_ix: entity, from_stage, at,
 * dwell_ms, record_id; moves only), without reading a record or a transition row; soft-deleted
 * records are left out by their partial index. Per stage one range for the count and mean, then
 * one sort of its values for the two ranks: one window over every stage at once sorted all the
 * moves of the period together (7 s at 1,000,000 leads), the records-first join read every lead
 * and its transitions (4–17 s).
 */
export async function dwellOfAll(
  x: SqlExec,
  p: { info: EntityTableInfo; at?: TimeRange | undefined; dialect: SqlDialectName },
): Promise<DwellRow[]> {
  const d = p.dialect;
  const e = p.info.entity;
  const [from, to] = [p.at?.from ?? -FAR, p.at?.to ?? FAR];
  const pe = param(d, e);
  // The stages left by a loose index scan: one seek per stage.
  const stages = await x.all(
    `WITH RECURSIVE s(v) AS (
       SELECT min(from_stage) FROM stage_transitions WHERE entity = ${pe} AND dwell_ms IS NOT NULL
       UNION ALL
       SELECT (SELECT min(t.from_stage) FROM stage_transitions t
               WHERE t.entity = ${pe} AND t.dwell_ms IS NOT NULL AND t.from_stage > s.v)
       FROM s WHERE s.v IS NOT NULL)
     SELECT v FROM s WHERE v IS NOT NULL`,
    [e, e],
  );
  const moves = `FROM stage_transitions t
     WHERE t.entity = ${pe} AND t.from_stage = ${param(d, '')} AND t.dwell_ms IS NOT NULL
       AND t.at >= ${param(d, from)} AND t.at < ${param(d, to)}
       AND t.record_id NOT IN (SELECT id FROM ${quoteIdent(p.info.table)} WHERE deleted_at IS NOT NULL)`;
  const out: DwellRow[] = [];
  for (const { v } of stages) {
    const stage = String(v);
    const params = [e, stage, from, to];
    const [sum] = await x.all(`SELECT count(*) AS n, avg(t.dwell_ms) AS mean ${moves}`, params);
    const n = fromNum(sum?.n);
    if (n === 0) continue;
    // Nearest rank, as the scoped query: (n + 1) / 2 and (9n + 9) / 10, whole numbers.
    const [mid, high] = [Math.floor((n + 1) / 2), Math.floor((9 * n + 9) / 10)];
    const ranked = await x.all(
      `SELECT rn, v FROM (SELECT t.dwell_ms AS v, ROW_NUMBER() OVER (ORDER BY t.dwell_ms) AS rn ${moves}) w
       WHERE rn IN (${param(d, mid)}, ${param(d, high)})`,
      [...params, mid, high],
    );
    const at = (k: number) => fromNum(ranked.find((r) => fromNum(r.rn) === k)?.v);
    out.push({
      stage,
      key: null,
      count: n,
      mean: fromNum(sum?.mean),
      median: at(mid),
      p90: at(high),
    });
  }
  return out;
}
