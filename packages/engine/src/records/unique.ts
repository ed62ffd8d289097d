import { fieldError, type FieldError } from '../i18n/errors';
import type { RecordData } from '../ports';
import { isEmptyValue } from '@trellis/rules';
import { fieldLabel } from '@trellis/rules';
import { records, type Call } from './call';
import { mayName } from './duplicate';

/**
 * Fields marked `unique` whose value another live record already holds. Identity keys are
 * handled by the identity step (duplicate / merge); this covers the rest (e.g. an order number).
 * Only `fields` (the ones being written) are checked.
 */
export async function uniqueErrors(
  call: Call,
  record: RecordData,
  fields: Iterable<string>,
  excludeId?: string,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  for (const key of fields) {
    const field = call.model.fields.get(key);
    if (!field || !('unique' in field) || !field.unique || isEmptyValue(record[key])) continue;
    // A one-field identity key on the same field was already matched by the identity step.
    if (call.model.identity.some((k) => k.length === 1 && k[0] === key)) continue;
    const same = { '==': [{ var: key }, record[key]] };
    const filter = excludeId ? { and: [same, { '!=': [{ var: 'id' }, excludeId] }] } : same;
    const res = await records(call).list(call.model.key, { scope: filter, limit: 1 });
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
