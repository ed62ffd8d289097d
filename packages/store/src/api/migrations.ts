import type { AppShape } from '../spec-shape';
import type { MigrationPlan, MigrationResult, Resolutions } from '../migration/types';
import type { StoreLocale } from '../messages';

/** Spec migrations: plans measured on the data, applied in one transaction. */
export type MigrationRepo = {
  /** Ordered steps and warnings (with counts) for moving from `live` to `next`. Writes nothing. */
  plan(live: AppShape | null, next: AppShape): Promise<MigrationPlan>;
  /**
   * Applies a plan (in the caller's transaction, or its own). Refused with nothing written while
   * a blocking warning has no valid resolution. Never throws for a refused plan.
   */
  apply(
    plan: MigrationPlan,
    resolutions?: Resolutions,
    opts?: { locale?: StoreLocale; now?: number; specVersion?: number | null },
  ): Promise<MigrationResult>;
  /**
   * Creates the tables of entities that have none (tests, first boot) and the search tables an
   * older data directory lacks; never alters an existing table. Returns the created entity keys.
   */
  syncEntityTables(spec: AppShape): Promise<string[]>;
};
