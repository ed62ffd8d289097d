import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Every public form submission and intake webhook call, accepted or not, with the reasons. */
export const intakeLog = sqliteTable(
  'intake_log',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['form', 'webhook'] }).notNull(),
    sourceKey: text('source_key').notNull(),
    status: text('status', { enum: ['accepted', 'merged', 'rejected', 'unauthorized'] }).notNull(),
    httpStatus: integer('http_status').notNull(),
    reasons: text('reasons', { mode: 'json' }),
    recordId: text('record_id'),
    ip: text('ip'),
    idempotencyKey: text('idempotency_key'),
    at: integer('at').notNull(),
  },
  // record_id: the data-health widget counts the submissions merged into the selected records.
  (t) => [
    index('intake_log_source_ix').on(t.kind, t.sourceKey, t.at),
    index('intake_log_record_ix').on(t.recordId),
  ],
);

/** Replay protection for intake and API writes that carry an Idempotency-Key header. */
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    scope: text('scope').notNull(),
    statusCode: integer('status_code'),
    response: text('response', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('idempotency_keys_created_ix').on(t.createdAt)],
);
