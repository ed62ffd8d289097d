import type { AppSpec } from '@trellis/spec';
import { SeedBatch } from './batch';
import { unitPreparer, type UnitCounts } from './prepare-unit';
import { createRandom } from './random';
import { seedIds } from './seed-ids';
import type { SeedProfile } from './types';

const YEAR = 365 * 24 * 3_600_000;

/** Everything that decides a seed's rows: the same plan gives the same batches, in any thread. */
export type SeedPlan = {
  spec: AppSpec;
  records: number;
  seed: number;
  now: number;
  /** Units per batch. */
  batch: number;
  /** User ids by login (the people the profile names). */
  users: ReadonlyMap<string, string>;
  /** A workspace's starting demo rather than a year of history (UnitOptions.live). */
  live?: boolean;
};

/**
 * The seed's rows, batch by batch: first the profile's fixed records (campaigns), then the
 * units in time order, each through the record rules (unitPreparer), `plan.batch` units per
 * batch. Counts what it prepares into `counts`; returns how many units ended won.
 */
export function* seedBatches(
  profile: SeedProfile,
  plan: SeedPlan,
  counts: UnitCounts,
): Generator<SeedBatch, number> {
  const window = { start: plan.now - YEAR, now: plan.now };
  const r = createRandom(plan.seed);
  const ids = seedIds(plan.seed);
  const user = (login: string | null | undefined) =>
    login ? (plan.users.get(login) ?? null) : null;
  const prepare = unitPreparer({ spec: plan.spec, ids, user, counts, live: plan.live });
  const fixed = new SeedBatch();
  for (const rec of profile.fixed(r, window)) prepare(fixed, [rec]);
  yield fixed;
  // Creation times first, sorted: written in time order, the UUIDv7 ids and the time indexes
  // grow at their end instead of touching pages all over a year of data (docs/templates.md).
  const times = new Float64Array(plan.records);
  const clock = createRandom(plan.seed ^ 0x7135);
  for (let i = 0; i < times.length; i++) times[i] = profile.when(clock, window);
  times.sort();
  let won = 0;
  for (let from = 0; from < plan.records; from += plan.batch) {
    const batch = new SeedBatch();
    for (let i = from; i < Math.min(plan.records, from + plan.batch); i++)
      if (prepare(batch, profile.unit(i, r, window, times[i]!))) won += 1;
    yield batch;
  }
  return won;
}
