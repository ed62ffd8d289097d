import { createFormRuntime, type FormRuntime } from '@trellis/forms';
import {
  buildEntitySchema,
  createEntityModel,
  fullEnv,
  interpretedValidator,
} from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';

/**
 * The runtime of a form of the draft, built without compiling code (the app's content security
 * policy forbids the code generation ajv compiles with, and a draft changes on every edit): the
 * entity's schema is interpreted, so the preview refuses the same formats, lengths and limits
 * as the server. An error names what is missing.
 */
export function previewRuntime(spec: AppSpec, formKey: string): FormRuntime | { error: string } {
  const form = spec.forms?.find((f) => f.key === formKey);
  const entity = spec.entities.find((e) => e.key === form?.entity);
  if (!form || !entity) return { error: `No form "${formKey}" with its entity in the draft` };
  const model = createEntityModel(entity, {
    pipeline: (spec.pipelines ?? []).find((p) => p.entity === entity.key),
    validate: interpretedValidator(buildEntitySchema(entity)),
    env: fullEnv,
  });
  return createFormRuntime(model, form);
}
