/**
 * Statements that take a database back to before migration 0014 (report_first_owner,
 * report_first_touch and their triggers), for the upgrade tests of 0014 and of the migrations
 * before it (the migrator applies only what is newer than the newest stamp, so they forget
 * 0014's stamp too and it is applied again).
 */
export function undo0014(folder: 'drizzle' | 'drizzle-pg'): string[] {
  const functions =
    folder === 'drizzle'
      ? ['first_owner', 'first_touch'].flatMap((t) =>
          ['add', 'del', 'upd'].map((ev) => `DROP TRIGGER report__${t}_${ev}`),
        )
      : [
          'DROP FUNCTION report_first_owner_change() CASCADE',
          'DROP FUNCTION report_first_touch_change() CASCADE',
        ];
  return [...functions, 'DROP TABLE report_first_owner', 'DROP TABLE report_first_touch'];
}
