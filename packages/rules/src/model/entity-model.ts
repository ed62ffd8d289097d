import type { ValidateFunction } from 'ajv';
import type {
  ActivityTypeSpec,
  AppSpec,
  EntitySpec,
  FieldSpec,
  PipelineSpec,
  StageSpec,
} from '@trellis/spec';
import { createAjv } from '../validation/ajv';
import { buildEntitySchema } from '../validation/entity-schema';

/** Everything the write path needs about one entity, derived once per spec version. */
export type EntityModel = {
  key: string;
  entity: EntitySpec;
  fields: ReadonlyMap<string, FieldSpec>;
  /** Fields computed by the engine (formulas), in declaration order. */
  formulas: readonly Extract<FieldSpec, { type: 'formula' }>[];
  /** Fields with a `requiredIf` condition. */
  conditional: readonly FieldSpec[];
  titleField: string;
  identity: readonly (readonly string[])[];
  pipeline: PipelineSpec | undefined;
  stages: ReadonlyMap<string, StageSpec>;
  /** First stage of the pipeline (where new records start), or null without a pipeline. */
  initialStage: string | null;
  /** ajv validator of the entity's JSON Schema, compiled once for this spec version. */
  validate: ValidateFunction;
};

/** A spec version with its per-entity models, built lazily and kept for the life of the version. */
export type SpecModel = {
  version: number | null;
  spec: AppSpec;
  entity(key: string): EntityModel | undefined;
  activityType(key: string): ActivityTypeSpec | undefined;
  /** How many entity validators have been compiled (tests assert "never per call"). */
  compiledCount(): number;
};

/** Builds the model of one spec version; entity validators compile on first use. */
export function createSpecModel(spec: AppSpec, version: number | null): SpecModel {
  const ajv = createAjv();
  const models = new Map<string, EntityModel>();
  const activityTypes = new Map((spec.activityTypes ?? []).map((a) => [a.key, a]));
  let compiled = 0;

  const build = (entity: EntitySpec): EntityModel => {
    const pipeline = (spec.pipelines ?? []).find((p) => p.entity === entity.key);
    compiled++;
    return {
      key: entity.key,
      entity,
      fields: new Map(entity.fields.map((f) => [f.key, f])),
      formulas: entity.fields.filter(
        (f): f is Extract<FieldSpec, { type: 'formula' }> => f.type === 'formula',
      ),
      conditional: entity.fields.filter((f) => f.requiredIf !== undefined && f.requiredIf !== null),
      titleField: entity.titleField,
      identity: entity.identity ?? [],
      pipeline,
      stages: new Map((pipeline?.stages ?? []).map((s) => [s.key, s])),
      initialStage: pipeline?.stages[0]?.key ?? null,
      validate: ajv.compile(buildEntitySchema(entity)),
    };
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
