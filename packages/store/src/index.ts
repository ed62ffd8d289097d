// The store interface (DESIGN.md §4, docs/storage.md): openStore, Store, Tx and the repositories.
export { openStore, dialectOf } from './open-store';
export { openCheckpointer } from './sqlite/checkpointer';
export type { Checkpointer } from './sqlite/checkpointer';
export type { OpenStoreOptions, Repos, Store, Tx } from './api/store';
export { RECORD_WRITE_METHODS, WRITE_METHODS, routeWrites } from './api/writes';
export { together } from './api/together';
export type { WritingRepo } from './api/writes';
export type { ActivityRepo, ActivityRow, FileRef } from './api/activities';
export type { AssignmentRepo, AssignmentState } from './api/assignment';
export type {
  DeliveryCounts,
  DeliveryRepo,
  DeliveryRow,
  DueDelivery,
  NewDelivery,
} from './api/deliveries';
export type { EmailRepo, EmailRow, NewEmail } from './api/emails';
export type { FileRepo, FileRow } from './api/files';
export type { Handover, HandoverRepo, NewHandover } from './api/handovers';
export type { IdempotencyRepo, StoredReply } from './api/idempotency';
export type {
  IntakeKind,
  IntakeLogEntry,
  IntakeLogRepo,
  IntakeReason,
  IntakeStatus,
} from './api/intake-log';
export type {
  ImportCounts,
  ImportJob,
  ImportJobRepo,
  ImportJobStatus,
  ImportOutcome,
  ImportRowResult,
} from './api/import-jobs';
export type {
  CheckpointResult as WalCheckpoint,
  HitCounter,
  HitWindow,
  Maintenance,
  SettledRead,
  StoreLock,
} from './api/maintenance';
export type { MigrationRepo } from './api/migrations';
export type { NewNotification, Notification, NotificationRepo } from './api/notifications';
export type { OwnershipChange, OwnershipKind, OwnershipRepo } from './api/ownership';
export type { NewOutboxEvent, OutboxEvent, OutboxHead, OutboxRepo } from './api/outbox';
export type { EffectRepo, EventLog, NewEffect, RunQuery, RunRepo, RunRow } from './api/runs';
export type { SavedView, SavedViewRepo } from './api/saved-views';
export type { ExportLogEntry, ExportLogRepo } from './api/export-log';
export type { SchedulerRepo, SchedulerState } from './api/scheduler';
export type { SessionRepo, SessionRow } from './api/sessions';
export type { SpecRepo } from './api/specs';
export type { TableData } from './api/table-data';
export type { TaskFilter, TaskRepo, TaskRow, TaskStatus } from './api/tasks';
export type { TeamRepo, TeamRow } from './api/teams';
export type { TemplateInstall, TemplateRepo } from './api/templates';
export type { TokenRepo, TokenRow } from './api/tokens';
export type { Touch, TouchRepo } from './api/touches';
export type { NewUser, UserPatch, UserRepo, UserRow, UserStatus } from './api/users';
export type { WebhookSecretRepo } from './api/webhook-secrets';
export { sqliteMigrationsCurrent } from './db/migrations-current';
export * from './schema/index';
export { entityTable, quoteIdent, tableName, SYSTEM_KEYS } from './entity/entity-table';
export type { ColumnInfo, EntityTableInfo, IndexDef } from './entity/entity-table';
export { columnKind } from './entity/column-types';
export type { Codec, ColumnKind, LogicColumnType, SqlType } from './entity/column-types';
export type {
  GroupQuery,
  GroupRow,
  IdentityMatch,
  ListPage,
  LogicContext,
  RecordInput,
  RecordQuery,
  RecordRepo,
  SlaDue,
  SortSpec,
  StoredRecord,
  WriteOptions,
  NewRecordRows,
} from './api/records';
export type { HistoryRow, TransitionRow, HistoryRepo, TransitionRepo } from './api/history';
export type {
  AggregateQuery,
  AggregateRow,
  DwellRow,
  EntryRow,
  FlowQuery,
  GroupKey,
  Measure,
  ReachQuery,
  ReachRow,
  MergeRow,
  IntakeRow,
  ReportRepo,
  ReportScope,
  TimeRange,
} from './api/reports';
export type { ListQuery, SearchOptions, WhereSql } from './sqlite/record-core';
export type { StoreIssue, StoreLocale, StoreResult } from './messages';
export type { AppShape, EntityShape, FieldShape, OptionShape, TeamShape } from './spec-shape';
export { planMigration } from './migration/plan-migration';
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
export { markSpecChanged, specEpoch } from './spec-versions/spec-epoch';
export type {
  DraftSaveOptions,
  DraftSaveResult,
  PreviewResult,
  PublishedChanges,
  PublishOptions,
  PublishResult,
  SpecDraft,
  SpecVersion,
  SpecVersionInfo,
} from './spec-versions/types';
export type { SpecCompat } from './spec-compat';
export { searchCondition } from './search/search-condition';
export { newId } from './ids';
export type { Keep, Page, PageRequest } from './sql/keyset-page';
export { lockFile } from './db/data-lock';
export type { FileLock, LockMode, LockResult } from './db/data-lock';
export { backupDatabase, checkDatabase, detachDatabase, referencedFiles } from './db/maintenance';
export { copyWorkspace } from './copy/copy-workspace';
export type {
  CopiedTable,
  CopyOptions,
  CopyProgress,
  CopyReport,
  CopyResult,
} from './copy/copy-workspace';
export { VIRTUAL_FIELDS } from './sql/reports/scope';
