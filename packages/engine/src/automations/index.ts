export { createAutomations, createAutomationsFrom } from './create-automations';
export type { AutomationsApi } from './create-automations';
export { defaultAutomationOptions } from './runtime';
export type { AutomationDeps, AutomationOptions } from './runtime';
export type { PruneReport } from './retention';
export type { DryRunInput, DryRunOptions, DryRunResult } from './dry-run';
export type { RunQuery } from '@trellis/store';
export type { DrainReport } from './worker/worker';
export type { DeliveryHealth, DeliveryState } from '../notify/delivery-health';
export type { RecordsPort, WriteResult } from './records-port';
export type {
  ActionLog,
  ActionModule,
  ActionResult,
  AutomationError,
  AutomationEvent,
  ConditionTrace,
  RunLog,
  RunStatus,
  TriggerModule,
} from './types';
export { actions, triggers } from './registry';
export { validateAutomation } from './validate';
export { automationForWatcher, runForWatcher } from './watcher-view';
export { RUN_STATUSES } from './types';
export { computeSlaDueAt } from '../scheduler/sla';
/** The workspace's default time zone (schedules, report periods, dates on public pages). */
export { DEFAULT_TIMEZONE } from './triggers/schedule';
export {
  wecomPayload,
  dingtalkPayload,
  dingtalkSignedUrl,
  robotPayload,
} from '../notify/robot-payloads';
export { signWebhook, verifyWebhook, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../notify/signing';
export { createSmtpMailer } from '../notify/smtp-mailer';
export type { SmtpConfig } from '../notify/smtp-mailer';
export { assignmentTraces } from './assignment-traces';
export type { AssignmentTraceEntry } from './assignment-traces';
