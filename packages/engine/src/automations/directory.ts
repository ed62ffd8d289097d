import type { AppSpec } from '@trellis/spec';
import { getPipeline } from '@trellis/spec';
import type { Repos, UserRow } from '@trellis/store';
import type { DirectoryUser } from '../assignment';
import type { Locale } from '../ports';

/** A user with what notifications and assignment need. */
export type UserInfo = DirectoryUser & {
  name: string;
  supervisorId: string | null;
  email: string | null;
  phone: string | null;
  role: string;
  locale: Locale;
};

/** Look-ups over users, teams and memberships, plus owners' open-record counts. */
export type Directory = {
  user(loginOrId: string): Promise<UserInfo | null>;
  teamMembers(team: string): Promise<UserInfo[]>;
  teamLead(team: string): Promise<UserInfo | null>;
  usersWithRole(role: string): Promise<UserInfo[]>;
  /** Open (not deleted, not in a won/lost stage) records of `entity` owned by each user. */
  openLoads(entity: string, userIds: string[]): Promise<Record<string, number>>;
};

function toUser(r: UserRow): UserInfo {
  return {
    userId: r.id,
    login: r.login,
    name: r.name,
    status: r.status,
    supervisorId: r.supervisorId,
    email: r.email,
    phone: r.phone,
    role: r.role,
    locale: r.locale === 'en' ? 'en' : 'zh-CN',
  };
}

/**
 * The directory over `db` (the store, or a transaction). With `remember`, user and team
 * look-ups are kept for its lifetime: a drain transaction, during which nobody else can change
 * users or teams. Open loads are always read (assignments change them).
 */
export function createDirectory(
  db: Repos,
  spec: () => AppSpec,
  opts: { remember?: boolean } = {},
): Directory {
  const memo = opts.remember ? new Map<string, unknown>() : null;
  /** Looks up `k` in the memo (when on) or reads; lists come back as fresh arrays. */
  const remember = async <T>(k: string, read: () => Promise<T>): Promise<T> => {
    if (!memo) return read();
    if (!memo.has(k)) memo.set(k, await read());
    const v = memo.get(k) as T;
    return (Array.isArray(v) ? [...v] : v) as T;
  };
  return {
    user: (ref) =>
      remember(`u\u0000${ref}`, async () => {
        const r = await db.users.byRef(ref);
        return r ? toUser(r) : null;
      }),
    // Members in a stable order (login) so round robin rotates predictably.
    teamMembers: (team) =>
      remember(`t\u0000${team}`, async () => (await db.users.teamMembers(team)).map(toUser)),
    teamLead: (team) =>
      remember(`l\u0000${team}`, async () => {
        const r = await db.users.teamLead(team);
        return r ? toUser(r) : null;
      }),
    usersWithRole: (role) =>
      remember(`r\u0000${role}`, async () => (await db.users.withRoles([role])).map(toUser)),
    openLoads(entity, userIds) {
      const closed = (getPipeline(spec(), entity)?.stages ?? [])
        .filter((st) => st.category === 'won' || st.category === 'lost')
        .map((st) => st.key);
      return db.assignment.openLoads(entity, closed, userIds);
    },
  };
}
