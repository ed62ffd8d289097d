-- Stage entries per UTC day of the entry, stage, UTC day of the record's previous entry into the stage (-1: its first) and shard: a manager's period funnel counts its whole days here (sql/reports/entries-all.ts). Written so that applying it again (an upgrade test that forgets the later migrations) rebuilds the same rows.
CREATE TABLE IF NOT EXISTS "report_entries" (
	"entity" text COLLATE "C" NOT NULL,
	"day" bigint NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"prev_day" bigint NOT NULL,
	"shard" smallint NOT NULL,
	"entries" bigint NOT NULL,
	CONSTRAINT "report_entries_entity_day_stage_prev_day_shard_pk" PRIMARY KEY("entity","day","stage","prev_day","shard")
);
--> statement-breakpoint
-- Kept on every insert, delete and update of a transition, bulk or not: one upsert per entry, on the record's shard (hashtext as report_cohorts), so concurrent writers of new records do not queue on today's row of the first stage.
CREATE OR REPLACE FUNCTION report_entry_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE report_entries SET entries = entries - 1 WHERE entity = OLD.entity AND day = OLD.at / 86400000 AND stage = OLD.to_stage AND prev_day = COALESCE(OLD.prev_entry_at / 86400000, -1) AND shard = (hashtext(OLD.record_id) & 15);
    DELETE FROM report_entries WHERE entity = OLD.entity AND day = OLD.at / 86400000 AND stage = OLD.to_stage AND prev_day = COALESCE(OLD.prev_entry_at / 86400000, -1) AND shard = (hashtext(OLD.record_id) & 15) AND entries = 0;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO report_entries (entity, day, stage, prev_day, shard, entries) VALUES (NEW.entity, NEW.at / 86400000, NEW.to_stage, COALESCE(NEW.prev_entry_at / 86400000, -1), hashtext(NEW.record_id) & 15, 1) ON CONFLICT (entity, day, stage, prev_day, shard) DO UPDATE SET entries = report_entries.entries + 1;
  END IF;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
DROP TRIGGER IF EXISTS report__entries ON stage_transitions;
--> statement-breakpoint
CREATE TRIGGER report__entries AFTER INSERT OR DELETE OR UPDATE OF entity, record_id, to_stage, at, prev_entry_at ON stage_transitions FOR EACH ROW EXECUTE FUNCTION report_entry_change();
--> statement-breakpoint
-- The entries already written.
DELETE FROM report_entries;
--> statement-breakpoint
INSERT INTO report_entries (entity, day, stage, prev_day, shard, entries) SELECT entity, at / 86400000, to_stage, COALESCE(prev_entry_at / 86400000, -1), hashtext(record_id) & 15, count(*) FROM stage_transitions GROUP BY 1, 2, 3, 4, 5;
