CREATE TABLE "report_cohorts" (
	"entity" text COLLATE "C" NOT NULL,
	"day" bigint NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"entered" text COLLATE "C" NOT NULL,
	"records" bigint NOT NULL,
	"sum_created" bigint NOT NULL,
	"sum_stage_at" bigint NOT NULL,
	"n_stage_at" bigint NOT NULL,
	CONSTRAINT "report_cohorts_entity_day_owner_id_team_id_stage_entered_pk" PRIMARY KEY("entity","day","owner_id","team_id","stage","entered")
);
--> statement-breakpoint
CREATE TABLE "report_rows" (
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"day" bigint NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"entered" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"stage_at" bigint,
	CONSTRAINT "report_rows_entity_record_id_pk" PRIMARY KEY("entity","record_id")
);
