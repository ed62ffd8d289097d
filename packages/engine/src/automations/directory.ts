import type { AppSpec } from '@trellis/spec';
import { getPipeline } from '@trellis/spec';
import type { DirectoryUser } from '../assignment';
import type { Locale } from '../ports';
import { stmt, type Db } from './db';
import { openLoadCounts } from './open-loads';

/** A user with what notifications and assignment need. */
export type UserInfo = DirectoryUser & {
  name: string;
  supervisorId: string | null;
  email: string | null;
  phone: string | null;
  role: string;
  locale: Locale;
};

/** Read-only look-ups over users, teams and memberships, plus owners' open-record counts. */
export type Directory = {
  user(loginOrId: string): UserInfo | null;
  teamMembers(team: string): UserInfo[];
  teamLead(team: string): UserInfo | null;
  usersWithRole(role: string): UserInfo[];
  /** Open (not deleted, not in a won/lost stage) records of `entity` owned by each user. */
  openLoads(entity: string, userIds: string[]): Record<string, number>;
};

/** A directory that can remember its user and team look-ups for the length of one call. */
export type CachingDirectory = Directory & {
  /**
   * Runs `fn` with user/team look-ups remembered (open loads are always read: assignments
   * change them). For a drain transaction, during which nobody else can change users or teams.
   */
  cached<T>(fn: () => T): T;
};

type Row = {
  id: string;
  login: string;
  name: string;
  status: string;
  supervisor_id: string | null;
  email: string | null;
  phone: string | null;
  role: string;
  locale: string | null;
};
const COLS = 'u.id, u.login, u.name, u.status, u.supervisor_id, u.email, u.phone, u.role, u.locale';

function toUser(r: Row): UserInfo {
  const status = r.status === 'away' || r.status === 'disabled' ? r.status : 'active';
  return {
    userId: r.id,
    login: r.login,
    name: r.name,
    status,
    supervisorId: r.supervisor_id,
    email: r.email,
    phone: r.phone,
    role: r.role,
    locale: r.locale === 'en' ? 'en' : 'zh-CN',
  };
}

/** Builds the directory over the system tables. */
export function createDirectory(db: Db, spec: () => AppSpec): CachingDirectory {
  let memo: Map<string, unknown> | null = null;
  /** Looks up `k` in the memo (when on) or runs `read`; lists come back as fresh arrays. */
  const remember = <T>(k: string, read: () => T): T => {
    if (!memo) return read();
    if (!memo.has(k)) memo.set(k, read());
    const v = memo.get(k) as T;
    return (Array.isArray(v) ? [...v] : v) as T;
  };
  return {
    cached(fn) {
      if (memo) return fn();
      memo = new Map();
      try {
        return fn();
      } finally {
        memo = null;
      }
    },
    user(ref) {
      return remember(`u\u0000${ref}`, () => {
        const r = stmt(db, `SELECT ${COLS} FROM users u WHERE u.login = ? OR u.id = ? LIMIT 1`).get(
          ref,
          ref,
        ) as Row | undefined;
        return r ? toUser(r) : null;
      });
    },
    teamMembers(team) {
      // Members in a stable order (login) so round robin rotates predictably.
      return remember(`t\u0000${team}`, () =>
        (
          stmt(
            db,
            `SELECT ${COLS} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_key = ? ORDER BY u.login`,
          ).all(team) as Row[]
        ).map(toUser),
      );
    },
    teamLead(team) {
      return remember(`l\u0000${team}`, () => {
        const r = stmt(
          db,
          `SELECT ${COLS} FROM teams t JOIN users u ON u.id = t.lead_user_id WHERE t.key = ?
           UNION ALL SELECT ${COLS} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_key = ? AND m.is_lead = 1 LIMIT 1`,
        ).get(team, team) as Row | undefined;
        return r ? toUser(r) : null;
      });
    },
    usersWithRole(role) {
      return remember(`r\u0000${role}`, () =>
        (
          stmt(db, `SELECT ${COLS} FROM users u WHERE u.role = ? ORDER BY u.login`).all(
            role,
          ) as Row[]
        ).map(toUser),
      );
    },
    openLoads(entity, userIds) {
      const closed = (getPipeline(spec(), entity)?.stages ?? [])
        .filter((st) => st.category === 'won' || st.category === 'lost')
        .map((st) => st.key);
      return openLoadCounts(db, entity, closed, userIds);
    },
  };
}
