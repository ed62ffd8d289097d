import type { StoreDb } from '../db/open-database';
import { issue } from '../messages';
import type { StoreLocale } from '../messages';
import { runSteps } from '../sqlite/apply-steps';
import { checkResolutions } from './check-resolutions';
import type { MigrationPlan, MigrationResult, Resolutions } from './types';

export type ApplyOptions = { locale?: StoreLocale; now?: number; specVersion?: number | null };

/**
 * Applies a plan in ONE transaction (a savepoint when the caller already holds one). Refused,
 * with nothing written, while a blocking warning has no valid resolution. Never throws.
 */
export function applyMigration(
  plan: MigrationPlan,
  db: StoreDb,
  resolutions: Resolutions = {},
  opts: ApplyOptions = {},
): MigrationResult {
  const locale = opts.locale ?? 'zh-CN';
  const issues = checkResolutions(plan, resolutions, locale);
  if (issues.length > 0) return { ok: false, errors: issues };
  try {
    const summary = db.transaction(() =>
      runSteps(db, plan, resolutions, opts.now ?? Date.now(), opts.specVersion ?? null),
    );
    return { ok: true, summary };
  } catch (e) {
    return {
      ok: false,
      errors: [issue('migration_failed', '', { reason: (e as Error).message }, locale)],
    };
  }
}
