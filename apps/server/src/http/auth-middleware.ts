import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { ServerContext } from '../context';
import type { AppEnv, CurrentUser } from '../types';
import { HttpProblem, localeOf } from './problem';
import { ADMIN_ROLE } from '@trellis/engine';

export const SESSION_COOKIE = 'trellis_session';

/**
 * Resolves who is calling: a Bearer API token (acting with the token's role) or the session
 * cookie. Sets `actor`, `user`, `authVia`; never refuses by itself (routes call `requireUser`).
 */
export function authMiddleware(ctx: ServerContext): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    c.set('actor', null);
    c.set('user', null);
    c.set('authVia', 'none');
    c.set('sessionId', null);
    // The role model answers for the spec the engine read last: read it now, for this request.
    await ctx.spec();
    const locale = localeOf(c);
    const now = ctx.now();
    const bearer = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
    if (bearer) {
      const token = await ctx.tokens.resolve(bearer, now);
      if (!token)
        throw new HttpProblem(401, 'unauthenticated', {}, [], {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
      const row = token.userId ? await ctx.users.byId(token.userId) : null;
      if (row && row.status === 'disabled') throw new HttpProblem(401, 'account_disabled');
      // A user-bound token never acts with more than its user holds now: after the user's role
      // changed (a demotion), a token issued with another role stops working.
      if (token.userId && (!row || !tokenRoleAllowed(token.role, row.role)))
        throw new HttpProblem(401, 'unauthenticated', {}, [], {
          'www-authenticate': 'Bearer error="invalid_token"',
        });
      // The user's teams are read once, for the actor and the current user alike.
      const user = row ? await ctx.users.current(row) : null;
      c.set('actor', {
        kind: 'token',
        role: token.role,
        teams: user ? user.teams : [],
        locale,
        ...(row ? { userId: row.id } : {}),
      });
      c.set('authVia', 'token');
      if (user) c.set('user', { ...user, role: token.role });
      return next();
    }
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) {
      const session = await ctx.sessions.resolve(cookie, now);
      const row = session ? await ctx.users.byId(session.userId) : null;
      if (session && row && row.status !== 'disabled') {
        const user: CurrentUser = await ctx.users.current(row);
        c.set('user', user);
        c.set('actor', {
          kind: 'user',
          userId: user.id,
          role: user.role,
          teams: user.teams,
          locale,
        });
        c.set('authVia', 'session');
        c.set('sessionId', session.id);
      }
    }
    return next();
  };
}

/** Whether a token bound to a user of `userRole` may act as `tokenRole` (the same, or any for admin). */
export function tokenRoleAllowed(tokenRole: string, userRole: string): boolean {
  return tokenRole === userRole || userRole === ADMIN_ROLE;
}

/** The signed-in caller, or a 401 problem. */
export function requireActor(c: { get(key: 'actor'): AppEnv['Variables']['actor'] }) {
  const actor = c.get('actor');
  if (!actor) throw new HttpProblem(401, 'unauthenticated');
  return actor;
}
