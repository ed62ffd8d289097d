import { readFileSync } from 'node:fs';
import { FIRSTS_SOURCES, firstsAboveSql } from '../src/sqlite/report-firsts';
import { dwellAboveSql } from '../src/sqlite/report-sources';

/**
 * The lead table's insert and delete triggers and the transitions' triggers as session 27 made
 * them for `baseSpec` (main at 82a17c8, dumped from a store it opened): an insert marked its
 * record dirty, a transition rewrote its record's `entered` and counted its move in its write.
 */
const SESSION27: { name: string; sql: string }[] = JSON.parse(
  readFileSync(new URL('./session27-triggers.json', import.meta.url), 'utf8'),
);

/**
 * record_history's and touches' triggers as session 28 had them (main at bbac2ba, dumped from a
 * store it opened): migration 0014's, whose insert triggers kept report_first_owner and
 * report_first_touch in every write.
 */
const SESSION28_FIRSTS: { name: string; sql: string }[] = JSON.parse(
  readFileSync(new URL('./session28-firsts-triggers.json', import.meta.url), 'utf8'),
);

/**
 * Statements that take a SQLite database back to session 28's first owners and touches: the rows
 * the settle has not taken up yet are (report-firsts.ts), and 0014's triggers replace the
 * delete triggers that keep `upto` (report_settled's rows of record_history and touches stay: a
 * start replaces the triggers and sets them again).
 */
export function undoFirstsTakeUp(): string[] {
  return [
    ...FIRSTS_SOURCES.map((s) =>
      firstsAboveSql(s).replace(
        '?',
        `COALESCE((SELECT upto FROM report_settled WHERE source = '${s}'), 0)`,
      ),
    ),
    'DROP TRIGGER IF EXISTS report__history_mark',
    'DROP TRIGGER IF EXISTS report__touch_mark',
    ...SESSION28_FIRSTS.flatMap((t) => [`DROP TRIGGER IF EXISTS ${t.name}`, t.sql]),
  ];
}

/**
 * Statements that take a SQLite database of `baseSpec` back to before migration 0022 (rows
 * inserted taken up by the settle, report-sources.ts): the rows it has not taken up yet are
 * (their records marked, their moves counted), session 27's triggers replace those of now, and
 * report_settled and 0022's stamp go.
 */
export function undo0022(): string[] {
  // No row: the triggers of before were still there (they counted every row), nothing above.
  const upto = (s: string) => `(SELECT upto FROM report_settled WHERE source = '${s}')`;
  const journal = JSON.parse(
    readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  const stamp = journal.entries.find((e) => e.tag === '0022_report_settled')!.when;
  return [
    ...undoFirstsTakeUp(),
    dwellAboveSql(upto('stage_transitions')),
    `INSERT OR IGNORE INTO report_dirty (entity, record_id) SELECT entity, record_id FROM stage_transitions WHERE rowid > ${upto('stage_transitions')}`,
    `INSERT OR IGNORE INTO report_dirty (entity, record_id) SELECT 'lead', id FROM e_lead WHERE rowid > ${upto('e_lead')}`,
    'DROP TRIGGER IF EXISTS report__transition_upd',
    ...SESSION27.flatMap((t) => [`DROP TRIGGER IF EXISTS ${t.name}`, t.sql]),
    'DROP TABLE report_settled',
    // (And the stamps after it: drizzle applies what is newer than the newest stamp.)
    `DELETE FROM __drizzle_migrations WHERE created_at >= ${stamp}`,
  ];
}
