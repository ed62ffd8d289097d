// Records engine (the one write path), activities, tasks, timeline.
export { createEngine } from './engine';
export type { Engine, EngineOptions, RecordsApi } from './engine';
export * from './ports';
export type { EngineError, EngineErrorCode, FieldError } from './i18n/errors';
export { resolveLocale } from './i18n/messages';
export type {
  CallOptions,
  ChangeStageOptions,
  CreateOptions,
  PreparedCreate,
  PreparedCreateResult,
  EngineRecord,
  ListOptions,
  ListResult,
  GroupOptions,
  GroupResult,
  PageOptions,
  RecordResult,
  TouchInput,
  UpdateOptions,
  WriteOptions,
} from './records/types';
export type { Phase } from './records/runtime';
export { LIVE_RECHECK_MS, NoSpecError } from './records/runtime';
// The record rules live in @trellis/rules (shared with the form runtime); re-exported for callers of the engine.
export {
  checkStageGate,
  createSpecModel,
  normalizeEmail,
  normalizeFieldValue,
  normalizePhone,
} from '@trellis/rules';
export type { EntityModel, EvidenceActivity, GateInput, SpecModel } from '@trellis/rules';
export { identityKeys } from './records/identity';
// What a failed call's unit threw (a transient database error a caller's transaction retries).
export { thrownBy } from './records/call';
export type {
  Activity,
  ActivityInput,
  ActivityResult,
  ActivityListResult,
  FileRef,
} from './activities/types';
export type {
  Task,
  TaskInput,
  TaskQuery,
  TaskResult,
  TaskListResult,
  TaskStatus,
} from './tasks/types';
export type { TimelineEntry, TimelineResult, FieldChange } from './timeline/types';
export * from './permissions';
export * from './ownership';
// Automations (issue 4): outbox worker, triggers, actions, assignment strategies, SLA, schedules, run log, dry run.
export * from './automations';
export * from './assignment';
export { ENGINE_VERSION } from './version';
export { threadMessages } from './threads/thread-messages';
// The one redaction (on data) every surface applies: engine.redact.
export type { Redaction, NotificationView } from './redaction/redaction';
export { MASK, TEXT_SPANS_KEY } from './redaction/text-spans';
export { TEXTS_KEY } from './redaction/localized-texts';
export type { TextSpan, TextSpans } from './redaction/text-spans';
// Import (issue 17): reading CSV/XLSX files, header, column and value mapping.
export * from './import/index';
export { createReports } from './reports/index';
export type {
  DashboardReport,
  DashboardSummary,
  Num as ReportNumber,
  ReportColumn,
  ReportDeps,
  ReportQuery,
  ReportRow,
  ReportsApi,
  WidgetReport,
} from './reports/index';
// Export (issue 17): views to CSV (UTF-8 BOM / GB18030) and XLSX, streamed.
export * from './export/index';
