import { createFormRuntime, type FormRuntime } from '@trellis/forms';
import { createEntityModel, fullEnv, type RecordValidator } from '@trellis/rules';
import type { AppSpec, EntitySpec } from '@trellis/spec';

/**
 * The preview's stand-in for the entity's compiled JSON Schema validator: the app's content
 * security policy forbids the code generation ajv compiles with, and a draft changes on every
 * keystroke. It checks what a person filling the preview meets first — required fields — and
 * leaves value formats to the inputs and the server (the runtime's own rules still run:
 * conditions, requiredIf, normalizers).
 */
export function requiredOnlyValidator(entity: EntitySpec): RecordValidator {
  const required = entity.fields
    .filter((f) => f.required && f.type !== 'formula')
    .map((f) => f.key);
  const validate: RecordValidator = (data) => {
    const values = (data ?? {}) as Record<string, unknown>;
    const missing = required.filter((k) => !(k in values));
    validate.errors = missing.map((k) => ({
      keyword: 'required',
      instancePath: '',
      schemaPath: '#/required',
      params: { missingProperty: k },
    }));
    return missing.length === 0;
  };
  return validate;
}

/** The runtime of a form of the draft, built without compiling code; an error names what is missing. */
export function previewRuntime(spec: AppSpec, formKey: string): FormRuntime | { error: string } {
  const form = spec.forms?.find((f) => f.key === formKey);
  const entity = spec.entities.find((e) => e.key === form?.entity);
  if (!form || !entity) return { error: `No form "${formKey}" with its entity in the draft` };
  const model = createEntityModel(entity, {
    pipeline: (spec.pipelines ?? []).find((p) => p.entity === entity.key),
    validate: requiredOnlyValidator(entity),
    env: fullEnv,
  });
  return createFormRuntime(model, form);
}
