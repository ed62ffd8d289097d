import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { fieldTypeOf } from '../schema/index';
import type { FieldSpec } from '../schema/index';
import type { Ctx } from './context';
import { requireField } from './context';

// ajv-formats is CommonJS; its default export arrives wrapped under some bundlers.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as typeof addFormatsModule;

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

/** Whether a literal is a fitting record value of the field; the reason when not. */
export function valueProblem(field: FieldSpec, value: unknown): string | null {
  if (value === null) return null;
  const fn = validatorFor(field);
  if (fn(value)) return null;
  const e = fn.errors?.[0];
  return e ? `${e.instancePath || ''} ${e.message ?? ''}`.trim() : 'invalid';
}

/** Checks a literal value given for `key` of `entity` (form defaults, webhook defaults, setFields literals). */
export function checkValue(ctx: Ctx, entity: string, key: string, value: unknown, path: string, keyPath: string): void {
  const field = requireField(ctx, entity, key, keyPath);
  if (!field) return;
  if (field.type === 'formula') {
    ctx.report(keyPath, 'field.notWritable', { key });
    return;
  }
  const reason = valueProblem(field, value);
  if (reason) ctx.report(path, 'value.invalid', { value: JSON.stringify(value), key, type: field.type, reason });
}
