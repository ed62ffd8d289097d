-- A first-touch month group is split over 16 rows by its records' shards (sql/reports/touch-sql.ts): every intake create is first counted under no first touch (its touch comes after it in the transaction), so one row per month, team and stage took each concurrent writer's lock in turn until its commit, as report_cohorts' unowned groups did before their shards. The rows and groups kept so far stay exact in shard 0 (reads sum the shards); the start's sync replaces the entity's trigger function and refills both tables with their shards. Written so that applying it again changes nothing.
ALTER TABLE "report_touch_months" ADD COLUMN IF NOT EXISTS "shard" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "report_touch_rows" ADD COLUMN IF NOT EXISTS "shard" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "report_touch_months" DROP CONSTRAINT IF EXISTS "report_touch_months_pk";
--> statement-breakpoint
ALTER TABLE "report_touch_months" ADD CONSTRAINT "report_touch_months_pk" PRIMARY KEY("entity","month","field","team_id","stage","utm_source","utm_medium","utm_campaign","utm_content","shard");
