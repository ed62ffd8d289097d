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
export function createDirectory(db: Db, spec: () => AppSpec): Directory {
  return {
    user(ref) {
      const r = stmt(db, `SELECT ${COLS} FROM users u WHERE u.login = ? OR u.id = ? LIMIT 1`).get(
        ref,
        ref,
      ) as Row | undefined;
      return r ? toUser(r) : null;
    },
    teamMembers(team) {
      // Members in a stable order (login) so round robin rotates predictably.
      const rows = stmt(
        db,
        `SELECT ${COLS} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_key = ? ORDER BY u.login`,
      ).all(team) as Row[];
      return rows.map(toUser);
    },
    teamLead(team) {
      const r = stmt(
        db,
        `SELECT ${COLS} FROM teams t JOIN users u ON u.id = t.lead_user_id WHERE t.key = ?
           UNION ALL SELECT ${COLS} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_key = ? AND m.is_lead = 1 LIMIT 1`,
      ).get(team, team) as Row | undefined;
      return r ? toUser(r) : null;
    },
    usersWithRole(role) {
      return (
        stmt(db, `SELECT ${COLS} FROM users u WHERE u.role = ? ORDER BY u.login`).all(role) as Row[]
      ).map(toUser);
    },
    openLoads(entity, userIds) {
      const closed = (getPipeline(spec(), entity)?.stages ?? [])
        .filter((st) => st.category === 'won' || st.category === 'lost')
        .map((st) => st.key);
      return openLoadCounts(db, entity, closed, userIds);
    },
  };
}
