CREATE TABLE `ownership_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`kind` text NOT NULL,
	`from_user_id` text,
	`to_user_id` text,
	`from_team_id` text,
	`to_team_id` text,
	`reason` text,
	`actor_id` text,
	`via` text NOT NULL,
	`handover_id` text,
	`read_until` integer,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `ownership_changes_record_ix` ON `ownership_changes` (`entity`,`record_id`,`at`);--> statement-breakpoint
CREATE INDEX `ownership_changes_cooldown_ix` ON `ownership_changes` (`from_user_id`,`entity`,`read_until`);