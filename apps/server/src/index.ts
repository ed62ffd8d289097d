export { createApp } from './app';
export type { ServerOptions, ServerContext, Limits } from './context';
export type { ServerEngine } from './engine-port';
export type { Actor, AppEnv, CurrentUser } from './types';
export { hashPassword, verifyPassword, generatePassword } from './auth/password';
export {
  MIN_PASSWORD_LENGTH,
  passwordProblem,
  passwordProblemText,
  type PasswordProblem,
} from './auth/password-policy';
export { pickLocale } from './http/locale';
export { listen } from './serve';
export type { RunningServer } from './serve';
export {
  dataDirOf,
  dataPaths,
  databaseOf,
  DataDirBusyError,
  ensureDataDir,
  holdDataDir,
  onPostgres,
  readSecretKey,
} from './setup/data-dir';
export type { DataPaths } from './setup/data-dir';
export { openRuntime, openServingRuntime } from './setup/runtime';
export type { ServingRuntime, TrellisRuntime } from './setup/runtime';
export { wireEngine } from './setup/wire-engine';
export { installSpec, createAdmin } from './setup/install';
export { loadDemo } from './setup/demo-loader';
export { seedDemo } from './setup/seed-demo';
export type { DemoLogin, DemoRecipe, DemoReport } from './setup/demo-loader';
export { backupDataDir } from './setup/backup';
export type { BackupManifest } from './setup/backup';
export { restoreDataDir } from './setup/restore';
export type { RestoreResult } from './setup/restore';
export { startWriter } from './writer/start-writer';
export { writerYoungGenerationMb } from './setup/young-generation';
export type { WriterThread } from './writer/start-writer';
export type { WriteCall, WriterPort } from './writer/calls';
export { envMailer, envSecrets } from './setup/outbound';
export { envHttp, guardedHttp, OutboundRefused } from './setup/outbound-http';
/** Operator limits from TRELLIS_LIMIT_* environment variables. */
export { envLimits, LIMIT_VARIABLES } from './setup/env-limits';
export { envRetention, RETENTION_VARIABLE } from './setup/env-retention';
export { envLockTimeout, LOCK_TIMEOUT_VARIABLE } from './setup/env-lock-timeout';
export {
  createLogger,
  parseLogFormat,
  parseLogLevel,
  LOG_FORMATS,
  LOG_LEVELS,
} from './setup/logger';
export type { AppLogger, LogFormat, LogLevel } from './setup/logger';
export { checkConfig, readConfigFile } from './setup/config-file';
export type { ConfigProblem, TrellisConfig } from './setup/config-file';
export { setWebhookSecret, webhookSourceList } from './setup/webhook-secret';
export type { WebhookSecretResult, WebhookSourceInfo } from './setup/webhook-secret';
export { notifyChanges } from './http/change-notifier';
export { bundleTemplate } from './templates/bundle';
export type { TemplateBundle } from './templates/bundle';
export { readJsonFile } from './templates/read-json';
export type { ReadFailure, ReadOptions } from './templates/types';
export { checkTemplate } from './templates/check';
export type { TemplateCheck } from './templates/check';
export { applyTemplate, planTemplate } from './templates/install';
export type {
  ApplyOptions as TemplateApplyOptions,
  ApplyResult as TemplateApplyResult,
  PlanOptions as TemplatePlanOptions,
  TemplatePlan,
  TemplateSource,
} from './templates/install';
export { seedWorkspace } from './seed/seed-workspace';
export type { SeedOptions, SeedReport } from './seed/seed-workspace';
export { seedProfiles } from './seed/profiles/index';
export type { SeedProfile } from './seed/types';
