CREATE TABLE `report_cohort_months` (
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
);
