import { newId } from '../ids';
import type { HistoryRepo, HistoryRow, TransitionRepo, TransitionRow } from '../api/history';
import { fromJson, fromNum, fromNumOrNull, toJson, type Row, type SqlExec } from './exec';
import { insertRows } from './multi-row';
import { BULK_MIN_ROWS, reenterRecords, type BulkSwitch } from './reports/bulk-upkeep';

const INSERT_HISTORY =
  'INSERT INTO record_history (id, change_id, entity, record_id, field, "before", "after", actor_id, via, at)';
export const INSERT_TRANSITION =
  'INSERT INTO stage_transitions (id, entity, record_id, from_stage, to_stage, actor_id, via, at, dwell_ms, prev_entry_at)';

/**
 * One transition's VALUES. `prev_entry_at` is the record's previous entry into to_stage: the
 * latest already written (among the record's few transitions, by the (entity, record_id, at)
 * index: with `to_stage = ?` in the WHERE SQLite walked the (entity, to_stage, at) index back
 * through every entry of the stage, a seed 8× slower) or an earlier row of the same
 * batch (a parameter, also the subquery's lower bound: a statement does not see its own rows),
 * whichever is later. The period funnel counts an entry once per record by it
 * (sql/reports/flow.ts). Transitions are written as the moves happen, so no later entry's value
 * needs changing.
 */
export const TRANSITION_VALUES =
  '(?, ?, ?, ?, ?, ?, ?, ?, ?, COALESCE((SELECT max(CASE WHEN p.to_stage = ? THEN p.at END)' +
  ' FROM stage_transitions p WHERE p.entity = ? AND p.record_id = ? AND p.at <= ? AND p.at >= ?), ?))';

export const transitionParams = (
  r: TransitionRow,
  prevInBatch: number | null = null,
): unknown[] => [
  ...firstTransitionParams(r),
  r.toStage,
  r.entity,
  r.recordId,
  r.at,
  prevInBatch ?? -Number.MAX_SAFE_INTEGER,
  prevInBatch,
];

/** Each row's previous entry into its to_stage among the rows of the batch (by time, then order). */
function prevInBatch(rows: readonly TransitionRow[]): (number | null)[] {
  const prev = new Array<number | null>(rows.length).fill(null);
  const byKey = new Map<string, number[]>();
  rows.forEach((r, i) => {
    const key = `${r.entity}\u0000${r.recordId}\u0000${r.toStage}`;
    const list = byKey.get(key);
    if (list) list.push(i);
    else byKey.set(key, [i]);
  });
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => rows[a]!.at - rows[b]!.at || a - b);
    for (let k = 1; k < list.length; k++) prev[list[k]!] = rows[list[k - 1]!]!.at;
  }
  return prev;
}

const batchParams = (rows: readonly TransitionRow[]): unknown[][] => {
  const prev = prevInBatch(rows);
  return rows.map((r, i) => transitionParams(r, prev[i]));
};

/** One history row's VALUES, in INSERT_HISTORY's column order. */
export const historyParams = (r: HistoryRow): unknown[] => [
  r.id ?? newId(),
  r.changeId,
  r.entity,
  r.recordId,
  r.field,
  toJson(r.before),
  toJson(r.after),
  r.actorId,
  r.via,
  r.at,
];

/** One history row's INSERT (the text `insertRows` makes for one row: one cached statement). */
export const INSERT_HISTORY_ROW = `${INSERT_HISTORY} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/**
 * A new record's first transition: no earlier entry to look up (its `prev_entry_at` is NULL), so
 * none of TRANSITION_VALUES' subquery, a seek into the transitions' index per create.
 */
export const INSERT_FIRST_TRANSITION = `${INSERT_TRANSITION} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)`;

/** INSERT_FIRST_TRANSITION's values. */
export const firstTransitionParams = (r: TransitionRow): unknown[] => [
  r.id ?? newId(),
  r.entity,
  r.recordId,
  r.fromStage,
  r.toStage,
  r.actorId,
  r.via,
  r.at,
  r.dwellMs,
];

/** record_history over portable SQL. */
export function historyRepo(x: SqlExec): HistoryRepo {
  return {
    async append(rows) {
      await insertRows(x, INSERT_HISTORY, rows.map(historyParams));
    },
    async listFor(entity, recordId) {
      const rows = await x.all(
        'SELECT id, change_id, entity, record_id, field, "before", "after", actor_id, via, at FROM record_history WHERE entity = ? AND record_id = ? ORDER BY at, id',
        [entity, recordId],
      );
      return rows.map((r: Row): Required<HistoryRow> => ({
        id: String(r.id),
        changeId: String(r.change_id),
        entity: String(r.entity),
        recordId: String(r.record_id),
        field: String(r.field),
        before: fromJson(r.before, null),
        after: fromJson(r.after, null),
        actorId: (r.actor_id as string | null) ?? null,
        via: String(r.via),
        at: fromNum(r.at),
      }));
    },
  };
}

/**
 * stage_transitions over portable SQL. `appendMany` of a batch writes with the report triggers
 * off (`bulk`) and moves the records' report groups once for the batch.
 */
export function transitionRepo(
  x: SqlExec,
  dialect: 'sqlite' | 'postgres',
  bulk: BulkSwitch,
): TransitionRepo {
  return {
    async append(r) {
      await insertRows(x, INSERT_TRANSITION, [transitionParams(r)], '', TRANSITION_VALUES);
    },
    async appendMany(rows) {
      const write = () =>
        insertRows(x, INSERT_TRANSITION, batchParams(rows), '', TRANSITION_VALUES);
      if (rows.length < BULK_MIN_ROWS) {
        await write();
        return;
      }
      // The groups are moved with the triggers still off: on SQLite, report_rows' own triggers
      // would move each record a second time for reenterRecords' update of `entered`.
      await bulk(async () => {
        await write();
        await reenterRecords(x, dialect, rows);
      });
    },
    async listFor(entity, recordId) {
      const rows = await x.all(
        'SELECT id, entity, record_id, from_stage, to_stage, actor_id, via, at, dwell_ms FROM stage_transitions WHERE entity = ? AND record_id = ? ORDER BY at, id',
        [entity, recordId],
      );
      return rows.map((r: Row): Required<TransitionRow> => ({
        id: String(r.id),
        entity: String(r.entity),
        recordId: String(r.record_id),
        fromStage: (r.from_stage as string | null) ?? null,
        toStage: String(r.to_stage),
        actorId: (r.actor_id as string | null) ?? null,
        via: String(r.via),
        at: fromNum(r.at),
        dwellMs: fromNumOrNull(r.dwell_ms),
      }));
    },
    async remove(ids) {
      for (let i = 0; i < ids.length; i += 500) {
        const some = ids.slice(i, i + 500);
        await x.run(
          `DELETE FROM stage_transitions WHERE id IN (${some.map(() => '?').join(', ')})`,
          some,
        );
      }
    },
  };
}
