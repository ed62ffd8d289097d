import { tableName } from '../entity/entity-table';
import type { AppShape } from '../spec-shape';
import { warning } from './plan-entity';
import { ask, type Planning } from './planning';
import type { MigrationWarning } from './types';

/**
 * A stage that newly needs a field filled in to be entered changes nothing stored, but it
 * changes work: every open record before that stage that lacks the field will be asked for it
 * when it moves in. Measured so the publish dialog can say how many (a non-blocking warning per
 * stage and field). Records already in the stage or past it are not asked again.
 */
export function* planStageGates(
  live: AppShape | null,
  next: AppShape,
  out: { warnings: MigrationWarning[] },
): Planning<void> {
  const before = new Map((live?.pipelines ?? []).map((p) => [p.entity, p]));
  const liveEntities = new Set((live?.entities ?? []).map((e) => e.key));
  for (const pipeline of next.pipelines ?? []) {
    // A new entity's table is empty: nobody is asked for anything yet.
    if (!liveEntities.has(pipeline.entity)) continue;
    const table = tableName(pipeline.entity);
    const fields = new Set(
      next.entities.find((e) => e.key === pipeline.entity)?.fields.map((f) => f.key) ?? [],
    );
    const old = new Map((before.get(pipeline.entity)?.stages ?? []).map((s) => [s.key, s]));
    const columns = yield* ask((p) => p.columns(table));
    if (!columns) continue;
    let total: number | null = null;
    for (const [i, stage] of pipeline.stages.entries()) {
      const had = new Set(old.get(stage.key)?.requires ?? []);
      const added = (stage.requires ?? []).filter((f) => !had.has(f) && fields.has(f));
      if (added.length === 0) continue;
      const earlier = pipeline.stages
        .slice(0, i)
        .filter((s) => (s.category ?? 'open') === 'open')
        .map((s) => s.key);
      for (const field of added) {
        total ??= yield* ask((p) => p.liveRows(table));
        // A field added in this same publish has no column yet: every earlier record lacks it.
        const affected = yield* ask((p) =>
          p.countInStages(table, earlier, columns.has(field) ? field : undefined),
        );
        if (affected === 0) continue;
        out.warnings.push(
          warning({
            code: 'stage_requires_missing',
            entity: pipeline.entity,
            field,
            stage: stage.key,
            affected,
            total,
            blocking: false,
            resolutions: [],
          }),
        );
      }
    }
  }
}
