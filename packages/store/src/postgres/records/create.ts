import type { NewRecordRows, RecordInput, StoredRecord, WriteOptions } from '../../api/records';
import type { EntityTableInfo } from '../../entity/entity-table';
import type { StoreResult } from '../../messages';
import {
  historyParams,
  INSERT_HISTORY_ROW,
  INSERT_FIRST_TRANSITION,
  firstTransitionParams,
} from '../../sql/history';
import { params as eventParams } from '../../sql/outbox';
import { changeParams, INSERT_OWNERSHIP } from '../../sql/ownership';
import { INSERT_TOUCH, touchParams } from '../../sql/touches';
import { together } from '../../api/together';
import { APPEND_NOTIFYING } from '../row-locks';
import { insertRecord, type RecordCx } from './writes';

/**
 * A new record with the rows of its creation (RecordRepo.create): its transition, touch and row
 * sent together, then its history, ledger entry and event (made from the stored row) together.
 */
export async function createRecordWithRows(
  cx: RecordCx,
  info: EntityTableInfo,
  record: RecordInput,
  rows: NewRecordRows,
  opts: WriteOptions = {},
): Promise<StoreResult<StoredRecord>> {
  const { x } = cx;
  const transition = rows.transition
    ? x.run(INSERT_FIRST_TRANSITION, firstTransitionParams(rows.transition))
    : null;
  const touch = rows.touch ? x.run(INSERT_TOUCH, touchParams(rows.touch)) : null;
  const inserted = insertRecord(cx, info, record, opts);
  await together([transition, touch, inserted]);
  const res = await inserted;
  if (!res.ok) return res;
  const after = rows.after(res.value);
  await together([
    x.run(INSERT_HISTORY_ROW, historyParams(after.history)),
    after.ownership ? x.run(INSERT_OWNERSHIP, changeParams(after.ownership)) : null,
    x.get(APPEND_NOTIFYING, eventParams(after.event)),
  ]);
  return res;
}
