import type { StoreDb } from '../db/open-database';
import type { TeamShape } from '../spec-shape';

/**
 * Makes the teams table mirror the spec's teams: upserts key/label/parent (lead_user_id is
 * set by admins and kept) and deletes teams the spec no longer has (their memberships go with
 * them). Returns the keys of removed teams so the caller can report them.
 */
export function mirrorTeams(db: StoreDb, teams: readonly TeamShape[]): string[] {
  const upsert = db.sqlite.prepare(
    'INSERT INTO teams (key, label, parent_key) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET label = excluded.label, parent_key = excluded.parent_key',
  );
  for (const t of teams) upsert.run(t.key, JSON.stringify(t.label), t.parent ?? null);
  const keep = new Set(teams.map((t) => t.key));
  const existing = (db.sqlite.prepare('SELECT key FROM teams').all() as { key: string }[]).map(
    (r) => r.key,
  );
  const removed = existing.filter((k) => !keep.has(k));
  const del = db.sqlite.prepare('DELETE FROM teams WHERE key = ?');
  for (const k of removed) del.run(k);
  return removed;
}
