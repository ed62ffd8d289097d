import { newId } from '../ids';
import type { HistoryRepo, HistoryRow, TransitionRepo, TransitionRow } from '../api/history';
import { fromJson, fromNum, fromNumOrNull, toJson, type Row, type SqlExec } from './exec';
import { insertRows } from './multi-row';
import { BULK_MIN_ROWS, reenterRecords, type BulkSwitch } from './reports/bulk-upkeep';

const INSERT_HISTORY =
  'INSERT INTO record_history (id, change_id, entity, record_id, field, "before", "after", actor_id, via, at)';
export const INSERT_TRANSITION =
  'INSERT INTO stage_transitions (id, entity, record_id, from_stage, to_stage, actor_id, via, at, dwell_ms)';

export const transitionParams = (r: TransitionRow): unknown[] => [
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
      await insertRows(
        x,
        INSERT_HISTORY,
        rows.map((r) => [
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
        ]),
      );
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
      await insertRows(x, INSERT_TRANSITION, [transitionParams(r)]);
    },
    async appendMany(rows) {
      if (rows.length < BULK_MIN_ROWS) {
        await insertRows(x, INSERT_TRANSITION, rows.map(transitionParams));
        return;
      }
      await bulk(() => insertRows(x, INSERT_TRANSITION, rows.map(transitionParams)));
      await reenterRecords(x, dialect, rows);
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
  };
}
