import type {
  NewUser,
  Page,
  PageRequest,
  Repos,
  UserPatch,
  UserRow,
  UserStatus,
} from '@trellis/store';
import { newId } from '@trellis/store';
import type { Locale } from '../http/locale';
import type { CurrentUser } from '../types';

export type { UserRow };

/** The public view of a user (never the password hash). */
export type UserView = {
  id: string;
  login: string;
  name: string;
  role: string;
  status: string;
  locale: string;
  email: string | null;
  phone: string | null;
  supervisorId: string | null;
  teams: string[];
  createdAt: number;
  updatedAt: number;
};

/** Users, teams and memberships over the store, as the server's routes use them. */
export function usersRepo(store: Repos) {
  const view = async (row: UserRow): Promise<UserView> => ({
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    status: row.status,
    locale: row.locale,
    email: row.email,
    phone: row.phone,
    supervisorId: row.supervisorId,
    teams: await store.users.teamsOf(row.id),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  });
  return {
    count: () => store.users.count(),
    byLogin: (login: string) => store.users.byLogin(login),
    byId: (id: string) => store.users.byId(id),
    teamsOf: (id: string) => store.users.teamsOf(id),
    view,
    list: async (): Promise<UserView[]> =>
      Promise.all((await store.users.list()).map((row) => view(row))),
    /** One page of users by login; null for a cursor of another list. */
    page: async (q: PageRequest): Promise<Page<UserView> | null> => {
      const page = await store.users.page(q);
      return (
        page && { items: await Promise.all(page.items.map(view)), nextCursor: page.nextCursor }
      );
    },
    async current(row: UserRow): Promise<CurrentUser> {
      const locale = row.locale === 'en' || row.locale === 'zh-CN' ? (row.locale as Locale) : null;
      return {
        id: row.id,
        login: row.login,
        name: row.name,
        role: row.role,
        teams: await store.users.teamsOf(row.id),
        locale,
        status: row.status,
      };
    },
    /** Inserts a user and its team memberships in one transaction; returns the new id. */
    async insert(input: Omit<NewUser, 'id'>, now: number): Promise<string> {
      const id = newId();
      await store.users.insert({ ...input, id }, now);
      return id;
    },
    setStatus: (id: string, status: UserStatus, now: number) =>
      store.users.setStatus(id, status, now),
    update: (id: string, patch: UserPatch, now: number) => store.users.update(id, patch, now),
    setTeams: (id: string, teams: string[]) => store.users.setTeams(id, teams),
    teamExists: (key: string) => store.teams.exists(key),
    listTeams: () => store.teams.list(),
    upsertTeam: (team: { key: string; label: unknown; parentKey?: string | null }) =>
      store.teams.upsert(team),
  };
}

export type UsersRepo = ReturnType<typeof usersRepo>;
