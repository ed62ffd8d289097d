import type { SqlType } from '../entity/column-types';
import type { StoreIssue } from '../messages';
import type { AppShape, FieldShape } from '../spec-shape';

/** What a builder may choose for a blocking warning. */
export type Resolution =
  /** Fill empty (or unconvertible) values of existing records with this value. */
  | { kind: 'default'; value: unknown }
  /** Leave existing records as they are (e.g. empty although now required, or using a removed option). */
  | { kind: 'keepForOld' }
  /** Convert what converts; values that do not are archived and cleared. */
  | { kind: 'convert' }
  /** Move records using a removed option to another option (null clears them; old values are archived). */
  | { kind: 'mapOption'; to: string | null };
export type ResolutionKind = Resolution['kind'];

export type WarningCode =
  | 'required_missing'
  | 'option_removed'
  | 'type_unconvertible'
  | 'field_removed'
  | 'entity_removed'
  | 'archive_not_restored'
  | 'unique_duplicates'
  | 'identity_duplicates'
  | 'stage_requires_missing';

/** A risk found by measuring the data, e.g. "`budget` becomes required: 1,234 records have no value". */
export type MigrationWarning = {
  /** Stable id, the key of its resolution: `<code>:<entity>[.<field>][:<option>]`. */
  id: string;
  code: WarningCode;
  entity: string;
  field?: string;
  option?: string;
  /** The stage a `stage_requires_missing` warning is about. */
  stage?: string;
  /** affected: records concerned; total: records of the entity. */
  counts: { affected: number; total: number };
  message: { 'zh-CN': string; en: string };
  /** Publishing is refused until a resolution is chosen. */
  blocking: boolean;
  resolutions: ResolutionKind[];
  /** For `default`: the field's spec default, offered as the value. */
  suggestedValue?: unknown;
  /** A few sample values that do not convert (type_unconvertible). */
  samples?: unknown[];
};

export type MigrationStep =
  | { kind: 'createEntity'; entity: string }
  | { kind: 'restoreEntity'; entity: string; from: string }
  | { kind: 'archiveEntity'; entity: string; to: string; records: number }
  | { kind: 'addField'; entity: string; field: string; sqlType: SqlType }
  | { kind: 'restoreField'; entity: string; field: string; sqlType: SqlType; values: number }
  | { kind: 'archiveField'; entity: string; field: string; values: number }
  | {
      kind: 'convertField';
      entity: string;
      field: string;
      from: FieldShape;
      to: FieldShape;
      unconvertible: number;
    }
  | { kind: 'remapOption'; entity: string; field: string; option: string; records: number }
  | { kind: 'fillRequired'; entity: string; field: string; records: number }
  | { kind: 'syncIndexes'; entity: string }
  | { kind: 'rebuildSearch'; entity: string };

export type MigrationPlan = {
  /** Live spec the plan starts from (null on first publish) and the spec it leads to. */
  from: AppShape | null;
  to: AppShape;
  steps: MigrationStep[];
  warnings: MigrationWarning[];
  /** Ids of blocking warnings; they need a resolution before apply. */
  blocking: string[];
};

export type Resolutions = Record<string, Resolution>;

export type MigrationSummary = {
  steps: number;
  archivedValues: number;
  convertedValues: number;
  filledValues: number;
};

export type MigrationResult =
  { ok: true; summary: MigrationSummary } | { ok: false; errors: StoreIssue[] };
