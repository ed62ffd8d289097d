import { fieldError, type FieldError } from '../i18n/errors';
import type { RecordData } from '../ports';
import { fieldLabel } from '@trellis/rules';
import { records, type Call } from './call';

/**
 * Relation values that point nowhere: each linked id must be a live record of the field's target
 * entity. Only `fields` (the ones being written) are checked.
 */
export async function relationErrors(
  call: Call,
  record: RecordData,
  fields: Iterable<string>,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const key of fields) {
    const field = call.model.fields.get(key);
    if (field?.type !== 'relation') continue;
    const value = record[key];
    const ids = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value];
    for (const [i, id] of ids.entries()) {
      if (typeof id !== 'string' || (await records(call).get(field.entity, id))) continue;
      const path = Array.isArray(value) ? `/${key}/${i}` : `/${key}`;
      errors.push(
        fieldError(call.locale, path, 'relation_not_found', 'relationMissing', {
          label: fieldLabel(field, key, call.locale),
          id,
          entity: field.entity,
        }),
      );
    }
  }
  return errors;
}
