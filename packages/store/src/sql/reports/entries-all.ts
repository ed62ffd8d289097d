import type { SqlDialectName } from '@trellis/logic';
import type { EntryRow, TimeRange } from '../../api/reports';
import { quoteIdent, type EntityTableInfo } from '../../entity/entity-table';
import { fromNum, type SqlExec } from '../exec';
import { param } from './scope';

/** An open end of a range. */
const FAR = Number.MAX_SAFE_INTEGER;
const DAY = 86_400_000;

/**
 * Distinct records entering each stage in a range over every live record of the entity (no
 * scope, filter or split: a manager's period funnel), from the transitions' indexes without
 * reading a record or a transition row. A record entering a stage in the range has exactly one
 * entry there whose previous entry into the stage (`prev_entry_at`) lies before the range or
 * does not exist, so per stage:
 *   the entries in the range (stage_transitions_to_ix: entity, to_stage, at)
 * − those whose previous entry lies in the range too (stage_transitions_reentry_ix, which holds
 *   only re-entries)
 * − the counted entries of soft-deleted records (their partial index, then their transitions).
 * At 1,000,000 leads the records-first join read every lead and its transitions: 5–13 s.
 * PostgreSQL counts the range's whole UTC days from report_entries instead (byDay below).
 */
export async function entriesOfAll(
  x: SqlExec,
  p: { info: EntityTableInfo; at?: TimeRange | undefined; dialect: SqlDialectName },
): Promise<EntryRow[]> {
  const d = p.dialect;
  const e = p.info.entity;
  const from = p.at?.from ?? -FAR;
  const to = p.at?.to ?? FAR;
  const [pe, pf, pt] = [param(d, e), param(d, from), param(d, to)];
  const counts =
    (d === 'postgres' ? await byDay(x, e, from, to) : null) ??
    // The entity's stages by a loose index scan (one seek per stage), then two range counts each.
    (
      await x.all(
        `WITH RECURSIVE s(v) AS (${STAGES(pe)})
         SELECT v AS s,
           (SELECT count(*) FROM stage_transitions t
            WHERE t.entity = ${pe} AND t.to_stage = s.v AND t.at >= ${pf} AND t.at < ${pt}) AS n,
           (SELECT count(*) FROM stage_transitions t
            WHERE t.entity = ${pe} AND t.to_stage = s.v AND t.prev_entry_at IS NOT NULL
              AND t.prev_entry_at >= ${pf} AND t.prev_entry_at < ${pt} AND t.at < ${pt}) AS re
         FROM s WHERE v IS NOT NULL`,
        [e, e, e, from, to, e, from, to, to],
      )
    ).map((r) => ({ stage: String(r.s), n: fromNum(r.n) - fromNum(r.re) }));
  const deleted = await x.all(
    `SELECT t.to_stage AS s, count(*) AS n
     FROM ${quoteIdent(p.info.table)} r ${d === 'sqlite' ? 'CROSS JOIN' : 'JOIN'} stage_transitions t ON t.record_id = r.id
     WHERE r.deleted_at IS NOT NULL AND t.entity = ${pe} AND t.at >= ${pf} AND t.at < ${pt}
       AND (t.prev_entry_at IS NULL OR t.prev_entry_at < ${pf})
     GROUP BY t.to_stage`,
    [e, from, to, from],
  );
  const gone = new Map(deleted.map((r) => [String(r.s), fromNum(r.n)]));
  const out: EntryRow[] = [];
  for (const r of counts) {
    const n = r.n - (gone.get(r.stage) ?? 0);
    if (n > 0) out.push({ stage: r.stage, key: null, records: n });
  }
  return out;
}

/** The entity's stages entered, by a loose scan of stage_transitions_to_ix (one seek per stage). */
export const STAGES = (pe: string) =>
  `SELECT min(to_stage) FROM stage_transitions WHERE entity = ${pe}
   UNION ALL
   SELECT (SELECT min(t.to_stage) FROM stage_transitions t WHERE t.entity = ${pe} AND t.to_stage > s.v)
   FROM s WHERE s.v IS NOT NULL`;

