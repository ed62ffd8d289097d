import { engineError, type Failure, type FieldError } from '../i18n/errors';
import { localized, t } from '../i18n/messages';
import type { RecordData } from '../ports';
import type { Call } from './call';

/**
 * The `duplicate` failure: names the existing record (id and title) and, per identity field,
 * which value matched — so the caller can link to it ("possible duplicate").
 */
export function duplicate(call: Call, existing: RecordData, key: readonly string[]): Failure {
  const title = String(existing[call.model.titleField] ?? existing.id);
  const id = String(existing.id);
  const errors: FieldError[] = key.map((field) => ({
    path: `/${field}`,
    code: 'duplicate',
    message: t(call.locale, 'duplicateField', {
      label: localized(call.model.fields.get(field)?.label, call.locale, field),
      title,
      id,
    }),
    params: { existingId: id, field },
  }));
  return engineError('duplicate', call.locale, 'duplicate', { title, id }, errors, {
    existingId: id,
    existingTitle: title,
    key: [...key],
  });
}
