import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Maintained by triggers (sqlite/report-triggers.ts, the 0008 migration) in the transaction of
 * every write: one row per live record with what the cohort funnel and leaderboard group by.
 * `day` is the UTC day of creation (created_at / 86400000); owner, team and stage are '' for
 * none; `entered` lists the stages the record ever entered (its transitions), comma-separated.
 */
export const reportRows = sqliteTable(
  'report_rows',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    day: integer('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    createdAt: integer('created_at').notNull(),
    stageAt: integer('stage_at'),
    // 1 when the record got its first owner within 24 hours of its creation (cohort-sql.ts inTimeSql).
    inTime: integer('in_time').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

/**
 * The report_rows counted per group (records, and the sums the averages need): what the cohort
 * funnel and the leaderboard read instead of every record (docs/reports.md).
 */
export const reportCohorts = sqliteTable(
  'report_cohorts',
  {
    entity: text('entity').notNull(),
    day: integer('day').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    records: integer('records').notNull(),
    sumCreated: integer('sum_created').notNull(),
    sumStageAt: integer('sum_stage_at').notNull(),
    nStageAt: integer('n_stage_at').notNull(),
    // Records of the group assigned within 24 hours of creation: data health's in-time count.
    inTime: integer('in_time').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entity, t.day, t.ownerId, t.teamId, t.stage, t.entered] })],
);

/**
 * The same counts per UTC month of creation (`month`: the month's first day, days since 1970),
 * kept by the same triggers and bulk statements: a range of months reads a few thousand groups
 * instead of a group per day, owner, stage and path (docs/reports.md "Maintained groups").
 */
export const reportCohortMonths = sqliteTable(
  'report_cohort_months',
  {
    entity: text('entity').notNull(),
    month: integer('month').notNull(),
    ownerId: text('owner_id').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    entered: text('entered').notNull(),
    records: integer('records').notNull(),
    sumCreated: integer('sum_created').notNull(),
    sumStageAt: integer('sum_stage_at').notNull(),
    nStageAt: integer('n_stage_at').notNull(),
    // Records of the group assigned within 24 hours of creation: data health's in-time count.
    inTime: integer('in_time').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.entity, t.month, t.ownerId, t.teamId, t.stage, t.entered] })],
);

/**
 * What the record triggers and bulk upkeep add to (records 1) or take out of (records -1) a day
 * group, not yet in report_cohorts / report_cohort_months: the groups are written behind, as the
 * search index is (sqlite/report-fold.ts moves the rows in, many at a time, from the automations'
 * upkeep), and a report reads the groups and these rows together, so every answer stays exact.
 * Why: the two group upserts were most of a create's report cost (~45 of the triggers' ~50 µs,
 * bench:layers) and dirtied the groups' pages in every commit; an append here touches the
 * table's last page. SQLite only: PostgreSQL's trigger functions keep the groups themselves.
 * A rowid table without an index: the fold reads it in rowid order (a record's add before its
 * take-out), and a report scans it whole (it is kept short).
 */
export const reportGroupPending = sqliteTable('report_group_pending', {
  entity: text('entity').notNull(),
  day: integer('day').notNull(),
  ownerId: text('owner_id').notNull(),
  teamId: text('team_id').notNull(),
  stage: text('stage').notNull(),
  entered: text('entered').notNull(),
  records: integer('records').notNull(),
  sumCreated: integer('sum_created').notNull(),
  sumStageAt: integer('sum_stage_at').notNull(),
  nStageAt: integer('n_stage_at').notNull(),
  inTime: integer('in_time').notNull(),
});

/**
 * Stage moves (transitions with a dwell time) counted per entity, UTC day of the move, stage
 * left and bucket of the time spent there (sql/reports/dwell-buckets.ts), with the sum of those
 * times: a manager's dwell time reads these instead of every move of the period. Kept by the
 * triggers of migration 0012 on every insert, update and delete of stage_transitions, bulk or
 * not; soft-deleted records' moves are counted here and taken out when read.
 */
export const reportDwell = sqliteTable(
  'report_dwell',
  {
    entity: text('entity').notNull(),
    day: integer('day').notNull(),
    stage: text('stage').notNull(),
    bucket: integer('bucket').notNull(),
    moves: integer('moves').notNull(),
    totalMs: integer('total_ms').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.day, t.stage, t.bucket] })],
);

/**
 * Each record's first owner assignment: its first `ownerId` history row by (at, id), what the
 * virtual field `assignDelayMs` reads instead of walking the record's history (docs/reports.md
 * "First owner and first touch"). `from_none` is 1 when that row gave the record its first owner
 * (its `before` was empty), 0 when the record was created owned and this was a reassignment.
 * Kept by the triggers of migration 0014 on every insert, update and delete of record_history,
 * bulk or not; independent of the record's liveness (a restored record finds it unchanged).
 */
