CREATE TABLE "report_first_owner" (
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"at" bigint NOT NULL,
	"history_id" text COLLATE "C" NOT NULL,
	"from_none" smallint NOT NULL,
	CONSTRAINT "report_first_owner_entity_record_id_pk" PRIMARY KEY("entity","record_id")
);
--> statement-breakpoint
CREATE TABLE "report_first_touch" (
	"entity" text COLLATE "C" NOT NULL,
	"record_id" text COLLATE "C" NOT NULL,
	"at" bigint NOT NULL,
	"touch_id" text COLLATE "C" NOT NULL,
	"utm_source" text COLLATE "C",
	"utm_medium" text COLLATE "C",
	"utm_campaign" text COLLATE "C",
	"utm_content" text COLLATE "C",
	"utm_term" text COLLATE "C",
	CONSTRAINT "report_first_touch_entity_record_id_pk" PRIMARY KEY("entity","record_id")
);

--> statement-breakpoint
-- The backfill: each record's first ownerId history row and first touch, by (at, id).
INSERT INTO report_first_owner (entity, record_id, at, history_id, from_none) SELECT DISTINCT ON (entity, record_id) entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END FROM record_history WHERE field = 'ownerId' ORDER BY entity, record_id, at, id;
--> statement-breakpoint
INSERT INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) SELECT DISTINCT ON (entity, record_id) entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touches ORDER BY entity, record_id, at, id;
--> statement-breakpoint
-- Kept on every insert (bulk or not: one upsert per ownerId row or touch, kept when earlier) and
-- recomputed from the record's rows when its kept row is deleted or any row updated.
CREATE OR REPLACE FUNCTION report_first_owner_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_first_owner AS f (entity, record_id, at, history_id, from_none) VALUES (NEW.entity, NEW.record_id, NEW.at, NEW.id, CASE WHEN NEW."before" IS NULL THEN 1 ELSE 0 END) ON CONFLICT (entity, record_id) DO UPDATE SET at = excluded.at, history_id = excluded.history_id, from_none = excluded.from_none WHERE (excluded.at, excluded.history_id) < (f.at, f.history_id);
    RETURN NULL;
  END IF;
  DELETE FROM report_first_owner WHERE (entity = OLD.entity AND record_id = OLD.record_id) OR (TG_OP = 'UPDATE' AND entity = NEW.entity AND record_id = NEW.record_id);
  INSERT INTO report_first_owner (entity, record_id, at, history_id, from_none) SELECT DISTINCT ON (entity, record_id) entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END FROM record_history WHERE field = 'ownerId' AND ((entity = OLD.entity AND record_id = OLD.record_id) OR (TG_OP = 'UPDATE' AND entity = NEW.entity AND record_id = NEW.record_id)) ORDER BY entity, record_id, at, id;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
CREATE TRIGGER report__first_owner_add AFTER INSERT ON record_history FOR EACH ROW WHEN (NEW.field = 'ownerId') EXECUTE FUNCTION report_first_owner_change();
--> statement-breakpoint
CREATE TRIGGER report__first_owner_del AFTER DELETE ON record_history FOR EACH ROW WHEN (OLD.field = 'ownerId') EXECUTE FUNCTION report_first_owner_change();
--> statement-breakpoint
CREATE TRIGGER report__first_owner_upd AFTER UPDATE ON record_history FOR EACH ROW WHEN (OLD.field = 'ownerId' OR NEW.field = 'ownerId') EXECUTE FUNCTION report_first_owner_change();
--> statement-breakpoint
CREATE OR REPLACE FUNCTION report_first_touch_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO report_first_touch AS f (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) VALUES (NEW.entity, NEW.record_id, NEW.at, NEW.id, NEW.utm_source, NEW.utm_medium, NEW.utm_campaign, NEW.utm_content, NEW.utm_term) ON CONFLICT (entity, record_id) DO UPDATE SET at = excluded.at, touch_id = excluded.touch_id, utm_source = excluded.utm_source, utm_medium = excluded.utm_medium, utm_campaign = excluded.utm_campaign, utm_content = excluded.utm_content, utm_term = excluded.utm_term WHERE (excluded.at, excluded.touch_id) < (f.at, f.touch_id);
    RETURN NULL;
  END IF;
  DELETE FROM report_first_touch WHERE (entity = OLD.entity AND record_id = OLD.record_id) OR (TG_OP = 'UPDATE' AND entity = NEW.entity AND record_id = NEW.record_id);
  INSERT INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term) SELECT DISTINCT ON (entity, record_id) entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touches WHERE (entity = OLD.entity AND record_id = OLD.record_id) OR (TG_OP = 'UPDATE' AND entity = NEW.entity AND record_id = NEW.record_id) ORDER BY entity, record_id, at, id;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
CREATE TRIGGER report__first_touch AFTER INSERT OR DELETE OR UPDATE ON touches FOR EACH ROW EXECUTE FUNCTION report_first_touch_change();
