CREATE TABLE "report_cohort_months" (
	"entity" text COLLATE "C" NOT NULL,
	"month" bigint NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"entered" text COLLATE "C" NOT NULL,
	"records" bigint NOT NULL,
	"sum_created" bigint NOT NULL,
	"sum_stage_at" bigint NOT NULL,
	"n_stage_at" bigint NOT NULL,
	"shard" smallint DEFAULT 0 NOT NULL,
	CONSTRAINT "report_cohort_months_entity_month_owner_id_team_id_stage_entered_shard_pk" PRIMARY KEY("entity","month","owner_id","team_id","stage","entered","shard")
);
--> statement-breakpoint
-- The trigger functions wrote the day groups only: dropping them drops their triggers, and the
-- next start recreates both and rebuilds every entity's rows, day and month groups from the
-- records (a one-time backfill, as after 0010).
DROP FUNCTION IF EXISTS report_record_change() CASCADE;--> statement-breakpoint
DROP FUNCTION IF EXISTS report_transition_change() CASCADE;
