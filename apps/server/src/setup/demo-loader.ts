import { randomInt } from 'node:crypto';
import type { AutomationsApi, Engine } from '@trellis/engine';
import { createSpecModel } from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { SeedBatch } from '../seed/batch';
import { emptyUnitCounts, unitPreparer } from '../seed/prepare-unit';
import { seedIds } from '../seed/seed-ids';
import type { SeedTouch } from '../seed/types';
import { generatePassword, hashPassword } from '../auth/password';
import { usersRepo } from '../auth/users';
import { playRecent, type RecentStep, type RecentUser } from './demo-recent';
import { relativeTime, resolveValue } from './demo-values';

type RecipeUser = {
  login: string;
  name: string;
  role: string;
  teams?: string[];
  leads?: string[];
  supervisor?: string | null;
  status?: string;
  locale?: string;
  email?: string;
};
type RecipeActivity = {
  type: string;
  at: string;
  by?: string;
  body?: string;
  attachments?: { name: string; mime: string; size: number }[];
};
type RecipeRecord = {
  ref: string;
  values: Record<string, unknown>;
  owner?: string | null;
  team?: string | null;
  createdAt: string;
  createdBy?: string | null;
  via?: string;
  stage?: string;
  stageHistory?: { stage: string; at: string }[];
  activities?: RecipeActivity[];
  touches?: Record<string, unknown>[];
};
/** The demo recipe format of templates/education/README.md#demo-data. */
export type DemoRecipe = {
  recipe: number;
  users: RecipeUser[];
  records: Record<string, RecipeRecord[]>;
  /** What happens just now, through the engine and the automations (demo-recent.ts). */
  recent?: RecentStep[];
};

/** A demo login as printed and kept in demo-credentials.json: who it is and where it works. */
export type DemoLogin = {
  login: string;
  role: string;
  password: string;
  /** Teams the user is in; `leads` those of them the user leads. */
  teams: string[];
  leads: string[];
};

export type DemoReport = {
  users: DemoLogin[];
  records: number;
  /** Steps of the recipe's `recent` played (0 without an engine to play them through). */
  recent: number;
  failures: { ref: string; reason: string }[];
};

/**
 * Loads a demo recipe: users (one generated password for all demo users, the admin its own),
 * then the records with their past (creation, stage walk, activities, touches) at their recipe
 * times, through the record rules and the seed's batch path (`writeRecords`), so history, dwell
 * times and funnels have data. No outbox event is queued: the demo's past must not re-run
 * today's automations. Then, given `live` (the engine and automations over the same store), the
 * recipe's `recent` steps happen now through the engine, and the automations run on them: the
 * run log of a fresh demo is not empty.
 */
export async function loadDemo(
  store: Store,
  recipe: DemoRecipe,
  now = Date.now(),
  live?: { engine: Engine; automations: AutomationsApi },
): Promise<DemoReport> {
  const users = usersRepo(store);
  const ids = new Map<string, string>();
  const shared = generatePassword(12);
  const sharedHash = await hashPassword(shared);
  const report: DemoReport = { users: [], records: 0, recent: 0, failures: [] };
  for (const u of recipe.users) {
    const existing = await users.byLogin(u.login);
    if (existing) {
      ids.set(u.login, existing.id);
      continue;
    }
    const password = u.role === 'admin' ? generatePassword() : shared;
    const hash = u.role === 'admin' ? await hashPassword(password) : sharedHash;
    const id = await users.insert(
      {
        login: u.login,
        name: u.name,
        passwordHash: hash,
        role: u.role,
        teams: u.teams ?? [],
        locale: u.locale ?? 'zh-CN',
        email: u.email ?? null,
      },
      now,
    );
    if (u.status === 'away') await users.setStatus(id, 'away', now);
    ids.set(u.login, id);
    report.users.push({
      login: u.login,
      role: u.role,
      password,
      teams: u.teams ?? [],
      leads: u.leads ?? [],
    });
  }
  await store.transaction(async (tx) => {
    for (const u of recipe.users) {
      const id = ids.get(u.login)!;
      if (u.supervisor && ids.has(u.supervisor))
        await tx.users.update(id, { supervisorId: ids.get(u.supervisor)! }, now);
      for (const team of u.leads ?? []) {
        await tx.users.setTeamLead(id, team, true);
        await tx.teams.setLead(team, id);
      }
    }
  });

  const published = await store.specs.live();
  if (!published) throw new Error('the workspace has no published spec to load the demo into');
  const refs = await writeRecords(
    store,
    published.spec,
    recipe,
    now,
    (login) => ids.get(login ?? '') ?? null,
    report,
  );
  if (live && recipe.recent?.length) {
    const people = new Map(recipe.users.map((u) => [u.login, u]));
    const user = (login: string): RecentUser | null => {
      const id = ids.get(login);
      const u = people.get(login);
      return id && u
        ? { id, role: u.role, teams: u.teams ?? [], locale: u.locale ?? 'zh-CN' }
        : null;
    };
    report.recent = await playRecent(live, recipe.recent, { user, refs, now }, report.failures);
  }
  return report;
}

