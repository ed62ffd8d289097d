import type { Hono } from 'hono';
import { hashPassword } from '../auth/password';
import { newPasswordErrors } from '../auth/password-policy';
import type { ServerContext } from '../context';
import { requireActor, tokenRoleAllowed } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { invalidCursor, parsePage } from '../http/paging';
import { HttpProblem } from '../http/problem';
import type { ProblemError } from '../http/problem';
import type { Actor, AppEnv } from '../types';
import type { UserStatus } from '@trellis/store';
import { ADMIN_ROLE, createPermissions, leavesNoUserManager } from '@trellis/engine';
import type { MemberChange } from '@trellis/engine';

function requireManageUsers(ctx: ServerContext, actor: Actor): void {
  if (!ctx.engine.permissions.hasCapability(actor, 'manageUsers'))
    throw new HttpProblem(403, 'forbidden');
}

/** Validates the role and teams of a user or token against the live spec. */
async function checkRoleAndTeams(
  ctx: ServerContext,
  role: unknown,
  teams: unknown,
  errors: ProblemError[],
): Promise<{ role?: string; teams?: string[] }> {
  const out: { role?: string; teams?: string[] } = {};
  if (role !== undefined) {
    const known =
      role === ADMIN_ROLE || ((await ctx.spec())?.roles ?? []).some((r) => r.key === role);
    if (typeof role !== 'string' || !known)
      errors.push({
        path: '/role',
        code: 'unknown_role',
        message: '',
        params: { role: String(role).slice(0, 64) },
      });
    else out.role = role;
  }
  if (teams !== undefined) {
    if (!Array.isArray(teams) || teams.some((t) => typeof t !== 'string'))
      errors.push({
        path: '/teams',
        code: 'invalid_value',
        message: '',
        params: { reason: 'teams' },
      });
    else {
      // Awaited one by one: a forEach(async …) would report nothing before the answer.
      for (const [i, t] of (teams as string[]).entries())
        if (!(await ctx.users.teamExists(t)))
          errors.push({
            path: `/teams/${i}`,
            code: 'unknown_team',
            message: '',
            params: { team: t.slice(0, 64) },
          });
      out.teams = teams as string[];
    }
  }
  return out;
}

/**
 * Validates a supervisor: a known person other than `self`, never one who already reports
 * (directly or not) to `self` (a cycle would make "my team's supervisor" endless). `null`
 * clears it; `undefined` leaves it unchanged.
 */
async function checkSupervisor(
  ctx: ServerContext,
  value: unknown,
  self: string | null,
  errors: ProblemError[],
): Promise<string | null | undefined> {
  if (value === undefined || value === null) return value;
  const problem = (code: string, params: Record<string, unknown> = {}) => {
    errors.push({ path: '/supervisorId', code, message: '', params });
    return undefined;
  };
  if (typeof value !== 'string') return problem('invalid_value', { reason: 'supervisorId' });
  if (value === self) return problem('supervisor_loop');
  const seen = new Set<string>();
  for (let id: string | null = value; id !== null && !seen.has(id);) {
    seen.add(id);
    const row = await ctx.users.byId(id);
    if (!row)
      return id === value ? problem('unknown_supervisor', { id: value.slice(0, 64) }) : value;
    if (self !== null && row.supervisorId === self) return problem('supervisor_loop');
    id = row.supervisorId ?? null;
  }
  return value;
}

/**
 * The 409 of a change that would leave nobody active who can manage users (the engine's rule),
 * under `path` (null: the leave routes, which have no such field).
 */
function lastUserManager(name: string, path: string | null): HttpProblem {
  return new HttpProblem(
    409,
    'last_user_manager',
    { name },
    path === null ? [] : [{ path, code: 'last_user_manager', message: '', params: { name } }],
  );
}

/**
 * Refuses (409) ahead of a change the rule would refuse: the leave routes ask before anything
 * moves (the person's deactivation afterwards goes through `changeUser`, which asks again).
 */
export async function guardLastUserManager(
  ctx: ServerContext,
  row: { id: string; name: string },
  change: MemberChange,
  path: string | null,
): Promise<void> {
  // The live spec read now: the engine's role model holds the last spec it loaded, none yet in
  // a process that has served nothing (it would count the admins only).
  const permissions = createPermissions((await ctx.spec()) ?? { entities: [] });
  const members = await ctx.store.users.list();
  if (leavesNoUserManager(permissions, members, row.id, change))
    throw lastUserManager(row.name, path);
}

