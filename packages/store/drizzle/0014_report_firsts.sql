-- WITHOUT ROWID: a report looks up one row per record by its key, one b-tree descent instead of
-- the key index's and the table's.
CREATE TABLE `report_first_owner` (
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`at` integer NOT NULL,
	`history_id` text NOT NULL,
	`from_none` integer NOT NULL,
	PRIMARY KEY(`entity`, `record_id`)
) WITHOUT ROWID;
--> statement-breakpoint
CREATE TABLE `report_first_touch` (
	`entity` text NOT NULL,
	`record_id` text NOT NULL,
	`at` integer NOT NULL,
	`touch_id` text NOT NULL,
	`utm_source` text,
	`utm_medium` text,
	`utm_campaign` text,
	`utm_content` text,
	`utm_term` text,
	PRIMARY KEY(`entity`, `record_id`)
) WITHOUT ROWID;

--> statement-breakpoint
-- The backfill: each record's first ownerId history row and first touch, by (at, id).
INSERT INTO report_first_owner (entity, record_id, at, history_id, from_none) SELECT entity, record_id, at, id, from_none FROM (SELECT entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END AS from_none, row_number() OVER (PARTITION BY entity, record_id ORDER BY at, id) AS n FROM record_history WHERE field = 'ownerId') WHERE n = 1;
--> statement-breakpoint
INSERT INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) SELECT entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM (SELECT *, row_number() OVER (PARTITION BY entity, record_id ORDER BY at, id) AS n FROM touches) WHERE n = 1;
--> statement-breakpoint
-- Kept on every insert (bulk or not: one upsert per ownerId row or touch, kept when earlier) and
-- recomputed from the record's rows when its kept row is deleted or any row updated.
CREATE TRIGGER report__first_owner_add AFTER INSERT ON record_history WHEN NEW.field = 'ownerId' BEGIN
  INSERT INTO report_first_owner (entity, record_id, at, history_id, from_none) VALUES (NEW.entity, NEW.record_id, NEW.at, NEW.id, CASE WHEN NEW."before" IS NULL THEN 1 ELSE 0 END) ON CONFLICT (entity, record_id) DO UPDATE SET at = excluded.at, history_id = excluded.history_id, from_none = excluded.from_none WHERE excluded.at < report_first_owner.at OR (excluded.at = report_first_owner.at AND excluded.history_id < report_first_owner.history_id);
END;
--> statement-breakpoint
CREATE TRIGGER report__first_owner_del AFTER DELETE ON record_history WHEN OLD.field = 'ownerId' BEGIN
  DELETE FROM report_first_owner WHERE entity = OLD.entity AND record_id = OLD.record_id AND history_id = OLD.id;
  INSERT OR IGNORE INTO report_first_owner (entity, record_id, at, history_id, from_none) SELECT entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END FROM record_history WHERE entity = OLD.entity AND record_id = OLD.record_id AND field = 'ownerId' ORDER BY at, id LIMIT 1;
END;
--> statement-breakpoint
CREATE TRIGGER report__first_owner_upd AFTER UPDATE ON record_history WHEN OLD.field = 'ownerId' OR NEW.field = 'ownerId' BEGIN
  DELETE FROM report_first_owner WHERE (entity = OLD.entity AND record_id = OLD.record_id) OR (entity = NEW.entity AND record_id = NEW.record_id);
  INSERT OR IGNORE INTO report_first_owner (entity, record_id, at, history_id, from_none) SELECT entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END FROM record_history WHERE entity = OLD.entity AND record_id = OLD.record_id AND field = 'ownerId' ORDER BY at, id LIMIT 1;
  INSERT OR IGNORE INTO report_first_owner (entity, record_id, at, history_id, from_none) SELECT entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END FROM record_history WHERE entity = NEW.entity AND record_id = NEW.record_id AND field = 'ownerId' ORDER BY at, id LIMIT 1;
END;
--> statement-breakpoint
CREATE TRIGGER report__first_touch_add AFTER INSERT ON touches BEGIN
  INSERT INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) VALUES (NEW.entity, NEW.record_id, NEW.at, NEW.id, NEW.utm_source, NEW.utm_medium, NEW.utm_campaign, NEW.utm_content, NEW.utm_term) ON CONFLICT (entity, record_id) DO UPDATE SET at = excluded.at, touch_id = excluded.touch_id, utm_source = excluded.utm_source, utm_medium = excluded.utm_medium, utm_campaign = excluded.utm_campaign, utm_content = excluded.utm_content, utm_term = excluded.utm_term WHERE excluded.at < report_first_touch.at OR (excluded.at = report_first_touch.at AND excluded.touch_id < report_first_touch.touch_id);
END;
--> statement-breakpoint
CREATE TRIGGER report__first_touch_del AFTER DELETE ON touches BEGIN
  DELETE FROM report_first_touch WHERE entity = OLD.entity AND record_id = OLD.record_id AND touch_id = OLD.id;
  INSERT OR IGNORE INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) SELECT entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touches WHERE entity = OLD.entity AND record_id = OLD.record_id ORDER BY at, id LIMIT 1;
END;
--> statement-breakpoint
CREATE TRIGGER report__first_touch_upd AFTER UPDATE ON touches BEGIN
  DELETE FROM report_first_touch WHERE (entity = OLD.entity AND record_id = OLD.record_id) OR (entity = NEW.entity AND record_id = NEW.record_id);
  INSERT OR IGNORE INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) SELECT entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touches WHERE entity = OLD.entity AND record_id = OLD.record_id ORDER BY at, id LIMIT 1;
  INSERT OR IGNORE INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) SELECT entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touches WHERE entity = NEW.entity AND record_id = NEW.record_id ORDER BY at, id LIMIT 1;
END;
