CREATE TABLE `report_cohorts` (
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
);
--> statement-breakpoint
CREATE TABLE `report_rows` (
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
);
