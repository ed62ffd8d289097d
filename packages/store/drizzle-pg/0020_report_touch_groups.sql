-- First-touch attribution's maintained groups (sql/reports/touch-sql.ts, docs/reports.md "First-touch groups"); postgres/touch-triggers.ts creates their triggers at the store's open and fills them from the records (the backfill). IF NOT EXISTS: an upgrade test that takes a database back before an earlier migration applies this one again.
CREATE TABLE IF NOT EXISTS "report_touch_months" (
	"entity" text COLLATE "C" NOT NULL,
	"month" bigint NOT NULL,
	"field" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"utm_source" text COLLATE "C" NOT NULL,
	"utm_medium" text COLLATE "C" NOT NULL,
	"utm_campaign" text COLLATE "C" NOT NULL,
	"utm_content" text COLLATE "C" NOT NULL,
	"records" bigint NOT NULL,
	"amount_sum" bigint NOT NULL,
	"amount_n" bigint NOT NULL,
	CONSTRAINT "report_touch_months_pk" PRIMARY KEY("entity","month","field","team_id","stage","utm_source","utm_medium","utm_campaign","utm_content")
);
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS "report_touch_rows" (
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"field" text COLLATE "C" NOT NULL,
	"created_at" bigint NOT NULL,
	"month" bigint NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"utm_source" text COLLATE "C" NOT NULL,
	"utm_medium" text COLLATE "C" NOT NULL,
	"utm_campaign" text COLLATE "C" NOT NULL,
	"utm_content" text COLLATE "C" NOT NULL,
	"amount" bigint,
	CONSTRAINT "report_touch_rows_entity_record_id_field_pk" PRIMARY KEY("entity","record_id","field")
);
--> statement-breakpoint
-- A range's edges read from this index alone: the group key and amount ride in its leaves.
CREATE INDEX IF NOT EXISTS "report_touch_rows_created_ix" ON "report_touch_rows" USING btree ("entity","field","created_at") INCLUDE ("team_id","stage","utm_source","utm_medium","utm_campaign","utm_content","amount");
