import type Database from 'better-sqlite3';
import type { StoreDb } from '../db/open-database';
import { FIRST_OWNER_SOURCE, FIRST_TOUCH_SOURCE } from '../sql/reports/firsts-sql';
import { prepared } from './exec';

/**
 * SQLite: report_first_owner and report_first_touch (migration 0014) are taken up by the settle,
 * as the entity tables and stage_transitions are (report-sources.ts): record_history's and
 * touches' rows above their `upto` in report_settled. Migration 0014's insert triggers upserted
 * them in every write; with the first owner's and first touch's own triggers they cost 14–20 µs
 * and 2.7 WAL pages of a store-level create that has an owner and a touch (a public-form lead once
 * assigned: docs/reports.md, "First owner and first touch (kept)").
 * The take-up is the same upsert over the rows above `upto`, row by row: the kept row is replaced
 * only by an earlier one, so the rows' order does not matter and taking a row up twice changes
 * nothing (a window picking each record's first row first cost the settle ~3 µs a record
 * more). Deletes and updates keep their triggers of 0014 (the record's row recomputed from all its rows, taken up or not):
 * the kept row is always the first of a set holding every row at or below `upto`, and of the
 * record's current rows only. So a record without rows above `upto` has its kept row exact, one
 * with some has its answer among its own rows (sql/reports/firsts-sql.ts: what the reads do).
 */
export const FIRSTS_SOURCES = [FIRST_OWNER_SOURCE, FIRST_TOUCH_SOURCE] as const;

/** 0014's insert triggers, replaced by the take-up. */
const INSERT_TRIGGERS = {
  [FIRST_OWNER_SOURCE]: 'report__first_owner_add',
  [FIRST_TOUCH_SOURCE]: 'report__first_touch_add',
} as const;

/** The take-up's upsert of the rows above `upto` (`?`), each as 0014's insert trigger did. */
const ABOVE = {
  [FIRST_OWNER_SOURCE]:
    `INSERT INTO report_first_owner (entity, record_id, at, history_id, from_none)` +
    ` SELECT entity, record_id, at, id, CASE WHEN "before" IS NULL THEN 1 ELSE 0 END` +
    ` FROM record_history WHERE rowid > ? AND field = 'ownerId'` +
    ` ON CONFLICT (entity, record_id) DO UPDATE SET at = excluded.at, history_id = excluded.history_id, from_none = excluded.from_none` +
    ` WHERE excluded.at < report_first_owner.at OR (excluded.at = report_first_owner.at AND excluded.history_id < report_first_owner.history_id)`,
  [FIRST_TOUCH_SOURCE]:
    `INSERT INTO report_first_touch (entity, record_id, at, touch_id, utm_source, utm_medium, utm_campaign, utm_content, utm_term)` +
    ` SELECT entity, record_id, at, id, utm_source, utm_medium, utm_campaign, utm_content, utm_term FROM touches WHERE rowid > ?` +
    ` ON CONFLICT (entity, record_id) DO UPDATE SET at = excluded.at, touch_id = excluded.touch_id,` +
    ` utm_source = excluded.utm_source, utm_medium = excluded.utm_medium, utm_campaign = excluded.utm_campaign,` +
    ` utm_content = excluded.utm_content, utm_term = excluded.utm_term` +
    ` WHERE excluded.at < report_first_touch.at OR (excluded.at = report_first_touch.at AND excluded.touch_id < report_first_touch.touch_id)`,
} as const;

export const isFirstsSource = (source: string): source is (typeof FIRSTS_SOURCES)[number] =>
  source === FIRST_OWNER_SOURCE || source === FIRST_TOUCH_SOURCE;

/** The take-up's statement for `source` (its one parameter: `upto`). */
export const firstsAboveSql = (source: (typeof FIRSTS_SOURCES)[number]): string => ABOVE[source];

/**
 * The rows of `source` above `upto` taken up into its kept table (their records' later rows
 * follow through report_first_owner's and report_first_touch's own triggers: report-triggers.ts,
 * touch-triggers.ts; a record not settled yet has none, its settle reads the kept row).
 */
export function takeUpFirsts(
  db: Database.Database,
  source: (typeof FIRSTS_SOURCES)[number],
  upto: number,
): void {
  prepared(db, ABOVE[source]).run(upto);
}

/** Whether 0014's insert trigger on `source` is there (a database of before the take-up). */
export function hasInsertTrigger(db: StoreDb, source: (typeof FIRSTS_SOURCES)[number]): boolean {
  return (
    db.sqlite
      .prepare("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?")
      .get(INSERT_TRIGGERS[source]) !== undefined
  );
}

/** Drops 0014's insert trigger on `source`. */
export function dropInsertTrigger(db: StoreDb, source: (typeof FIRSTS_SOURCES)[number]): void {
  db.sqlite.exec(`DROP TRIGGER IF EXISTS ${INSERT_TRIGGERS[source]}`);
}
