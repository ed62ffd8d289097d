import type { StoredRecord } from '@trellis/store';
import { sameValue } from '@trellis/rules';
import type { RecordData } from '../ports';
import { records, storeFailure, timed, type Call } from './call';
import { computeFormulas } from '@trellis/rules';
import { mergeFill } from './identity';
import { emit, historyRows, pick, writeTouch } from './journal';
import { problems, visible } from './outcome';
import { peopleErrors } from './people';
import { relationErrors } from './references';
import type { CreateOptions, RecordResult } from './types';

/**
 * Intake merge: the incoming record matched `existing` on an identity key. Empty fields of the
 * existing record are filled from the input (never overwritten), the touch is recorded, and a
 * `record.updated` event is emitted only when something was filled. Runs inside the caller's
 * transaction.
 */
export function mergeInto(
  call: Call,
  existing: StoredRecord,
  incoming: RecordData,
  given: readonly string[],
  opts: CreateOptions,
): Promise<RecordResult> {
  return timed(call, 'write', async () => {
    const fields = given.filter(
      (k) => call.model.fields.has(k) && call.model.fields.get(k)?.type !== 'formula',
    );
    const fill = mergeFill(existing, incoming, fields);
    const touch = opts.touch ?? {};
    let record = existing;
    let changed: string[] = [];
    const broken = [
      ...(await relationErrors(call, fill, Object.keys(fill))),
      ...(await peopleErrors(call, fill, Object.keys(fill))),
    ];
    if (broken.length > 0) return problems(call, broken);
    if (Object.keys(fill).length > 0) {
      const next: RecordData = computeFormulas(call.model, { ...existing, ...fill }, call.now);
      const patch: RecordData = { ...fill };
      for (const f of call.model.formulas)
        if (!sameValue(existing[f.key] ?? null, next[f.key] ?? null)) patch[f.key] = next[f.key];
      const res = await records(call).update(call.model.key, existing.id, patch, existing.version, {
        now: call.now,
      });
      if (!res.ok) return storeFailure(call, res.error, existing.id);
      record = res.value;
      changed = Object.keys(patch);
      await call.db.history.append(
        historyRows(call, call.rt.ids.next(), existing.id, existing, record, changed),
      );
      await emit(
        call,
        'record.updated',
        existing.id,
        {
          changed,
          before: pick(existing, changed),
          after: pick(record, changed),
          record,
          merged: true,
        },
        opts.depth ?? 0,
      );
    }
    await writeTouch(call, existing.id, { kind: 'merge', ...touch });
    return { ok: true, record: visible(call, record), merged: true, changed };
  });
}
