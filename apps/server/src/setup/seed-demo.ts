import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { generatePassword, hashPassword } from '../auth/password';
import { seedWorkspace } from '../seed/seed-workspace';
import type { SeedProfile } from '../seed/types';
import type { DemoReport } from './demo-loader';

/** Units of a seeded demo: a team's few hundred customers, not a year at scale. */
const SEED_DEMO_UNITS = 400;

/**
 * The demo of a template that ships a seed profile instead of a recipe (b2b-sales): the
 * profile's people and `SEED_DEMO_UNITS` units of its year, written as a workspace's starting
 * data (`live`: open owned records have their SLA clock), then each of the profile's people
 * given a login with one shared generated password, as a recipe's demo users get. The admin is
 * the caller's to create.
 */
export async function seedDemo(
  store: Store,
  spec: AppSpec,
  profile: SeedProfile,
  now = Date.now(),
): Promise<DemoReport> {
  const seeded = await seedWorkspace(store, spec, profile, {
    records: SEED_DEMO_UNITS,
    seed: 1,
    now,
    live: true,
  });
  const password = generatePassword(12);
  const passwordHash = await hashPassword(password);
  const report: DemoReport = {
    users: [],
    records: Object.values(seeded.records).reduce((a, b) => a + b, 0),
    recent: 0,
    failures: seeded.reasons.map((r) => ({ ref: r.path, reason: r.message })),
  };
  await store.transaction(async (tx) => {
    for (const u of profile.users) {
      const row = await tx.users.byLogin(u.login);
      // Someone of that login who already signs in keeps their password.
      if (!row || row.passwordHash) continue;
      await tx.users.update(row.id, { passwordHash }, now);
      for (const team of u.leads ?? []) await tx.teams.setLead(team, row.id);
      report.users.push({
        login: u.login,
        role: u.role,
        password,
        teams: u.teams,
        leads: u.leads ?? [],
      });
    }
  });
  return report;
}
