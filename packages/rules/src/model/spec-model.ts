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
  /** How many entity validators have been compiled (tests assert "never per call"). */
  compiledCount(): number;
};

/**
 * Builds the model of one spec version; entity validators compile (ajv) on first use and are
 * kept. `env` defaults to the full region and phone data; `precompiled` hands over validators
 * compiled ahead of time (ajv standalone) for pages that may not evaluate code.
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
  const compile = (entity: EntitySpec): RecordValidator =>
    precompiled?.(entity.key) ?? (ajv ??= createAjv()).compile(buildEntitySchema(entity));
  const models = new Map<string, EntityModel>();
  const activityTypes = new Map((spec.activityTypes ?? []).map((a) => [a.key, a]));
  let compiled = 0;

  const build = (entity: EntitySpec): EntityModel => {
    compiled++;
    return createEntityModel(entity, {
      pipeline: (spec.pipelines ?? []).find((p) => p.entity === entity.key),
      validate: compile(entity),
      env,
    });
  };

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
