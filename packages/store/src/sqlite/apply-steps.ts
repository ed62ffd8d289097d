import type { StoreDb } from '../db/open-database';
import { entityTable } from '../entity/entity-table';
import type {
  MigrationPlan,
  MigrationStep,
  MigrationSummary,
  Resolutions,
} from '../migration/types';
import { createCtx } from './context';
import { ensureSearchTable, syncIndexes } from './entity-ddl-exec';
import {
  addField,
  archiveEntity,
  archiveField,
  createEntity,
  restoreEntity,
  restoreField,
} from './exec-structure';
import { convertField, fillRequired, remapOption } from './exec-values';
import type { ExecCtx } from './migration-exec';
import { ensureReportTriggers } from './report-triggers';
import { ensureTouchTriggers } from './touch-triggers';
import { rebuildSearchIndex } from './search-index';

type Executors = {
  [K in MigrationStep['kind']]: (x: ExecCtx, s: Extract<MigrationStep, { kind: K }>) => void;
};

/** One executor per step kind (the SQLite half of the migration plan). */
const EXECUTORS: Executors = {
  createEntity,
  restoreEntity,
  archiveEntity,
  addField,
  restoreField,
  archiveField,
  convertField,
  remapOption,
  fillRequired,
  syncIndexes: (x, s) => {
    const info = x.tables.get(s.entity);
    if (!info) return;
    ensureSearchTable(x.db, info);
    syncIndexes(x.db, info);
    ensureReportTriggers(x.db, info);
    ensureTouchTriggers(x.db, info);
  },
  rebuildSearch: (x, s) => {
    const info = x.tables.get(s.entity);
    if (!info) return;
    ensureSearchTable(x.db, info);
    rebuildSearchIndex(createCtx(x.db, x.tables, 'en'), info);
  },
};

/** Runs the steps in order. Throws on failure; the caller holds the transaction. */
export function runSteps(
  db: StoreDb,
  plan: MigrationPlan,
  resolutions: Resolutions,
  now: number,
  specVersion: number | null,
): MigrationSummary {
  const tables = new Map(plan.to.entities.map((e) => [e.key, entityTable(e, plan.to)]));
  const summary: MigrationSummary = {
    steps: 0,
    archivedValues: 0,
    convertedValues: 0,
    filledValues: 0,
  };
  const x: ExecCtx = { db, plan, resolutions, tables, now, specVersion, summary };
  for (const step of plan.steps) {
    (EXECUTORS[step.kind] as (x: ExecCtx, s: MigrationStep) => void)(x, step);
    summary.steps++;
  }
  return summary;
}
