-- An owned group of report_cohorts and report_cohort_months is one row (shard 0); an unowned one stays split over its records' 16 shards (sql/reports/cohort-sql.ts groupValues: the record and transition functions, replaced at the next start, write them so). At 1,000,000 leads a quarter's month groups were ~20,500 rows on ~2,500 pages, ~1,450 rows now. Both tables are rebuilt from report_rows, whose sums they hold (TRUNCATE: no dead rows left behind). Written so that applying it again rebuilds the same rows.
TRUNCATE report_cohorts;
--> statement-breakpoint
INSERT INTO report_cohorts (entity, day, owner_id, team_id, stage, entered, shard, records, sum_created, sum_stage_at, n_stage_at, in_time) SELECT entity, day, owner_id, team_id, stage, entered, CASE WHEN owner_id = '' THEN shard ELSE 0 END, count(*), sum(created_at), sum(COALESCE(stage_at, 0)), sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END), sum(in_time) FROM report_rows GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
TRUNCATE report_cohort_months;
--> statement-breakpoint
INSERT INTO report_cohort_months (entity, month, owner_id, team_id, stage, entered, shard, records, sum_created, sum_stage_at, n_stage_at, in_time) SELECT entity, CAST(extract(epoch FROM date_trunc('month', to_timestamp(day * 86400) AT TIME ZONE 'UTC')) AS bigint) / 86400, owner_id, team_id, stage, entered, CASE WHEN owner_id = '' THEN shard ELSE 0 END, count(*), sum(created_at), sum(COALESCE(stage_at, 0)), sum(CASE WHEN stage_at IS NULL THEN 0 ELSE 1 END), sum(in_time) FROM report_rows GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
-- Their new rows' statistics: the readers' plans choose by them.
ANALYZE report_cohorts;
--> statement-breakpoint
ANALYZE report_cohort_months;
--> statement-breakpoint
-- A range's partial days (sql/reports/cohort.ts) read from this index alone: the group columns ride in its leaves, so ~2,800 records of a quarter's two edges at 1,000,000 leads are ~40 index pages instead of a heap page each (~2,800).
DROP INDEX IF EXISTS "report_rows_created_ix";
--> statement-breakpoint
CREATE INDEX "report_rows_created_ix" ON "report_rows" USING btree ("entity","created_at") INCLUDE ("owner_id","team_id","stage","entered","stage_at","in_time");
