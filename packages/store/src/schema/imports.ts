import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Import jobs: settings, the uploaded file, progress checkpoint (one per committed batch). */
export const importJobs = sqliteTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    dryRun: integer('dry_run').notNull(),
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    fileName: text('file_name').notNull(),
    filePath: text('file_path').notNull(),
    options: text('options').notNull(),
    rowsTotal: integer('rows_total'),
    lastRow: integer('last_row').notNull(),
    rowsDone: integer('rows_done').notNull(),
    created: integer('created').notNull(),
    updated: integer('updated').notNull(),
    skipped: integer('skipped').notNull(),
    failed: integer('failed').notNull(),
    error: text('error'),
    createdAt: integer('created_at').notNull(),
    updatedAt: integer('updated_at').notNull(),
    finishedAt: integer('finished_at'),
    /** Who runs the job now (one process on PostgreSQL), until when: renewed by each checkpoint. */
    leaseHolder: text('lease_holder'),
    leaseUntil: integer('lease_until'),
  },
  (t) => [
    index('import_jobs_status_ix').on(t.status),
    index('import_jobs_owner_ix').on(t.createdBy, t.createdAt),
  ],
);

/** Per-row results of an import (every row of a dry run; failed and skipped rows of a run). */
export const importRows = sqliteTable(
  'import_rows',
  {
    jobId: text('job_id').notNull(),
    rowNo: integer('row_no').notNull(),
    outcome: text('outcome').notNull(),
    recordId: text('record_id'),
    errors: text('errors').notNull(),
    cells: text('cells').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNo] })],
);
