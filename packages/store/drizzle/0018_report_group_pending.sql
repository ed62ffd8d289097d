-- The report groups written behind (schema/reports.ts reportGroupPending): the record,
-- transition and first-owner triggers append their groups' changes here, and upkeep folds them
-- into report_cohorts / report_cohort_months (sqlite/report-fold.ts). The triggers are replaced
-- at the next start (their text changed); the groups they kept until then stay as they are.
CREATE TABLE `report_group_pending` (
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
	`in_time` integer NOT NULL
);
