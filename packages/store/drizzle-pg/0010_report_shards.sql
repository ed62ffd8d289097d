-- Report groups split over 16 rows each (cohort-sql.ts groupKey). The trigger functions wrote
-- the groups without a shard: dropping them drops their triggers, and the next start recreates
-- both and rebuilds every entity's rows and groups from the records (a one-time backfill).
DROP FUNCTION IF EXISTS report_record_change() CASCADE;--> statement-breakpoint
DROP FUNCTION IF EXISTS report_transition_change() CASCADE;--> statement-breakpoint
ALTER TABLE "report_cohorts" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_rows" ADD COLUMN "shard" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "report_cohorts" DROP CONSTRAINT "report_cohorts_entity_day_owner_id_team_id_stage_entered_pk";--> statement-breakpoint
ALTER TABLE "report_cohorts" ADD CONSTRAINT "report_cohorts_entity_day_owner_id_team_id_stage_entered_shard_pk" PRIMARY KEY("entity","day","owner_id","team_id","stage","entered","shard");
