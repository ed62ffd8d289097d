import {
  index,
  integer,
  primaryKey,
  sqliteTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/sqlite-core';

/**
 * Durable event outbox, written in the same transaction as the change. `seq` gives the global
 * order; workers claim rows by setting claimed_by/claimed_until.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    id: text('id').notNull(),
    type: text('type').notNull(),
    entity: text('entity'),
    recordId: text('record_id'),
    payload: text('payload', { mode: 'json' }),
    actorId: text('actor_id'),
    via: text('via'),
    depth: integer('depth').notNull().default(0),
    createdAt: integer('created_at').notNull(),
    claimedBy: text('claimed_by'),
    claimedUntil: integer('claimed_until'),
    attempts: integer('attempts').notNull().default(0),
    processedAt: integer('processed_at'),
    lastError: text('last_error'),
  },
  (t) => [
    uniqueIndex('outbox_id_uq').on(t.id),
    index('outbox_pending_ix').on(t.processedAt, t.seq),
  ],
);

export const automationRuns = sqliteTable(
  'automation_runs',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id'),
    automationKey: text('automation_key').notNull(),
    triggerType: text('trigger_type').notNull(),
    entity: text('entity'),
    recordId: text('record_id'),
    matched: integer('matched', { mode: 'boolean' }).notNull(),
    conditionTrace: text('condition_trace', { mode: 'json' }),
    actions: text('actions', { mode: 'json' }),
    status: text('status', {
      enum: ['matched', 'skipped', 'failed', 'succeeded', 'stopped'],
    }).notNull(),
    error: text('error'),
    depth: integer('depth').notNull().default(0),
    startedAt: integer('started_at').notNull(),
    durationMs: integer('duration_ms'),
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull().default(false),
  },
  (t) => [
    index('automation_runs_key_ix').on(t.automationKey, t.startedAt),
    index('automation_runs_record_ix').on(t.entity, t.recordId),
    index('automation_runs_event_ix').on(t.eventId),
    // The run log's newest-first pages and retention's oldest-first deletes walk this index.
    index('automation_runs_started_ix').on(t.startedAt, t.id),
  ],
);

/** Makes action effects idempotent per (event, automation, action). */
export const actionEffects = sqliteTable(
  'action_effects',
  {
    idempotencyKey: text('idempotency_key').primaryKey(),
    runId: text('run_id'),
    actionType: text('action_type').notNull(),
    result: text('result', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
  },
  // Retention deletes effects by age without reading the whole table.
  (t) => [index('action_effects_created_ix').on(t.createdAt)],
);

export const assignmentState = sqliteTable('assignment_state', {
  key: text('key').primaryKey(),
  cursor: integer('cursor').notNull().default(0),
  data: text('data', { mode: 'json' }),
  updatedAt: integer('updated_at').notNull(),
});

/**
 * Open records per (entity, owner) for least-loaded assignment: a derived counter kept by
 * triggers on each entity table (installed and re-verified by the engine's assignment code,
 * since they depend on the pipeline's won/lost stages); always rebuildable from the records.
 */
export const ownerOpenLoads = sqliteTable(
  'owner_open_loads',
  {
    entity: text('entity').notNull(),
    ownerId: text('owner_id').notNull(),
    open: integer('open').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.ownerId] })],
);

export const schedulerState = sqliteTable('scheduler_state', {
  key: text('key').primaryKey(),
  lastFiredAt: integer('last_fired_at'),
  nextDueAt: integer('next_due_at'),
  updatedAt: integer('updated_at').notNull(),
});

export const webhookDeliveries = sqliteTable(
  'webhook_deliveries',
  {
    id: text('id').primaryKey(),
    runKey: text('run_key'),
    url: text('url').notNull(),
    payload: text('payload', { mode: 'json' }),
    headers: text('headers', { mode: 'json' }),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: integer('next_attempt_at'),
    status: text('status', { enum: ['pending', 'delivered', 'dead'] })
      .notNull()
      .default('pending'),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    deliveredAt: integer('delivered_at'),
  },
  (t) => [index('webhook_deliveries_due_ix').on(t.status, t.nextAttemptAt)],
);

export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: text('id').primaryKey(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    body: text('body').notNull(),
    status: text('status').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    createdAt: integer('created_at').notNull(),
    sentAt: integer('sent_at'),
  },
  (t) => [index('email_outbox_status_ix').on(t.status, t.createdAt)],
);
