CREATE TABLE `export_log` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text,
	`entity` text NOT NULL,
	`view` text,
	`filter` text,
	`q` text,
	`format` text NOT NULL,
	`row_count` integer NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `export_log_at_ix` ON `export_log` (`at`,`id`);