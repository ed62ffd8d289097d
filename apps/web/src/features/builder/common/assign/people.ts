import { useUsers } from '../../../../lib/session/useUsers';

export type PersonOption = { value: string; label: string };

/**
 * The people an assignment can name, by login (what the spec stores): the members of `team`
 * first when one is given, then everyone else; within each, people away or disabled last. A
 * login the spec names that nobody has any more is kept, shown as itself.
 */
export function usePeople(team: unknown, keep: string[] = []): PersonOption[] {
  const users = useUsers().data ?? [];
  const inTeam = (teams: string[]) => (typeof team === 'string' && teams.includes(team) ? 0 : 1);
  const rank = (s: string) => (s === 'active' ? 0 : s === 'away' ? 1 : 2);
  const options = [...users]
    .sort(
      (a, b) =>
        inTeam(a.teams) - inTeam(b.teams) ||
        rank(a.status) - rank(b.status) ||
        a.name.localeCompare(b.name),
    )
    .map((u) => ({
      value: u.login,
      label: u.name && u.name !== u.login ? `${u.name} (${u.login})` : u.login,
    }));
  const shown = new Set(options.map((o) => o.value));
  for (const login of keep) if (!shown.has(login)) options.push({ value: login, label: login });
  return options;
}
