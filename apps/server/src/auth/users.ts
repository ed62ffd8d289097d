import type { StoreDb } from '@trellis/store';
import { keysetPage, newId, type Page } from '@trellis/store';
import type { Locale } from '../http/locale';
import type { CurrentUser } from '../types';

export type UserRow = {
  id: string;
  login: string;
  name: string;
  password_hash: string | null;
  role: string;
  supervisor_id: string | null;
  status: string;
  locale: string;
  email: string | null;
  phone: string | null;
  created_at: number;
  updated_at: number;
};

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

/** Users, teams and memberships over the store's system tables. */
export function usersRepo(db: StoreDb) {
  const s = db.sqlite;
  const teamsOf = (userId: string): string[] =>
    (
      s
        .prepare('SELECT team_key FROM memberships WHERE user_id = ? ORDER BY team_key')
        .all(userId) as { team_key: string }[]
    ).map((r) => r.team_key);
  const view = (row: UserRow): UserView => ({
    id: row.id,
    login: row.login,
    name: row.name,
    role: row.role,
    status: row.status,
    locale: row.locale,
    email: row.email,
    phone: row.phone,
    supervisorId: row.supervisor_id,
    teams: teamsOf(row.id),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  return {
    count: (): number => (s.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n,
    byLogin: (login: string) =>
      s.prepare('SELECT * FROM users WHERE login = ?').get(login) as UserRow | undefined,
    byId: (id: string) =>
      s.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined,
    teamsOf,
    view,
    list: (): UserView[] =>
      (s.prepare('SELECT * FROM users ORDER BY login').all() as UserRow[]).map(view),
    /** One page of users by login; null for a cursor of another list. */
    page: (q: { limit: number; cursor: string | null }): Page<UserView> | null => {
      const page = keysetPage<UserRow & Record<string, unknown>>(db, {
        from: 'users',
        keys: [
          { column: 'login', dir: 'asc', notNull: true },
          { column: 'id', dir: 'asc', notNull: true },
        ],
        limit: q.limit,
        cursor: q.cursor,
        signature: 'users',
      });
      return page && { items: page.items.map(view), nextCursor: page.nextCursor };
    },
    current(row: UserRow): CurrentUser {
      const locale = row.locale === 'en' || row.locale === 'zh-CN' ? (row.locale as Locale) : null;
      return {
        id: row.id,
        login: row.login,
        name: row.name,
        role: row.role,
        teams: teamsOf(row.id),
        locale,
        status: row.status,
      };
    },
    /** Inserts a user and its team memberships in one transaction; returns the new id. */
    insert(
      input: {
        login: string;
        name?: string;
        passwordHash: string | null;
        role: string;
        teams?: string[];
        supervisorId?: string | null;
        locale?: string;
        email?: string | null;
        phone?: string | null;
      },
      now: number,
    ): string {
      const id = newId();
      db.transaction(() => {
        s.prepare(
          'INSERT INTO users (id, login, name, password_hash, role, supervisor_id, status, locale, email, phone, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        ).run(
          id,
          input.login,
          input.name ?? input.login,
          input.passwordHash,
          input.role,
          input.supervisorId ?? null,
          'active',
          input.locale ?? 'zh-CN',
          input.email ?? null,
          input.phone ?? null,
          now,
          now,
        );
        for (const team of input.teams ?? [])
          s.prepare('INSERT INTO memberships (user_id, team_key, is_lead) VALUES (?, ?, 0)').run(
            id,
            team,
          );
      });
      return id;
    },
    setStatus: (id: string, status: 'active' | 'away' | 'disabled', now: number) =>
      s.prepare('UPDATE users SET status = ?, updated_at = ? WHERE id = ?').run(status, now, id)
        .changes > 0,
    update(
      id: string,
      patch: {
        name?: string;
        role?: string;
        locale?: string;
        supervisorId?: string | null;
        passwordHash?: string;
      },
      now: number,
    ): void {
      const sets: string[] = [];
      const params: unknown[] = [];
      const put = (col: string, v: unknown) => {
        sets.push(`${col} = ?`);
        params.push(v);
      };
      if (patch.name !== undefined) put('name', patch.name);
      if (patch.role !== undefined) put('role', patch.role);
      if (patch.locale !== undefined) put('locale', patch.locale);
      if (patch.supervisorId !== undefined) put('supervisor_id', patch.supervisorId);
      if (patch.passwordHash !== undefined) put('password_hash', patch.passwordHash);
      put('updated_at', now);
      s.prepare(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`).run(...params, id);
    },
    setTeams(id: string, teams: string[]): void {
      db.transaction(() => {
        s.prepare('DELETE FROM memberships WHERE user_id = ?').run(id);
        for (const team of teams)
          s.prepare('INSERT INTO memberships (user_id, team_key, is_lead) VALUES (?, ?, 0)').run(
            id,
            team,
          );
      });
    },
    teamExists: (key: string) =>
      s.prepare('SELECT 1 FROM teams WHERE key = ?').get(key) !== undefined,
    listTeams: () =>
      (
        s.prepare('SELECT key, label, parent_key, lead_user_id FROM teams ORDER BY key').all() as {
          key: string;
          label: string;
          parent_key: string | null;
          lead_user_id: string | null;
        }[]
      ).map((t) => ({
        key: t.key,
        label: safeJson(t.label),
        parentKey: t.parent_key,
        leadUserId: t.lead_user_id,
        members: (
          s.prepare('SELECT user_id FROM memberships WHERE team_key = ?').all(t.key) as {
            user_id: string;
          }[]
        ).map((m) => m.user_id),
      })),
    upsertTeam(team: { key: string; label: unknown; parentKey?: string | null }): void {
      s.prepare(
        'INSERT INTO teams (key, label, parent_key) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET label = excluded.label, parent_key = excluded.parent_key',
      ).run(team.key, JSON.stringify(team.label), team.parentKey ?? null);
    },
  };
}

export type UsersRepo = ReturnType<typeof usersRepo>;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
