import { bigint, index, pgTable, primaryKey, uniqueIndex } from 'drizzle-orm/pg-core';
import { epoch, flag, int, jsonText, text } from './columns';

// The PostgreSQL twin of src/schema/jobs.ts. `seq` is an identity column that also takes
// explicit values (a workspace moved from SQLite keeps its sequence numbers).

export const outbox = pgTable(
  'outbox',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    id: text('id').notNull(),
    type: text('type').notNull(),
    entity: text('entity'),
    recordId: text('record_id'),
    payload: jsonText('payload'),
    actorId: text('actor_id'),
    via: text('via'),
    depth: int('depth').notNull().default(0),
    createdAt: epoch('created_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: epoch('claimed_until'),
    attempts: int('attempts').notNull().default(0),
    processedAt: epoch('processed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_id_uq').on(t.id),
    index('outbox_pending_ix').on(t.processedAt, t.seq),
  ],
);

export const automationRuns = pgTable(
  'automation_runs',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id'),
    automationKey: text('automation_key').notNull(),
    triggerType: text('trigger_type').notNull(),
    entity: text('entity'),
    recordId: text('record_id'),
    matched: flag('matched').notNull(),
    conditionTrace: jsonText('condition_trace'),
    actions: jsonText('actions'),
    status: text('status').notNull(),
    error: text('error'),
    depth: int('depth').notNull().default(0),
    startedAt: epoch('started_at').notNull(),
    durationMs: epoch('duration_ms'),
    dryRun: flag('dry_run').notNull().default(0),
  },
  (t) => [
    index('automation_runs_key_ix').on(t.automationKey, t.startedAt),
    index('automation_runs_record_ix').on(t.entity, t.recordId),
    index('automation_runs_event_ix').on(t.eventId),
    // The run log's newest-first pages and retention's oldest-first deletes walk this index.
    index('automation_runs_started_ix').on(t.startedAt, t.id),
  ],
);

export const actionEffects = pgTable(
  'action_effects',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    runId: text('run_id'),
    actionType: text('action_type').notNull(),
    result: jsonText('result'),
    createdAt: epoch('created_at').notNull(),
  },
  // Retention deletes effects by age without reading the whole table.
  (t) => [index('action_effects_created_ix').on(t.createdAt)],
);

export const assignmentState = pgTable('assignment_state', {
  key: text('key').primaryKey(),
  cursor: epoch('cursor').notNull().default(0),
  data: jsonText('data'),
  updatedAt: epoch('updated_at').notNull(),
});

export const ownerOpenLoads = pgTable(
  'owner_open_loads',
  {
    entity: text('entity').notNull(),
    ownerId: text('owner_id').notNull(),
    open: epoch('open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.ownerId] })],
);

export const schedulerState = pgTable('scheduler_state', {
  key: text('key').primaryKey(),
  lastFiredAt: epoch('last_fired_at'),
  nextDueAt: epoch('next_due_at'),
  updatedAt: epoch('updated_at').notNull(),
});

export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    runKey: text('run_key'),
    url: text('url').notNull(),
    payload: jsonText('payload'),
    headers: jsonText('headers'),
    attempts: int('attempts').notNull().default(0),
    nextAttemptAt: epoch('next_attempt_at'),
    status: text('status').notNull().default('pending'),
    lastError: text('last_error'),
    createdAt: epoch('created_at').notNull(),
    deliveredAt: epoch('delivered_at'),
  },
  (t) => [index('webhook_deliveries_due_ix').on(t.status, t.nextAttemptAt)],
);

export const emailOutbox = pgTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: int('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: epoch('created_at').notNull(),
    sentAt: epoch('sent_at'),
  },
  (t) => [index('email_outbox_status_ix').on(t.status, t.createdAt)],
);
