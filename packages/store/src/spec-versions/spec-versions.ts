import { isDeepStrictEqual } from 'node:util';
import { desc, eq } from 'drizzle-orm';
import type { AppSpec } from '@trellis/spec';
import { diffSpec, validateSpec } from '@trellis/spec';
import type { StoreDb } from '../db/open-database';
import { issue } from '../messages';
import type { StoreLocale } from '../messages';
import { applyMigration } from '../migration/apply-migration';
import { planMigration } from '../migration/plan-migration';
import { specDraft, specVersions as versionsTable } from '../schema/spec';
import { mirrorTeams } from './teams-mirror';
import type {
  PreviewResult,
  PublishedChanges,
  DraftSaveOptions,
  DraftSaveResult,
  PublishOptions,
  PublishResult,
  SpecDraft,
  SpecVersion,
  SpecVersionInfo,
} from './types';
import { markSpecChanged } from './spec-epoch';

/**
 * Spec versions: one draft the builder edits, and published versions (the highest is live).
 * Publishing validates, diffs, plans and applies the migration and records the version, all in
 * one transaction; restoring an earlier version goes through the same path.
 */
export function specVersions(db: StoreDb) {
  const live = (): SpecVersion<AppSpec> | null => {
    const row = db.orm
      .select()
      .from(versionsTable)
      .orderBy(desc(versionsTable.version))
      .limit(1)
      .get();
    return row ? toVersion(row) : null;
  };

  const prepare = (spec: unknown, locale: StoreLocale, outboundAllow?: string) => {
    const checked = validateSpec(spec, { locale, ...(outboundAllow ? { outboundAllow } : {}) });
    if (!checked.ok) return { ok: false as const, errors: checked.errors.map((e) => ({ ...e })) };
    const current = live();
    const next = spec as AppSpec;
    return {
      ok: true as const,
      current,
      next,
      diff: current ? diffSpec(current.spec, next) : [],
      plan: planMigration(current?.spec ?? null, next, db),
    };
  };

  const api = {
    getDraft(): SpecDraft | null {
      const row = db.orm.select().from(specDraft).where(eq(specDraft.id, 1)).get();
      return row
        ? {
            spec: row.spec,
            baseVersion: row.baseVersion,
            updatedAt: row.updatedAt,
            updatedBy: row.updatedBy,
          }
        : null;
    },
    /**
     * Saves the working draft as is (drafts may be invalid; publishing validates). With
     * `ifRevision`, only when the stored draft is still that revision (compare and set).
     */
    saveDraft(spec: unknown, opts: DraftSaveOptions = {}): DraftSaveResult {
      return db.transaction((): DraftSaveResult => {
        const current = api.getDraft();
        if (opts.ifRevision !== undefined && (current?.updatedAt ?? 0) !== (opts.ifRevision ?? 0))
          return { ok: false, current };
        const now = opts.now ?? Date.now();
        const draft: SpecDraft = {
          spec,
          baseVersion: live()?.version ?? null,
          // The revision: strictly above the previous save's, whatever the clock says.
          updatedAt: current && now <= current.updatedAt ? current.updatedAt + 1 : now,
          updatedBy: opts.by ?? null,
        };
        db.orm
          .insert(specDraft)
          .values({ id: 1, ...draft })
          .onConflictDoUpdate({
            target: specDraft.id,
            set: {
              spec: draft.spec,
              baseVersion: draft.baseVersion,
              updatedAt: draft.updatedAt,
              updatedBy: draft.updatedBy,
            },
          })
          .run();
        return { ok: true, draft };
      });
    },
    discardDraft(): void {
      db.orm.delete(specDraft).where(eq(specDraft.id, 1)).run();
    },
    live,
    list(): SpecVersionInfo[] {
      return db.orm
        .select({
          version: versionsTable.version,
          publishedAt: versionsTable.publishedAt,
          publishedBy: versionsTable.publishedBy,
          note: versionsTable.note,
        })
        .from(versionsTable)
        .orderBy(desc(versionsTable.version))
        .all();
    },
    get(version: number): SpecVersion<AppSpec> | null {
      const row = db.orm
        .select()
        .from(versionsTable)
        .where(eq(versionsTable.version, version))
        .get();
      return row ? toVersion(row) : null;
    },
    /** Validates and plans without writing: what publish would do, with measured warnings. */
    preview(
      spec?: unknown,
      opts: { locale?: StoreLocale; outboundAllow?: string } = {},
    ): PreviewResult {
      const locale = opts.locale ?? 'zh-CN';
      const target = spec ?? api.getDraft()?.spec;
      if (target === undefined) return { ok: false, errors: [issue('no_draft', '', {}, locale)] };
      const p = prepare(target, locale, opts.outboundAllow);
      return p.ok ? { ok: true, plan: p.plan, diff: p.diff } : p;
    },
    publish(opts: PublishOptions = {}): PublishResult<AppSpec> {
      return publishSpec(opts, undefined);
    },
    /** Publishes an earlier version again as a new version (same validation and migration path). */
    restore(version: number, opts: Omit<PublishOptions, 'spec'> = {}): PublishResult<AppSpec> {
      const old = api.get(version);
      if (!old)
        return {
          ok: false,
          errors: [issue('unknown_version', '', { version }, opts.locale ?? 'zh-CN')],
        };
      return publishSpec(
        { ...opts, spec: old.spec, note: opts.note ?? `restore v${version}` },
        version,
      );
    },
  };

  function publishSpec(
    opts: PublishOptions,
    restoredFrom: number | undefined,
  ): PublishResult<AppSpec> {
    const locale = opts.locale ?? 'zh-CN';
    const fromDraft = opts.spec === undefined;
    const now = opts.now ?? Date.now();
    try {
      return db.transaction((): PublishResult<AppSpec> => {
        const draft = fromDraft ? api.getDraft() : null;
        const spec = fromDraft ? draft?.spec : opts.spec;
        if (spec === undefined) return { ok: false, errors: [issue('no_draft', '', {}, locale)] };
        if (draft && opts.ifDraftRevision !== undefined && draft.updatedAt !== opts.ifDraftRevision)
          return {
            ok: false,
            errors: [
              issue('draft_changed', '', { by: draft.updatedBy, at: draft.updatedAt }, locale),
            ],
          };
        const p = prepare(spec, locale, opts.outboundAllow);
        if (!p.ok) return p;
        // Publishing (or restoring) exactly the live spec adds no version: history lists real changes only.
        if (p.current && isDeepStrictEqual(p.current.spec, p.next)) {
          // The draft said nothing new: it is done with, like a published one.
          if (fromDraft) db.orm.delete(specDraft).where(eq(specDraft.id, 1)).run();
          const summary = { steps: 0, archivedValues: 0, convertedValues: 0, filledValues: 0 };
          const changes: PublishedChanges = {
            diff: [],
            steps: [],
            warnings: [],
            resolutions: {},
            summary,
            teamsRemoved: [],
          };
          return {
            ok: true,
            version: p.current.version,
            spec: p.current.spec,
            plan: p.plan,
            summary,
            changes,
            unchanged: true,
          };
        }
        const version = (p.current?.version ?? 0) + 1;
        const resolutions = opts.resolutions ?? {};
        const applied = applyMigration(p.plan, db, resolutions, {
          locale,
          now,
          specVersion: version,
        });
        if (!applied.ok) return { ok: false, errors: applied.errors, plan: p.plan };
        const teamsRemoved = mirrorTeams(db, p.next.teams ?? []);
        const changes: PublishedChanges = {
          diff: p.diff,
          steps: p.plan.steps,
          warnings: p.plan.warnings,
          resolutions,
          summary: applied.summary,
          teamsRemoved,
        };
        if (restoredFrom !== undefined) changes.restoredFrom = restoredFrom;
        db.orm
          .insert(versionsTable)
          .values({
            version,
            spec: p.next,
            publishedAt: now,
            publishedBy: opts.by ?? null,
            note: opts.note ?? null,
            changes,
          })
          .run();
        markSpecChanged();
        // A published draft is cleared: the next edit starts from the live spec, and nobody
        // mistakes what is already live for unpublished work.
        if (fromDraft) db.orm.delete(specDraft).where(eq(specDraft.id, 1)).run();
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
    } catch (e) {
      return {
        ok: false,
        errors: [issue('migration_failed', '', { reason: (e as Error).message }, locale)],
      };
    }
  }

  return api;
}

function toVersion(row: typeof versionsTable.$inferSelect): SpecVersion<AppSpec> {
  return {
    version: row.version,
    spec: row.spec as AppSpec,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    note: row.note,
    changes: (row.changes as PublishedChanges | null) ?? null,
  };
}
