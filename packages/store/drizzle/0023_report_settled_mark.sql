-- The id of stage_transitions' row at `upto` (schema/reports.ts reportSettled `mark`): its rowids
-- are implicit, and a restore from a plain `sqlite3 .dump` numbers them anew. The settle and the
-- start check the row at `upto` still has this id and follow it when it moved
-- (sqlite/report-mark.ts). Null until the start sets it.
ALTER TABLE `report_settled` ADD `mark` text;
