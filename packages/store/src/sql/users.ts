import type { SqlDialectName } from '@trellis/logic';
import { keysetPage } from './keyset-page';
import type { UserRepo, UserRow, UserStatus } from '../api/users';
import { fromNum, marks, type Row, type SqlExec } from './exec';

const COLS =
  'id, login, name, password_hash, role, supervisor_id, status, locale, email, phone, created_at, updated_at';
const U_COLS = COLS.split(', ')
  .map((c) => `u.${c}`)
  .join(', ');

function toUser(r: Row): UserRow {
  const status = r.status === 'away' || r.status === 'disabled' ? r.status : 'active';
  return {
    id: String(r.id),
    login: String(r.login),
    name: String(r.name),
    passwordHash: (r.password_hash as string | null) ?? null,
    role: String(r.role),
    supervisorId: (r.supervisor_id as string | null) ?? null,
    status: status as UserStatus,
    locale: String(r.locale ?? 'zh-CN'),
    email: (r.email as string | null) ?? null,
    phone: (r.phone as string | null) ?? null,
    createdAt: fromNum(r.created_at),
    updatedAt: fromNum(r.updated_at),
  };
}

const PATCH_COLUMNS = [
  ['name', 'name'],
  ['role', 'role'],
  ['locale', 'locale'],
  ['supervisorId', 'supervisor_id'],
  ['passwordHash', 'password_hash'],
  ['email', 'email'],
  ['phone', 'phone'],
] as const;

/** The advisory lock key of `holdManagers` (any bigint no other lock of the store uses). */
const MANAGERS_LOCK = 7_311_015;

/** users and memberships over portable SQL; `inTx` runs the multi-statement writes atomically. */
export function userRepo(
  x: SqlExec,
  inTx: <T>(fn: (x: SqlExec) => Promise<T>) => Promise<T>,
  dialect: SqlDialectName,
): UserRepo {
  const one = async (sql: string, params: unknown[]) => {
    const r = await x.get(sql, params);
    return r ? toUser(r) : null;
  };
  return {
    async count() {
      return fromNum((await x.get('SELECT count(*) AS n FROM users'))?.n ?? 0);
    },
    byId: (id) => one(`SELECT ${COLS} FROM users WHERE id = ?`, [id]),
    byLogin: (login) => one(`SELECT ${COLS} FROM users WHERE login = ?`, [login]),
    async byRef(ref) {
      return (
        (await one(`SELECT ${COLS} FROM users WHERE id = ?`, [ref])) ??
        (await one(`SELECT ${COLS} FROM users WHERE login = ?`, [ref]))
      );
    },
    page(page) {
      return keysetPage(x, {
        select: COLS,
        from: 'users',
        keys: [
          { column: 'login', dir: 'asc', notNull: true },
          { column: 'id', dir: 'asc', notNull: true },
        ],
        page,
        signature: 'users',
        map: toUser,
      });
    },
    async list() {
      return (await x.all(`SELECT ${COLS} FROM users ORDER BY login`)).map(toUser);
    },
    async holdManagers() {
      if (dialect === 'postgres') await x.run('SELECT pg_advisory_xact_lock(?)', [MANAGERS_LOCK]);
    },
    async withRoles(roles, status) {
      if (roles.length === 0) return [];
      const rows = await x.all(
        `SELECT ${COLS} FROM users WHERE role IN (${marks(roles.length)})${status ? ' AND status = ?' : ''} ORDER BY login`,
        status ? [...roles, status] : [...roles],
      );
      return rows.map(toUser);
    },
    async insert(u, now) {
      await inTx(async (t) => {
        await t.run(`INSERT INTO users (${COLS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
          u.id,
          u.login,
          u.name ?? u.login,
          u.passwordHash,
          u.role,
          u.supervisorId ?? null,
          u.status ?? 'active',
          u.locale ?? 'zh-CN',
          u.email ?? null,
          u.phone ?? null,
          now,
          now,
        ]);
        for (const team of u.teams ?? [])
          await t.run('INSERT INTO memberships (user_id, team_key, is_lead) VALUES (?, ?, 0)', [
            u.id,
            team,
          ]);
      });
    },
    async update(id, patch, now) {
      const sets: string[] = [];
      const params: unknown[] = [];
      for (const [key, col] of PATCH_COLUMNS) {
        if (patch[key] === undefined) continue;
        sets.push(`${col} = ?`);
        params.push(patch[key]);
      }
      sets.push('updated_at = ?');
      params.push(now);
      const r = await x.run(`UPDATE users SET ${sets.join(', ')} WHERE id = ?`, [...params, id]);
      return r.changes > 0;
    },
    async setStatus(id, status, now) {
      const r = await x.run('UPDATE users SET status = ?, updated_at = ? WHERE id = ?', [
        status,
        now,
        id,
      ]);
      return r.changes > 0;
    },
    async teamsOf(id) {
      const rows = await x.all(
        'SELECT team_key FROM memberships WHERE user_id = ? ORDER BY team_key',
        [id],
      );
      return rows.map((r) => String(r.team_key));
    },
    async setTeams(id, teams) {
      await inTx(async (t) => {
        await t.run('DELETE FROM memberships WHERE user_id = ?', [id]);
        for (const team of teams)
          await t.run('INSERT INTO memberships (user_id, team_key, is_lead) VALUES (?, ?, 0)', [
            id,
            team,
          ]);
      });
    },
    async setTeamLead(id, team, lead) {
      await x.run('UPDATE memberships SET is_lead = ? WHERE user_id = ? AND team_key = ?', [
        lead ? 1 : 0,
        id,
        team,
      ]);
    },
    async teamMembers(team) {
      const rows = await x.all(
        `SELECT ${U_COLS} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_key = ? ORDER BY u.login`,
        [team],
      );
      return rows.map(toUser);
    },
    async teamLead(team) {
      const byTeam = await x.get(
        `SELECT ${U_COLS} FROM teams t JOIN users u ON u.id = t.lead_user_id WHERE t.key = ?`,
        [team],
      );
      if (byTeam) return toUser(byTeam);
      const member = await x.get(
        `SELECT ${U_COLS} FROM memberships m JOIN users u ON u.id = m.user_id WHERE m.team_key = ? AND m.is_lead = 1 ORDER BY u.login LIMIT 1`,
        [team],
      );
      return member ? toUser(member) : null;
    },
  };
}
