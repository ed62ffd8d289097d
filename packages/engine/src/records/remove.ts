import type { StoredRecord, StoreResult } from '@trellis/store';
import type { Failure } from '../i18n/errors';
import { records, storeFailure, timed, type Call } from './call';
import { duplicate } from './duplicate';
import { writeExisting } from './existing-write';
import { emit, historyRows } from './journal';
import { visible } from './outcome';
import type { Runtime } from './runtime';
import type { RecordResult, UpdateOptions } from './types';

/** Soft-deletes a record into the recycle bin (history row on `deletedAt`, one `record.deleted` event). */
export function removeRecord(
  rt: Runtime,
  entity: string,
  id: string,
  opts: UpdateOptions,
): Promise<RecordResult> {
  return writeExisting(rt, entity, id, opts, 'delete', (call, current) =>
    timed(call, 'write', async () =>
      journalBinMove(
        call,
        current,
        await records(call).softDelete(entity, id, {
          now: call.now,
          expectedVersion: current.version,
        }),
        'record.deleted',
        opts.depth,
      ),
    ),
  );
}

/**
 * Brings a record back from the recycle bin. Refused as a `duplicate` when a live record has
 * taken one of its identity keys in the meantime.
 */
export function restoreRecord(
  rt: Runtime,
  entity: string,
  id: string,
  opts: UpdateOptions,
): Promise<RecordResult> {
  return writeExisting(
    rt,
    entity,
    id,
    opts,
    'delete',
    async (call, current) => {
      const clash = (await records(call).findByIdentity(entity, current, { excludeId: id }))[0];
      if (clash) return duplicate(call, clash.record, clash.key);
      return journalBinMove(
        call,
        current,
        await records(call).restore(entity, id, {
          now: call.now,
          expectedVersion: current.version,
        }),
        'record.restored',
        opts.depth,
      );
    },
    'deleted',
  );
}

/** After a move into or out of the recycle bin: the history row on `deletedAt` and one outbox event. */
async function journalBinMove(
  call: Call,
  current: StoredRecord,
  res: StoreResult<StoredRecord>,
  event: 'record.deleted' | 'record.restored',
  depth: number | undefined,
): Promise<RecordResult | Failure> {
  if (!res.ok) return storeFailure(call, res.error, String(current.id));
  const id = String(current.id);
  await call.db.history.append(
    historyRows(call, call.rt.ids.next(), id, current, res.value, ['deletedAt']),
  );
  await emit(call, event, id, { record: res.value }, depth ?? 0);
  return { ok: true, record: visible(call, res.value) };
}
