import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { users } from './auth';

/**
 * Views a person saved for themself (the spec's views are shared and live in the spec).
 * `definition` is `{ type, columns, filter, sort, groupBy }` in the spec's view format.
 */
export const savedViews = sqliteTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    label: text('label').notNull(),
    definition: text('definition', { mode: 'json' }).notNull(),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
  },
  (t) => [index('saved_views_owner_ix').on(t.ownerId, t.entity)],
);
