import { createSpecModel, fullEnv, type RecordValidator, type SpecModel } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import { createFormRuntime, type FormRuntime, type RuntimeOptions } from './runtime';

const models = new WeakMap<AppSpec, SpecModel>();
const precompiled = new WeakMap<AppSpec, Map<string, RecordValidator>>();

/**
 * Hands over an entity's validator compiled ahead of time (ajv standalone, loaded from the
 * server) for `spec`, so forms of that entity never compile one: needed where the page's content
 * security policy forbids evaluating code. Call before the first form of the entity mounts.
 */
export function providePrecompiledValidator(
  spec: AppSpec,
  entity: string,
  validate: RecordValidator,
): void {
  let byEntity = precompiled.get(spec);
  if (!byEntity) precompiled.set(spec, (byEntity = new Map()));
  byEntity.set(entity, validate);
}

/**
 * The rules model of a spec version, built once per spec object and kept while it lives:
 * validators compile on the first form of an entity, never at mount.
 */
export function specModelOf(spec: AppSpec): SpecModel {
  let model = models.get(spec);
  if (!model)
    models.set(
      spec,
      (model = createSpecModel(spec, null, fullEnv, (entity) =>
        precompiled.get(spec)?.get(entity),
      )),
    );
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
