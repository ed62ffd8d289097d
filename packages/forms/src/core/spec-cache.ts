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

// Runtimes built for a spec version, by form and options: a form mounted again (a record
// opened after another, a dialog reopened) finds its layout, dependencies and fixed field states
// ready instead of building them on every mount. A few per spec: the oldest go beyond that.
const runtimes = new WeakMap<AppSpec, Map<string, FormRuntime>>();
const MAX_RUNTIMES = 16;
const identities = new WeakMap<object, number>();
let nextIdentity = 1;
const identity = (o: object | undefined) => {
  if (o === undefined) return 0;
  let id = identities.get(o);
  if (id === undefined) identities.set(o, (id = nextIdentity++));
  return id;
};

/**
 * The runtime of a form of `spec` (full region and phone data), or an error naming what is
 * missing. Cheap after the first call for the same spec: the compiled validator is cached, and
 * so is the runtime for the same form and options (the user and the clock by identity).
 */
export function runtimeFor(
  spec: AppSpec,
  ref: FormRef,
  opts: RuntimeOptions = {},
): FormRuntime | { error: string } {
  const form = 'form' in ref ? spec.forms?.find((f) => f.key === ref.form) : undefined;
  if ('form' in ref && !form) return { error: `No form "${ref.form}" in the spec` };
  const entityKey = form ? form.entity : (ref as { entity: string }).entity;
  const key = JSON.stringify([
    form ? `form:${form.key}` : `entity:${entityKey}`,
    opts.via ?? '',
    opts.stage ?? '',
    opts.readOnly ?? [],
    identity(opts.user),
    identity(opts.now),
  ]);
  let cached = runtimes.get(spec);
  const known = cached?.get(key);
  if (known) return known;
  const model = specModelOf(spec).entity(entityKey);
  if (!model) return { error: `No entity "${entityKey}" in the spec` };
  const runtime = createFormRuntime(model, form ?? null, opts);
  if (!cached) runtimes.set(spec, (cached = new Map()));
  cached.set(key, runtime);
  for (const oldest of cached.keys()) {
    if (cached.size <= MAX_RUNTIMES) break;
    cached.delete(oldest);
  }
  return runtime;
}
