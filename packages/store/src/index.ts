export { openDatabase } from './db/open-database';
export type { OpenOptions, StoreDb, StoreSchema } from './db/open-database';
export {
  checkpointWal,
  handOffCheckpoints,
  restartWal,
  CHECKPOINT_SAFETY_FRAMES,
  RESTART_WAL_AFTER_FRAMES,
} from './db/checkpoints';
export type { CheckpointResult } from './db/checkpoints';
export * from './schema/index';
export { entityTable, quoteIdent, tableName, SYSTEM_KEYS } from './entity/entity-table';
export type { ColumnInfo, EntityTableInfo, IndexDef } from './entity/entity-table';
export { columnKind } from './entity/column-types';
export type { Codec, ColumnKind, LogicColumnType, SqlType } from './entity/column-types';
export type {
  HistoryRow,
  IdentityMatch,
  ListPage,
  ListQuery,
  OutboxRow,
  RecordInput,
  RecordStore,
  SearchOptions,
  SortSpec,
  StoredRecord,
  TransitionRow,
  WhereSql,
  WriteOptions,
} from './record-store';
export { createRecordStore } from './sqlite/sqlite-record-store';
export type { RecordStoreOptions } from './sqlite/sqlite-record-store';
export { syncEntityTables } from './sqlite/sync-entity-tables';
export type { StoreIssue, StoreLocale, StoreResult } from './messages';
export type { AppShape, EntityShape, FieldShape, OptionShape, TeamShape } from './spec-shape';
export { planMigration } from './migration/plan-migration';
export { applyMigration } from './migration/apply-migration';
export type { ApplyOptions } from './migration/apply-migration';
export type {
  MigrationPlan,
  MigrationResult,
  MigrationStep,
  MigrationSummary,
  MigrationWarning,
  Resolution,
  ResolutionKind,
  Resolutions,
  WarningCode,
} from './migration/types';
export { specVersions, liveVersion } from './spec-versions/spec-versions';
export { markSpecChanged, specEpoch } from './spec-versions/spec-epoch';
export type { SpecVersionsApi } from './spec-versions/spec-versions';
export type {
  PreviewResult,
  PublishedChanges,
  PublishOptions,
  PublishResult,
  SpecDraft,
  SpecVersion,
  SpecVersionInfo,
} from './spec-versions/types';
export { mirrorTeams } from './spec-versions/teams-mirror';
export type { SpecCompat } from './spec-compat';
export { searchCondition } from './search/search-condition';
export { newId } from './ids';
