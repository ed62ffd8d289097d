CREATE TABLE "import_jobs" (
	"id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"entity" text COLLATE "C" NOT NULL,
	"dry_run" smallint NOT NULL,
	"status" text COLLATE "C" NOT NULL,
	"created_by" text COLLATE "C" NOT NULL,
	"file_name" text COLLATE "C" NOT NULL,
	"file_path" text COLLATE "C" NOT NULL,
	"options" text COLLATE "C" NOT NULL,
	"rows_total" bigint,
	"last_row" bigint NOT NULL,
	"rows_done" bigint NOT NULL,
	"created" bigint NOT NULL,
	"updated" bigint NOT NULL,
	"skipped" bigint NOT NULL,
	"failed" bigint NOT NULL,
	"error" text COLLATE "C",
	"created_at" bigint NOT NULL,
	"updated_at" bigint NOT NULL,
	"finished_at" bigint
);
--> statement-breakpoint
CREATE TABLE "import_rows" (
	"job_id" text COLLATE "C" NOT NULL,
	"row_no" integer NOT NULL,
	"outcome" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C",
	"errors" text COLLATE "C" NOT NULL,
	"cells" text COLLATE "C" NOT NULL,
	CONSTRAINT "import_rows_job_id_row_no_pk" PRIMARY KEY("job_id","row_no")
);
--> statement-breakpoint
CREATE INDEX "import_jobs_status_ix" ON "import_jobs" USING btree ("status");--> statement-breakpoint
CREATE INDEX "import_jobs_owner_ix" ON "import_jobs" USING btree ("created_by","created_at");