import type { FieldSpec } from '@trellis/spec';
import { serverFieldType } from '../field-types';

/**
 * Turns the strings of an urlencoded form post into engine values by field type (the rules per
 * type live in the field type registry, ../field-types.ts).
 */
export function coerceFormValue(field: FieldSpec, raw: string | string[]): unknown {
  return serverFieldType(field).coerce(field, raw);
}
