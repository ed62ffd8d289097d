import type { FieldError } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import type { SeedBatch } from './batch';
import { seedProfiles } from './profiles/index';
import { seedBatches, type SeedPlan } from './seed-batches';
import { threadBatches } from './thread-batches';
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
  /**
   * Prepare the batches in a worker thread while this one writes (default: from 50,000 units
   * of a registered profile). Below that the thread's start (seconds when run from source) and
   * its share of a busy machine's cores cost more than it saves: measured at 10,000 units on a
   * loaded 2-core machine, b2b-sales took 15 s with it against 9 s without; at 100,000, 120 s
   * against 143 s.
   */
  thread?: boolean;
  /**
   * The demo a workspace starts with rather than a year of history: open owned records get
   * their stage's SLA due time and the creation history its first values (UnitOptions.live).
   */
  live?: boolean;
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

const THREAD_FROM = 50_000;

/**
 * Writes a deterministic year of demo data for `profile` into the workspace: its people (those
 * missing), then the profile's records, each through the record rules (unitPreparer: a refused
 * record is counted, never written half) with its stage transitions, activities, attribution
 * touch, ownership ledger and creation history, in batched transactions through the store's bulk
 * calls (SeedBatch). The past is written as it happened: no automation runs, no outbox event is
 * queued. A large seed prepares its batches in a worker thread (thread-batches.ts) while this
 * thread writes the ones before; the rows are the same either way (seedBatches, in order).
 */
export async function seedWorkspace(
  store: Store,
  spec: AppSpec,
  profile: SeedProfile,
  opts: SeedOptions,
): Promise<SeedReport> {
  const report: SeedReport = {
    records: {},
    activities: 0,
    transitions: 0,
    users: 0,
    refused: 0,
    reasons: [],
    wonShare: 0,
  };
  const now = opts.now ?? Date.now();
  const plan: SeedPlan = {
    spec,
    records: opts.records,
    seed: opts.seed,
    now,
    batch: opts.batch ?? 1000,
    users: await ensureUsers(store, profile, now, report),
    live: opts.live,
  };
  // Only a registered profile can be named to another thread.
  const registered = seedProfiles[profile.template] === profile;
  const thread = registered && (opts.thread ?? opts.records >= THREAD_FROM);
  const batches = thread
    ? threadBatches(profile.template, plan, report)
    : syncBatches(profile, plan, report);
  // The first batch holds the profile's fixed records (campaigns): written, not timed.
  let first = true;
  try {
    for (let next = await batches.next(); ; next = await batches.next()) {
      if (next.done) {
        report.wonShare = opts.records > 0 ? next.value / opts.records : 0;
        return report;
      }
      const batch = next.value;
      const started = performance.now();
      await store.transaction((tx) => batch.write(tx, spec));
      if (!first) opts.onBatch?.(performance.now() - started);
      first = false;
    }
  } finally {
    // A failed write stops the thread too.
    await batches.return(0);
  }
}

async function* syncBatches(
  profile: SeedProfile,
  plan: SeedPlan,
  counts: SeedReport,
): AsyncGenerator<SeedBatch, number> {
  return yield* seedBatches(profile, plan, counts);
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
