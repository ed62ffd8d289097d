-- Entries into a stage carry the record and its previous entry into the stage: a period step's entrants (entries whose previous entry lies before the period) are one index range, read without the rows (sql/reports/step-list.ts). Replaces the (entity, to_stage, at) index, a prefix of this one.
DROP INDEX `stage_transitions_to_ix`;--> statement-breakpoint
CREATE INDEX `stage_transitions_to_ix` ON `stage_transitions` (`entity`,`to_stage`,`at`,`record_id`,`prev_entry_at`);