/** Users, teams and API tokens (capability manageUsers). */
export function registerUserRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  app.get('/api/v1/users', async (c) => {
    const actor = requireActor(c);
    // Everyone signed in may see the directory (to assign and mention); contact details only
    // those who manage users.
    const page = await ctx.users.page(parsePage(ctx, c));
    if (!page) throw invalidCursor();
    const { items, nextCursor } = page;
    if (ctx.engine.permissions.hasCapability(actor, 'manageUsers'))
      return c.json({ items, nextCursor });
    return c.json({
      items: items.map(({ email: _email, phone: _phone, ...shown }) => shown),
      nextCursor,
    });
  });

  app.post('/api/v1/users', async (c) => {
    const actor = requireActor(c);
    requireManageUsers(ctx, actor);
    const { body } = await readObject(c);
    const errors: ProblemError[] = [];
    const login =
      typeof body.login === 'string' && /^[A-Za-z0-9._@-]{2,64}$/.test(body.login)
        ? body.login
        : null;
    if (!login)
      errors.push({
        path: '/login',
        code: 'invalid_value',
        message: '',
        params: { reason: 'login' },
      });
    else if (await ctx.users.byLogin(login))
      errors.push({ path: '/login', code: 'login_taken', message: '', params: { login } });
    const password = typeof body.password === 'string' ? body.password : '';
    errors.push(...(await newPasswordErrors(body.password, login ? { login } : {})));
    if (body.role === undefined) errors.push({ path: '/role', code: 'required', message: '' });
    const checked = await checkRoleAndTeams(ctx, body.role, body.teams, errors);
    const supervisorId = await checkSupervisor(ctx, body.supervisorId, null, errors);
    if (errors.length > 0 || !login || !checked.role)
      throw new HttpProblem(422, 'validation', {}, errors);
    const id = await ctx.users.insert(
      {
        login,
        name: typeof body.name === 'string' ? body.name.slice(0, 100) : login,
        passwordHash: await hashPassword(password),
        role: checked.role,
        teams: checked.teams ?? [],
        supervisorId: supervisorId ?? null,
        locale: body.locale === 'en' ? 'en' : 'zh-CN',
        email: typeof body.email === 'string' ? body.email.slice(0, 200) : null,
        phone: typeof body.phone === 'string' ? body.phone.slice(0, 40) : null,
      },
      ctx.now(),
    );
    return c.json(await ctx.users.view((await ctx.users.byId(id))!), 201);
  });

  app.patch('/api/v1/users/:id', async (c) => {
    const actor = requireActor(c);
    requireManageUsers(ctx, actor);
    const row = await ctx.users.byId(c.req.param('id'));
    if (!row) throw new HttpProblem(404, 'not_found');
    const { body } = await readObject(c);
    const errors: ProblemError[] = [];
    const checked = await checkRoleAndTeams(ctx, body.role, body.teams, errors);
    const supervisorId = await checkSupervisor(ctx, body.supervisorId, row.id, errors);
    const status = body.status;
    if (status !== undefined && status !== 'active' && status !== 'away' && status !== 'disabled')
      errors.push({
        path: '/status',
        code: 'invalid_value',
        message: '',
        params: { reason: 'status' },
      });
    if (body.password !== undefined)
      errors.push(...(await newPasswordErrors(body.password, { login: row.login })));
    if (errors.length > 0) throw new HttpProblem(422, 'validation', {}, errors);
    // The rule and every write in one transaction: nothing half-written, and two requests
    // demoting the last two people who manage users cannot both pass.
    const changed = await ctx.changeUser(
      row.id,
      {
        ...(typeof body.name === 'string' ? { name: body.name.slice(0, 100) } : {}),
        ...(checked.role ? { role: checked.role } : {}),
        ...(checked.teams ? { teams: checked.teams } : {}),
        ...(status ? { status: status as UserStatus } : {}),
        ...(supervisorId !== undefined ? { supervisorId } : {}),
        ...(body.locale === 'en' || body.locale === 'zh-CN' ? { locale: body.locale } : {}),
        ...(typeof body.password === 'string'
          ? { passwordHash: await hashPassword(body.password) }
          : {}),
      },
      ctx.now(),
    );
    if (!changed.ok && changed.code === 'not_found') throw new HttpProblem(404, 'not_found');
    if (!changed.ok)
      throw lastUserManager(
        changed.name,
        status === 'disabled' || checked.role === undefined ? '/status' : '/role',
      );
    return c.json(await ctx.users.view((await ctx.users.byId(row.id))!));
  });

  app.get('/api/v1/teams', async (c) => {
    requireActor(c);
    return c.json({ items: await ctx.users.listTeams() });
  });

  app.get('/api/v1/tokens', async (c) => {
    requireManageUsers(ctx, requireActor(c));
    return c.json({ items: await ctx.tokens.list() });
  });

  app.post('/api/v1/tokens', async (c) => {
    const actor = requireActor(c);
    requireManageUsers(ctx, actor);
    const { body } = await readObject(c);
    const errors: ProblemError[] = [];
    const name =
      typeof body.name === 'string' && body.name.trim() !== '' ? body.name.slice(0, 100) : null;
    if (!name) errors.push({ path: '/name', code: 'required', message: '' });
    const checked = await checkRoleAndTeams(ctx, body.role, undefined, errors);
    if (body.role === undefined) errors.push({ path: '/role', code: 'required', message: '' });
    const userId = typeof body.userId === 'string' ? body.userId : null;
    const owner = userId ? await ctx.users.byId(userId) : null;
    if (userId && !owner)
      errors.push({
        path: '/userId',
        code: 'invalid_value',
        message: '',
        params: { reason: 'userId' },
      });
    // A token bound to a user acts as that user: never with a role the user does not hold.
    else if (owner && checked.role && !tokenRoleAllowed(checked.role, owner.role))
      errors.push({
        path: '/role',
        code: 'invalid_value',
        message: '',
        params: { reason: `the token's user holds the role ${owner.role}` },
      });
    if (errors.length > 0 || !name || !checked.role)
      throw new HttpProblem(422, 'validation', {}, errors);
    const issued = await ctx.tokens.issue(
      { name, role: checked.role, userId, createdBy: actor.userId ?? null },
      ctx.now(),
    );
    // The token is shown once; only its hash is stored.
    return c.json({ ...issued.view, token: issued.token }, 201);
  });

  app.delete('/api/v1/tokens/:id', async (c) => {
    requireManageUsers(ctx, requireActor(c));
    if (!(await ctx.tokens.revoke(c.req.param('id'), ctx.now())))
      throw new HttpProblem(404, 'not_found');
    return c.body(null, 204);
  });
}
