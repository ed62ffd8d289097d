import { quoteIdent } from '@trellis/store';
import { fieldError, type FieldError } from '../i18n/errors';
import type { RecordData } from '../ports';
import { isEmptyValue } from '@trellis/rules';
import { fieldLabel } from '@trellis/rules';
import type { Call } from './call';
import { mayName } from './duplicate';

/**
 * Fields marked `unique` whose value another live record already holds. Identity keys are
 * handled by the identity step (duplicate / merge); this covers the rest (e.g. an order number).
 * Only `fields` (the ones being written) are checked.
 */
export function uniqueErrors(
  call: Call,
  record: RecordData,
  fields: Iterable<string>,
  excludeId?: string,
): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of fields) {
    const field = call.model.fields.get(key);
    if (!field || !('unique' in field) || !field.unique || isEmptyValue(record[key])) continue;
    // A one-field identity key on the same field was already matched by the identity step.
    if (call.model.identity.some((k) => k.length === 1 && k[0] === key)) continue;
    const column = call.live.store.table(call.model.key)?.columns[key]?.column ?? quoteIdent(key);
    const where = excludeId
      ? { sql: `${column} = ? AND id <> ?`, params: [record[key], excludeId] }
      : { sql: `${column} = ?`, params: [record[key]] };
    const res = call.live.store.list(call.model.key, { where, limit: 1 });
    const other = res.ok ? res.value.records[0] : undefined;
    if (!other) continue;
    const label = fieldLabel(field, key, call.locale);
    if (!mayName(call, other)) {
      errors.push(fieldError(call.locale, `/${key}`, 'unique', 'uniqueHidden', { label }));
      continue;
    }
    const title = String(other[call.model.titleField] ?? other.id);
    errors.push(
      fieldError(call.locale, `/${key}`, 'unique', 'unique', {
        label,
        title,
        id: other.id,
        existingId: other.id,
      }),
    );
  }
  return errors;
}
