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
  RecordResult,
  TouchInput,
  UpdateOptions,
  WriteOptions,
} from './records/types';
export type { Phase } from './records/runtime';
export type { EntityModel, SpecModel } from './records/entity-model';
export { createSpecModel } from './records/entity-model';
export { checkStageGate } from './records/stage-gate';
export type { EvidenceActivity, GateInput } from './records/stage-gate';
export { identityKeys } from './records/identity';
export { normalizePhone } from './normalize/phone';
export { normalizeEmail } from './normalize/email';
export { normalizeFieldValue } from './normalize/field-normalizers';
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
// Automations (issue 4): outbox worker, triggers, actions, assignment strategies, SLA, schedules, run log, dry run.
export * from './automations';
export * from './assignment';
