import { createEngine, createManualClock } from '@trellis/engine';
import type { Store } from '@trellis/store';
import { newId } from '@trellis/store';
import { generatePassword, hashPassword } from '../auth/password';
import { usersRepo } from '../auth/users';
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
  failures: { ref: string; reason: string }[];
};

/**
 * Loads a demo recipe: users (one generated password for all demo users, the admin its own),
 * then records replayed through the engine's write path at their recipe times (creation, stage
 * walk, activities), so history, dwell times and funnels have data. The resulting outbox events
 * are marked processed: the demo's past must not re-run today's automations.
 */
export async function loadDemo(
  store: Store,
  recipe: DemoRecipe,
  now = Date.now(),
): Promise<DemoReport> {
  const users = usersRepo(store);
  const ids = new Map<string, string>();
  const shared = generatePassword(12);
  const sharedHash = await hashPassword(shared);
  const report: DemoReport = { users: [], records: 0, failures: [] };
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

  const clock = createManualClock(now);
  const engine = createEngine({ store, clock });
  const refs = new Map<string, string>();
  // The platform replays the past: system actors may set read-only fields such as firstContactAt.
  const actorOf = (login: string | null | undefined) =>
    login && ids.has(login)
      ? { kind: 'system' as const, userId: ids.get(login)! }
      : { kind: 'system' as const };
  for (const [entity, records] of Object.entries(recipe.records)) {
    for (const r of records) {
      const at = (s: string) => relativeTime(s, now) ?? now;
      clock.set(at(r.createdAt));
      const values: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(r.values)) values[k] = resolveValue(v, now, refs);
      if (r.owner !== undefined) values.ownerId = r.owner ? (ids.get(r.owner) ?? null) : null;
      if (r.team !== undefined) values.teamId = r.team;
      // Replayed as an import: the recipe's 'ui' would refuse the read-only fields the past had set.
      const via = 'import' as const;
      const created = await engine.records.create(entity, values, {
        actor: actorOf(r.createdBy),
        via,
      });
      if (!created.ok) {
        report.failures.push({
          ref: r.ref,
          reason: `${created.error.message} ${JSON.stringify(created.error.errors.slice(0, 2))}`,
        });
        continue;
      }
      const id = String(created.record.id);
      refs.set(r.ref, id);
      report.records += 1;
      // Activities first: at equal times the evidence must exist before the stage it unlocks.
      const steps = [
        ...(r.activities ?? []).map((a) => ({
          at: at(a.at),
          run: async () =>
            engine.activities.log(
              entity,
              id,
              {
                type: a.type,
                body: a.body ?? null,
                occurredAt: at(a.at),
                attachments: await Promise.all(
                  (a.attachments ?? []).map((f) => demoFile(store, f, at(a.at))),
                ),
              },
              { actor: actorOf(a.by ?? r.owner), via },
            ),
        })),
        ...(r.stageHistory ?? []).slice(1).map((s) => ({
          at: at(s.at),
          run: () =>
            engine.records.changeStage(entity, id, s.stage, { actor: actorOf(r.owner), via }),
        })),
      ].sort((x, y) => x.at - y.at);
      for (const step of steps) {
        clock.set(step.at);
        const res = await step.run();
        if (!res.ok) report.failures.push({ ref: r.ref, reason: res.error.message });
      }
      const text = (v: unknown) => (v === undefined || v === null ? null : String(v));
      for (const t of r.touches ?? [])
        await store.touches.append({
          id: newId(),
          entity,
          recordId: id,
          kind: String(t.kind ?? 'form'),
          sourceKey: text(t.sourceKey),
          utmSource: text(t.utm_source),
          utmMedium: text(t.utm_medium),
          utmCampaign: text(t.utm_campaign),
          utmContent: text(t.utm_content),
          utmTerm: text(t.utm_term),
          referrer: text(t.referrer),
          landingUrl: text(t.landing_url),
          at: at(String(t.at ?? r.createdAt)),
        });
    }
  }
  await store.outbox.markAllProcessed(now);
  return report;
}

/** A placeholder file row for a demo attachment (the bytes are not part of the recipe). */
async function demoFile(store: Store, f: { name: string; mime: string; size: number }, at: number) {
  const id = newId();
  await store.files.insert({
    id,
    name: f.name,
    mime: f.mime,
    size: f.size,
    sha256: '',
    storagePath: `demo/${f.name}`,
    createdBy: null,
    createdAt: at,
  });
  return { id, name: f.name, size: f.size, mime: f.mime };
}
