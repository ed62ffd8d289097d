CREATE TABLE "export_log" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"user_id" text COLLATE "C",
	"entity" text COLLATE "C" NOT NULL,
	"view" text COLLATE "C",
	"filter" text COLLATE "C",
	"q" text COLLATE "C",
	"format" text COLLATE "C" NOT NULL,
	"row_count" bigint NOT NULL,
	"at" bigint NOT NULL
);
--> statement-breakpoint
CREATE INDEX "export_log_at_ix" ON "export_log" USING btree ("at","id");