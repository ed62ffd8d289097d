import type { NewRecordRows, RecordInput, StoredRecord, WriteOptions } from '../api/records';
import type { EntityTableInfo } from '../entity/entity-table';
import type { StoreResult } from '../messages';
import {
  historyParams,
  INSERT_HISTORY_ROW,
  INSERT_FIRST_TRANSITION,
  firstTransitionParams,
} from '../sql/history';
import { INSERT as INSERT_EVENT, params as eventParams } from '../sql/outbox';
import { changeParams, INSERT_OWNERSHIP } from '../sql/ownership';
import { INSERT_TOUCH, touchParams } from '../sql/touches';
import type { SqliteCtx } from './context';
import { runPrepared } from './exec';
import { insertRecord } from './record-writes';

/**
 * A new record with the rows of its creation, in one synchronous call (RecordRepo.create): the
 * same statements the repositories run (one statement cache), without the six repository calls,
 * their promises and the engine's waits between them.
 */
export function createRecordWithRows(
  ctx: SqliteCtx,
  info: EntityTableInfo,
  record: RecordInput,
  rows: NewRecordRows,
  opts: WriteOptions = {},
): StoreResult<StoredRecord> {
  const db = ctx.db.sqlite;
  if (rows.transition)
    runPrepared(db, INSERT_FIRST_TRANSITION, firstTransitionParams(rows.transition));
  if (rows.touch) runPrepared(db, INSERT_TOUCH, touchParams(rows.touch));
  const res = insertRecord(ctx, info, record, opts);
  if (!res.ok) return res;
  const after = rows.after(res.value);
  runPrepared(db, INSERT_HISTORY_ROW, historyParams(after.history));
  if (after.ownership) runPrepared(db, INSERT_OWNERSHIP, changeParams(after.ownership));
  runPrepared(db, INSERT_EVENT, eventParams(after.event));
  return res;
}
