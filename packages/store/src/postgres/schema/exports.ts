import { index, pgTable } from 'drizzle-orm/pg-core';
import { epoch, text } from './columns';

// The PostgreSQL twin of src/schema/exports.ts (schema-parity.test.ts compares the two).

/** The export audit trail: one row per export of records (who, what, how many). */
export const exportLog = pgTable(
  'export_log',
  {
    id: text('id').primaryKey(),
    userId: text('user_id'),
    entity: text('entity').notNull(),
    view: text('view'),
    filter: text('filter'),
    q: text('q'),
    format: text('format').notNull(),
    rowCount: epoch('row_count').notNull(),
    at: epoch('at').notNull(),
  },
  (t) => [index('export_log_at_ix').on(t.at, t.id)],
);
