import { createSpecModel, type SpecModel } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import { createFormRuntime, type FormRuntime, type RuntimeOptions } from './runtime';

const models = new WeakMap<AppSpec, SpecModel>();

/**
 * The rules model of a spec version, built once per spec object and kept while it lives:
 * validators compile on the first form of an entity, never at mount.
 */
export function specModelOf(spec: AppSpec): SpecModel {
  let model = models.get(spec);
  if (!model) models.set(spec, (model = createSpecModel(spec, null)));
  return model;
}

/** Which form to render: a form of the spec by key, or every field of an entity. */
export type FormRef = { form: string } | { entity: string };

/**
 * The runtime of a form of `spec` (full region and phone data), or an error naming what is
 * missing. Cheap after the first call for the same spec: the compiled validator is cached.
 */
export function runtimeFor(
  spec: AppSpec,
  ref: FormRef,
  opts: RuntimeOptions = {},
): FormRuntime | { error: string } {
  const form = 'form' in ref ? spec.forms?.find((f) => f.key === ref.form) : undefined;
  if ('form' in ref && !form) return { error: `No form "${ref.form}" in the spec` };
  const entityKey = form ? form.entity : (ref as { entity: string }).entity;
  const model = specModelOf(spec).entity(entityKey);
  if (!model) return { error: `No entity "${entityKey}" in the spec` };
  return createFormRuntime(model, form ?? null, opts);
}
