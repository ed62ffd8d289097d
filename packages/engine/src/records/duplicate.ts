import { engineError, type Failure, type FieldError } from '../i18n/errors';
import { localized, t } from '../i18n/messages';
import type { RecordData } from '../ports';
import type { Call } from './call';

/** Whether the caller may read `record` — only then may an error name it. */
export function mayName(call: Call, record: RecordData): boolean {
  return call.rt.permissions.check(call.actor, 'read', call.model.key, record).allowed;
}

/**
 * The `duplicate` failure: names the existing record (id and title) and, per identity field,
 * which value matched — so the caller can link to it ("possible duplicate"). When the caller
 * may not read that record, the refusal still stands (identity is checked on every write) but
 * says only that a record they cannot see exists: neither its id nor its title leaks.
 */
export function duplicate(call: Call, existing: RecordData, key: readonly string[]): Failure {
  const named = mayName(call, existing);
  const title = String(existing[call.model.titleField] ?? existing.id);
  const id = String(existing.id);
  const errors: FieldError[] = key.map((field) => {
    const label = localized(call.model.fields.get(field)?.label, call.locale, field);
    return {
      path: `/${field}`,
      code: 'duplicate',
      message: named
        ? t(call.locale, 'duplicateField', { label, title, id })
        : t(call.locale, 'duplicateFieldHidden', { label }),
      params: named ? { existingId: id, field } : { field },
    };
  });
  if (!named) {
    return engineError('duplicate', call.locale, 'duplicateHidden', {}, errors, { key: [...key] });
  }
  return engineError('duplicate', call.locale, 'duplicate', { title, id }, errors, {
    existingId: id,
    existingTitle: title,
    key: [...key],
  });
}
