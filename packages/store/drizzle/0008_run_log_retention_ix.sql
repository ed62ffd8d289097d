CREATE INDEX `action_effects_created_ix` ON `action_effects` (`created_at`);--> statement-breakpoint
CREATE INDEX `automation_runs_started_ix` ON `automation_runs` (`started_at`,`id`);