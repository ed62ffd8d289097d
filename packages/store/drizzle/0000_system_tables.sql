CREATE TABLE `api_tokens` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`token_hash` text NOT NULL,
	`role` text NOT NULL,
	`user_id` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`last_used_at` integer,
	`revoked_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `api_tokens_hash_uq` ON `api_tokens` (`token_hash`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`user_id` text NOT NULL,
	`team_key` text NOT NULL,
	`is_lead` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`user_id`, `team_key`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`team_key`) REFERENCES `teams`(`key`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_team_ix` ON `memberships` (`team_key`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	`ip` text,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_ix` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_ix` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `teams` (
	`key` text PRIMARY KEY NOT NULL,
	`label` text NOT NULL,
	`parent_key` text,
	`lead_user_id` text
);
--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`login` text NOT NULL,
	`name` text NOT NULL,
	`password_hash` text,
	`role` text NOT NULL,
	`supervisor_id` text,
	`status` text DEFAULT 'active' NOT NULL,
	`locale` text DEFAULT 'zh-CN' NOT NULL,
	`email` text,
	`phone` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_login_uq` ON `users` (`login`);--> statement-breakpoint
CREATE INDEX `users_supervisor_ix` ON `users` (`supervisor_id`);--> statement-breakpoint
CREATE TABLE `webhook_secrets` (
	`source_key` text PRIMARY KEY NOT NULL,
	`secret_hash_or_enc` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `field_archive` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`entity` text NOT NULL,
	`field` text NOT NULL,
	`record_id` text NOT NULL,
	`value` blob,
	`sql_type` text NOT NULL,
	`reason` text NOT NULL,
	`archived_at` integer NOT NULL,
	`spec_version` integer
);
--> statement-breakpoint
CREATE INDEX `field_archive_field_ix` ON `field_archive` (`entity`,`field`,`record_id`);--> statement-breakpoint
CREATE TABLE `spec_draft` (
	`id` integer PRIMARY KEY NOT NULL,
	`spec` text NOT NULL,
	`base_version` integer,
	`updated_at` integer NOT NULL,
	`updated_by` text
);
--> statement-breakpoint
CREATE TABLE `spec_versions` (
	`version` integer PRIMARY KEY NOT NULL,
	`spec` text NOT NULL,
	`published_at` integer NOT NULL,
	`published_by` text,
	`note` text,
	`changes` text
);
--> statement-breakpoint
CREATE TABLE `activities` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`type` text NOT NULL,
	`body` text,
	`occurred_at` integer NOT NULL,
	`actor_id` text,
	`attachments` text,
	`meta` text,
	`created_at` integer NOT NULL,
	`deleted_at` integer
);
--> statement-breakpoint
CREATE INDEX `activities_record_ix` ON `activities` (`entity`,`record_id`,`occurred_at`);--> statement-breakpoint
CREATE INDEX `activities_actor_ix` ON `activities` (`actor_id`,`occurred_at`);--> statement-breakpoint
CREATE TABLE `files` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`mime` text NOT NULL,
	`size` integer NOT NULL,
	`sha256` text NOT NULL,
	`storage_path` text NOT NULL,
	`created_by` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `files_sha_ix` ON `files` (`sha256`);--> statement-breakpoint
CREATE TABLE `handovers` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`from_user_id` text,
	`to_user_id` text NOT NULL,
	`reason` text,
	`summary` text,
	`status` text NOT NULL,
	`created_at` integer NOT NULL,
	`decided_at` integer
);
--> statement-breakpoint
CREATE INDEX `handovers_record_ix` ON `handovers` (`entity`,`record_id`);--> statement-breakpoint
CREATE INDEX `handovers_to_ix` ON `handovers` (`to_user_id`,`status`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`body` text,
	`entity` text,
	`record_id` text,
	`payload` text,
	`created_at` integer NOT NULL,
	`read_at` integer
);
--> statement-breakpoint
CREATE INDEX `notifications_user_ix` ON `notifications` (`user_id`,`read_at`,`created_at`);--> statement-breakpoint
CREATE TABLE `record_history` (
	`id` text PRIMARY KEY NOT NULL,
	`change_id` text NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`field` text NOT NULL,
	`before` text,
	`after` text,
	`actor_id` text,
	`via` text NOT NULL,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `record_history_record_ix` ON `record_history` (`entity`,`record_id`,`at`);--> statement-breakpoint
CREATE TABLE `stage_transitions` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`from_stage` text,
	`to_stage` text NOT NULL,
	`actor_id` text,
	`via` text NOT NULL,
	`at` integer NOT NULL,
	`dwell_ms` integer
);
--> statement-breakpoint
CREATE INDEX `stage_transitions_record_ix` ON `stage_transitions` (`entity`,`record_id`,`at`);--> statement-breakpoint
CREATE INDEX `stage_transitions_to_ix` ON `stage_transitions` (`entity`,`to_stage`,`at`);--> statement-breakpoint
CREATE TABLE `tasks` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text,
	`record_id` text,
	`title` text NOT NULL,
	`description` text,
	`assignee_id` text,
	`due_at` integer,
	`status` text DEFAULT 'open' NOT NULL,
	`completed_at` integer,
	`created_by` text,
	`created_at` integer NOT NULL,
	`source` text
);
--> statement-breakpoint
CREATE INDEX `tasks_assignee_ix` ON `tasks` (`assignee_id`,`status`,`due_at`);--> statement-breakpoint
CREATE INDEX `tasks_record_ix` ON `tasks` (`entity`,`record_id`);--> statement-breakpoint
CREATE TABLE `touches` (
	`id` text PRIMARY KEY NOT NULL,
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`kind` text NOT NULL,
	`source_key` text,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_content` text,
	`utm_term` text,
	`referrer` text,
	`landing_url` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `touches_record_ix` ON `touches` (`entity`,`record_id`,`at`);--> statement-breakpoint
CREATE INDEX `touches_campaign_ix` ON `touches` (`utm_source`,`utm_campaign`);--> statement-breakpoint
CREATE TABLE `action_effects` (
	`idempotency_key` text PRIMARY KEY NOT NULL,
	`run_id` text,
	`action_type` text NOT NULL,
	`result` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `assignment_state` (
	`key` text PRIMARY KEY NOT NULL,
	`cursor` integer DEFAULT 0 NOT NULL,
	`data` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `automation_runs` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text,
	`automation_key` text NOT NULL,
	`trigger_type` text NOT NULL,
	`entity` text,
	`record_id` text,
	`matched` integer NOT NULL,
	`condition_trace` text,
	`actions` text,
	`status` text NOT NULL,
	`error` text,
	`depth` integer DEFAULT 0 NOT NULL,
	`started_at` integer NOT NULL,
	`duration_ms` integer,
	`dry_run` integer DEFAULT false NOT NULL
);
--> statement-breakpoint
CREATE INDEX `automation_runs_key_ix` ON `automation_runs` (`automation_key`,`started_at`);--> statement-breakpoint
CREATE INDEX `automation_runs_record_ix` ON `automation_runs` (`entity`,`record_id`);--> statement-breakpoint
CREATE INDEX `automation_runs_event_ix` ON `automation_runs` (`event_id`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`to_address` text NOT NULL,
	`subject` text NOT NULL,
	`body` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`sent_at` integer
);
--> statement-breakpoint
CREATE INDEX `email_outbox_status_ix` ON `email_outbox` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`seq` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`id` text NOT NULL,
	`type` text NOT NULL,
	`entity` text,
	`record_id` text,
	`payload` text,
	`actor_id` text,
	`via` text,
	`depth` integer DEFAULT 0 NOT NULL,
	`created_at` integer NOT NULL,
	`claimed_by` text,
	`claimed_until` integer,
	`attempts` integer DEFAULT 0 NOT NULL,
	`processed_at` integer,
	`last_error` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `outbox_id_uq` ON `outbox` (`id`);--> statement-breakpoint
CREATE INDEX `outbox_pending_ix` ON `outbox` (`processed_at`,`seq`);--> statement-breakpoint
CREATE TABLE `scheduler_state` (
	`key` text PRIMARY KEY NOT NULL,
	`last_fired_at` integer,
	`next_due_at` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `webhook_deliveries` (
	`id` text PRIMARY KEY NOT NULL,
	`run_key` text,
	`url` text NOT NULL,
	`payload` text,
	`headers` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`status` text DEFAULT 'pending' NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`delivered_at` integer
);
--> statement-breakpoint
CREATE INDEX `webhook_deliveries_due_ix` ON `webhook_deliveries` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `idempotency_keys` (
	`key` text PRIMARY KEY NOT NULL,
	`scope` text NOT NULL,
	`status_code` integer,
	`response` text,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `idempotency_keys_created_ix` ON `idempotency_keys` (`created_at`);--> statement-breakpoint
CREATE TABLE `intake_log` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`source_key` text NOT NULL,
	`status` text NOT NULL,
	`http_status` integer NOT NULL,
	`reasons` text,
	`record_id` text,
	`ip` text,
	`idempotency_key` text,
	`at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `intake_log_source_ix` ON `intake_log` (`kind`,`source_key`,`at`);