import type { StoreDb } from '../db/open-database';
import { tableName } from '../entity/entity-table';
import type { AppShape } from '../spec-shape';
import { archivedTableName, createSqliteProbe } from '../sqlite/schema-probe';
import { planEntity, warning } from './plan-entity';
import { planStageGates } from './plan-stages';
import { ask, runAsync, runSync, type Planning } from './planning';
import type { SchemaProbe } from './schema-probe';
import type { MigrationPlan, MigrationStep, MigrationWarning } from './types';

/**
 * Plans the move from the live spec to `next`: ordered steps plus warnings measured on the
 * data. Read-only and never throws for a valid spec; apply it with applyMigration.
 */
export function planMigration(live: AppShape | null, next: AppShape, db: StoreDb): MigrationPlan {
  return runSync(planning(live, next), createSqliteProbe(db));
}

/** The same plan through a probe that answers asynchronously (PostgreSQL). */
export function planWithProbe(
  live: AppShape | null,
  next: AppShape,
  probe: SchemaProbe,
): Promise<MigrationPlan> {
  return runAsync(planning(live, next), probe);
}

function* planning(live: AppShape | null, next: AppShape): Planning<MigrationPlan> {
  const out = { steps: [] as MigrationStep[], warnings: [] as MigrationWarning[] };
  const liveEntities = new Map((live?.entities ?? []).map((e) => [e.key, e]));
  const nextKeys = new Set(next.entities.map((e) => e.key));
  for (const entity of next.entities)
    yield* planEntity(entity, liveEntities.get(entity.key) ?? null, out);
  for (const e of live?.entities ?? []) {
    if (nextKeys.has(e.key)) continue;
    const table = tableName(e.key);
    if (!(yield* ask((p) => p.columns(table)))) continue;
    const archived = yield* ask((p) => p.archivedTables(e.key));
    const last = archived.at(-1);
    const n = last ? Number(last.slice(last.lastIndexOf('_') + 1)) + 1 : 1;
    const records = yield* ask((p) => p.allRows(table));
    out.steps.push({
      kind: 'archiveEntity',
      entity: e.key,
      to: archivedTableName(e.key, n),
      records,
    });
    if (records > 0)
      out.warnings.push(
        warning({
          code: 'entity_removed',
          entity: e.key,
          affected: records,
          total: records,
          blocking: false,
          resolutions: [],
        }),
      );
  }
  yield* planStageGates(live, next, out);
  return {
    from: live,
    to: next,
    steps: out.steps,
    warnings: out.warnings,
    blocking: out.warnings.filter((w) => w.blocking).map((w) => w.id),
  };
}
