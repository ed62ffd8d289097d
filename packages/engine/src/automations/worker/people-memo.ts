import type { Tx } from '@trellis/store';

/**
 * `tx` whose look-ups of users and teams are remembered for the drain transaction: the write
 * path checks every owner it sets, assignment reads the team, tasks and notifications read their
 * people — the same few users event after event (a third of an automation's statements on
 * PostgreSQL). Automations never change users or teams. On SQLite nobody else can while the
 * transaction runs; on PostgreSQL a change committed meanwhile is seen by the next drain
 * transaction (≤ `batchMs` later), as if this one had run a moment earlier — the look-ups were
 * never locked, so a plain read could miss it the same way.
 */
export function rememberPeople(tx: Tx): Tx {
  const memo = new Map<string, Promise<unknown>>();
  const once = <A extends unknown[], R>(
    name: string,
    read: (...args: A) => Promise<R>,
  ): ((...args: A) => Promise<R>) => {
    return (...args: A) => {
      const key = `${name}\u0000${JSON.stringify(args)}`;
      let hit = memo.get(key) as Promise<R> | undefined;
      if (!hit) {
        hit = read(...args);
        memo.set(key, hit);
        // A failed read is not remembered (its savepoint rolled back; the next may succeed).
        hit.catch(() => memo.delete(key));
      }
      // Callers may change what they get (the write path replaces a login by the id).
      return hit.then((v) => structuredClone(v));
    };
  };
  const users = tx.users;
  const view: Tx = {
    ...tx,
    users: {
      ...users,
      byId: once('byId', (id: string) => users.byId(id)),
      byRef: once('byRef', (ref: string) => users.byRef(ref)),
      teamMembers: once('teamMembers', (team: string) => users.teamMembers(team)),
      teamLead: once('teamLead', (team: string) => users.teamLead(team)),
      withRoles: once(
        'withRoles',
        (roles: readonly string[], status?: Parameters<Tx['users']['withRoles']>[1]) =>
          users.withRoles(roles, status),
      ),
    },
    teams: { ...tx.teams, exists: once('teamExists', (key: string) => tx.teams.exists(key)) },
    // Nested units (each action's savepoint) see the same look-ups.
    transaction: (fn) => tx.transaction(() => fn(view)),
  };
  return view;
}
