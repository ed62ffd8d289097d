import type { FieldError } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { SeedBatch } from './batch';
import { unitPreparer } from './prepare-unit';
import { createRandom } from './random';
import { seedIds } from './seed-ids';
import type { SeedProfile } from './types';

export type SeedOptions = {
  /** Units to make (leads; customers with their deals). */
  records: number;
  seed: number;
  now?: number;
  /** Units per transaction. */
  batch?: number;
  /** Called with the time (ms) each batch's transaction took (the bench). */
  onBatch?: (ms: number) => void;
};

export type SeedReport = {
  records: Record<string, number>;
  activities: number;
  transitions: number;
  users: number;
  /** Records the rules refused (a broken profile), with the first reasons. */
  refused: number;
  reasons: FieldError[];
  /** Share of units with a record that ended in a won stage (leads enrolled, customers with a won deal). */
  wonShare: number;
};

const YEAR = 365 * 24 * 3_600_000;

/**
 * Writes a deterministic year of demo data for `profile` into the workspace: its people (those
 * missing), then the profile's records, each through the record rules (unitPreparer: a refused
 * record is counted, never written half) with its stage transitions, activities, attribution
 * touch, ownership ledger and creation history, in batched transactions through the store's bulk
 * calls (SeedBatch). The past is written as it
 * happened: no automation runs, no outbox event is queued.
 */
export async function seedWorkspace(
  store: Store,
  spec: AppSpec,
  profile: SeedProfile,
  opts: SeedOptions,
): Promise<SeedReport> {
  const now = opts.now ?? Date.now();
  const window = { start: now - YEAR, now };
  const r = createRandom(opts.seed);
  const ids = seedIds(opts.seed);
  const report: SeedReport = {
    records: {},
    activities: 0,
    transitions: 0,
    users: 0,
    refused: 0,
    reasons: [],
    wonShare: 0,
  };
  const userIds = await ensureUsers(store, profile, now, report);
  const user = (login: string | null | undefined) => (login ? (userIds.get(login) ?? null) : null);
  const prepare = unitPreparer({ spec, ids, user, counts: report });
  const fixed = new SeedBatch();
  for (const rec of profile.fixed(r, window)) prepare(fixed, [rec]);
  await store.transaction((tx) => fixed.write(tx, spec));
  // Creation times first, sorted: written in time order, the UUIDv7 ids and the time indexes
  // grow at their end instead of touching pages all over a year of data (docs/templates.md).
  const times = new Float64Array(opts.records);
  const clock = createRandom(opts.seed ^ 0x7135);
  for (let i = 0; i < times.length; i++) times[i] = profile.when(clock, window);
  times.sort();
  const size = opts.batch ?? 1000;
  let won = 0;
  for (let from = 0; from < opts.records; from += size) {
    const batch = new SeedBatch();
    for (let i = from; i < Math.min(opts.records, from + size); i++)
      if (prepare(batch, profile.unit(i, r, window, times[i]!))) won += 1;
    const started = performance.now();
    await store.transaction((tx) => batch.write(tx, spec));
    opts.onBatch?.(performance.now() - started);
  }
  report.wonShare = opts.records > 0 ? won / opts.records : 0;
  return report;
}

async function ensureUsers(
  store: Store,
  profile: SeedProfile,
  now: number,
  report: SeedReport,
): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  await store.transaction(async (tx) => {
    for (const u of profile.users) {
      const found = await tx.users.byLogin(u.login);
      if (found) {
        ids.set(u.login, found.id);
        continue;
      }
      // No password: the seed's people own records; an admin gives them a login if wanted.
      const id = `seed-${u.login}`;
      await tx.users.insert(
        { id, login: u.login, name: u.name, passwordHash: null, role: u.role, teams: u.teams },
        now,
      );
      ids.set(u.login, id);
      report.users += 1;
    }
    for (const u of profile.users) {
      const id = ids.get(u.login)!;
      if (u.supervisor && ids.has(u.supervisor))
        await tx.users.update(id, { supervisorId: ids.get(u.supervisor)! }, now);
      for (const team of u.leads ?? []) await tx.users.setTeamLead(id, team, true);
    }
  });
  return ids;
}
