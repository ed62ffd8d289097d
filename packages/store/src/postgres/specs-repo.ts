import { isDeepStrictEqual } from 'node:util';
import type { AppSpec } from '@trellis/spec';
import { diffSpec, validateSpec } from '@trellis/spec';
import type { MigrationRepo } from '../api/migrations';
import type { SpecRepo } from '../api/specs';
import { issue, type StoreLocale } from '../messages';
import { planWithProbe } from '../migration/plan-migration';
import { markSpecChanged, specEpoch } from '../spec-versions/spec-epoch';
import type {
  PublishedChanges,
  PublishOptions,
  PublishResult,
  DraftSaveResult,
  SpecDraft,
  SpecVersion,
} from '../spec-versions/types';
import { fromJson, fromNum, type Row, type SqlExec } from '../sql/exec';
import { teamRepo } from '../sql/teams';
import { WAIT_FOR_LOCKS } from './locks';
import { applyPgMigration } from './migration/apply';
import { createPgProbe } from './migration/schema-probe';
import { syncPgEntityTables } from './migration/sync-tables';

/** A nested unit of the open transaction (a savepoint). */
export type Nested = <T>(fn: () => Promise<T>) => Promise<T>;
/** Runs `fn` atomically: a nested unit of the open transaction, or a transaction of its own. */
export type Atomic = <T>(fn: (x: SqlExec, nested: Nested) => Promise<T>) => Promise<T>;

/** Serializes publishes across processes (two would otherwise both take the next version number). */
const PUBLISH_LOCK = 7_311_003;

function toVersion(r: Row): SpecVersion<AppSpec> {
  return {
    version: fromNum(r.version),
    spec: fromJson<AppSpec>(r.spec, {} as AppSpec),
    publishedAt: fromNum(r.published_at),
    publishedBy: (r.published_by as string | null) ?? null,
    note: (r.note as string | null) ?? null,
    changes: fromJson<PublishedChanges | null>(r.changes, null),
  };
}

const EMPTY_SUMMARY = { steps: 0, archivedValues: 0, convertedValues: 0, filledValues: 0 };

/**
 * Spec versions on PostgreSQL: the same behaviour as spec-versions/spec-versions.ts (validate,
 * diff, plan measured on the data, apply, mirror teams, record the version, all in one
 * transaction), written against the asynchronous driver.
 */
