import { customType, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** A column declared BLOB has no type affinity, so archived numbers stay numbers and text stays text. */
const anyValue = customType<{ data: unknown }>({ dataType: () => 'blob' });

/** Published spec versions; the highest version is live. `changes` holds the diff and the applied plan. */
export const specVersions = sqliteTable('spec_versions', {
  version: integer('version').primaryKey(),
  spec: text('spec', { mode: 'json' }).notNull(),
  publishedAt: integer('published_at').notNull(),
  publishedBy: text('published_by'),
  note: text('note'),
  changes: text('changes', { mode: 'json' }),
});

/**
 * Templates installed into this workspace: the template's own spec at the installed version is
 * the common base of the three-way merge when the template is upgraded (docs/templates.md).
 */
export const templateInstalls = sqliteTable('template_installs', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  spec: text('spec', { mode: 'json' }).notNull(),
  specVersion: integer('spec_version'),
  installedAt: integer('installed_at').notNull(),
  installedBy: text('installed_by'),
});

/** The single working draft the builder edits (id is always 1). */
export const specDraft = sqliteTable('spec_draft', {
  id: integer('id').primaryKey(),
  spec: text('spec', { mode: 'json' }).notNull(),
  baseVersion: integer('base_version'),
  updatedAt: integer('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/**
 * Values of removed or retyped fields, kept so nothing is dropped silently. A later spec that
 * brings the field back (e.g. restoring an earlier version) copies them back into the column.
 */
export const fieldArchive = sqliteTable(
  'field_archive',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    entity: text('entity').notNull(),
    field: text('field').notNull(),
    recordId: text('record_id').notNull(),
    value: anyValue('value'),
    sqlType: text('sql_type').notNull(),
    reason: text('reason', { enum: ['removed', 'retyped', 'cleared'] }).notNull(),
    archivedAt: integer('archived_at').notNull(),
    specVersion: integer('spec_version'),
  },
  (t) => [index('field_archive_field_ix').on(t.entity, t.field, t.recordId)],
);
