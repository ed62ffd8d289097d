import type { ActivityTypeSpec, AppSpec, EntitySpec } from '@trellis/spec';
import { fullEnv } from '../env/full-env';
import type { RuleEnv } from '../env/types';
import { createAjv } from '../validation/ajv';
import { buildEntitySchema } from '../validation/entity-schema';
import { createEntityModel, type EntityModel } from './entity-model';

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
 * kept. `env` defaults to the full region and phone data.
 */
export function createSpecModel(
  spec: AppSpec,
  version: number | null,
  env: RuleEnv = fullEnv,
): SpecModel {
  const ajv = createAjv();
  const models = new Map<string, EntityModel>();
  const activityTypes = new Map((spec.activityTypes ?? []).map((a) => [a.key, a]));
  let compiled = 0;

  const build = (entity: EntitySpec): EntityModel => {
    compiled++;
    return createEntityModel(entity, {
      pipeline: (spec.pipelines ?? []).find((p) => p.entity === entity.key),
      validate: ajv.compile(buildEntitySchema(entity)),
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
