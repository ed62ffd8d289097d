import type { AppSpec, EntitySpec, FieldSpec } from '@trellis/spec';

let counter = 0;

/** A valid value for one field, distinct per call where identity matters (phones, codes). */
export function sampleValue(field: FieldSpec, relationId: (entity: string) => string): unknown {
  const n = ++counter;
  switch (field.type) {
    case 'text':
    case 'longtext':
      return 'pattern' in field && field.pattern ? `x${n}` : `${field.key}-${n}`;
    case 'phone':
      return `+86139${String(10_000_000 + n).slice(-8)}`;
    case 'email':
      return `u${n}@example.com`;
    case 'url':
      return `https://example.com/${n}`;
    case 'number':
    case 'percent':
      return field.min ?? 1;
    case 'money':
      return 100_000;
    case 'date':
      return '2026-03-01';
    case 'datetime':
      return Date.UTC(2026, 2, 1);
    case 'boolean':
      return true;
    case 'select':
      return field.options[0]?.value;
    case 'multiselect':
      return [field.options[0]?.value];
    case 'relation':
      return field.multiple ? [relationId(field.entity)] : relationId(field.entity);
    case 'region':
      return '330106';
    default:
      return null;
  }
}

/** Values for every required field of an entity. */
export function sampleRecord(
  spec: AppSpec,
  entity: EntitySpec,
  relationId: (entity: string) => string,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of entity.fields)
    if (field.required) values[field.key] = sampleValue(field, relationId);
  return values;
}
