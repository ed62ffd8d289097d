import { fieldError, type FieldError } from '../i18n/errors';
import type { RecordData } from '../ports';
import { fieldLabel } from '@trellis/rules';
import type { Call } from './call';

/**
 * Relation values that point nowhere: each linked id must be a live record of the field's target
 * entity. Only `fields` (the ones being written) are checked.
 */
export function relationErrors(
  call: Call,
  record: RecordData,
  fields: Iterable<string>,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of fields) {
    const field = call.model.fields.get(key);
    if (field?.type !== 'relation') continue;
    const value = record[key];
    const ids = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    ids.forEach((id, i) => {
      if (typeof id !== 'string' || call.live.store.get(field.entity, id)) return;
      const path = Array.isArray(value) ? `/${key}/${i}` : `/${key}`;
      errors.push(
        fieldError(call.locale, path, 'relation_not_found', 'relationMissing', {
          label: fieldLabel(field, key, call.locale),
          id,
          entity: field.entity,
        }),
      );
    });
  }
  return errors;
}
