import type Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { undo0021 } from './report-firsts-undo';

/**
 * The lead table's report and first-touch triggers as session 26 made them for `baseSpec`
 * (main at 22e5d50, dumped from a store it opened): they counted each record in its write, in
 * place when it stayed live. The upgrade tests of the migrations before 0021 start from them.
 */
const SESSION26: { name: string; sql: string }[] = JSON.parse(
  readFileSync(new URL('./session26-lead-triggers.json', import.meta.url), 'utf8'),
);

/**
 * Takes a database of `baseSpec` back to session 26's report upkeep: its dirty records settled,
 * the settle view and report_dirty gone (undo0021) and 0021's stamp with them, the lead table's
 * triggers those of then.
 */
export function toSession26(db: Database.Database): void {
  for (const q of undo0021()) db.exec(q);
  const mine = db
    .prepare(
      "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'e_lead' AND (name LIKE 'report\\_\\_%' ESCAPE '\\' OR name LIKE 'touch\\_\\_%' ESCAPE '\\')",
    )
    .all() as { name: string }[];
  for (const t of mine) db.exec(`DROP TRIGGER "${t.name}"`);
  for (const t of SESSION26) db.exec(t.sql);
  const journal = JSON.parse(
    readFileSync(new URL('../drizzle/meta/_journal.json', import.meta.url), 'utf8'),
  ) as { entries: { tag: string; when: number }[] };
  const dirty = journal.entries.find((e) => e.tag === '0021_report_dirty')!;
  db.prepare('DELETE FROM __drizzle_migrations WHERE created_at = ?').run(dirty.when);
}
