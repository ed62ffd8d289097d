-- Data health's "assigned within 24 hours" kept per record and summed per group (cohort-sql.ts
-- inTimeSql): a quarter's in-time count reads the groups instead of joining every record's
-- first owner. The record and transition triggers are replaced at the next start (their text
-- changed), the first owners' triggers created then; this fills the new columns once.
ALTER TABLE "report_cohort_months" ADD COLUMN IF NOT EXISTS "in_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_cohorts" ADD COLUMN IF NOT EXISTS "in_time" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rows" ADD COLUMN IF NOT EXISTS "in_time" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
UPDATE report_rows SET in_time = 1 WHERE COALESCE((SELECT CASE WHEN f.from_none = 0 OR f.at - report_rows.created_at <= 86400000 THEN 1 ELSE 0 END FROM report_first_owner f WHERE f.entity = report_rows.entity AND f.record_id = report_rows.record_id), CASE WHEN report_rows.owner_id <> '' THEN 1 ELSE 0 END) = 1;
--> statement-breakpoint
UPDATE report_cohorts SET in_time = s.n FROM (SELECT entity, day, owner_id, team_id, stage, entered, shard, sum(in_time) AS n FROM report_rows GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(in_time) > 0) s WHERE report_cohorts.entity = s.entity AND report_cohorts.day = s.day AND report_cohorts.owner_id = s.owner_id AND report_cohorts.team_id = s.team_id AND report_cohorts.stage = s.stage AND report_cohorts.entered = s.entered AND report_cohorts.shard = s.shard;
--> statement-breakpoint
UPDATE report_cohort_months SET in_time = s.n FROM (SELECT entity, CAST(extract(epoch FROM date_trunc('month', to_timestamp(day * 86400) AT TIME ZONE 'UTC')) AS bigint) / 86400 AS month, owner_id, team_id, stage, entered, shard, sum(in_time) AS n FROM report_rows GROUP BY 1, 2, 3, 4, 5, 6, 7 HAVING sum(in_time) > 0) s WHERE report_cohort_months.entity = s.entity AND report_cohort_months.month = s.month AND report_cohort_months.owner_id = s.owner_id AND report_cohort_months.team_id = s.team_id AND report_cohort_months.stage = s.stage AND report_cohort_months.entered = s.entered AND report_cohort_months.shard = s.shard;
