import type { ActivityTypeSpec, AppSpec, EntitySpec } from '@trellis/spec';
import { fullEnv } from '../env/full-env';
import type { RuleEnv } from '../env/types';
import { createAjv } from '../validation/ajv';
import { buildEntitySchema } from '../validation/entity-schema';
import { createEntityModel, type EntityModel, type RecordValidator } from './entity-model';

/** A spec version with its per-entity models, built lazily and kept for the life of the version. */
export type SpecModel = {
  version: number | null;
  spec: AppSpec;
  entity(key: string): EntityModel | undefined;
  activityType(key: string): ActivityTypeSpec | undefined;
  /** How many entity validators have been compiled (tests assert "never per call", none for reads). */
  compiledCount(): number;
};

/**
 * Builds the model of one spec version; an entity's validator compiles (ajv) the first time it
 * validates and is kept. `env` defaults to the full region and phone data; `precompiled` hands
 * over validators compiled ahead of time (ajv standalone) for pages that may not evaluate code.
 */
export function createSpecModel(
  spec: AppSpec,
  version: number | null,
  env: RuleEnv = fullEnv,
  precompiled?: (entity: string) => RecordValidator | undefined,
): SpecModel {
  // Created on the first compile: a page under a CSP without 'unsafe-eval' that is handed
  // precompiled validators never builds ajv's compiler.
  let ajv: ReturnType<typeof createAjv> | undefined;
  let compiled = 0;
  const compile = (entity: EntitySpec): RecordValidator => {
    compiled++;
    return precompiled?.(entity.key) ?? (ajv ??= createAjv()).compile(buildEntitySchema(entity));
  };
  const models = new Map<string, EntityModel>();
  const activityTypes = new Map((spec.activityTypes ?? []).map((a) => [a.key, a]));

  const build = (entity: EntitySpec): EntityModel =>
    createEntityModel(entity, {
      pipeline: (spec.pipelines ?? []).find((p) => p.entity === entity.key),
      validate: compiledOnFirstCall(() => compile(entity)),
      env,
    });

  return {
    version,
    spec,
    entity(key) {
      let model = models.get(key);
      if (model) return model;
      const entity = spec.entities.find((e) => e.key === key);
      if (!entity) return undefined;
      model = build(entity);
      models.set(key, model);
      return model;
    },
    activityType: (key) => activityTypes.get(key),
    compiledCount: () => compiled,
  };
}

/**
 * A validator that compiles on its first call. Every read builds its entity's model, and on
 * the server the first one compiled ajv's code for the entity on the HTTP thread before any
 * answer went out (~140 ms of CPU for the education lead, two thirds of it ajv warming up,
 * at load ~10): the first list after a start held its `/me` and the page's scripts behind it.
 * Only writes validate.
 */
function compiledOnFirstCall(compile: () => RecordValidator): RecordValidator {
  let inner: RecordValidator | undefined;
  const validate = ((data: unknown) => (inner ??= compile())(data)) as RecordValidator;
  // ajv hands its errors on the function it compiled: read them from there.
  Object.defineProperty(validate, 'errors', { get: () => inner?.errors ?? null });
  return validate;
}
