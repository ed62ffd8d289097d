CREATE TABLE "report_dwell" (
	"entity" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"day" bigint NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"bucket" bigint NOT NULL,
	"moves" bigint NOT NULL,
	"total_ms" bigint NOT NULL,
	CONSTRAINT "report_dwell_entity_stage_day_owner_id_team_id_bucket_pk" PRIMARY KEY("entity","stage","day","owner_id","team_id","bucket")
);
--> statement-breakpoint
CREATE TABLE "report_entries" (
	"entity" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"day" bigint NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"records" bigint NOT NULL,
	CONSTRAINT "report_entries_entity_stage_day_owner_id_team_id_pk" PRIMARY KEY("entity","stage","day","owner_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "report_firsts" (
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"first_at" bigint NOT NULL,
	CONSTRAINT "report_firsts_entity_record_id_stage_pk" PRIMARY KEY("entity","record_id","stage")
);
--> statement-breakpoint
CREATE TABLE "report_moves" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"bucket" bigint NOT NULL,
	"at" bigint NOT NULL,
	"dwell_ms" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "report_reentries" (
	"id" text COLLATE "C" NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"at" bigint NOT NULL,
	"prev_at" bigint NOT NULL,
	"span" bigint NOT NULL,
	CONSTRAINT "report_reentries_entity_record_id_stage_id_pk" PRIMARY KEY("entity","record_id","stage","id")
);
--> statement-breakpoint
CREATE INDEX "report_moves_bucket_ix" ON "report_moves" USING btree ("entity","stage","bucket","at");--> statement-breakpoint
CREATE INDEX "report_reentries_span_ix" ON "report_reentries" USING btree ("entity","span","at");--> statement-breakpoint
CREATE INDEX "stage_transitions_at_ix" ON "stage_transitions" USING btree ("entity","at");