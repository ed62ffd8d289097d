import {
  computeFormulas,
  createSpecModel,
  normalizeInput,
  validateRecord,
  type FieldError,
} from '@trellis/rules';
import type { AppSpec } from '@trellis/spec';
import type { Store } from '@trellis/store';
import { SeedBatch } from './batch';
import { createRandom } from './random';
import { seedIds } from './seed-ids';
import type { SeedProfile, SeedRecord } from './types';

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
 * missing), then the profile's records, each normalized, validated and given its formulas by the
 * same record rules as every write (a refused record is counted, never written half), with its
 * stage transitions, activities, attribution touch, ownership ledger and creation history, in
 * batched transactions through the store's bulk calls (SeedBatch). The past is written as it
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
  const model = createSpecModel(spec, null);
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
  // Prepares one unit into the batch: the record rules first (a refused record is counted and
  // nothing of it is written), then its rows. Returns whether the unit ended in a won stage.
  const prepare = (batch: SeedBatch, unit: SeedRecord[]): boolean => {
    const made: Record<string, string> = {};
    let won = false;
    for (const rec of unit) {
      const m = model.entity(rec.entity);
      if (!m) throw new Error(`the workspace has no entity "${rec.entity}"`);
      const input: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(rec.values))
        input[k] = isRef(v) ? (made[v.$ref] ?? null) : v;
      const n = normalizeInput(m, input, { locale: 'zh-CN', via: 'import' });
      const record = computeFormulas(m, { ...n.values }, rec.createdAt);
      const errors = [
        ...n.errors,
        ...validateRecord(m, record, { locale: 'zh-CN', now: rec.createdAt }, n.invalid),
      ];
      if (errors.length > 0) {
        report.refused += 1;
        if (report.reasons.length < 5) report.reasons.push(...errors.slice(0, 1));
        return won;
      }
      const stages =
        rec.stages ?? (m.initialStage ? [{ stage: m.initialStage, at: rec.createdAt }] : []);
      const last = stages.at(-1);
      const first = { ownerId: user(rec.owner), teamId: rec.team };
      // A record that went back to the pool holds no owner (nor team) now; its ledger says when.
      const holder = rec.released ? { ownerId: null, teamId: null } : first;
      const lastActivity = rec.activities?.reduce((t, a) => Math.max(t, a.at), 0) || null;
      const id = ids.next(rec.createdAt);
      batch.add(rec.entity, {
        ...record,
        id,
        createdAt: rec.createdAt,
        createdBy: null,
        ...holder,
        ...(last ? { stage: last.stage, stageEnteredAt: last.at } : {}),
        lastActivityAt: lastActivity,
      });
      batch.owners.push({
        id: ids.next(rec.createdAt),
        entity: rec.entity,
        recordId: id,
        before: null,
        after: first,
        actorId: null,
        via: 'import',
        at: rec.createdAt,
      });
      batch.history.push({
        changeId: id,
        entity: rec.entity,
        recordId: id,
        field: '$created',
        before: null,
        after: null,
        actorId: first.ownerId,
        via: 'import',
        at: rec.createdAt,
      });
      if (rec.released) released(batch, rec.entity, id, first, rec.released);
      made[rec.entity] = id;
      report.records[rec.entity] = (report.records[rec.entity] ?? 0) + 1;
      for (const [i, s] of stages.entries()) {
        const prev = i === 0 ? null : stages[i - 1]!;
        batch.transitions.push({
          id: ids.next(s.at),
          entity: rec.entity,
          recordId: id,
          fromStage: prev?.stage ?? null,
          toStage: s.stage,
          actorId: first.ownerId,
          via: 'import',
          at: s.at,
          dwellMs: prev ? s.at - prev.at : null,
        });
        if (prev) report.transitions += 1;
      }
      for (const a of rec.activities ?? []) {
        batch.activities.push({
          id: ids.next(a.at),
          entity: rec.entity,
          recordId: id,
          type: a.type,
          body: a.body,
          occurredAt: a.at,
          actorId: user(a.by),
          attachments: [],
          meta: null,
          createdAt: a.at,
        });
        report.activities += 1;
      }
      if (rec.touch)
        batch.touches.push({
          id: ids.next(rec.createdAt),
          entity: rec.entity,
          recordId: id,
          kind: 'form',
          sourceKey: null,
          utmSource: rec.touch.utmSource,
          utmMedium: 'cpc',
          utmCampaign: rec.touch.utmCampaign,
          utmContent: rec.touch.utmContent,
          utmTerm: null,
          referrer: null,
          landingUrl: null,
          at: rec.createdAt,
        });
      if (last && m.stages.get(last.stage)?.category === 'won') won = true;
    }
    return won;
  };
  // The ledger and history of a reclaim in the past, as the pool's clock writes them.
  const released = (
    batch: SeedBatch,
    entity: string,
    id: string,
    before: { ownerId: string | null; teamId: string | null },
    r: { at: number; reason: string },
  ) => {
    batch.owners.push({
      id: ids.next(r.at),
      entity,
      recordId: id,
      before,
      after: { ownerId: null, teamId: null },
      actorId: null,
      via: 'system',
      at: r.at,
      note: { kind: 'reclaim', reason: r.reason },
    });
    const changeId = ids.next(r.at);
    for (const field of ['ownerId', 'teamId'] as const)
      if (before[field] !== null)
        batch.history.push({
          changeId,
          entity,
          recordId: id,
          field,
          before: before[field],
          after: null,
          actorId: null,
          via: 'system',
          at: r.at,
        });
  };
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

const isRef = (v: unknown): v is { $ref: string } =>
  typeof v === 'object' && v !== null && typeof (v as { $ref?: unknown }).$ref === 'string';

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
