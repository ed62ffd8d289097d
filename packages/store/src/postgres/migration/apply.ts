import { entityTable } from '../../entity/entity-table';
import { checkResolutions } from '../../migration/check-resolutions';
import type {
  MigrationPlan,
  MigrationResult,
  MigrationStep,
  MigrationSummary,
  Resolutions,
} from '../../migration/types';
import { issue, type StoreLocale } from '../../messages';
import type { SqlExec } from '../../sql/exec';
import { WAIT_FOR_LOCKS } from '../locks';
import { ensurePgReportTriggers } from '../report-triggers';
import { ensurePgTouchTriggers } from '../touch-triggers';
import type { PgExecCtx } from './context';
import { ensureSearchTable, rebuildSearch, syncIndexes } from './entity-ddl';
import {
  addField,
  archiveEntity,
  archiveField,
  createEntity,
  restoreEntity,
  restoreField,
} from './exec-structure';
import { convertField, fillRequired, remapOption } from './exec-values';

type Executors = {
  [K in MigrationStep['kind']]: (
    cx: PgExecCtx,
    s: Extract<MigrationStep, { kind: K }>,
  ) => Promise<void>;
};

/** One executor per step kind (the PostgreSQL half of the migration plan). */
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
  async syncIndexes(cx, s) {
    const info = cx.tables.get(s.entity);
    if (!info) return;
    await ensureSearchTable(cx.x, info);
    await syncIndexes(cx.x, info);
    await ensurePgReportTriggers(cx.x, info);
    await ensurePgTouchTriggers(cx.x, info);
  },
  async rebuildSearch(cx, s) {
    const info = cx.tables.get(s.entity);
    if (info) await rebuildSearch(cx.x, info);
  },
};

/** One advisory lock key for entity-table DDL, so two processes never change tables at once. */
export const DDL_LOCK = 7_311_002;

/**
 * Applies a plan with `x`, which must be inside a transaction (DDL is transactional on
 * PostgreSQL: a failing step undoes every step). Refused with nothing written while a blocking
 * warning has no valid resolution. Never throws for a refused or failing plan.
 */
export async function applyPgMigration(
  x: SqlExec,
  plan: MigrationPlan,
  resolutions: Resolutions,
  opts: { locale?: StoreLocale; now?: number; specVersion?: number | null },
  savepoint: <T>(fn: () => Promise<T>) => Promise<T>,
): Promise<MigrationResult> {
  const locale = opts.locale ?? 'zh-CN';
  const issues = checkResolutions(plan, resolutions, locale);
  if (issues.length > 0) return { ok: false, errors: issues };
  const summary: MigrationSummary = {
    steps: 0,
    archivedValues: 0,
    convertedValues: 0,
    filledValues: 0,
  };
  const cx: PgExecCtx = {
    x,
    plan,
    resolutions,
    // With the spec: the data health index its widgets ask for (health-columns.ts).
    tables: new Map(plan.to.entities.map((e) => [e.key, entityTable(e, plan.to)])),
    now: opts.now ?? Date.now(),
    specVersion: opts.specVersion ?? null,
    summary,
  };
  try {
    await savepoint(async () => {
      await x.run(WAIT_FOR_LOCKS);
      await x.run('SELECT pg_advisory_xact_lock(?)', [DDL_LOCK]);
      for (const step of plan.steps) {
        await (EXECUTORS[step.kind] as (cx: PgExecCtx, s: MigrationStep) => Promise<void>)(
          cx,
          step,
        );
        summary.steps++;
      }
    });
    return { ok: true, summary };
  } catch (e) {
    return {
      ok: false,
      errors: [issue('migration_failed', '', { reason: (e as Error).message }, locale)],
    };
  }
}
