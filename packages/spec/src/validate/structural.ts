import { Ajv } from 'ajv';
import type { ErrorObject, ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh';
import { appSpecJsonSchema } from '../schema/index';
import type { Locale } from '../schema/index';
import type { SpecError } from './context';
import { ptr } from './context';
import { structuralMessage } from './structural-messages';

// Both are CommonJS; bundlers disagree on whether the default export is wrapped.
const unwrap = <T>(m: T): T => ((m as { default?: T }).default ?? m) as T;
const addFormats = unwrap(addFormatsModule);
const localizeZh = unwrap(localizeZhModule);

let compiled: ValidateFunction | undefined;

/** The metaschema validator, compiled on first use and then reused (compiling takes tens of ms). */
export function specValidator(): ValidateFunction {
  if (!compiled) {
    // optimize: false compiles the large metaschema ~40% faster; specs are validated rarely (publish, CLI),
    // so startup matters more than the fraction of a millisecond each validation gains from optimizing.
    const ajv = new Ajv({
      strict: true,
      allErrors: true,
      verbose: true,
      discriminator: true,
      allowUnionTypes: true,
      code: { optimize: false },
    });
    addFormats(ajv);
    compiled = ajv.compile(appSpecJsonSchema);
  }
  return compiled;
}

type Schema = Record<string, unknown>;

function describe(e: ErrorObject): { path: string; code: string; params: Record<string, unknown> } {
  const p = { ...e.params, value: e.data } as Record<string, unknown>;
  const parent = (e.parentSchema ?? {}) as Schema;
  switch (e.keyword) {
    case 'required':
      return {
        path: ptr(e.instancePath, String(p.missingProperty)),
        code: 'schema.required',
        params: p,
      };
    case 'additionalProperties': {
      const path = ptr(e.instancePath, String(p.additionalProperty));
      const patterns = parent.patternProperties as Schema | undefined;
      if (patterns)
        return {
          path,
          code: 'schema.badKey',
          params: { ...p, pattern: Object.keys(patterns).join(' | ') },
        };
      return {
        path,
        code: 'schema.unknownProperty',
        params: { ...p, allowed: Object.keys((parent.properties as Schema) ?? {}).join(', ') },
      };
    }
    case 'discriminator': {
      const tag = String(p.tag);
      if (p.error === 'tag')
        return {
          path: ptr(e.instancePath, tag),
          code: 'schema.required',
          params: { missingProperty: tag },
        };
      const branches = (parent.oneOf as Schema[] | undefined) ?? [];
      const allowed = branches
        .map((b) => ((b.properties as Schema)?.[tag] as Schema | undefined)?.const)
        .filter((v) => v !== undefined);
      return {
        path: ptr(e.instancePath, tag),
        code: 'schema.unknownType',
        params: { ...p, allowed: allowed.join(', ') },
      };
    }
    case 'anyOf':
      return {
        path: e.instancePath,
        code: 'schema.anyOf',
        params: { description: String(parent.description ?? '') },
      };
    default:
      return { path: e.instancePath, code: `schema.${e.keyword}`, params: p };
  }
}

/** Drops errors from inside an anyOf's branches: the anyOf error itself says what was expected. */
function collapse(errors: ErrorObject[]): ErrorObject[] {
  const anyOfs = errors.filter((e) => e.keyword === 'anyOf').map((e) => `${e.schemaPath}/`);
  return errors.filter((e) => !anyOfs.some((prefix) => e.schemaPath.startsWith(prefix)));
}

/** Structural errors of a spec against the metaschema, in the builder's words. */
export function structuralErrors(spec: unknown, locale: Locale): SpecError[] {
  const validate = specValidator();
  if (validate(spec)) return [];
  const raw = collapse([...(validate.errors ?? [])]);
  // ajv-i18n rewrites messages in place; copy so the shared validator's errors stay untouched.
  const localized = raw.map((e) => ({ ...e }));
  if (locale !== 'en') localizeZh(localized);
  const seen = new Set<string>();
  const out: SpecError[] = [];
  localized.forEach((e) => {
    const { path, code, params } = describe(e);
    const id = `${path}|${code}`;
    if (seen.has(id)) return;
    seen.add(id);
    const keyword = code.slice('schema.'.length);
    const message =
      path === '' && code === 'schema.type'
        ? locale === 'en'
          ? 'The spec must be a JSON object.'
          : '应用配置必须是一个 JSON 对象。'
        : structuralMessage(keyword, params, e, locale);
    const { value: _value, ...rest } = params;
    out.push({ path, code, message, params: rest });
  });
  return out;
}
