import type { SqlDialectName } from '@trellis/logic';
import type { DwellRow, EntryRow, FlowQuery, TimeRange } from '../../api/reports';
import type { EntityTableInfo } from '../../entity/entity-table';
import type { StoreLocale } from '../../messages';
import { fromNum, type SqlExec } from '../exec';
import { groupWhere, wholeDays } from './cohort';
import { bucketSql, SPAN_BOUNDS } from './flow-sql';
import { param, type Where } from './scope';

/** The record fields the flow groups hold (report_rows / report_entries / report_dwell column). */
const GROUPED: Record<string, string> = { ownerId: 'owner_id', teamId: 'team_id' };

type FlowPlan = {
  where: Where | null;
  days: { from?: number; to?: number };
  edges: TimeRange[];
  at: TimeRange;
  /** The group column of `by` (alias c), or null. */
  by: string | null;
  entity: string;
  dialect: SqlDialectName;
};

/** How a flow query reads the groups; null (the full query) when it names other fields. */
function flowPlan(
  info: EntityTableInfo,
  q: FlowQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
): FlowPlan | null {
  if (q.by !== undefined && !(q.by in GROUPED)) return null;
  const rest = q.filter === undefined || q.filter === null ? [] : [q.filter];
  const where = groupWhere(info, q, rest, GROUPED, dialect, locale);
  if (where === false) return null;
  const at = q.at ?? {};
  const by = q.by === undefined ? null : GROUPED[q.by]!;
  return { where, ...wholeDays(at), at, by, entity: info.entity, dialect };
}

/** A WHERE clause built with its parameters in order. */
class Conds {
  readonly sql: string[] = [];
  readonly params: unknown[] = [];
  constructor(private readonly dialect: SqlDialectName) {}
  /** `expr op ?` with v, skipped when v is undefined. */
  cmp(expr: string, op: string, v: string | number | undefined): this {
    if (v === undefined) return this;
    this.sql.push(`${expr} ${op} ${param(this.dialect, v)}`);
    this.params.push(v);
    return this;
  }
  raw(sql: string, params: readonly unknown[] = []): this {
    this.sql.push(sql);
    this.params.push(...params);
    return this;
  }
  where(w: Where | null): this {
    return w ? this.raw(w.sql, w.params) : this;
  }
  toString(): string {
    return this.sql.join(' AND ');
  }
}

const keyOf = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));

/** report_rows (alias c) of the row aliased `t`: live records only, owner and team. */
const rows = (t: string) =>
  `JOIN report_rows c ON c.entity = ${t}.entity AND c.record_id = ${t}.record_id`;

/**
 * Distinct records entering each stage in `q.at` from the groups: those whose first entry
 * into the stage is in the range (whole UTC days from report_entries, the partial days from the
 * transitions) plus those that entered before the range and again inside it (report_reentries).
 * Null when the query cannot use the groups.
 */
export async function groupedEntries(
  x: SqlExec,
  info: EntityTableInfo,
  q: FlowQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
): Promise<EntryRow[] | null> {
  const p = flowPlan(info, q, dialect, locale);
  if (!p) return null;
  const k = p.by ? `c.${p.by}` : `''`;
  const group = (s: string) => `GROUP BY ${s}${p.by ? `, ${k}` : ''}`;
  const out = new Map<string, EntryRow>();
  const add = (found: Record<string, unknown>[]) => {
    for (const r of found) {
      const key = keyOf(r.k);
      const id = JSON.stringify([r.s, key]);
      const have = out.get(id);
      if (have) have.records += fromNum(r.n);
      else out.set(id, { stage: String(r.s), key, records: fromNum(r.n) });
    }
  };
  const days = new Conds(dialect)
    .cmp('c.entity', '=', p.entity)
    .cmp('c.day', '>=', p.days.from)
    .cmp('c.day', '<', p.days.to)
    .where(p.where);
  add(
    await x.all(
      `SELECT c.stage AS s, ${k} AS k, sum(c.records) AS n FROM report_entries c WHERE ${days} ${group('c.stage')}`,
      days.params,
    ),
  );
  for (const w of p.edges) {
    const e = new Conds(dialect)
      .cmp('t.entity', '=', p.entity)
      .cmp('t.at', '>=', w.from)
      .cmp('t.at', '<', w.to)
      .where(p.where)
      // `|| ''`: the record's transitions by (entity, record_id), not the stage's (flow-sql.ts).
      .raw(
        'NOT EXISTS (SELECT 1 FROM stage_transitions u WHERE u.entity = t.entity' +
          " AND u.record_id = t.record_id AND u.to_stage || '' = t.to_stage AND u.at < t.at)",
      );
    add(
      await x.all(
        `SELECT t.to_stage AS s, ${k} AS k, count(DISTINCT t.record_id) AS n FROM stage_transitions t ${rows('t')} WHERE ${e} ${group('t.to_stage')}`,
        e.params,
      ),
    );
  }
  if (p.at.from !== undefined) {
    // A record that entered before the range and again inside it has exactly one entry with
    // prev_at < from <= at (in at, id order); an entry of gap class i came less than
    // SPAN_BOUNDS[i] after its previous, so it lies before from + SPAN_BOUNDS[i].
    const from = p.at.from;
    for (let span = 0; span <= SPAN_BOUNDS.length; span++) {
      const bound = SPAN_BOUNDS[span];
      const to = bound === undefined ? p.at.to : Math.min(p.at.to ?? Infinity, from + bound);
      const again = new Conds(dialect)
        .cmp('r.entity', '=', p.entity)
        .cmp('r.span', '=', span)
        .cmp('r.at', '>=', from)
        .cmp('r.at', '<', to)
        .cmp('r.prev_at', '<', from)
        .where(p.where);
      add(
        await x.all(
          `SELECT r.stage AS s, ${k} AS k, count(*) AS n FROM report_reentries r ${rows('r')} WHERE ${again} ${group('r.stage')}`,
          again.params,
        ),
      );
    }
  }
  return [...out.values()].filter((r) => r.records !== 0);
}

