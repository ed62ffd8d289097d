import type { TeamRepo, TeamRow } from '../api/teams';
import { fromJson, marks, type SqlExec } from './exec';

/** teams over portable SQL. */
export function teamRepo(
  x: SqlExec,
  inTx: <T>(fn: (x: SqlExec) => Promise<T>) => Promise<T>,
): TeamRepo {
  const upsertSql =
    'INSERT INTO teams (key, label, parent_key) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET label = excluded.label, parent_key = excluded.parent_key';
  return {
    async exists(key) {
      return (await x.get('SELECT 1 AS one FROM teams WHERE key = ?', [key])) !== undefined;
    },
    async list() {
      const teams = await x.all(
        'SELECT key, label, parent_key, lead_user_id FROM teams ORDER BY key',
      );
      const members = await x.all('SELECT user_id, team_key FROM memberships ORDER BY user_id');
      const byTeam = new Map<string, string[]>();
      for (const m of members) {
        const list = byTeam.get(String(m.team_key)) ?? [];
        list.push(String(m.user_id));
        byTeam.set(String(m.team_key), list);
      }
      return teams.map((t): TeamRow => ({
        key: String(t.key),
        label: fromJson<unknown>(t.label, t.label),
        parentKey: (t.parent_key as string | null) ?? null,
        leadUserId: (t.lead_user_id as string | null) ?? null,
        members: byTeam.get(String(t.key)) ?? [],
      }));
    },
    async upsert(team) {
      await x.run(upsertSql, [team.key, JSON.stringify(team.label), team.parentKey ?? null]);
    },
    async setLead(key, userId) {
      await x.run('UPDATE teams SET lead_user_id = ? WHERE key = ?', [userId, key]);
    },
    async mirror(teams) {
      return inTx(async (t) => {
        for (const team of teams)
          await t.run(upsertSql, [team.key, JSON.stringify(team.label), team.parent ?? null]);
        const keep = new Set(teams.map((team) => team.key));
        const existing = (await t.all('SELECT key FROM teams')).map((r) => String(r.key));
        const removed = existing.filter((k) => !keep.has(k));
        if (removed.length > 0) {
          // Memberships go with their team (no reliance on the dialect's cascade settings).
          await t.run(
            `DELETE FROM memberships WHERE team_key IN (${marks(removed.length)})`,
            removed,
          );
          await t.run(`DELETE FROM teams WHERE key IN (${marks(removed.length)})`, removed);
        }
        return removed;
      });
    },
  };
}
