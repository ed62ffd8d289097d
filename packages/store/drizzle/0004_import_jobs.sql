CREATE TABLE `import_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`dry_run` integer NOT NULL,
	`status` text NOT NULL,
	`created_by` text NOT NULL,
	`file_name` text NOT NULL,
	`file_path` text NOT NULL,
	`options` text NOT NULL,
	`rows_total` integer,
	`last_row` integer NOT NULL,
	`rows_done` integer NOT NULL,
	`created` integer NOT NULL,
	`updated` integer NOT NULL,
	`skipped` integer NOT NULL,
	`failed` integer NOT NULL,
	`error` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`finished_at` integer
);
--> statement-breakpoint
CREATE INDEX `import_jobs_status_ix` ON `import_jobs` (`status`);--> statement-breakpoint
CREATE INDEX `import_jobs_owner_ix` ON `import_jobs` (`created_by`,`created_at`);--> statement-breakpoint
CREATE TABLE `import_rows` (
	`job_id` text NOT NULL,
	`row_no` integer NOT NULL,
	`outcome` text NOT NULL,
	`record_id` text,
	`errors` text NOT NULL,
	`cells` text NOT NULL,
	PRIMARY KEY(`job_id`, `row_no`)
);
