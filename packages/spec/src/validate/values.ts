import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import localizeZhModule from 'ajv-i18n/localize/zh';
import { fieldTypeOf } from '../schema/index';
import type { FieldSpec, Locale } from '../schema/index';
import type { Ctx } from './context';
import { requireField } from './context';

// Both are CommonJS; bundlers disagree on whether the default export is wrapped.
const unwrap = <T>(m: T): T => ((m as { default?: T }).default ?? m) as T;
const addFormats = unwrap(addFormatsModule);
const localizeZh = unwrap(localizeZhModule);

let ajv: Ajv | undefined;
const cache = new Map<string, ValidateFunction>();

function validatorFor(field: FieldSpec): ValidateFunction {
  const schema = fieldTypeOf(field).valueSchema(field);
  const id = JSON.stringify(schema);
  let fn = cache.get(id);
  if (!fn) {
    ajv ??= addFormats(new Ajv({ strict: false, allErrors: false }));
    fn = ajv.compile(schema);
    if (cache.size > 500) cache.clear();
    cache.set(id, fn);
  }
  return fn;
}

/** Whether a literal is a fitting record value of the field; the reason (ajv's, localized by ajv-i18n) when not. */
function valueProblem(field: FieldSpec, value: unknown, locale: Locale = 'zh-CN'): string | null {
  if (value === null) return null;
  const fn = validatorFor(field);
  if (fn(value)) return null;
  const errors = (fn.errors ?? []).slice(0, 1).map((e) => ({ ...e }));
  if (locale !== 'en') localizeZh(errors);
  const e = errors[0];
  const detail = e?.keyword === 'enum' ? ` ${JSON.stringify(e.params.allowedValues)}` : '';
  return e ? `${e.instancePath ? `${e.instancePath} ` : ''}${e.message ?? ''}${detail}` : 'invalid';
}

/** Checks a literal value given for `key` of `entity` (form defaults, webhook defaults, setFields literals). */
export function checkValue(
  ctx: Ctx,
  entity: string,
  key: string,
  value: unknown,
  path: string,
  keyPath: string,
): void {
  const field = requireField(ctx, entity, key, keyPath);
  if (!field) return;
  if (field.type === 'formula') {
    ctx.report(keyPath, 'field.notWritable', { key });
    return;
  }
  const reason = valueProblem(field, value, ctx.locale);
  if (reason)
    ctx.report(path, 'value.invalid', {
      value: JSON.stringify(value),
      key,
      type: field.type,
      reason,
    });
}
