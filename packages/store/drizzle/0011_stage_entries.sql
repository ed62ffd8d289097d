ALTER TABLE `stage_transitions` ADD `prev_entry_at` integer;--> statement-breakpoint
-- Each existing entry's previous entry into the same stage (the write path sets it on insert):
-- only re-entries get a value, first entries stay null.
UPDATE stage_transitions SET prev_entry_at = w.prev FROM (SELECT id, lag(at) OVER (PARTITION BY entity, record_id, to_stage ORDER BY at, id) AS prev FROM stage_transitions) AS w WHERE w.id = stage_transitions.id AND w.prev IS NOT NULL;--> statement-breakpoint
CREATE INDEX `stage_transitions_reentry_ix` ON `stage_transitions` (`entity`,`to_stage`,`prev_entry_at`,`at`) WHERE prev_entry_at IS NOT NULL;--> statement-breakpoint
CREATE INDEX `stage_transitions_dwell_ix` ON `stage_transitions` (`entity`,`from_stage`,`at`,`dwell_ms`,`record_id`) WHERE dwell_ms IS NOT NULL;
