-- First-touch attribution's maintained groups (sql/reports/touch-sql.ts, docs/reports.md "First-touch groups"): a row per live record and money field with its month, team, stage, first touch's UTM values and amount, and their counts and sums per month and key. WITHOUT ROWID: the groups are read and upserted by their key. The rows and groups are written by the triggers sqlite/touch-triggers.ts creates at the store's open, which fill them from the records (the backfill). IF NOT EXISTS: an upgrade test that takes a database back before an earlier migration applies this one again.
CREATE TABLE IF NOT EXISTS `report_touch_months` (
	`entity` text NOT NULL,
	`month` integer NOT NULL,
	`field` text NOT NULL,
	`team_id` text NOT NULL,
	`stage` text NOT NULL,
	`utm_source` text NOT NULL,
	`utm_medium` text NOT NULL,
	`utm_campaign` text NOT NULL,
	`utm_content` text NOT NULL,
	`records` integer NOT NULL,
	`amount_sum` integer NOT NULL,
	`amount_n` integer NOT NULL,
	PRIMARY KEY(`entity`, `month`, `field`, `team_id`, `stage`, `utm_source`, `utm_medium`, `utm_campaign`, `utm_content`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE IF NOT EXISTS `report_touch_rows` (
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`field` text NOT NULL,
	`created_at` integer NOT NULL,
	`month` integer NOT NULL,
	`team_id` text NOT NULL,
	`stage` text NOT NULL,
	`utm_source` text NOT NULL,
	`utm_medium` text NOT NULL,
	`utm_campaign` text NOT NULL,
	`utm_content` text NOT NULL,
	`amount` integer,
	PRIMARY KEY(`entity`, `record_id`, `field`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS `report_touch_rows_created_ix` ON `report_touch_rows` (`entity`,`field`,`created_at`);