/**
 * The recipe's records as seed units (times resolved against `now`, refs and user fields
 * resolved to ids), written in one transaction through the seed's batch path: the same rows the
 * engine's write path would leave (ledger, creation history, stage walk, activities, touches,
 * SLA due times), without replaying each step as a call of its own.
 */
async function writeRecords(
  store: Store,
  spec: AppSpec,
  recipe: DemoRecipe,
  now: number,
  user: (login: string | null | undefined) => string | null,
  report: DemoReport,
): Promise<Map<string, string>> {
  const at = (s: string) => relativeTime(s, now) ?? now;
  const ids = seedIds(randomInt(2 ** 31));
  const refs = new Map<string, string>();
  for (const records of Object.values(recipe.records))
    for (const r of records) refs.set(r.ref, ids.next(at(r.createdAt)));
  const model = createSpecModel(spec, null);
  const counts = emptyUnitCounts();
  const prepare = unitPreparer({ spec, ids, user, counts, live: true });
  const batch = new SeedBatch();
  for (const [entity, records] of Object.entries(recipe.records)) {
    const fields = model.entity(entity)?.fields;
    for (const r of records) {
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.values)) {
        const value = resolveValue(v, now, refs);
        // `user` fields name people by login in the recipe.
        values[k] =
          fields?.get(k)?.type === 'user' && typeof value === 'string'
            ? (user(value) ?? value)
            : value;
      }
      const refused = counts.refused;
      prepare(batch, [
        {
          entity,
          id: refs.get(r.ref)!,
          values,
          owner: r.owner ?? null,
          team: r.team ?? null,
          createdAt: at(r.createdAt),
          createdBy: r.createdBy ?? null,
          ...(r.stageHistory
            ? { stages: r.stageHistory.map((s) => ({ stage: s.stage, at: at(s.at) })) }
            : {}),
          activities: (r.activities ?? []).map((a) => ({
            type: a.type,
            at: at(a.at),
            by: a.by ?? r.owner ?? null,
            body: a.body ?? null,
            ...(a.attachments ? { attachments: a.attachments } : {}),
          })),
          touches: (r.touches ?? []).map((t) => touchOf(t, at(String(t.at ?? r.createdAt)))),
        },
      ]);
      if (counts.refused > refused)
        report.failures.push({ ref: r.ref, reason: counts.reasons.at(-1)?.message ?? '' });
      else report.records += 1;
    }
  }
  await store.transaction((tx) => batch.write(tx, spec));
  return refs;
}

/** A recipe touch (its keys as in a link: utm_source…) as a touch row. */
function touchOf(t: Record<string, unknown>, at: number): SeedTouch {
  const text = (v: unknown) => (v === undefined || v === null ? null : String(v));
  return {
    kind: String(t.kind ?? 'form'),
    sourceKey: text(t.sourceKey),
    utmSource: text(t.utm_source),
    utmMedium: text(t.utm_medium),
    utmCampaign: text(t.utm_campaign),
    utmContent: text(t.utm_content),
    utmTerm: text(t.utm_term),
    referrer: text(t.referrer),
    landingUrl: text(t.landing_url),
    at,
  };
}
