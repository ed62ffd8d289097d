import type { AppSpec, EntitySpec } from '@trellis/spec';

type Pipeline = NonNullable<AppSpec['pipelines']>[number];
export type Stage = Pipeline['stages'][number];

/** The pipeline of an entity, if it has one. */
export function pipelineOf(spec: AppSpec, entity: string): Pipeline | undefined {
  return (spec.pipelines ?? []).find((p) => p.entity === entity);
}

/** The field shown as a record's name. */
export function titleOf(entity: EntitySpec, record: Record<string, unknown>): string {
  const key = entity.titleField ?? entity.fields[0]?.key;
  const value = key ? record[key] : undefined;
  return typeof value === 'string' && value ? value : String(record.id ?? '');
}

/** The default columns of a list: the title field and the next few. */
export function defaultColumns(entity: EntitySpec): string[] {
  return entity.fields
    .filter((f) => f.type !== 'longtext' && f.type !== 'file')
    .slice(0, 6)
    .map((f) => f.key);
}
