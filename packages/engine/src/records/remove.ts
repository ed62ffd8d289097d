import { engineError } from '../i18n/errors';
import { authorize, beginCall, callLocale, guard, isFailure, storeFailure, timed } from './call';
import { duplicate } from './duplicate';
import { emit, historyRows } from './journal';
import { visible } from './outcome';
import type { Runtime } from './runtime';
import { loadForWrite } from './update';
import type { RecordResult, UpdateOptions } from './types';

/** Soft-deletes a record into the recycle bin (history row on `deletedAt`, one `record.deleted` event). */
export function removeRecord(
  rt: Runtime,
  entity: string,
  id: string,
  opts: UpdateOptions,
): RecordResult {
  return guard(callLocale(rt, opts), () => {
    const call = beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    return rt.db.transaction((): RecordResult => {
      const current = loadForWrite(call, id, opts.version);
      if (isFailure(current)) return current;
      const denied = authorize(call, 'delete', current);
      if (denied) return denied;
      return timed(call, 'write', () => {
        const res = call.live.store.softDelete(entity, id, {
          now: call.now,
          expectedVersion: current.version,
        });
        if (!res.ok) return storeFailure(call, res.error, id);
        call.live.store.writeHistory(
          historyRows(call, rt.ids.next(), id, current, res.value, ['deletedAt']),
        );
        emit(call, 'record.deleted', id, { record: res.value }, opts.depth ?? 0);
        return { ok: true, record: visible(call, res.value) };
      });
    });
  });
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
): RecordResult {
  return guard(callLocale(rt, opts), () => {
    const call = beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    return rt.db.transaction((): RecordResult => {
      const current = call.live.store.get(entity, id, { includeDeleted: true });
      if (!current) return engineError('not_found', call.locale, 'notFound', { entity, id });
      if (current.deletedAt === null)
        return engineError('invalid_input', call.locale, 'notDeleted');
      if (opts.version !== undefined && opts.version !== current.version) {
        return engineError(
          'conflict',
          call.locale,
          'conflict',
          { current: current.version, expected: opts.version },
          [],
          { currentVersion: current.version },
        );
      }
      const denied = authorize(call, 'delete', current);
      if (denied) return denied;
      const clash = call.live.store.findByIdentity(entity, current, { excludeId: id })[0];
      if (clash) return duplicate(call, clash.record, clash.key);
      const res = call.live.store.restore(entity, id, {
        now: call.now,
        expectedVersion: current.version,
      });
      if (!res.ok) return storeFailure(call, res.error, id);
      call.live.store.writeHistory(
        historyRows(call, rt.ids.next(), id, current, res.value, ['deletedAt']),
      );
      emit(call, 'record.restored', id, { record: res.value }, opts.depth ?? 0);
      return { ok: true, record: visible(call, res.value) };
    });
  });
}