type Histogram = {
  stage: string;
  key: string | null;
  buckets: Map<number, number>;
  n: number;
  total: number;
};

/**
 * Count, mean, nearest-rank median and p90 of the moves out of each stage in `q.at` from the
 * groups: counts and totals per dwell bucket (whole UTC days from report_dwell, the partial
 * days from the transitions) name the bucket holding each rank, and the value at that rank is
 * read from the bucket's moves (report_moves). Exact; null when the groups cannot answer.
 */
export async function groupedDwell(
  x: SqlExec,
  info: EntityTableInfo,
  q: FlowQuery,
  dialect: SqlDialectName,
  locale: StoreLocale,
): Promise<DwellRow[] | null> {
  const p = flowPlan(info, q, dialect, locale);
  if (!p) return null;
  const k = p.by ? `c.${p.by}` : `''`;
  const hist = new Map<string, Histogram>();
  const add = (found: Record<string, unknown>[]) => {
    for (const r of found) {
      const key = keyOf(r.k);
      const id = JSON.stringify([r.s, key]);
      let h = hist.get(id);
      if (!h) hist.set(id, (h = { stage: String(r.s), key, buckets: new Map(), n: 0, total: 0 }));
      const b = fromNum(r.b);
      const n = fromNum(r.n);
      h.buckets.set(b, (h.buckets.get(b) ?? 0) + n);
      h.n += n;
      h.total += fromNum(r.tot);
    }
  };
  const days = new Conds(dialect)
    .cmp('c.entity', '=', p.entity)
    .cmp('c.day', '>=', p.days.from)
    .cmp('c.day', '<', p.days.to)
    .where(p.where);
  const byKey = p.by ? `, ${k}` : '';
  add(
    await x.all(
      `SELECT c.stage AS s, ${k} AS k, c.bucket AS b, sum(c.moves) AS n, sum(c.total_ms) AS tot
       FROM report_dwell c WHERE ${days} GROUP BY c.stage, c.bucket${byKey}`,
      days.params,
    ),
  );
  for (const w of p.edges) {
    const e = new Conds(dialect)
      .cmp('t.entity', '=', p.entity)
      .cmp('t.at', '>=', w.from)
      .cmp('t.at', '<', w.to)
      .raw('t.from_stage IS NOT NULL AND t.dwell_ms IS NOT NULL')
      .where(p.where);
    const b = bucketSql('t.dwell_ms');
    add(
      await x.all(
        `SELECT t.from_stage AS s, ${k} AS k, ${b} AS b, count(*) AS n, sum(t.dwell_ms) AS tot
         FROM stage_transitions t ${rows('t')} WHERE ${e} GROUP BY t.from_stage, ${b}${byKey}`,
        e.params,
      ),
    );
  }
  /**
   * The value at 1-based `rank` of the histogram, read from its bucket's moves; null when they
   * disagree (a write between the reads: the caller takes the full query).
   */
  const valueAt = async (h: Histogram, rank: number): Promise<number | null> => {
    let before = 0;
    for (const b of [...h.buckets.keys()].sort((a, c) => a - c)) {
      const n = h.buckets.get(b)!;
      if (before + n < rank) {
        before += n;
        continue;
      }
      const m = new Conds(dialect)
        .cmp('m.entity', '=', p.entity)
        .cmp('m.stage', '=', h.stage)
        .cmp('m.bucket', '=', b)
        .cmp('m.at', '>=', p.at.from)
        .cmp('m.at', '<', p.at.to)
        .where(p.where);
      if (p.by) m.cmp(k, '=', h.key ?? '');
      const found = await x.all(
        `SELECT m.dwell_ms AS v FROM report_moves m ${rows('m')} WHERE ${m}
         ORDER BY m.dwell_ms LIMIT 1 OFFSET ${rank - before - 1}`,
        m.params,
      );
      if (found.length === 0)
        throw new Error(`report_dwell and report_moves disagree (${h.stage})`);
      return fromNum(found[0]!.v);
    }
    throw new Error(`rank ${rank} past the ${h.n} moves of ${h.stage}`);
  };
  const out: DwellRow[] = [];
  for (const h of hist.values()) {
    if (h.n <= 0) continue;
    // The full query's ranks: ceil(n / 2) and ceil(0.9 n).
    const median = await valueAt(h, Math.floor((h.n + 1) / 2));
    const p90 = await valueAt(h, Math.floor((9 * h.n + 9) / 10));
    if (median === null || p90 === null) return null;
    out.push({ stage: h.stage, key: h.key, count: h.n, mean: h.total / h.n, median, p90 });
  }
  return out;
}
