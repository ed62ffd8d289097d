CREATE TABLE "ownership_changes" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"kind" text COLLATE "C" NOT NULL,
	"from_user_id" text COLLATE "C",
	"to_user_id" text COLLATE "C",
	"from_team_id" text COLLATE "C",
	"to_team_id" text COLLATE "C",
	"reason" text COLLATE "C",
	"actor_id" text COLLATE "C",
	"via" text COLLATE "C" NOT NULL,
	"handover_id" text COLLATE "C",
	"read_until" bigint,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "ownership_changes_record_ix" ON "ownership_changes" USING btree ("entity","record_id","at");--> statement-breakpoint
CREATE INDEX "ownership_changes_cooldown_ix" ON "ownership_changes" USING btree ("from_user_id","entity","read_until");