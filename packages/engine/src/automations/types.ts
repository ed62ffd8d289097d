/**
 * Automation types: outbox events, trigger and action modules (one file each, registered in
 * registry.ts), the context they run in, and the run log. Everything here is data; the worker
 * (worker/) drives it.
 */
import type { AppSpec, AutomationSpec } from '@trellis/spec';
import type { OutboxEvent, Repos } from '@trellis/store';
import type { ReportsApi } from '../reports';
import type { DeliveryState } from '../notify/delivery-health';
import type { Locale, RecordData } from '../ports';
import type { Directory } from './directory';
import type { RecordsPort } from './records-port';

/** A problem with a config or a run: JSON pointer, stable code, localized message. */
export type AutomationError = {
  path: string;
  code: string;
  message: string;
  params?: Record<string, unknown>;
};

/** One row of the outbox as the worker sees it (`depth`: automation steps that led to it, 0 = a person or intake). */
export type AutomationEvent = OutboxEvent;

/** A record an automation acts on, with the values before the change when there was one. */
export type Subject = {
  entity: string | null;
  recordId: string | null;
  record: RecordData | null;
  previous: RecordData | null;
};

/** What a trigger says about an event: not for me, or fire for these subjects. */
export type TriggerResult =
  | { fires: false }
  /** `error`: the trigger fired but could not find its records (e.g. a schedule query that does not compile). */
  | { fires: true; subjects: Subject[]; note?: string; error?: string };

/** What triggers may read while deciding. */
export type TriggerContext = {
  spec: AppSpec;
  now(): number;
  locale: Locale;
  getRecord(entity: string, id: string): Promise<RecordData | null>;
  /** Records of `entity` matching a JSONLogic query (compiled to SQL), at most `limit`. */
  queryRecords(
    entity: string,
    query: unknown,
    limit: number,
  ): Promise<{ ok: true; records: RecordData[] } | { ok: false; errors: AutomationError[] }>;
};

/**
 * A trigger module (STYLE.md registries): its `type`, the config schema shared with
 * validateSpec, `validateConfig` for checks JSON Schema cannot express, and `run`, which
 * decides whether an event fires the automation and for which records.
 */
export type TriggerModule = {
  type: string;
  /** JSON Schema (TypeBox) of the config, from @trellis/spec's registries. */
  configSchema: object;
  /** Outbox event types this trigger listens to (used to index automations). */
  events: readonly string[];
  validateConfig(config: unknown, locale?: Locale): AutomationError[];
  run(
    input: { event: AutomationEvent; config: Record<string, unknown>; automationKey: string },
    ctx: TriggerContext,
  ): TriggerResult | Promise<TriggerResult>;
};

/** An action's outcome, stored in the run log and in action_effects. */
export type ActionResult =
  | { ok: true; summary: string; data?: Record<string, unknown> }
  | { ok: false; code: string; message: string; errors?: AutomationError[] };

/** Everything one action invocation gets. */
export type ActionInput = {
  config: Record<string, unknown>;
  automation: AutomationSpec;
  subject: Subject;
  event: AutomationEvent;
  /** Index of the action in `do`. */
  index: number;
  /** Stable key of this (event, automation, record, action); also used for downstream idempotency. */
  effectKey: string;
  /** The run this action belongs to. */
  runId: string;
};

/** Ports actions use; all writes happen inside the worker's per-action transaction. */
export type ActionContext = {
  spec: AppSpec;
  locale: Locale;
  now(): number;
  nextId(): string;
  /** Depth of the event being processed (effects' events get depth + 1). */
  depth: number;
  records: RecordsPort;
  directory: Directory;
  /** The system tables, in the transaction the action runs in (notifications, deliveries, ...). */
  db: Repos;
  evaluate(
    expr: unknown,
    data: RecordData,
    previous?: RecordData | null,
  ): { ok: true; value: unknown } | { ok: false; message: string };
  secret(ref: string): string | undefined;
  /** Dashboards as a given reader sees them (the digest action); absent in dry runs. */
  reports?: Pick<ReportsApi, 'dashboard'>;
};

export type ActionModule = {
  type: string;
  /** JSON Schema (TypeBox) of the config, from @trellis/spec's registries. */
  configSchema: object;
  validateConfig(config: unknown, locale?: Locale): AutomationError[];
  run(input: ActionInput, ctx: ActionContext): Promise<ActionResult>;
};

/** Why a condition did (not) match: each top-level part with its result. */
export type ConditionTrace = {
  matched: boolean;
  /** JSON pointer into the automation of each part that failed (empty when matched). */
  failed: { path: string; expr: unknown; value?: unknown; error?: string }[];
  error?: string;
};

/** Outcome of one action inside a run. */
export type ActionLog = {
  index: number;
  type: string;
  status: 'succeeded' | 'failed' | 'skipped';
  result?: ActionResult;
  durationMs: number;
  /** The effect already existed (a crash happened after it committed): the stored result is shown. */
  replayed?: boolean;
  /** For an action that queued a webhook delivery: where it stands now (sent, retrying, refused, dead). */
  delivery?: DeliveryState;
};

/** Every status a run can have (the run log's `status` filter accepts only these). */
export const RUN_STATUSES = ['matched', 'skipped', 'failed', 'succeeded', 'stopped'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One run-log row (automation_runs). */
export type RunLog = {
  id: string;
  eventId: string | null;
  automationKey: string;
  triggerType: string;
  entity: string | null;
  recordId: string | null;
  matched: boolean;
  conditionTrace: ConditionTrace | null;
  actions: ActionLog[];
  status: RunStatus;
  error: string | null;
  depth: number;
  startedAt: number;
  durationMs: number;
  dryRun: boolean;
};
