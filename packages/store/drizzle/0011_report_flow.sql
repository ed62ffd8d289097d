CREATE TABLE `report_dwell` (
	`entity` text NOT NULL,
	`stage` text NOT NULL,
	`day` integer NOT NULL,
	`owner_id` text NOT NULL,
	`team_id` text NOT NULL,
	`bucket` integer NOT NULL,
	`moves` integer NOT NULL,
	`total_ms` integer NOT NULL,
	PRIMARY KEY(`entity`, `stage`, `day`, `owner_id`, `team_id`, `bucket`)
);
--> statement-breakpoint
CREATE TABLE `report_entries` (
	`entity` text NOT NULL,
	`stage` text NOT NULL,
	`day` integer NOT NULL,
	`owner_id` text NOT NULL,
	`team_id` text NOT NULL,
	`records` integer NOT NULL,
	PRIMARY KEY(`entity`, `stage`, `day`, `owner_id`, `team_id`)
);
--> statement-breakpoint
CREATE TABLE `report_firsts` (
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`stage` text NOT NULL,
	`first_at` integer NOT NULL,
	PRIMARY KEY(`entity`, `record_id`, `stage`)
);
--> statement-breakpoint
CREATE TABLE `report_moves` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`stage` text NOT NULL,
	`bucket` integer NOT NULL,
	`at` integer NOT NULL,
	`dwell_ms` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `report_moves_bucket_ix` ON `report_moves` (`entity`,`stage`,`bucket`,`at`);--> statement-breakpoint
CREATE TABLE `report_reentries` (
	`id` text NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`stage` text NOT NULL,
	`at` integer NOT NULL,
	`prev_at` integer NOT NULL,
	`span` integer NOT NULL,
	PRIMARY KEY(`entity`, `record_id`, `stage`, `id`)
);
--> statement-breakpoint
CREATE INDEX `report_reentries_span_ix` ON `report_reentries` (`entity`,`span`,`at`);--> statement-breakpoint
CREATE INDEX `stage_transitions_at_ix` ON `stage_transitions` (`entity`,`at`);