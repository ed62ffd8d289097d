import type { EntryRow, TimeRange } from '../../api/reports';
import type { EntityTableInfo } from '../../entity/entity-table';
import { fromNum, type SqlExec } from '../exec';
import { STAGES } from './entries-all';
import { param, selectedRecords, type Where } from './scope';

const DAY = 86_400_000;
/** An open end of a range. */
const FAR = Number.MAX_SAFE_INTEGER;

/**
 * PostgreSQL: a scoped period funnel (a rep's own records, a supervisor's teams: a scope and
 * filter that name only owner and team) per stage, the records entering it in [from, to) —
 * as byDay (entries-all.ts) counts every record's, over the reader's: the range's whole UTC
 * days from report_owner_entries (`owners`: the condition over its owner and team columns,
 * alias `o`; live records only), and from the transitions' indexes the partial days at the
 * ends and, when `from` is not midnight UTC, the re-entries of the whole days whose previous
 * entry lies on `from`'s own day before it, each kept when its record is one of the reader's
 * (`where`, over the records: a hash of their ids, from the owner index). Looking up each of a
 * rep's ~25,000 leads' transitions read ~22,000 pages of the 318 MB record index at 1,000,000
 * leads, more than the bench server's 128 MB of shared buffers hold. Null when the range has
 * no whole day or starts before day 2 (the caller reads the records' transitions then).
 */
export async function ownerEntries(
  x: SqlExec,
  p: { info: EntityTableInfo; where: Where | null; owners: Where; at?: TimeRange | undefined },
): Promise<EntryRow[] | null> {
  const from = p.at?.from;
  const to = p.at?.to ?? FAR;
  if (from === undefined || from < 2 * DAY) return null;
  const first = Math.ceil(from / DAY);
  const last = to === FAR ? FAR : Math.floor(to / DAY);
  if (first >= last) return null;
  const fromDay = Math.floor(from / DAY);
  const [lo, hi] = [first * DAY, last === FAR ? FAR : last * DAY];
  const e = p.info.entity;
  const d = 'postgres' as const;
  const wholeDays = () =>
    x.all(
      `SELECT o.stage AS s, sum(o.entries) AS n FROM report_owner_entries o
     WHERE o.entity = ${param(d, e)} AND o.day >= ${param(d, first)} AND o.day < ${param(d, last)}
       AND o.prev_day < ${param(d, fromDay)} AND ${p.owners.sql}
     GROUP BY o.stage`,
      [e, first, last, fromDay, ...p.owners.params],
    );
  const params: unknown[] = [e, e];
  const arg = (v: unknown) => {
    params.push(v);
    return param(d, v);
  };
  const r = selectedRecords(p.info, p.where, null);
  params.push(...r.params);
  // Each stage's index range (stage_transitions_to_ix: entity, to_stage, at, record_id and the
  // previous entry; stage_transitions_reentry_ix for the re-entries), not the entity's whole.
  // `cond` is called after the join's parameter is taken: the parameters follow the text.
  const range = (cond: () => string) => {
    const on = `ON t.entity = ${arg(e)} AND t.to_stage = s.v`;
    return `SELECT s.v AS st, t.record_id AS id FROM s JOIN stage_transitions t ${on} WHERE s.v IS NOT NULL AND ${cond()}`;
  };
  const counted = () => `(t.prev_entry_at IS NULL OR t.prev_entry_at < ${arg(from)})`;
  const parts = [range(() => `t.at >= ${arg(from)} AND t.at < ${arg(lo)} AND ${counted()}`)];
  if (hi < to) parts.push(range(() => `t.at >= ${arg(hi)} AND t.at < ${arg(to)} AND ${counted()}`));
  if (fromDay * DAY < from)
    parts.push(
      range(
        () =>
          `t.prev_entry_at IS NOT NULL AND t.prev_entry_at >= ${arg(fromDay * DAY)}` +
          ` AND t.prev_entry_at < ${arg(from)} AND t.at >= ${arg(lo)} AND t.at < ${arg(hi)}`,
      ),
    );
  const edges = () =>
    x.all(
      `WITH RECURSIVE s(v) AS (${STAGES(param(d, e))}),
     r AS MATERIALIZED (${r.sql}),
     w AS (${parts.join(' UNION ALL ')})
     SELECT w.st AS s, count(*) AS n FROM w JOIN r ON r.id = w.id GROUP BY w.st`,
      params,
    );
  const counts = new Map<string, number>();
  // Side by side: on PostgreSQL each read takes a connection of the pool.
  const [days, ends] = await Promise.all([wholeDays(), edges()]);
  for (const row of [...days, ...ends])
    counts.set(String(row.s), (counts.get(String(row.s)) ?? 0) + fromNum(row.n));
  return [...counts]
    .filter(([, n]) => n > 0)
    .map(([stage, n]) => ({ stage, key: null, records: n }));
}
