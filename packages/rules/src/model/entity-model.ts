import type { EntitySpec, FieldSpec, PipelineSpec, StageSpec } from '@trellis/spec';
import type { RuleEnv } from '../env/types';

/**
 * A compiled validator of an entity's record values: ajv's runtime-compiled function on the
 * server and in the web app, ajv standalone code on a public form page. Same shape either way.
 */
export type RecordValidator = {
  (data: unknown): boolean;
  errors?: ValidatorError[] | null;
};

/** The part of an ajv error object the rules read (ajv's `ErrorObject`). */
export type ValidatorError = {
  keyword: string;
  instancePath: string;
  schemaPath: string;
  params: Record<string, unknown>;
  message?: string;
};

/** Everything the record rules need about one entity, derived once per spec version. */
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
  /** Validator of the entity's JSON Schema, compiled once for this spec version. */
  validate: RecordValidator;
  /** Region and phone data the normalizers use. */
  env: RuleEnv;
};

/** Builds an entity's model around a validator compiled elsewhere (see `createSpecModel`). */
export function createEntityModel(
  entity: EntitySpec,
  opts: { pipeline?: PipelineSpec | undefined; validate: RecordValidator; env: RuleEnv },
): EntityModel {
  const { pipeline } = opts;
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
    validate: opts.validate,
    env: opts.env,
  };
}
