-- First-touch month groups written behind (schema/reports.ts reportTouchPending): the
-- first-touch triggers append their groups' changes here and upkeep folds them into
-- report_touch_months (sqlite/report-fold.ts). The triggers are replaced at the next start (their
-- text changed) without a rebuild; the groups they kept until then stay as they are. IF NOT
-- EXISTS: an upgrade test that takes a database back before an earlier migration applies it again.
CREATE TABLE IF NOT EXISTS `report_touch_pending` (
	`entity` text NOT NULL,
	`month` integer NOT NULL,
	`field` text NOT NULL,
	`team_id` text NOT NULL,
	`stage` text NOT NULL,
	`utm_source` text NOT NULL,
	`utm_medium` text NOT NULL,
	`utm_campaign` text NOT NULL,
	`utm_content` text NOT NULL,
	`records` integer NOT NULL,
	`amount_sum` integer NOT NULL,
	`amount_n` integer NOT NULL
);
