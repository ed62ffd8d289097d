-- The records whose report rows wait for their upkeep (schema/reports.ts reportDirty): the entity
-- tables' triggers add a record here and the settle (sqlite/report-settle.ts) brings its
-- report_rows and report_touch_rows rows up to date later, before any report reads them. The
-- triggers are replaced at the next start (their text changed) without a rebuild: the rows the
-- old ones kept are up to date. WITHOUT ROWID: one b-tree, a record written twice is one row.
-- IF NOT EXISTS: an upgrade test that takes a database back before an earlier migration applies
-- it again.
CREATE TABLE IF NOT EXISTS `report_dirty` (
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	PRIMARY KEY(`entity`, `record_id`)
) WITHOUT ROWID;
