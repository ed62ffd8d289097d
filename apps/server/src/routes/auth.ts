import type { Context, Hono } from 'hono';
import { deleteCookie, setCookie } from 'hono/cookie';
import { DUMMY_HASH, hashPassword, verifyPassword } from '../auth/password';
import { newPasswordErrors } from '../auth/password-policy';
import { SESSION_TTL_MS } from '../auth/sessions';
import type { ServerContext } from '../context';
import { SESSION_COOKIE, requireActor } from '../http/auth-middleware';
import { readObject } from '../http/body';
import { clientIp } from '../http/client-ip';
import { requestOrigin } from '../http/csrf';
import { HttpProblem } from '../http/problem';
import type { AppEnv } from '../types';
import { ADMIN_ROLE } from '@trellis/engine';
import { workbenchOf } from '@trellis/spec';

function str(body: Record<string, unknown>, key: string, max = 200): string {
  const v = body[key];
  if (typeof v !== 'string' || v.length === 0)
    throw new HttpProblem(422, 'validation', {}, [
      { path: `/${key}`, code: 'required', message: '' },
    ]);
  if (v.length > max)
    throw new HttpProblem(422, 'validation', {}, [
      { path: `/${key}`, code: 'too_long', message: '' },
    ]);
  return v;
}

/** Login, logout, current user and first-run admin creation. */
export function registerAuthRoutes(app: Hono<AppEnv>, ctx: ServerContext): void {
  const secure = (c: Parameters<typeof requestOrigin>[0]) =>
    requestOrigin(c, ctx.options.trustProxy ?? false).startsWith('https:');

  const startSession = async (c: Context<AppEnv>, userId: string) => {
    const session = await ctx.sessions.create(userId, ctx.now(), {
      ip: clientIp(c, ctx.options.trustProxy ?? false),
      userAgent: c.req.header('user-agent') ?? null,
    });
    setCookie(c, SESSION_COOKIE, session.token, {
      httpOnly: true,
      sameSite: 'Lax',
      secure: secure(c),
      path: '/',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
  };

  app.post('/api/v1/auth/login', async (c) => {
    const { body } = await readObject(c);
    const login = str(body, 'login');
    const password = str(body, 'password', 1000);
    const ip = clientIp(c, ctx.options.trustProxy ?? false);
    const key = `${ip}|${login.toLowerCase()}`;
    // Per IP+login against guessing one password, per IP against trying many logins.
    const gate = await ctx.loginLimiter.hit(key, ctx.now());
    const ipGate = await ctx.loginIpLimiter.check(ip, ctx.now());
    const blocked = !gate.ok ? gate : !ipGate.ok ? ipGate : null;
    if (blocked)
      throw new HttpProblem(429, 'rate_limited', { seconds: blocked.retryAfterSec }, [], {
        'retry-after': String(blocked.retryAfterSec),
      });
    const row = await ctx.users.byLogin(login);
    // Verify against a dummy hash for unknown logins so timing does not reveal which exist.
    const ok = await verifyPassword(password, row?.passwordHash ?? DUMMY_HASH);
    // A disabled account answers like a wrong password: the answer never tells a guesser that
    // the password was right (the admin who disabled it tells the person).
    if (!row || !ok || row.status === 'disabled') {
      await ctx.loginIpLimiter.hit(ip, ctx.now());
      throw new HttpProblem(401, 'invalid_credentials');
    }
    await ctx.loginLimiter.reset(key);
    await startSession(c, row.id);
    return c.json({ user: await ctx.users.view(row) });
  });

  app.post('/api/v1/auth/logout', async (c) => {
    const id = c.get('sessionId');
    if (id) await ctx.sessions.remove(id);
    deleteCookie(c, SESSION_COOKIE, { path: '/' });
    return c.body(null, 204);
  });

  app.get('/api/v1/me', async (c) => {
    const actor = requireActor(c);
    const user = c.get('user');
    const spec = await ctx.spec();
    const role = spec?.roles?.find((r) => r.key === actor.role);
    const capabilities = (
      [
        'build',
        'export',
        'import',
        'reassign',
        'viewReports',
        'manageUsers',
        'manageAutomations',
        'manageIntake',
        'monitor',
      ] as const
    ).filter((cap) => ctx.engine.permissions.hasCapability(actor, cap));
    const entities = Object.fromEntries(
      (spec?.entities ?? []).map((e) => [
        e.key,
        {
          create: ctx.engine.permissions.can(actor, 'create', e.key),
          read: ctx.engine.permissions.scope(actor, 'read', e.key),
          update: ctx.engine.permissions.scope(actor, 'update', e.key),
          delete: ctx.engine.permissions.scope(actor, 'delete', e.key),
          visibleFields: ctx.engine.permissions.visibleFields(actor, e.key),
          writableFields: ctx.engine.permissions.writableFields(actor, e.key),
        },
      ]),
    );
    return c.json({
      user: user ? await ctx.users.view((await ctx.users.byId(user.id))!) : null,
      actor: { kind: actor.kind, role: actor.role ?? null, teams: actor.teams ?? [] },
      via: c.get('authVia'),
      role: role
        ? { key: role.key, label: role.label, workbench: workbenchOf(spec!, role) }
        : { key: actor.role ?? null },
      capabilities,
      entities,
    });
  });

  // The signed-in user changes their own password (the current one proves it is them) or locale.
  app.post('/api/v1/me/password', async (c) => {
    const actor = requireActor(c);
    const row = actor.userId ? await ctx.users.byId(actor.userId) : undefined;
    if (!row || c.get('authVia') !== 'session') throw new HttpProblem(403, 'forbidden');
    const { body } = await readObject(c);
    const current = str(body, 'current', 1000);
    const next = str(body, 'password', 1000);
    const weak = await newPasswordErrors(next, { login: row.login });
    if (weak.length > 0) throw new HttpProblem(422, 'validation', {}, weak);
    if (!(await verifyPassword(current, row.passwordHash)))
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/current', code: 'invalid_credentials', message: '' },
      ]);
    await ctx.users.update(row.id, { passwordHash: await hashPassword(next) }, ctx.now());
    // Every other session of this user ends; this one continues.
    await ctx.sessions.removeForUser(row.id, c.get('sessionId') ?? undefined);
    return c.body(null, 204);
  });

  app.patch('/api/v1/me', async (c) => {
    const actor = requireActor(c);
    if (!actor.userId) throw new HttpProblem(403, 'forbidden');
    const { body } = await readObject(c);
    if (body.locale !== undefined && body.locale !== 'zh-CN' && body.locale !== 'en')
      throw new HttpProblem(422, 'validation', {}, [
        { path: '/locale', code: 'invalid_value', message: '', params: { reason: 'zh-CN | en' } },
      ]);
    await ctx.users.update(
      actor.userId,
      {
        ...(typeof body.name === 'string' && body.name.trim()
          ? { name: body.name.slice(0, 100) }
          : {}),
        ...(body.locale ? { locale: body.locale as string } : {}),
      },
      ctx.now(),
    );
    return c.json({ user: await ctx.users.view((await ctx.users.byId(actor.userId))!) });
  });

  // First-run setup: creates the first admin when there is no user at all.
  app.get('/api/v1/setup', async (c) => c.json({ needed: (await ctx.users.count()) === 0 }));
  app.post('/api/v1/setup', async (c) => {
    const { body } = await readObject(c);
    const login = str(body, 'login', 64);
    const password = str(body, 'password', 1000);
    const weak = await newPasswordErrors(password, { login });
    if (weak.length > 0) throw new HttpProblem(422, 'validation', {}, weak);
    if ((await ctx.users.count()) > 0) throw new HttpProblem(409, 'setup_done');
    const id = await ctx.users.insert(
      {
        login,
        name: typeof body.name === 'string' ? body.name.slice(0, 100) : login,
        passwordHash: await hashPassword(password),
        role: ADMIN_ROLE,
      },
      ctx.now(),
    );
    await startSession(c, id);
    return c.json({ user: await ctx.users.view((await ctx.users.byId(id))!) }, 201);
  });
}
