import type { SpecChange } from '@trellis/spec';
import type { StoreIssue, StoreLocale } from '../messages';
import type { MigrationPlan, MigrationSummary, Resolutions } from '../migration/types';

/**
 * The working draft. `updatedAt` doubles as its revision: every save sets it above the previous
 * save's (the clock, or the previous value + 1), so two builders can tell whether the draft they
 * loaded is still the one stored (`ifRevision` of saveDraft and publish).
 */
export type SpecDraft = {
  spec: unknown;
  baseVersion: number | null;
  updatedAt: number;
  updatedBy: string | null;
};

/** What a save answers: the stored draft, or (when `ifRevision` did not match) the current one. */
export type DraftSaveResult =
  { ok: true; draft: SpecDraft } | { ok: false; current: SpecDraft | null };

export type DraftSaveOptions = {
  by?: string | null;
  now?: number;
  /**
   * Save only if the stored draft's revision (`updatedAt`) is this one — 0 or null: only if
   * there is no draft. Absent: save unconditionally.
   */
  ifRevision?: number | null;
};

export type SpecVersionInfo = {
  version: number;
  publishedAt: number;
  publishedBy: string | null;
  note: string | null;
};

export type SpecVersion<S = unknown> = SpecVersionInfo & {
  spec: S;
  changes: PublishedChanges | null;
};

/** What spec_versions.changes holds: the diff, the plan that was applied and the choices made. */
export type PublishedChanges = {
  diff: SpecChange[];
  steps: MigrationPlan['steps'];
  warnings: MigrationPlan['warnings'];
  resolutions: Resolutions;
  summary: MigrationSummary;
  teamsRemoved: string[];
  restoredFrom?: number;
};

export type PublishOptions = {
  /** The spec to publish; default: the draft. */
  spec?: unknown;
  by?: string | null;
  note?: string | null;
  resolutions?: Resolutions;
  locale?: StoreLocale;
  now?: number;
  /** Publishing the draft: refuse (`draft_changed`) unless the draft's revision is this one. */
  ifDraftRevision?: number;
  /** Internal targets the operator allows automations to send to (see validateSpec). */
  outboundAllow?: string;
};

export type PublishResult<S = unknown> =
  /** `unchanged`: the spec equals the live one; nothing was written and `version` is the live version. */
  | {
      ok: true;
      version: number;
      spec: S;
      plan: MigrationPlan;
      summary: MigrationSummary;
      changes: PublishedChanges;
      unchanged: boolean;
    }
  /** `plan` is present when the spec was valid but its migration was refused (resolutions needed). */
  | { ok: false; errors: StoreIssue[]; plan?: MigrationPlan };

export type PreviewResult =
  { ok: true; plan: MigrationPlan; diff: SpecChange[] } | { ok: false; errors: StoreIssue[] };
