import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** The export audit trail: one row per export of records (who, what, how many). */
export const exportLog = sqliteTable(
  'export_log',
  {
    id: text('id').primaryKey(),
    userId: text('user_id'),
    entity: text('entity').notNull(),
    view: text('view'),
    filter: text('filter'),
    q: text('q'),
    format: text('format').notNull(),
    rowCount: integer('row_count').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('export_log_at_ix').on(t.at, t.id)],
);
