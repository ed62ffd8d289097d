import { index, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { epoch, flag, int, jsonText, text } from './columns';

// The PostgreSQL twin of src/schema/imports.ts (schema-parity.test.ts compares the two).

/** Import jobs: settings, the uploaded file, progress checkpoint (one per committed batch). */
export const importJobs = pgTable(
  'import_jobs',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    dryRun: flag('dry_run').notNull(),
    status: text('status').notNull(),
    createdBy: text('created_by').notNull(),
    fileName: text('file_name').notNull(),
    filePath: text('file_path').notNull(),
    options: jsonText('options').notNull(),
    rowsTotal: epoch('rows_total'),
    lastRow: epoch('last_row').notNull(),
    rowsDone: epoch('rows_done').notNull(),
    created: epoch('created').notNull(),
    updated: epoch('updated').notNull(),
    skipped: epoch('skipped').notNull(),
    failed: epoch('failed').notNull(),
    error: text('error'),
    createdAt: epoch('created_at').notNull(),
    updatedAt: epoch('updated_at').notNull(),
    finishedAt: epoch('finished_at'),
    /** Who runs the job now (one process on PostgreSQL), until when: renewed by each checkpoint. */
    leaseHolder: text('lease_holder'),
    leaseUntil: epoch('lease_until'),
  },
  (t) => [
    index('import_jobs_status_ix').on(t.status),
    index('import_jobs_owner_ix').on(t.createdBy, t.createdAt),
  ],
);

/** Per-row results of an import (every row of a dry run; failed and skipped rows of a run). */
export const importRows = pgTable(
  'import_rows',
  {
    jobId: text('job_id').notNull(),
    rowNo: int('row_no').notNull(),
    outcome: text('outcome').notNull(),
    recordId: text('record_id'),
    errors: jsonText('errors').notNull(),
    cells: jsonText('cells').notNull(),
  },
  (t) => [primaryKey({ columns: [t.jobId, t.rowNo] })],
);
