import type { SpecChange } from '@trellis/spec';

/**
 * The migration plan as POST /spec/draft/plan answers it (the store's MigrationPlan; the web app
 * may not import the store, so the shape the builder reads is restated here).
 */
export type ResolutionKind = 'default' | 'keepForOld' | 'convert' | 'mapOption';

export type Resolution =
  | { kind: 'default'; value: unknown }
  | { kind: 'keepForOld' }
  | { kind: 'convert' }
  | { kind: 'mapOption'; to: string | null };

export type PlanWarning = {
  id: string;
  code: string;
  entity: string;
  field?: string;
  option?: string;
  stage?: string;
  counts: { affected: number; total: number };
  message: { 'zh-CN': string; en: string };
  blocking: boolean;
  resolutions: ResolutionKind[];
  suggestedValue?: unknown;
  samples?: unknown[];
};

export type PlanStep =
  | { kind: 'createEntity'; entity: string }
  | { kind: 'restoreEntity'; entity: string; from: string }
  | { kind: 'archiveEntity'; entity: string; to: string; records: number }
  | { kind: 'addField'; entity: string; field: string }
  | { kind: 'restoreField'; entity: string; field: string; values: number }
  | { kind: 'archiveField'; entity: string; field: string; values: number }
  | { kind: 'convertField'; entity: string; field: string; unconvertible: number }
  | { kind: 'remapOption'; entity: string; field: string; option: string; records: number }
  | { kind: 'fillRequired'; entity: string; field: string; records: number }
  | { kind: 'syncIndexes'; entity: string }
  | { kind: 'rebuildSearch'; entity: string };

type MigrationPlan = { steps: PlanStep[]; warnings: PlanWarning[]; blocking: string[] };

/** What previewing a publish answers: the changes and the plan. */
export type PublishPreview = { ok: true; plan: MigrationPlan; diff: SpecChange[] };
