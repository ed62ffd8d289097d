import { fieldTypeOf, type EntitySpec, type FieldSpec } from '@trellis/spec';

/** Field types whose value the engine computes; they are not part of the input schema. */
export function isComputed(field: FieldSpec): boolean {
  return field.type === 'formula';
}

/**
 * JSON Schema of an entity's record values as the engine holds them after normalization, built
 * from the spec's field type registry (`valueSchema`). Empty values are removed before
 * validation, so `required` means "has a value".
 */
export function buildEntitySchema(entity: EntitySpec): Record<string, unknown> {
  const properties: Record<string, unknown> = {};
  const required: string[] = [];
  for (const field of entity.fields) {
    if (isComputed(field)) continue;
    properties[field.key] = fieldTypeOf(field).valueSchema(field);
    if (field.required) required.push(field.key);
  }
  return { type: 'object', properties, required };
}
