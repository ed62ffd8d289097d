import { index, pgTable } from 'drizzle-orm/pg-core';
import { users } from './auth';
import { epoch, jsonText, text } from './columns';

// The PostgreSQL twin of src/schema/views.ts (schema-parity.test.ts compares the two).

/** Views a person saved for themself; `definition` in the spec's view format. */
export const savedViews = pgTable(
  'saved_views',
  {
    id: text('id').primaryKey(),
    ownerId: text('owner_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    entity: text('entity').notNull(),
    label: text('label').notNull(),
    definition: jsonText('definition').notNull(),
    createdAt: epoch('created_at').notNull(),
    updatedAt: epoch('updated_at').notNull(),
  },
  (t) => [index('saved_views_owner_ix').on(t.ownerId, t.entity)],
);
