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
): { where?: Where; source?: Where } {
  const from = e.from ?? -FAR;
  const to = e.to ?? FAR;
  const p = (v: unknown) => param(dialect, v);
  const entrants =
    `SELECT t.record_id FROM stage_transitions t WHERE t.entity = ${p(info.entity)}` +
    ` AND t.to_stage = ${p(e.stage)} AND t.at >= ${p(from)} AND t.at < ${p(to)}` +
    ` AND (t.prev_entry_at IS NULL OR t.prev_entry_at < ${p(from)})`;
  const params = [info.entity, e.stage, from, to, from];
  if (dialect === 'sqlite') return { where: { sql: `id IN (${entrants})`, params } };
  return {
    source: {
      sql: `SELECT * FROM ${quoteIdent(info.table)} WHERE id IN (${entrants}) OFFSET 0`,
      params,
    },
  };
}
