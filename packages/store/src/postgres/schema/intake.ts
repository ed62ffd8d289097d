import { index, pgTable } from 'drizzle-orm/pg-core';
import { epoch, int, jsonText, text } from './columns';

// The PostgreSQL twin of src/schema/intake.ts.

export const intakeLog = pgTable(
  'intake_log',
  {
    id: text('id').primaryKey(),
    kind: text('kind').notNull(),
    sourceKey: text('source_key').notNull(),
    status: text('status').notNull(),
    httpStatus: int('http_status').notNull(),
    reasons: jsonText('reasons'),
    recordId: text('record_id'),
    ip: text('ip'),
    idempotencyKey: text('idempotency_key'),
    at: epoch('at').notNull(),
  },
  // record_id: the data-health widget counts the submissions merged into the selected records.
  (t) => [
    index('intake_log_source_ix').on(t.kind, t.sourceKey, t.at),
    index('intake_log_record_ix').on(t.recordId),
  ],
);

export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    key: text('key').primaryKey(),
    scope: text('scope').notNull(),
    statusCode: int('status_code'),
    response: jsonText('response'),
    createdAt: epoch('created_at').notNull(),
  },
  (t) => [index('idempotency_keys_created_ix').on(t.createdAt)],
);
