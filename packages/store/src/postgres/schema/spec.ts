import { bigint, index, integer, jsonb, pgTable } from 'drizzle-orm/pg-core';
import { epoch, int, jsonText, text } from './columns';

// The PostgreSQL twin of src/schema/spec.ts.

export const specVersions = pgTable('spec_versions', {
  version: integer('version').primaryKey(),
  spec: jsonText('spec').notNull(),
  publishedAt: epoch('published_at').notNull(),
  publishedBy: text('published_by'),
  note: text('note'),
  changes: jsonText('changes'),
});

export const templateInstalls = pgTable('template_installs', {
  name: text('name').primaryKey(),
  version: text('version').notNull(),
  spec: jsonText('spec').notNull(),
  specVersion: int('spec_version'),
  installedAt: epoch('installed_at').notNull(),
  installedBy: text('installed_by'),
});

export const specDraft = pgTable('spec_draft', {
  id: integer('id').primaryKey(),
  spec: jsonText('spec').notNull(),
  baseVersion: int('base_version'),
  updatedAt: epoch('updated_at').notNull(),
  updatedBy: text('updated_by'),
});

/**
 * Archived values keep their type (SQLite: a BLOB column without affinity): here as jsonb, so a
 * number stays a number and text stays text.
 */
export const fieldArchive = pgTable(
  'field_archive',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    entity: text('entity').notNull(),
    field: text('field').notNull(),
    recordId: text('record_id').notNull(),
    value: jsonb('value'),
    sqlType: text('sql_type').notNull(),
    reason: text('reason').notNull(),
    archivedAt: epoch('archived_at').notNull(),
    specVersion: int('spec_version'),
  },
  (t) => [index('field_archive_field_ix').on(t.entity, t.field, t.recordId)],
);
