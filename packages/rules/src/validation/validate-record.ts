import { tryEvaluate } from '@trellis/logic';
import type { FieldSpec } from '@trellis/spec';
import { fieldError, pointer } from '../i18n/errors';
import { localized } from '../i18n/messages';
import type { FieldError, Locale, RecordData } from '../types';
import type { EntityModel } from '../model/entity-model';
import { schemaErrorMessage } from './schema-messages';
import { isEmptyValue } from './empty';

export type ValidationContext = {
  locale: Locale;
  now: number;
  user?: { id: string; teams: string[]; roles: string[] };
};

/** Label of a field in the caller's locale. */
export function fieldLabel(field: FieldSpec | undefined, key: string, locale: Locale): string {
  return field ? localized(field.label, locale, key) : key;
}

/**
 * Validates a whole record (after normalization and with the patch applied) against the entity's
 * compiled JSON Schema plus `requiredIf`. Returns every problem, localized; never throws.
 */
export function validateRecord(
  model: EntityModel,
  record: RecordData,
  ctx: ValidationContext,
  skip: ReadonlySet<string> = new Set(),
): FieldError[] {
  // Empty values are left out so that JSON Schema `required` means "has a value".
  const present: RecordData = {};
  for (const [key, field] of model.fields) {
    if (field.type === 'formula') continue;
    const v = record[key];
    if (!isEmptyValue(v)) present[key] = v;
  }
  const errors: FieldError[] = [];
  if (!model.validate(present)) {
    const raw = model.validate.errors ?? [];
    const seen = new Set<string>();
    for (const e of raw) {
      // A missing top-level property is a required field; anything else is about the value at instancePath.
      const topRequired = e.keyword === 'required' && e.instancePath === '';
      const missing = String((e.params as { missingProperty?: string }).missingProperty ?? '');
      const key = topRequired ? missing : (e.instancePath.split('/')[1] ?? '');
      if (skip.has(key)) continue;
      const field = model.fields.get(key);
      const label = fieldLabel(field, key, ctx.locale);
      const path = topRequired
        ? pointer(key)
        : e.keyword === 'required'
          ? `${e.instancePath}${pointer(missing)}`
          : e.instancePath;
      // One message per path and keyword is enough (ajv repeats some, e.g. for each enum item).
      const dedupe = `${path}|${e.keyword}`;
      if (seen.has(dedupe)) continue;
      seen.add(dedupe);
      if (topRequired) errors.push(fieldError(ctx.locale, path, 'required', 'required', { label }));
      else
        errors.push({
          path,
          code: e.keyword,
          message: schemaErrorMessage(e, field, label, ctx.locale),
          params: { ...e.params },
        });
    }
  }
  for (const field of model.conditional) {
    if (skip.has(field.key) || !isEmptyValue(record[field.key])) continue;
    const r = tryEvaluate(field.requiredIf, record, {
      now: ctx.now,
      ...(ctx.user ? { user: ctx.user } : {}),
    });
    if (r.ok && truthy(r.value)) {
      errors.push(
        fieldError(ctx.locale, pointer(field.key), 'requiredIf', 'requiredIf', {
          label: fieldLabel(field, field.key, ctx.locale),
        }),
      );
    }
  }
  return errors;
}

// JSONLogic truthiness: empty arrays are false.
function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : Boolean(v);
}
