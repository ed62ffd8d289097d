-- The rows of an entity table and of stage_transitions the report settle has taken up, per table
-- (schema/reports.ts reportSettled): the settle (sqlite/report-sources.ts) takes the rows above
-- `upto`, so an insert needs no trigger. The start sets a table's row when it replaces its insert
-- triggers (the rows they kept are up to date). WITHOUT ROWID: a few rows read by key. IF NOT
-- EXISTS: an upgrade test that takes a database back before an earlier migration applies it again.
CREATE TABLE IF NOT EXISTS `report_settled` (
	`source` text PRIMARY KEY NOT NULL,
	`entity` text,
	`upto` integer NOT NULL
) WITHOUT ROWID;
