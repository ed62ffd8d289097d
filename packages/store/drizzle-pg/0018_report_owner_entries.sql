-- report_entries per current owner and team of the record (its report_rows row: live records only), so a scoped period funnel (a rep, a supervisor's teams) counts its whole days here instead of looking up every record's transitions (sql/reports/owner-entries.ts). Unowned records' rows are split over 16 shards as report_entries' are; an owner's rows are one (shard 0). The record function (postgres/report-triggers.ts, replaced at the next start) moves a record's entries when its owner or team changes, it is deleted or restored. Written so that applying it again (an upgrade test that forgets the later migrations) rebuilds the same rows.
CREATE TABLE IF NOT EXISTS "report_owner_entries" (
	"entity" text COLLATE "C" NOT NULL,
	"day" bigint NOT NULL,
	"owner_id" text COLLATE "C" NOT NULL,
	"team_id" text COLLATE "C" NOT NULL,
	"stage" text COLLATE "C" NOT NULL,
	"prev_day" bigint NOT NULL,
	"shard" smallint NOT NULL,
	"entries" bigint NOT NULL,
	CONSTRAINT "report_owner_entries_entity_day_owner_id_team_id_stage_prev_day_shard_pk" PRIMARY KEY("entity","day","owner_id","team_id","stage","prev_day","shard")
);
--> statement-breakpoint
-- A transition written, moved or removed: report_entries as in 0016, and, when its record is live (has a report_rows row), the entry under the record's owner and team.
CREATE OR REPLACE FUNCTION report_entry_change() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE v_owner text; v_team text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE report_entries SET entries = entries - 1 WHERE entity = OLD.entity AND day = OLD.at / 86400000 AND stage = OLD.to_stage AND prev_day = COALESCE(OLD.prev_entry_at / 86400000, -1) AND shard = (hashtext(OLD.record_id) & 15);
    DELETE FROM report_entries WHERE entity = OLD.entity AND day = OLD.at / 86400000 AND stage = OLD.to_stage AND prev_day = COALESCE(OLD.prev_entry_at / 86400000, -1) AND shard = (hashtext(OLD.record_id) & 15) AND entries = 0;
    SELECT owner_id, team_id INTO v_owner, v_team FROM report_rows WHERE entity = OLD.entity AND record_id = OLD.record_id;
    IF FOUND THEN
      UPDATE report_owner_entries SET entries = entries - 1 WHERE entity = OLD.entity AND day = OLD.at / 86400000 AND owner_id = v_owner AND team_id = v_team AND stage = OLD.to_stage AND prev_day = COALESCE(OLD.prev_entry_at / 86400000, -1) AND shard = (CASE WHEN v_owner = '' THEN hashtext(OLD.record_id) & 15 ELSE 0 END);
      DELETE FROM report_owner_entries WHERE entity = OLD.entity AND day = OLD.at / 86400000 AND owner_id = v_owner AND team_id = v_team AND stage = OLD.to_stage AND prev_day = COALESCE(OLD.prev_entry_at / 86400000, -1) AND shard = (CASE WHEN v_owner = '' THEN hashtext(OLD.record_id) & 15 ELSE 0 END) AND entries = 0;
    END IF;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    INSERT INTO report_entries (entity, day, stage, prev_day, shard, entries) VALUES (NEW.entity, NEW.at / 86400000, NEW.to_stage, COALESCE(NEW.prev_entry_at / 86400000, -1), hashtext(NEW.record_id) & 15, 1) ON CONFLICT (entity, day, stage, prev_day, shard) DO UPDATE SET entries = report_entries.entries + 1;
    SELECT owner_id, team_id INTO v_owner, v_team FROM report_rows WHERE entity = NEW.entity AND record_id = NEW.record_id;
    IF FOUND THEN
      INSERT INTO report_owner_entries (entity, day, owner_id, team_id, stage, prev_day, shard, entries) VALUES (NEW.entity, NEW.at / 86400000, v_owner, v_team, NEW.to_stage, COALESCE(NEW.prev_entry_at / 86400000, -1), CASE WHEN v_owner = '' THEN hashtext(NEW.record_id) & 15 ELSE 0 END, 1) ON CONFLICT (entity, day, owner_id, team_id, stage, prev_day, shard) DO UPDATE SET entries = report_owner_entries.entries + 1;
    END IF;
  END IF;
  RETURN NULL;
END $fn$;
--> statement-breakpoint
-- The entries already written, of the live records.
DELETE FROM report_owner_entries;
--> statement-breakpoint
INSERT INTO report_owner_entries (entity, day, owner_id, team_id, stage, prev_day, shard, entries) SELECT t.entity, t.at / 86400000, r.owner_id, r.team_id, t.to_stage, COALESCE(t.prev_entry_at / 86400000, -1), CASE WHEN r.owner_id = '' THEN hashtext(t.record_id) & 15 ELSE 0 END, count(*) FROM stage_transitions t JOIN report_rows r ON r.entity = t.entity AND r.record_id = t.record_id GROUP BY 1, 2, 3, 4, 5, 6, 7;
--> statement-breakpoint
-- A rep's rows: the scope compares NULLIF(owner_id, ''); built after the backfill.
CREATE INDEX IF NOT EXISTS "report_owner_entries_owner_ix" ON "report_owner_entries" USING btree ("entity",NULLIF(owner_id, ''),"day","stage","prev_day");
--> statement-breakpoint
-- A range's partial days read from the report rows created in them (sql/reports/cohort.ts cohortGroups): 4.4 s at 1,000,000 rows.
CREATE INDEX IF NOT EXISTS "report_rows_created_ix" ON "report_rows" USING btree ("entity","created_at");
