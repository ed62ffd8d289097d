import { foldSql } from '../src/sqlite/report-fold';
import { takeOutSql } from '../src/sqlite/report-settle';
import { undo0022 } from './session27';

/**
 * Statements that take a SQLite database back to before migration 0021 (report rows kept behind
 * the writes), through session 27 (undo0022): the dirty records of the test entity `lead` are settled, and the settle view (its
 * triggers with it) and report_dirty go. The entity table's dirty triggers stay: dropped by the
 * callers that go further back, replaced by triggers of before by the others.
 */
export function undo0021(from0022 = true): string[] {
  const dirty = 'SELECT entity, record_id FROM report_dirty';
  return [
    ...(from0022 ? undo0022() : []),
    ...takeOutSql(`(entity, record_id) IN (${dirty})`),
    "INSERT INTO report_settle__lead SELECT * FROM report_settle__lead WHERE id IN (SELECT record_id FROM report_dirty WHERE entity = 'lead')",
    'DROP VIEW IF EXISTS report_settle__lead',
    'DROP TABLE IF EXISTS report_dirty',
  ];
}

/**
 * Statements that take a SQLite database back to before migration 0018 (report groups written
 * behind): the pending group changes are folded into the groups, and their table goes (some
 * tests keep the groups, with triggers of before that replace these without a rebuild).
 * `from0021` false: the database is back before 0021 already (session26.ts); `from0022` false:
 * before 0022 (session27.ts).
 */
export function undo0018(from0021 = true, from0022 = true): string[] {
  return [
    ...(from0021 ? undo0021(from0022) : []),
    ...foldSql('(SELECT max(rowid) FROM report_group_pending)'),
    'DROP TABLE report_group_pending',
  ];
}
/**
 * Statements that take a database back to before migration 0014 (report_first_owner,
 * report_first_touch and their triggers), for the upgrade tests of 0014 and of the migrations
 * before it (the migrator applies only what is newer than the newest stamp, so they forget
 * 0014's stamp too and it is applied again). `from0022` false: back before 0022 already
 * (session27.ts undo0022).
 */
export function undo0014(folder: 'drizzle' | 'drizzle-pg', from0022 = true): string[] {
  return [...undo0017(folder, from0022), ...undoFirsts(folder)];
}

/**
 * Statements that take a database back to before migration 0017 (report_rows and its groups'
 * `in_time`): the report triggers that write it are dropped with it (the next sync finds them
 * missing and rebuilds the groups; the test entity is `lead`), so 0017 can be applied again and
 * writes in between keep no groups, as before the report triggers.
 */
export function undo0017(folder: 'drizzle' | 'drizzle-pg', from0022 = true): string[] {
  const tables = ['report_rows', 'report_cohorts', 'report_cohort_months'];
  // The first-touch groups' triggers read report_first_touch (0014's): gone too, their rows and
  // groups are refilled at the next sync (touch-triggers.ts), as the report groups are.
  if (folder === 'drizzle-pg')
    return [
      'DROP FUNCTION IF EXISTS report_touch_first_change() CASCADE',
      'DROP FUNCTION IF EXISTS "report_touch__lead"() CASCADE',
      'DROP FUNCTION IF EXISTS report_in_time_change() CASCADE',
      'DROP FUNCTION IF EXISTS report_record_change() CASCADE',
      'DROP FUNCTION IF EXISTS report_transition_change() CASCADE',
      ...tables.map((t) => `ALTER TABLE ${t} DROP COLUMN IF EXISTS in_time`),
    ];
  const triggers = [
    ...['add', 'upd', 'del'].map((ev) => `report__in_time_${ev}`),
    ...['add', 'upd', 'set', 'del'].map((ev) => `report__lead__${ev}`),
    'report__transition_add',
    'report__transition_del',
    'report__row_leave',
    'report__row_enter',
    ...['add', 'upd', 'set', 'del'].map((ev) => `touch__lead__${ev}`),
    ...['add', 'upd', 'del'].map((ev) => `touch__first_${ev}`),
  ];
  return [
    // Back to session 27 first (its triggers), then before them.
    ...(from0022 ? undo0022() : []),
    ...triggers.map((t) => `DROP TRIGGER IF EXISTS ${t}`),
    ...undo0018(true, false),
    ...tables.map((t) => `ALTER TABLE ${t} DROP COLUMN in_time`),
  ];
}

function undoFirsts(folder: 'drizzle' | 'drizzle-pg'): string[] {
  const functions =
    folder === 'drizzle'
      ? ['first_owner', 'first_touch'].flatMap((t) =>
          ['add', 'del', 'upd'].map((ev) => `DROP TRIGGER IF EXISTS report__${t}_${ev}`),
        )
      : [
          'DROP FUNCTION report_first_owner_change() CASCADE',
          'DROP FUNCTION report_first_touch_change() CASCADE',
        ];
  return [...functions, 'DROP TABLE report_first_owner', 'DROP TABLE report_first_touch'];
}
