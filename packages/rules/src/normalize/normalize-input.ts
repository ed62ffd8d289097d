import { fieldError, pointer } from '../i18n/errors';
import type { FieldError, Locale, RecordData, Via } from '../types';
import type { EntityModel } from '../model/entity-model';
import { fieldLabel } from '../validation/validate-record';
import { normalizeFieldValue } from './field-normalizers';
import { normalizeLine } from './text';

/** System fields a caller may set directly (assignment and stage; the stage goes through the gate). */
export const WRITABLE_SYSTEM_FIELDS = ['ownerId', 'teamId', 'stage'] as const;
/** System fields only the engine sets. */
export const ENGINE_SYSTEM_FIELDS = [
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'createdBy',
  'stageEnteredAt',
  'lastActivityAt',
  'slaDueAt',
  'deletedAt',
] as const;

const writableSystem = new Set<string>(WRITABLE_SYSTEM_FIELDS);
const engineSystem = new Set<string>(ENGINE_SYSTEM_FIELDS);

export type NormalizeOptions = { locale: Locale; via: Via; current?: RecordData | null };
export type NormalizedInput = { values: RecordData; errors: FieldError[]; invalid: Set<string> };

/**
 * Turns caller input into engine values: unknown keys, engine-only system fields, formula
 * fields and (for people, via ui/api) read-only fields are refused; every field value is
 * normalized by its type. `invalid` names fields whose input was unusable, so validation does
 * not report them twice.
 */
export function normalizeInput(
  model: EntityModel,
  input: unknown,
  opts: NormalizeOptions,
): NormalizedInput {
  const errors: FieldError[] = [];
  const values: RecordData = {};
  const invalid = new Set<string>();
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    errors.push(
      fieldError(opts.locale, '', 'type', 'invalidInput', { detail: 'values must be an object' }),
    );
    return { values, errors, invalid };
  }
  const peopleEdit = opts.via === 'ui' || opts.via === 'api';
  for (const [key, raw] of Object.entries(input as RecordData)) {
    if (raw === undefined) continue;
    if (writableSystem.has(key)) {
      const s = typeof raw === 'string' ? normalizeLine(raw) : raw;
      if (s !== null && typeof s !== 'string') {
        errors.push(
          fieldError(opts.locale, pointer(key), 'type', 'invalidInput', {
            detail: `${key} must be text`,
          }),
        );
        invalid.add(key);
      } else values[key] = s;
      continue;
    }
    if (engineSystem.has(key)) {
      // Echoed-back metadata equal to the stored value is harmless (clients send whole records).
      if (opts.current && opts.current[key] === raw) continue;
      errors.push(
        fieldError(opts.locale, pointer(key), 'system_field', 'systemField', { field: key }),
      );
      continue;
    }
    const field = model.fields.get(key);
    if (!field) {
      errors.push(
        fieldError(opts.locale, pointer(key), 'unknown_field', 'unknownField', { field: key }),
      );
      continue;
    }
    if (field.type === 'formula') {
      if (opts.current && opts.current[key] === raw) continue;
      errors.push(
        fieldError(opts.locale, pointer(key), 'field_readonly', 'readOnly', {
          label: fieldLabel(field, key, opts.locale),
        }),
      );
      continue;
    }
    const n = normalizeFieldValue(field, raw, model.env);
    if (n.issue) {
      errors.push(
        fieldError(opts.locale, pointer(key), n.issue.code, n.issue.key, {
          label: fieldLabel(field, key, opts.locale),
        }),
      );
      invalid.add(key);
      continue;
    }
    if (field.readOnly && peopleEdit && !sameValue(opts.current?.[key] ?? null, n.value)) {
      errors.push(
        fieldError(opts.locale, pointer(key), 'field_readonly', 'readOnly', {
          label: fieldLabel(field, key, opts.locale),
        }),
      );
      continue;
    }
    values[key] = n.value;
  }
  return { values, errors, invalid };
}

/** Deep equality for record values (scalars, arrays, plain objects). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
