import type { StoredRecord } from '@trellis/store';
import { engineError, type Failure } from '../i18n/errors';
import type { PermissionAction } from '../ports';
import {
  authorize,
  beginCall,
  callLocale,
  guard,
  inTransaction,
  isFailure,
  records,
  type Call,
} from './call';
import type { Runtime } from './runtime';
import type { UpdateOptions } from './types';

/** Which records a write may start from: live ones, or ones in the recycle bin (restore). */
export type RecordState = 'live' | 'deleted';

/**
 * Loads the record a write starts from, refusing it when it is missing or unreadable for the
 * caller (both `not_found`), in the wrong state
 * (deleted for an update, live for a restore) or no longer at the version the caller saw.
 */
export async function loadForWrite(
  call: Call,
  id: string,
  version: number | undefined,
  state: RecordState = 'live',
): Promise<StoredRecord | Failure> {
  const current = await records(call).get(call.model.key, id, { includeDeleted: true });
  const entity = call.model.key;
  if (!current) return engineError('not_found', call.locale, 'notFound', { entity, id });
  // A record the caller may not read answers like a missing one, before anything that would
  // tell its state or version ("not in the recycle bin", a version conflict).
  const unseen = authorize(call, 'read', current);
  if (unseen) return unseen;
  if (state === 'live' && current.deletedAt !== null)
    return engineError('not_found', call.locale, 'deleted', { entity, id });
  if (state === 'deleted' && current.deletedAt === null)
    return engineError('invalid_input', call.locale, 'notDeleted');
  if (version !== undefined && version !== current.version) {
    return engineError(
      'conflict',
      call.locale,
      'conflict',
      { current: current.version, expected: version },
      [],
      { currentVersion: current.version },
    );
  }
  return current;
}

/**
 * The opening every write to an existing record shares: errors become values, one transaction,
 * the record loaded at the caller's version, the permission check; then `body` does the write.
 */
export function writeExisting<T>(
  rt: Runtime,
  entity: string,
  id: string,
  opts: UpdateOptions,
  action: PermissionAction,
  body: (call: Call, current: StoredRecord) => Promise<T | Failure>,
  state: RecordState = 'live',
): Promise<T | Failure> {
  return guard(rt, callLocale(rt, opts), async () => {
    const call = await beginCall(rt, entity, opts);
    if (isFailure(call)) return call;
    return inTransaction(call, async (c): Promise<T | Failure> => {
      const current = await loadForWrite(c, id, opts.version, state);
      if (isFailure(current)) return current;
      return authorize(c, action, current) ?? body(c, current);
    });
  });
}
