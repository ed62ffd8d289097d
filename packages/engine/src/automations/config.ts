import type { ValidateFunction } from 'ajv';
import { createAjv, localizeAjvErrors } from '@trellis/rules';
import type { Locale } from '../ports';
import { am, type AutomationMessageKey } from './messages';
import type { AutomationError } from './types';

const ajv = createAjv();
const compiled = new WeakMap<object, ValidateFunction>();

/**
 * Validates `config` against a module's JSON Schema (the same TypeBox schema validateSpec
 * uses) and returns localized errors with JSON pointers relative to `base`. Never throws.
 */
export function schemaErrors(
  schema: object,
  config: unknown,
  locale: Locale = 'zh-CN',
  base = '',
): AutomationError[] {
  let validate = compiled.get(schema);
  if (!validate) {
    validate = ajv.compile(schema);
    compiled.set(schema, validate);
  }
  if (validate(config)) return [];
  const errors = [...(validate.errors ?? [])];
  localizeAjvErrors(errors, locale);
  return errors.map((e) => {
    const extra =
      e.keyword === 'additionalProperties'
        ? '/' + String((e.params as { additionalProperty?: string }).additionalProperty)
        : '';
    return {
      path: base + e.instancePath + extra,
      code: `schema.${e.keyword}`,
      message: e.message ?? e.keyword,
      params: e.params as Record<string, unknown>,
    };
  });
}

/** One semantic config error with a catalogue message. */
export function configError(
  locale: Locale,
  path: string,
  code: string,
  key: AutomationMessageKey,
  params: Record<string, unknown> = {},
): AutomationError {
  return { path, code, message: am(locale, key, params), params };
}

/** Plain object check for configs read from JSON. */
export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