export function pgSpecRepo(x: SqlExec, atomic: Atomic): SpecRepo {
  const live = async (on: SqlExec = x) => {
    const r = await on.get('SELECT * FROM spec_versions ORDER BY version DESC LIMIT 1');
    return r ? toVersion(r) : null;
  };
  const getDraft = async (on: SqlExec = x): Promise<SpecDraft | null> => {
    const r = await on.get('SELECT * FROM spec_draft WHERE id = 1');
    return r
      ? {
          spec: fromJson<unknown>(r.spec, null),
          baseVersion: r.base_version === null ? null : fromNum(r.base_version),
          updatedAt: fromNum(r.updated_at),
          updatedBy: (r.updated_by as string | null) ?? null,
        }
      : null;
  };
  const prepare = async (on: SqlExec, spec: unknown, locale: StoreLocale) => {
    const checked = validateSpec(spec, { locale });
    if (!checked.ok) return { ok: false as const, errors: checked.errors.map((e) => ({ ...e })) };
    const current = await live(on);
    const next = spec as AppSpec;
    return {
      ok: true as const,
      current,
      next,
      diff: current ? diffSpec(current.spec, next) : [],
      plan: await planWithProbe(current?.spec ?? null, next, createPgProbe(on)),
    };
  };

  const publishSpec = (opts: PublishOptions, restoredFrom?: number) =>
    publishIn(opts, restoredFrom).catch((e: unknown): PublishResult<AppSpec> => ({
      ok: false,
      errors: [
        issue('migration_failed', '', { reason: (e as Error).message }, opts.locale ?? 'zh-CN'),
      ],
    }));
  const publishIn = (opts: PublishOptions, restoredFrom?: number) =>
    atomic(async (t, nested): Promise<PublishResult<AppSpec>> => {
      const locale = opts.locale ?? 'zh-CN';
      // A publish is a migration: it waits behind another publish however long that runs.
      await t.run(WAIT_FOR_LOCKS);
      await t.run('SELECT pg_advisory_xact_lock(?)', [PUBLISH_LOCK]);
      const fromDraft = opts.spec === undefined;
      const draft = fromDraft ? await getDraft(t) : null;
      const spec = fromDraft ? draft?.spec : opts.spec;
      if (spec === undefined || spec === null)
        return { ok: false, errors: [issue('no_draft', '', {}, locale)] };
      if (draft && opts.ifDraftRevision !== undefined && draft.updatedAt !== opts.ifDraftRevision)
        return {
          ok: false,
          errors: [
            issue('draft_changed', '', { by: draft.updatedBy, at: draft.updatedAt }, locale),
          ],
        };
      const now = opts.now ?? Date.now();
      const p = await prepare(t, spec, locale);
      if (!p.ok) return p;
      if (p.current && isDeepStrictEqual(p.current.spec, p.next)) {
        // The draft said nothing new: it is done with, like a published one.
        if (fromDraft) await t.run('DELETE FROM spec_draft WHERE id = 1');
        const changes: PublishedChanges = {
          diff: [],
          steps: [],
          warnings: [],
          resolutions: {},
          summary: { ...EMPTY_SUMMARY },
          teamsRemoved: [],
        };
        return {
          ok: true,
          version: p.current.version,
          spec: p.current.spec,
          plan: p.plan,
          summary: changes.summary,
          changes,
          unchanged: true,
        };
      }
      const version = (p.current?.version ?? 0) + 1;
      const resolutions = opts.resolutions ?? {};
      const applied = await applyPgMigration(
        t,
        p.plan,
        resolutions,
        { locale, now, specVersion: version },
        nested,
      );
      if (!applied.ok) return { ok: false, errors: applied.errors, plan: p.plan };
      const teamsRemoved = await teamRepo(t, (fn) => fn(t)).mirror(p.next.teams ?? []);
      const changes: PublishedChanges = {
        diff: p.diff,
        steps: p.plan.steps,
        warnings: p.plan.warnings,
        resolutions,
        summary: applied.summary,
        teamsRemoved,
      };
      if (restoredFrom !== undefined) changes.restoredFrom = restoredFrom;
      await t.run(
        'INSERT INTO spec_versions (version, spec, published_at, published_by, note, changes) VALUES (?, ?, ?, ?, ?, ?)',
        [
          version,
          JSON.stringify(p.next),
          now,
          opts.by ?? null,
          opts.note ?? null,
          JSON.stringify(changes),
        ],
      );
      markSpecChanged();
      // A published draft is cleared, as on SQLite: the next edit starts from the live spec.
      if (fromDraft) await t.run('DELETE FROM spec_draft WHERE id = 1');
      return {
        ok: true,
        version,
        spec: p.next,
        plan: p.plan,
        summary: applied.summary,
        changes,
        unchanged: false,
      };
    });

  return {
    live: () => live(),
    async liveVersion() {
      const r = await x.get<{ v: number | null }>('SELECT max(version) AS v FROM spec_versions');
      return r?.v ?? null;
    },
    async get(version) {
      const r = await x.get('SELECT * FROM spec_versions WHERE version = ?', [version]);
      return r ? toVersion(r) : null;
    },
    async list() {
      const rows = await x.all(
        'SELECT version, published_at, published_by, note FROM spec_versions ORDER BY version DESC',
      );
      return rows.map((r) => ({
        version: fromNum(r.version),
        publishedAt: fromNum(r.published_at),
        publishedBy: (r.published_by as string | null) ?? null,
        note: (r.note as string | null) ?? null,
      }));
    },
    getDraft: () => getDraft(),
    saveDraft: (spec, opts = {}) =>
      atomic(async (t): Promise<DraftSaveResult> => {
        // Draft saves and publishes one at a time across processes: the revision check holds.
        await t.run('SELECT pg_advisory_xact_lock(?)', [PUBLISH_LOCK]);
        const current = await getDraft(t);
        if (opts.ifRevision !== undefined && (current?.updatedAt ?? 0) !== (opts.ifRevision ?? 0))
          return { ok: false, current };
        const now = opts.now ?? Date.now();
        const draft: SpecDraft = {
          spec,
          baseVersion: (await live(t))?.version ?? null,
          // The revision: strictly above the previous save's, whatever the clock says.
          updatedAt: current && now <= current.updatedAt ? current.updatedAt + 1 : now,
          updatedBy: opts.by ?? null,
        };
        await t.run(
          `INSERT INTO spec_draft (id, spec, base_version, updated_at, updated_by) VALUES (1, ?, ?, ?, ?)
           ON CONFLICT (id) DO UPDATE SET spec = excluded.spec, base_version = excluded.base_version, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
          [JSON.stringify(spec), draft.baseVersion, draft.updatedAt, draft.updatedBy],
        );
        return { ok: true, draft };
      }),
    discardDraft: () =>
      atomic(async (t) => {
        await t.run('DELETE FROM spec_draft WHERE id = 1');
      }),
    async preview(spec, opts = {}) {
      const locale = opts.locale ?? 'zh-CN';
      const target = spec ?? (await getDraft())?.spec;
      if (target === undefined || target === null)
        return { ok: false, errors: [issue('no_draft', '', {}, locale)] };
      const p = await prepare(x, target, locale);
      return p.ok ? { ok: true, plan: p.plan, diff: p.diff } : p;
    },
    publish: (opts = {}) => publishSpec(opts),
    async restore(version, opts = {}) {
      const old = await x.get('SELECT * FROM spec_versions WHERE version = ?', [version]);
      if (!old)
        return {
          ok: false,
          errors: [issue('unknown_version', '', { version }, opts.locale ?? 'zh-CN')],
        };
      return publishSpec(
        { ...opts, spec: toVersion(old).spec, note: opts.note ?? `restore v${version}` },
        version,
      );
    },
    epoch: specEpoch,
    markChanged: markSpecChanged,
  };
}

/** Spec migrations on PostgreSQL: planned with the PostgreSQL probe, applied in a transaction. */
export function pgMigrationRepo(x: SqlExec, atomic: Atomic): MigrationRepo {
  return {
    plan: (live, next) => planWithProbe(live, next, createPgProbe(x)),
    apply: (plan, resolutions, opts) =>
      atomic((t, nested) => applyPgMigration(t, plan, resolutions ?? {}, opts ?? {}, nested)),
    syncEntityTables: (spec) => atomic((t) => syncPgEntityTables(t, spec)),
  };
}
