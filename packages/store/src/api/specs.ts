import type { AppSpec } from '@trellis/spec';
import type {
  DraftSaveOptions,
  DraftSaveResult,
  PreviewResult,
  PublishOptions,
  PublishResult,
  SpecDraft,
  SpecVersion,
  SpecVersionInfo,
} from '../spec-versions/types';

/**
 * Spec versions: one draft the builder edits and published versions (the highest is live).
 * `publish` validates, diffs, plans and applies the migration, mirrors the teams and records
 * the version in one transaction (its own, or the caller's when called on a `Tx`).
 */
export type SpecRepo = {
  live(): Promise<SpecVersion<AppSpec> | null>;
  /** The live version number, null before the first publish (one index look-up). */
  liveVersion(): Promise<number | null>;
  get(version: number): Promise<SpecVersion<AppSpec> | null>;
  /** Newest first. */
  list(): Promise<SpecVersionInfo[]>;
  getDraft(): Promise<SpecDraft | null>;
  /**
   * Saves the working draft as is (drafts may be invalid; publishing validates). Every save
   * raises `updatedAt`, the draft's revision; with `ifRevision` it saves only over that revision
   * (0 or null: only when there is no draft) and otherwise answers the current draft.
   */
  saveDraft(spec: unknown, opts?: DraftSaveOptions): Promise<DraftSaveResult>;
  discardDraft(): Promise<void>;
  /** Validates and plans without writing: what publish would do, with measured warnings. */
  preview(
    spec?: unknown,
    opts?: { locale?: 'zh-CN' | 'en'; outboundAllow?: string },
  ): Promise<PreviewResult>;
  publish(opts?: PublishOptions): Promise<PublishResult<AppSpec>>;
  /** Publishes an earlier version again as a new version (same validation and migration path). */
  restore(version: number, opts?: Omit<PublishOptions, 'spec'>): Promise<PublishResult<AppSpec>>;
  /**
   * A counter bumped by every publish made through any store of this thread (and by
   * `markChanged`): caches of the live spec compare it instead of asking on every call.
   */
  epoch(): number;
  /** Tells this thread's caches that another thread or process published. */
  markChanged(): void;
};