export const reportFirstOwner = sqliteTable(
  'report_first_owner',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    at: integer('at').notNull(),
    historyId: text('history_id').notNull(),
    fromNone: integer('from_none').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

/**
 * Each record's first touch (by at, id) with its UTM values: what the virtual fields
 * `firstUtmSource`… read instead of sorting the record's touches. Kept by the triggers of
 * migration 0014 on every insert, update and delete of touches.
 */
export const reportFirstTouch = sqliteTable(
  'report_first_touch',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    at: integer('at').notNull(),
    touchId: text('touch_id').notNull(),
    utmSource: text('utm_source'),
    utmMedium: text('utm_medium'),
    utmCampaign: text('utm_campaign'),
    utmContent: text('utm_content'),
    utmTerm: text('utm_term'),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

/**
 * Each live record's first-touch attribution rows, one per money field of its entity (field ''
 * when it has none): its creation time and UTC month, team, stage ('' for none), its first
 * touch's UTM values ('' for none, else '=' and the value) and the field's amount. Kept by the
 * triggers of sqlite/touch-triggers.ts (sql/reports/touch-sql.ts); a range's days outside its
 * whole months are found by the creation index.
 */
export const reportTouchRows = sqliteTable(
  'report_touch_rows',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
    field: text('field').notNull(),
    createdAt: integer('created_at').notNull(),
    month: integer('month').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    utmSource: text('utm_source').notNull(),
    utmMedium: text('utm_medium').notNull(),
    utmCampaign: text('utm_campaign').notNull(),
    utmContent: text('utm_content').notNull(),
    amount: integer('amount'),
  },
  (t) => [
    primaryKey({ columns: [t.entity, t.recordId, t.field] }),
    // A range's edges: the rows by creation time (a look-up by key each, a few thousand a quarter).
    index('report_touch_rows_created_ix').on(t.entity, t.field, t.createdAt),
  ],
);

/**
 * report_touch_rows counted per UTC month (days since 1970 of its first day) and key, with the
 * amounts summed (`amount_n`: how many were not null): what attribution by first touch reads
 * for a range's whole months (docs/reports.md "First-touch groups").
 */
export const reportTouchMonths = sqliteTable(
  'report_touch_months',
  {
    entity: text('entity').notNull(),
    month: integer('month').notNull(),
    field: text('field').notNull(),
    teamId: text('team_id').notNull(),
    stage: text('stage').notNull(),
    utmSource: text('utm_source').notNull(),
    utmMedium: text('utm_medium').notNull(),
    utmCampaign: text('utm_campaign').notNull(),
    utmContent: text('utm_content').notNull(),
    records: integer('records').notNull(),
    amountSum: integer('amount_sum').notNull(),
    amountN: integer('amount_n').notNull(),
  },
  (t) => [
    primaryKey({
      columns: [
        t.entity,
        t.month,
        t.field,
        t.teamId,
        t.stage,
        t.utmSource,
        t.utmMedium,
        t.utmCampaign,
        t.utmContent,
      ],
    }),
  ],
);

/**
 * What the first-touch triggers and bulk upkeep add to (records 1) or take out of (records -1) a
 * month group of report_touch_months, not yet in it: written behind as report_group_pending is
 * (sqlite/report-fold.ts folds both), read with the groups by attribution (touch-read.ts), so
 * every answer stays exact. Why: a create's group upsert, and its first touch's two more and a
 * delete, cost 25–44 µs of each store write and the groups' b-tree pages in every commit
 * (session 24); an append touches the table's last page. SQLite only. A rowid table without an
 * index: the fold reads it in rowid order (a record's add before its take-out) and a read scans
 * it whole (it is kept short).
 */
export const reportTouchPending = sqliteTable('report_touch_pending', {
  entity: text('entity').notNull(),
  month: integer('month').notNull(),
  field: text('field').notNull(),
  teamId: text('team_id').notNull(),
  stage: text('stage').notNull(),
  utmSource: text('utm_source').notNull(),
  utmMedium: text('utm_medium').notNull(),
  utmCampaign: text('utm_campaign').notNull(),
  utmContent: text('utm_content').notNull(),
  records: integer('records').notNull(),
  amountSum: integer('amount_sum').notNull(),
  amountN: integer('amount_n').notNull(),
});

/**
 * The records whose report rows (report_rows, report_touch_rows) wait for their upkeep: an entity
 * table's triggers add the record here (one small insert a write) and the settle
 * (sqlite/report-settle.ts) takes out what its rows counted and counts what the record counts
 * now, many records at a time — from the automations' upkeep and before every report read, so
 * every answer stays exact. Why: that upkeep in every write's transaction cost ~20 % of an
 * engine create (docs/deploy.md, session 26). WITHOUT ROWID on (entity, record_id): a record
 * written twice before its settle is one row (INSERT OR IGNORE), and the table is one b-tree,
 * the page a commit writes. SQLite only: PostgreSQL's trigger functions keep the rows in the
 * write.
 */
export const reportDirty = sqliteTable(
  'report_dirty',
  {
    entity: text('entity').notNull(),
    recordId: text('record_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.entity, t.recordId] })],
);

/**
 * Per source table — an entity table (`entity` its key) or stage_transitions (`entity` null) —
 * the highest rowid the report settle has taken up (sqlite/report-sources.ts): the rows above it
 * are new, so an insert needs no trigger to mark its record or count its move. WITHOUT ROWID:
 * a few rows read by key. SQLite only.
 */
export const reportSettled = sqliteTable('report_settled', {
  source: text('source').primaryKey(),
  entity: text('entity'),
  upto: integer('upto').notNull(),
  /**
   * stage_transitions: the id of the row at `upto` (migration 0023). Its rowids are implicit, and
   * a restore from `sqlite3 .dump` numbers them anew: the settle and the start find `upto` again
   * by this id (sqlite/report-mark.ts). Null for an entity table (`rid` is its rowid, kept).
   */
  mark: text('mark'),
});
