-- report_rows and its day and month groups become WITHOUT ROWID tables: each was a rowid table
-- plus the b-tree of its primary key, so a create inserted its report_rows row into two b-trees
-- and each group upsert found its row through the key's b-tree and then the table's. Now one
-- b-tree each: fewer pages per create in the WAL, and a report's range of groups is read from
-- the key's order without a look-up per group (docs/deploy.md, docs/reports.md).
--
-- Each table is copied into its new shape, dropped and the copy renamed; the triggers that write
-- them (on the entity tables and stage_transitions) are kept as they are. legacy_alter_table:
-- a RENAME otherwise checks every trigger of the schema and fails on those naming report_rows
-- while it is dropped ("no such table").
PRAGMA legacy_alter_table = ON;
--> statement-breakpoint
CREATE TABLE `report_rows__new` (
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`day` integer NOT NULL,
	`owner_id` text NOT NULL,
	`team_id` text NOT NULL,
	`stage` text NOT NULL,
	`entered` text NOT NULL,
	`created_at` integer NOT NULL,
	`stage_at` integer,
	PRIMARY KEY(`entity`, `record_id`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `report_rows__new` (entity, record_id, day, owner_id, team_id, stage, entered, created_at, stage_at) SELECT entity, record_id, day, owner_id, team_id, stage, entered, created_at, stage_at FROM `report_rows` ORDER BY entity, record_id;
--> statement-breakpoint
DROP TABLE `report_rows`;
--> statement-breakpoint
ALTER TABLE `report_rows__new` RENAME TO `report_rows`;
--> statement-breakpoint
CREATE TABLE `report_cohorts__new` (
	`entity` text NOT NULL,
	`day` integer NOT NULL,
	`owner_id` text NOT NULL,
	`team_id` text NOT NULL,
	`stage` text NOT NULL,
	`entered` text NOT NULL,
	`records` integer NOT NULL,
	`sum_created` integer NOT NULL,
	`sum_stage_at` integer NOT NULL,
	`n_stage_at` integer NOT NULL,
	PRIMARY KEY(`entity`, `day`, `owner_id`, `team_id`, `stage`, `entered`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `report_cohorts__new` (entity, day, owner_id, team_id, stage, entered, records, sum_created, sum_stage_at, n_stage_at) SELECT entity, day, owner_id, team_id, stage, entered, records, sum_created, sum_stage_at, n_stage_at FROM `report_cohorts` ORDER BY entity, day, owner_id, team_id, stage, entered;
--> statement-breakpoint
DROP TABLE `report_cohorts`;
--> statement-breakpoint
ALTER TABLE `report_cohorts__new` RENAME TO `report_cohorts`;
--> statement-breakpoint
CREATE TABLE `report_cohort_months__new` (
	`entity` text NOT NULL,
	`month` integer NOT NULL,
	`owner_id` text NOT NULL,
	`team_id` text NOT NULL,
	`stage` text NOT NULL,
	`entered` text NOT NULL,
	`records` integer NOT NULL,
	`sum_created` integer NOT NULL,
	`sum_stage_at` integer NOT NULL,
	`n_stage_at` integer NOT NULL,
	PRIMARY KEY(`entity`, `month`, `owner_id`, `team_id`, `stage`, `entered`)
) WITHOUT ROWID;
--> statement-breakpoint
INSERT INTO `report_cohort_months__new` (entity, month, owner_id, team_id, stage, entered, records, sum_created, sum_stage_at, n_stage_at) SELECT entity, month, owner_id, team_id, stage, entered, records, sum_created, sum_stage_at, n_stage_at FROM `report_cohort_months` ORDER BY entity, month, owner_id, team_id, stage, entered;
--> statement-breakpoint
DROP TABLE `report_cohort_months`;
--> statement-breakpoint
ALTER TABLE `report_cohort_months__new` RENAME TO `report_cohort_months`;
--> statement-breakpoint
PRAGMA legacy_alter_table = OFF;
