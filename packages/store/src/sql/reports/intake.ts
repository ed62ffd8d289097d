import type { SqlDialectName } from '@trellis/logic';
import type { IntakeRow, TimeRange } from '../../api/reports';
import { fromNum, type SqlExec } from '../exec';
import { param } from './scope';

/**
 * Intake log entries per source and status: how many in the range, and the newest ever (a
 * source's silence is measured from its last lead, whenever it came).
 */
export async function intake(
  x: SqlExec,
  at: TimeRange,
  dialect: SqlDialectName,
): Promise<IntakeRow[]> {
  const params: unknown[] = [];
  const inRange: string[] = [];
  for (const [op, v] of [
    ['>=', at.from],
    ['<', at.to],
  ] as const)
    if (v !== undefined) {
      inRange.push(`at ${op} ${param(dialect, v)}`);
      params.push(v);
    }
  const cond = inRange.length ? inRange.join(' AND ') : '1 = 1';
  const rows = await x.all(
    `SELECT kind, source_key, status, sum(CASE WHEN ${cond} THEN 1 ELSE 0 END) AS n, max(at) AS last
     FROM intake_log GROUP BY kind, source_key, status`,
    params,
  );
  return rows.map((r) => ({
    kind: String(r.kind),
    sourceKey: String(r.source_key),
    status: String(r.status),
    count: fromNum(r.n),
    last: fromNum(r.last),
  }));
}