/**
 * PostgreSQL: each stage's entries in [from, to) whose previous entry lies before `from` (or
 * none), live or not, with the range's whole UTC days counted from report_entries (migration
 * 0016: entries per day, stage, day of the previous entry and shard), and from the index only
 * what the days cannot answer: the partial days at the range's ends (stage_transitions_to_ix,
 * which holds the previous entry), and, when `from` is not midnight UTC, the re-entries of the
 * whole days whose previous entry lies on `from`'s own day before it (stage_transitions_reentry_ix).
 * A quarter's entries at 1,000,000 leads were ~1.15 million index entries counted (229–324 ms
 * quiet); the days are a few thousand rows. Null when the range has no whole day or starts
 * before day 2 (a day is `at` / 86400000 truncated: the days around 1970 are left to the index).
 * With `stage`, that stage's alone (a period step's list total).
 */
export async function byDay(
  x: SqlExec,
  e: string,
  from: number,
  to: number,
  stage?: string,
): Promise<{ stage: string; n: number }[] | null> {
  if (from < 2 * DAY) return null;
  const first = Math.ceil(from / DAY);
  const last = to === FAR ? FAR : Math.floor(to / DAY);
  if (first >= last) return null;
  const fromDay = Math.floor(from / DAY);
  const [lo, hi] = [first * DAY, last === FAR ? FAR : last * DAY];
  const d = 'postgres' as const;
  const pe = param(d, e);
  const p = (v: number) => param(d, v);
  // prev_day < fromDay holds the first entries (-1) and every previous entry before fromDay.
  const one = stage === undefined ? '' : ` AND stage = ${param(d, stage)}`;
  const whole = await x.all(
    `SELECT stage AS s, sum(entries) AS n FROM report_entries
     WHERE entity = ${pe} AND day >= ${p(first)} AND day < ${p(last)} AND prev_day < ${p(fromDay)}${one}
     GROUP BY stage`,
    [e, first, last, fromDay, ...(stage === undefined ? [] : [stage])],
  );
  const counted = `(t.prev_entry_at IS NULL OR t.prev_entry_at < ${p(from)})`;
  const rest = await x.all(
    `WITH RECURSIVE s(v) AS (${stage === undefined ? STAGES(pe) : `SELECT ${param(d, stage)}`})
     SELECT v AS s,
       (SELECT count(*) FROM stage_transitions t WHERE t.entity = ${pe} AND t.to_stage = s.v
          AND t.at >= ${p(from)} AND t.at < ${p(lo)} AND ${counted}) AS a,
       (SELECT count(*) FROM stage_transitions t WHERE t.entity = ${pe} AND t.to_stage = s.v
          AND t.at >= ${p(hi)} AND t.at < ${p(to)} AND ${counted}) AS b,
       (SELECT count(*) FROM stage_transitions t WHERE t.entity = ${pe} AND t.to_stage = s.v
          AND t.prev_entry_at IS NOT NULL AND t.prev_entry_at >= ${p(fromDay * DAY)}
          AND t.prev_entry_at < ${p(from)} AND t.at >= ${p(lo)} AND t.at < ${p(hi)}) AS c
     FROM s WHERE v IS NOT NULL`,
    [
      ...(stage === undefined ? [e, e] : [stage]),
      ...[e, from, lo, from, e, hi, to, from, e, fromDay * DAY, from, lo, hi],
    ],
  );
  const days = new Map(whole.map((r) => [String(r.s), fromNum(r.n)]));
  return rest.map((r) => ({
    stage: String(r.s),
    n: (days.get(String(r.s)) ?? 0) + fromNum(r.a) + fromNum(r.b) + fromNum(r.c),
  }));
}
