import type { SqlDialectName } from '@trellis/logic';
import { quoteIdent, type EntityTableInfo } from '../../entity/entity-table';
import type { StageEntry } from './entered-count';
import { param, type Where } from './scope';

/** An open end of a range. */
const FAR = Number.MAX_SAFE_INTEGER;

/**
 * A period step's list (a lone `enteredStage`, unscoped: a manager opening a funnel step) as its
 * entrants: the records with an entry into the stage in the range whose previous entry into it
 * lies before the range or does not exist — one such entry per record, read from
 * stage_transitions_to_ix (entity, to_stage, at, record_id, prev_entry_at) alone.
 *
 * The list's EXISTS probed each record's transitions in the list's order until a page was
 * full: at 1,000,000 leads, newest first, ~250,000 leads created after the period were probed
 * before the first match (2.3–3.9 s), and a view sorted on a field without an index probed
 * every lead. Here the entrants are read once and their records found by id, whatever the sort:
 * - SQLite: `id IN (entrants)`, the records looked up by id in the entrants' sorted order;
 * - PostgreSQL: the rows to list are a subquery (`source`) hash-joining the entrants with the
 *   table. As a condition of the list (`IN`, `EXISTS`) its planner turned it back into a probe
 *   per record in the list's order, and `= ANY` of the array descended the id index once per
 *   entrant (twice as slow as the hash join, under load); `OFFSET 0` keeps the subquery apart.
 */
export function stepEntrants(
  info: EntityTableInfo,
  dialect: SqlDialectName,
  e: StageEntry,
  sort?: readonly { field: string }[],
): { where?: Where; source?: Where; idsFirst?: boolean } {
  const from = e.from ?? -FAR;
  const to = e.to ?? FAR;
  const p = (v: unknown) => param(dialect, v);
  const entrants =
    `SELECT t.record_id FROM stage_transitions t WHERE t.entity = ${p(info.entity)}` +
    ` AND t.to_stage = ${p(e.stage)} AND t.at >= ${p(from)} AND t.at < ${p(to)}` +
    ` AND (t.prev_entry_at IS NULL OR t.prev_entry_at < ${p(from)})`;
  const params = [info.entity, e.stage, from, to, from];
  if (dialect === 'sqlite') return { where: { sql: `id IN (${entrants})`, params } };
  if (byCreation(sort)) return walkByCreation(entrants, params, from, to);
  return {
    source: {
      sql: `SELECT * FROM ${quoteIdent(info.table)} WHERE id IN (${entrants}) OFFSET 0`,
      params,
    },
  };
}

/** The list's own order (none given: newest first) is creation time alone (then id). */
const byCreation = (sort?: readonly { field: string }[]) =>
  !sort?.length || (sort.length === 1 && sort[0]?.field === 'createdAt');

/**
 * PostgreSQL, a list in creation order (the default: newest first): the records' creation index
 * (created_at, id, deleted_at on PostgreSQL: entity-table.ts) is walked in the list's order,
 * index-only, each id tested against a hash of the entrants, until the page is full; the page's
 * rows are then read by id (`idsFirst`). At 1,000,000 leads a quarter's trial step is ~183,000
 * entrants: the hash join read all 1,000,000 leads (140 MB, beyond the default 128 MB
 * shared_buffers) for 51 rows; the walk stops after the ~240,000 newer leads' index entries.
 *
 * The test is a hashed SubPlan: `OR FALSE` keeps the planner from turning the IN into a join
 * (which does not keep the walk's order, so it would read every lead again); it is folded away
 * after that decision. PostgreSQL hashes the subquery only when its estimated size fits in
 * hash_mem (work_mem × hash_mem_multiplier: 8 MB by default, ~200,000 rows of an id), and
 * otherwise rescans it for every lead walked. The range's three conditions are said twice, the
 * second time as differences (`at − from ≥ 0`, `at − to < 0`, `prev_entry_at − from < 0`): on an
 * expression without statistics PostgreSQL takes each to hold for a third of the rows, so the
 * hash is planned up to ~5 million entrants of one stage; the table built holds what is found.
 */
function walkByCreation(
  entrants: string,
  params: unknown[],
  from: number,
  to: number,
): { where: Where; idsFirst: true } {
  const p = (v: unknown) => param('postgres', v);
  const again =
    ` AND t.at - ${p(from)} >= 0 AND t.at - ${p(to)} < 0` +
    ` AND coalesce(t.prev_entry_at - ${p(from)}, -1) < 0`;
  return {
    where: { sql: `(id IN (${entrants}${again}) OR FALSE)`, params: [...params, from, to, from] },
    idsFirst: true,
  };
}
