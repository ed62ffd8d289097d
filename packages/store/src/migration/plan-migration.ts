import type { StoreDb } from '../db/open-database';
import { tableName } from '../entity/entity-table';
import type { AppShape } from '../spec-shape';
import { archivedTableName, createSqliteProbe } from '../sqlite/schema-probe';
import { planEntity, warning } from './plan-entity';
import type { SchemaProbe } from './schema-probe';
import type { MigrationPlan, MigrationStep, MigrationWarning } from './types';

/**
 * Plans the move from the live spec to `next`: ordered steps plus warnings measured on the
 * data. Read-only and never throws for a valid spec; apply it with applyMigration.
 */
export function planMigration(live: AppShape | null, next: AppShape, db: StoreDb): MigrationPlan {
  return planWithProbe(live, next, createSqliteProbe(db));
}

export function planWithProbe(
  live: AppShape | null,
  next: AppShape,
  probe: SchemaProbe,
): MigrationPlan {
  const out = { steps: [] as MigrationStep[], warnings: [] as MigrationWarning[] };
  const liveEntities = new Map((live?.entities ?? []).map((e) => [e.key, e]));
  const nextKeys = new Set(next.entities.map((e) => e.key));
  for (const entity of next.entities)
    planEntity(entity, liveEntities.get(entity.key) ?? null, probe, out);
  for (const e of live?.entities ?? []) {
    if (nextKeys.has(e.key)) continue;
    const table = tableName(e.key);
    if (!probe.columns(table)) continue;
    const archived = probe.archivedTables(e.key);
    const last = archived.at(-1);
    const n = last ? Number(last.slice(last.lastIndexOf('_') + 1)) + 1 : 1;
    const records = probe.allRows(table);
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
  return {
    from: live,
    to: next,
    steps: out.steps,
    warnings: out.warnings,
    blocking: out.warnings.filter((w) => w.blocking).map((w) => w.id),
  };
}
