import { index, pgTable, primaryKey } from 'drizzle-orm/pg-core';
import { epoch, text } from './columns';

// The PostgreSQL twin of src/schema/reports.ts (maintained by postgres/report-triggers.ts).

export const reportRows = pgTable(
  'report_rows',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    day: epoch('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    createdAt: epoch('created_at').notNull(),
    stageAt: epoch('stage_at'),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

export const reportCohorts = pgTable(
  'report_cohorts',
  {
    entity: text('entity').notNull(),
    day: epoch('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    records: epoch('records').notNull(),
    sumCreated: epoch('sum_created').notNull(),
    sumStageAt: epoch('sum_stage_at').notNull(),
    nStageAt: epoch('n_stage_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.day, t.ownerId, t.teamId, t.stage, t.entered] })],
);

export const reportEntries = pgTable(
  'report_entries',
  {
    entity: text('entity').notNull(),
    stage: text('stage').notNull(),
    day: epoch('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    records: epoch('records').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.stage, t.day, t.ownerId, t.teamId] })],
);

export const reportReentries = pgTable(
  'report_reentries',
  {
    id: text('id').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    stage: text('stage').notNull(),
    at: epoch('at').notNull(),
    prevAt: epoch('prev_at').notNull(),
    span: epoch('span').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.recordId, t.stage, t.id] }),
    index('report_reentries_span_ix').on(t.entity, t.span, t.at),
  ],
);

export const reportDwell = pgTable(
  'report_dwell',
  {
    entity: text('entity').notNull(),
    stage: text('stage').notNull(),
    day: epoch('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    bucket: epoch('bucket').notNull(),
    moves: epoch('moves').notNull(),
    totalMs: epoch('total_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.stage, t.day, t.ownerId, t.teamId, t.bucket] })],
);

export const reportMoves = pgTable(
  'report_moves',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    stage: text('stage').notNull(),
    bucket: epoch('bucket').notNull(),
    at: epoch('at').notNull(),
    dwellMs: epoch('dwell_ms').notNull(),
  },
  (t) => [index('report_moves_bucket_ix').on(t.entity, t.stage, t.bucket, t.at)],
);

export const reportFirsts = pgTable(
  'report_firsts',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    stage: text('stage').notNull(),
    firstAt: epoch('first_at').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId, t.stage] })],
);
