import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';

/** Field-level history: one row per changed field; `change_id` groups the fields of one write. */
export const recordHistory = sqliteTable(
  'record_history',
  {
    id: text('id').primaryKey(),
    changeId: text('change_id').notNull(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    field: text('field').notNull(),
    before: text('before', { mode: 'json' }),
    after: text('after', { mode: 'json' }),
    actorId: text('actor_id'),
    via: text('via').notNull(),
    at: integer('at').notNull(),
  },
  (t) => [index('record_history_record_ix').on(t.entity, t.recordId, t.at)],
);

/** Every stage change, for dwell time, conversion and path reports. */
export const stageTransitions = sqliteTable(
  'stage_transitions',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    fromStage: text('from_stage'),
    toStage: text('to_stage').notNull(),
    actorId: text('actor_id'),
    via: text('via').notNull(),
    at: integer('at').notNull(),
    dwellMs: integer('dwell_ms'),
    /** The record's previous entry into to_stage (null: its first): a period's distinct entrants are the entries whose previous one lies before the period. */
    prevEntryAt: integer('prev_entry_at'),
  },
  (t) => [
    // A record's transitions with what the reports read of them (stage entered, previous entry,
    // stage left, dwell): a rep's period funnel and dwell time walk the rep's records and read
    // their transitions from this index alone, and so do the report triggers' entered stages.
    index('stage_transitions_record_ix').on(
      t.entity,
      t.recordId,
      t.at,
      t.toStage,
      t.prevEntryAt,
      t.fromStage,
      t.dwellMs,
    ),
    // Entries into a stage by time, with the record and its previous entry into the stage: a
    // period step's entrants (entries whose previous entry lies before the period) are one
    // range of it, read without the rows (sql/reports/step-list.ts).
    index('stage_transitions_to_ix').on(t.entity, t.toStage, t.at, t.recordId, t.prevEntryAt),
    // Re-entries only (most entries are a record's first into the stage): the period funnel
    // subtracts the entries whose previous entry lies inside the period.
    index('stage_transitions_reentry_ix')
      .on(t.entity, t.toStage, t.prevEntryAt, t.at)
      .where(sql`prev_entry_at IS NOT NULL`),
    // Moves only (a record's first entry has no dwell): a manager's dwell time per stage is one
    // range of it, read without the rows.
    index('stage_transitions_dwell_ix')
      .on(t.entity, t.fromStage, t.at, t.dwellMs, t.recordId)
      .where(sql`dwell_ms IS NOT NULL`),
    // The same moves by time in stage: the exact median and p90 read one dwell bucket's moves
    // (sql/reports/dwell-all.ts) instead of sorting every move of the period.
    index('stage_transitions_dwell_value_ix')
      .on(t.entity, t.fromStage, t.dwellMs, t.at, t.recordId)
      .where(sql`dwell_ms IS NOT NULL`),
  ],
);

/** Follow-ups (跟进记录): calls, visits, WeChat messages, notes, trial classes. */
export const activities = sqliteTable(
  'activities',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    type: text('type').notNull(),
    body: text('body'),
    occurredAt: integer('occurred_at').notNull(),
    actorId: text('actor_id'),
    attachments: text('attachments', { mode: 'json' }),
    meta: text('meta', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
    deletedAt: integer('deleted_at'),
  },
  (t) => [
    index('activities_record_ix').on(t.entity, t.recordId, t.occurredAt),
    index('activities_actor_ix').on(t.actorId, t.occurredAt),
  ],
);

export const tasks = sqliteTable(
  'tasks',
  {
    id: text('id').primaryKey(),
    entity: text('entity'),
    recordId: text('record_id'),
    title: text('title').notNull(),
    description: text('description'),
    assigneeId: text('assignee_id'),
    dueAt: integer('due_at'),
    status: text('status', { enum: ['open', 'done', 'cancelled'] })
      .notNull()
      .default('open'),
    completedAt: integer('completed_at'),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
    source: text('source', { mode: 'json' }),
  },
  (t) => [
    index('tasks_assignee_ix').on(t.assigneeId, t.status, t.dueAt),
    index('tasks_record_ix').on(t.entity, t.recordId),
  ],
);

export const notifications = sqliteTable(
  'notifications',
  {
    id: text('id').primaryKey(),
    userId: text('user_id').notNull(),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    entity: text('entity'),
    recordId: text('record_id'),
    payload: text('payload', { mode: 'json' }),
    createdAt: integer('created_at').notNull(),
    readAt: integer('read_at'),
  },
  (t) => [index('notifications_user_ix').on(t.userId, t.readAt, t.createdAt)],
);

/** Handover of a record between owners (交接), with the summary shown to the receiver. */
export const handovers = sqliteTable(
  'handovers',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    fromUserId: text('from_user_id'),
    toUserId: text('to_user_id').notNull(),
    reason: text('reason'),
    summary: text('summary', { mode: 'json' }),
    status: text('status').notNull(),
    createdAt: integer('created_at').notNull(),
    decidedAt: integer('decided_at'),
  },
  (t) => [
    index('handovers_record_ix').on(t.entity, t.recordId),
    index('handovers_to_ix').on(t.toUserId, t.status),
  ],
);

/** Attribution touches (UTM, referrer) per record, one per intake. */
export const touches = sqliteTable(
  'touches',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    kind: text('kind').notNull(),
    sourceKey: text('source_key'),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmContent: text('utm_content'),
    utmTerm: text('utm_term'),
    referrer: text('referrer'),
    landingUrl: text('landing_url'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('touches_record_ix').on(t.entity, t.recordId, t.at),
    index('touches_campaign_ix').on(t.utmSource, t.utmCampaign),
  ],
);

export const files = sqliteTable(
  'files',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    storagePath: text('storage_path').notNull(),
    createdBy: text('created_by'),
    createdAt: integer('created_at').notNull(),
  },
  (t) => [index('files_sha_ix').on(t.sha256)],
);

/** The ownership ledger: every owner change of a record, written with it (claim, assign, handover, release, reclaim). */
export const ownershipChanges = sqliteTable(
  'ownership_changes',
  {
    id: text('id').primaryKey(),
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    kind: text('kind').notNull(),
    fromUserId: text('from_user_id'),
    toUserId: text('to_user_id'),
    fromTeamId: text('from_team_id'),
    toTeamId: text('to_team_id'),
    reason: text('reason'),
    actorId: text('actor_id'),
    via: text('via').notNull(),
    handoverId: text('handover_id'),
    readUntil: integer('read_until'),
    at: integer('at').notNull(),
  },
  (t) => [
    index('ownership_changes_record_ix').on(t.entity, t.recordId, t.at),
    index('ownership_changes_cooldown_ix').on(t.fromUserId, t.entity, t.readUntil),
  ],
);
