import { fieldError, pointer, type FieldError } from '../i18n/errors';
import { fieldLabel, normalizeInput, sameValue, validateRecord } from '@trellis/rules';
import type { RecordData } from '../ports';
import { timedSync, type Call } from './call';
import { recordCopy } from './record-copy';
import { computeFormulas } from '@trellis/rules';

export type Prepared = {
  /** The whole record as it would be stored (current + normalized input + formulas). */
  next: RecordData;
  /** Keys whose value differs from `current` (fields and writable system fields). */
  changed: string[];
  errors: FieldError[];
};

/** Field defaults from the spec for a new record. */
function defaults(call: Call): RecordData {
  const out: RecordData = {};
  for (const f of call.model.entity.fields) {
    if (!('default' in f) || f.default === undefined) continue;
    // A list or object default is copied (the record must not share the spec's); a string or
    // number is used as is: structuredClone costs ~1 µs even for those, on every create.
    const d: unknown = f.default;
    out[f.key] = typeof d === 'object' && d !== null ? structuredClone(d) : d;
  }
  return out;
}

/**
 * Normalize -> field permissions -> merge -> formulas -> validate. Pure apart from the permission
 * port; nothing is written. `current` is null on create (defaults apply).
 */
export function prepare(call: Call, input: unknown, current: RecordData | null): Prepared {
  const n = timedSync(call, 'normalize', () =>
    normalizeInput(call.model, input, { locale: call.locale, via: call.via, current }),
  );
  const errors = [...n.errors];
  // A hidden field is refused whatever its value (an unchanged value must not confirm a guess);
  // a read-only one only when it changes: clients echo whole records back.
  const refused = call.rt.permissions.refusedFields?.(call.actor, call.model.key, n.values);
  if (refused) {
    const readonly = refused.readonly.filter(
      (k) => !current || !sameValue(current[k] ?? null, n.values[k]),
    );
    // A hidden field is answered like an unknown one, so its existence does not leak.
    for (const key of refused.hidden) {
      errors.push(
        fieldError(call.locale, pointer(key), 'unknown_field', 'unknownField', { field: key }),
      );
      delete n.values[key];
    }
    for (const key of readonly) {
      const label = fieldLabel(call.model.fields.get(key), key, call.locale);
      errors.push(fieldError(call.locale, pointer(key), 'field_readonly', 'readOnly', { label }));
      delete n.values[key];
    }
  }
  const next: RecordData = recordCopy(current ?? defaults(call), n.values);
  return timedSync(call, 'validate', () => {
    computeFormulas(call.model, next, call.now);
    errors.push(
      ...validateRecord(
        call.model,
        next,
        { locale: call.locale, now: call.now, ...(call.user ? { user: call.user } : {}) },
        n.invalid,
      ),
    );
    const changed: string[] = [];
    for (const key of new Set([
      ...Object.keys(n.values),
      ...call.model.formulas.map((f) => f.key),
    ])) {
      if (!sameValue(current?.[key] ?? null, next[key] ?? null)) changed.push(key);
    }
    return { next, changed, errors };
  });
}
