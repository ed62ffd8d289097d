import type { SqlDialectName } from '@trellis/logic';
import type { GroupQuery, RecordQuery } from '../../api/records';
import { quoteIdent, type EntityTableInfo } from '../../entity/entity-table';
import { fromNum, type SqlExec } from '../exec';
import { byDay } from './entries-all';
import { param } from './scope';

/** An open end of a range. */
const FAR = Number.MAX_SAFE_INTEGER;

/** A stage and the epoch-ms range of `enteredStage` (null: open). */
export type StageEntry = { stage: string; from: number | null; to: number | null };

const bound = (v: unknown): number | null | undefined =>
  v === null || v === undefined
    ? null
    : typeof v === 'number' && Number.isFinite(v)
      ? v
      : undefined;

/**
 * The stage entry a list query asks for when it asks for nothing else — the live records that
 * entered `stage` in a range, unscoped, unsearched: a manager opening a period funnel's step.
 * Null for any other query (a scope, a second condition, a bound that is not a number).
 */
export function loneStageEntry(q: RecordQuery): StageEntry | null {
  if (q.scope !== undefined && q.scope !== null) return null;
  if (q.search && q.search.text.trim() !== '') return null;
  if ((q.deleted ?? 'exclude') !== 'exclude') return null;
  let f = q.filter as Record<string, unknown> | null | undefined;
  if (!f || typeof f !== 'object' || Array.isArray(f) || Object.keys(f).length !== 1) return null;
  if (Array.isArray(f.and) && f.and.length === 1) f = f.and[0] as Record<string, unknown>;
  if (!f || typeof f !== 'object' || Object.keys(f).length !== 1) return null;
  const args = f.enteredStage;
  if (!Array.isArray(args) || args.length < 1 || args.length > 3) return null;
  const [stage, lo, hi] = args as unknown[];
  const from = bound(lo);
  const to = bound(hi);
  if (typeof stage !== 'string' || stage === '' || from === undefined || to === undefined)
    return null;
  return { stage, from, to };
}

/**
 * The stage entry a group query asks for when it is one total (no `by`, no sums) of a lone
 * `enteredStage`: the web list's total for a funnel step (the view's groups without a grouping
 * field). Null for anything else.
 */
export function loneStageEntryTotal(q: GroupQuery): StageEntry | null {
  if ((q.by ?? null) !== null || (q.sums?.length ?? 0) > 0) return null;
  return loneStageEntry(q);
}

/**
 * How many live records entered the stage in the range, from the transitions' indexes alone,
 * as the period funnel counts them (entries-all.ts): a record entering it in the range has
 * exactly one entry there whose previous entry into the stage lies before the range or does
 * not exist, so
 *   the entries in the range (stage_transitions_to_ix)
 * − the re-entries whose previous entry lies in the range too (stage_transitions_reentry_ix)
 * − the counted entries of soft-deleted records (their partial index, then their transitions).
 * The list's count was an EXISTS per record of the table: at 1,000,000 leads every lead probed.
 */
export async function countStageEntrants(
  x: SqlExec,
  info: EntityTableInfo,
  dialect: SqlDialectName,
  e: StageEntry,
): Promise<number> {
  const from = e.from ?? -FAR;
  const to = e.to ?? FAR;
  const p = (v: unknown) => param(dialect, v);
  // PostgreSQL: the range's whole days from report_entries, as the manager's funnel counts them
  // (a quarter's trial step: ~265,000 index entries counted otherwise, the list's own read again).
  const days = dialect === 'postgres' ? await byDay(x, info.entity, from, to, e.stage) : null;
  if (days) {
    const gone = await x.get<{ n: unknown }>(
      `SELECT count(*) AS n FROM ${quoteIdent(info.table)} r JOIN stage_transitions t ON t.record_id = r.id
       WHERE r.deleted_at IS NOT NULL AND t.entity = ${p(info.entity)} AND t.to_stage = ${p(e.stage)}
         AND t.at >= ${p(from)} AND t.at < ${p(to)} AND (t.prev_entry_at IS NULL OR t.prev_entry_at < ${p(from)})`,
      [info.entity, e.stage, from, to, from],
    );
    return (days[0]?.n ?? 0) - fromNum(gone?.n);
  }
  const row = await x.get<{ n: unknown; re: unknown; gone: unknown }>(
    `SELECT
       (SELECT count(*) FROM stage_transitions t
        WHERE t.entity = ${p(info.entity)} AND t.to_stage = ${p(e.stage)} AND t.at >= ${p(from)} AND t.at < ${p(to)}) AS n,
       (SELECT count(*) FROM stage_transitions t
        WHERE t.entity = ${p(info.entity)} AND t.to_stage = ${p(e.stage)} AND t.prev_entry_at IS NOT NULL
          AND t.prev_entry_at >= ${p(from)} AND t.prev_entry_at < ${p(to)} AND t.at < ${p(to)}) AS re,
       (SELECT count(*) FROM ${quoteIdent(info.table)} r ${dialect === 'sqlite' ? 'CROSS JOIN' : 'JOIN'} stage_transitions t ON t.record_id = r.id
        WHERE r.deleted_at IS NOT NULL AND t.entity = ${p(info.entity)} AND t.to_stage = ${p(e.stage)}
          AND t.at >= ${p(from)} AND t.at < ${p(to)} AND (t.prev_entry_at IS NULL OR t.prev_entry_at < ${p(from)})) AS gone`,
    [
      ...[info.entity, e.stage, from, to],
      ...[info.entity, e.stage, from, to, to],
      ...[info.entity, e.stage, from, to, from],
    ],
  );
  return fromNum(row?.n) - fromNum(row?.re) - fromNum(row?.gone);
}
