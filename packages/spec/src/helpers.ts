import type {
  AppSpec,
  EntitySpec,
  FieldSpec,
  Locale,
  LocaleMap,
  PipelineSpec,
  StageSpec,
} from './schema/index';

/** The entity with this key, or undefined. */
export function getEntity(spec: AppSpec, key: string): EntitySpec | undefined {
  return spec.entities.find((e) => e.key === key);
}

/** The field with this key in an entity, or undefined (system fields are not FieldSpecs). */
export function getField(entity: EntitySpec, key: string): FieldSpec | undefined {
  return entity.fields.find((f) => f.key === key);
}

/** The pipeline of an entity (at most one per entity), or undefined. */
export function getPipeline(spec: AppSpec, entityKey: string): PipelineSpec | undefined {
  return (spec.pipelines ?? []).find((p) => p.entity === entityKey);
}

/** A stage of a pipeline by key, or undefined. */
export function getStage(pipeline: PipelineSpec, key: string): StageSpec | undefined {
  return pipeline.stages.find((s) => s.key === key);
}

/** Text of a locale map in the wanted locale, falling back to zh-CN, en, then any text. */
export function localize(
  map: LocaleMap | string | undefined,
  locale: Locale | string = 'zh-CN',
): string {
  if (map === undefined) return '';
  if (typeof map === 'string') return map;
  const m = map as Record<string, string | undefined>;
  return (
    m[locale] ?? m['zh-CN'] ?? m['en'] ?? Object.values(m).find((v) => typeof v === 'string') ?? ''
  );
}

/** The label of a field in a locale (its key when the field is unknown, e.g. a system field). */
export function fieldLabel(
  entity: EntitySpec,
  key: string,
  locale: Locale | string = 'zh-CN',
): string {
  const field = getField(entity, key);
  return field ? localize(field.label, locale) : key;
}

/** Reserved field keys: system columns every entity has. */
export const RESERVED_FIELD_KEYS = [
  'id',
  'stage',
  'version',
  'owner',
  'team',
  'createdAt',
  'updatedAt',
  'createdBy',
  'deletedAt',
] as const;

/**
 * The record's first attribution touch (the form or webhook call that brought it): report-only
 * fields that dashboards group by (`attribution`, `breakdown`) and lists filter on.
 */
export const TOUCH_FIELDS = [
  'firstUtmSource',
  'firstUtmMedium',
  'firstUtmCampaign',
  'firstUtmContent',
  'firstUtmTerm',
] as const;

/** System fields readable in logic, views and sorts (camelCase), besides the entity's own fields. */
export const SYSTEM_FIELDS = [
  'id',
  'stage',
  'ownerId',
  'teamId',
  'createdAt',
  'updatedAt',
  'createdBy',
  'stageEnteredAt',
  'lastActivityAt',
  'slaDueAt',
  'version',
  'deletedAt',
] as const;
